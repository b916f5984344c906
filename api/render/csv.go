package render

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/lumbung/lumbung/ledger"
)

// Reports as CSV, for the treasurer's spreadsheet. Every report's CSV is
// written through Sheet, so the rules below hold for all of them:
//
//   - UTF-8 with a byte order mark, so that Excel reads "Simpanan sukarela
//     Siti Aisyah" as UTF-8 instead of the machine's code page;
//   - CRLF line ends, as RFC 4180 and Excel expect;
//   - a comma between cells, or a semicolon where the spreadsheet takes the
//     comma as its decimal mark (Indonesian, and most of Europe), and then
//     optionally amounts with a comma decimal mark ("1250,50");
//   - text cells that a spreadsheet would run as a formula are defused with
//     a leading quote; number cells are never touched, so -500 stays a
//     number.

// csvBOM is the UTF-8 byte order mark.
const csvBOM = "\uFEFF"

// CSVStyle is how a CSV separates cells and writes amounts.
type CSVStyle struct {
	semicolon    bool // cells separated by ';' instead of ','
	decimalComma bool // amounts written "1250,50"; only with semicolon
}

// ParseCSVStyle reads the delimiter and decimal query parameters; empty
// means the default (comma, point). Errors: KindInvalid naming the field.
func ParseCSVStyle(delimiter, decimal string) (CSVStyle, error) {
	var st CSVStyle
	switch delimiter {
	case "", "comma":
	case "semicolon":
		st.semicolon = true
	default:
		return CSVStyle{}, ledger.InvalidField("request.delimiter", "delimiter", "comma or semicolon")
	}
	switch decimal {
	case "", "point":
	case "comma":
		if !st.semicolon {
			return CSVStyle{}, ledger.InvalidField("request.decimal", "decimal",
				"a comma decimal mark needs delimiter=semicolon: between comma-separated cells 1250,50 would read as two cells")
		}
		st.decimalComma = true
	default:
		return CSVStyle{}, ledger.InvalidField("request.decimal", "decimal", "point or comma")
	}
	return st, nil
}

// cell is one CSV cell: text, or a number the sheet writes in its style.
type cell struct {
	value  string
	number bool
}

// textCell is a cell of text: a name, a memo, a kind, a code, a date.
func textCell(s string) cell { return cell{value: s} }

// amountCell is a cell holding an amount in a currency, in the wire form
// FormatMinor gives ("150000", "-500", "1250.50").
func amountCell(minor int64, cur ledger.Currency) cell {
	return cell{value: ledger.FormatMinor(minor, cur), number: true}
}

// countCell is a cell holding a whole number: loans, women, a sequence.
func countCell[N int | int64](n N) cell {
	return cell{value: strconv.FormatInt(int64(n), 10), number: true}
}

// ratioCell is a cell holding a Ratio with four decimal places.
func ratioCell(f float64) cell { return cell{value: Ratio(f), number: true} }

// blankCell is an empty cell.
var blankCell = cell{}

// formulaPrefixes are the first characters that make a spreadsheet read a
// cell as a formula (or, for tab and carriage return, hide one): a memo
// typed as =HYPERLINK(...) must reach the treasurer as text, not as a link
// that sends her data elsewhere.
const formulaPrefixes = "=+-@\t\r"

// defuse makes a text cell safe to open in a spreadsheet: text that begins
// like a formula gets a leading single quote, which spreadsheets take as
// "this is text".
func defuse(s string) string {
	if s != "" && strings.IndexByte(formulaPrefixes, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Sheet writes one CSV document in a style.
type Sheet struct {
	style CSVStyle
	buf   bytes.Buffer
	w     *csv.Writer
	row   []string // reused between rows
}

func newCSVSheet(style CSVStyle) *Sheet {
	s := &Sheet{style: style}
	s.buf.WriteString(csvBOM)
	s.w = csv.NewWriter(&s.buf)
	s.w.UseCRLF = true
	if style.semicolon {
		s.w.Comma = ';'
	}
	return s
}

// write adds one row. Text is defused; numbers get the style's decimal mark.
func (s *Sheet) write(cells ...cell) {
	s.row = s.row[:0]
	for _, c := range cells {
		v := c.value
		switch {
		case c.number && s.style.decimalComma:
			v = strings.Replace(v, ".", ",", 1)
		case !c.number:
			v = defuse(v)
		}
		s.row = append(s.row, v)
	}
	// Writes go to a bytes.Buffer, which does not fail; Flush in bytes
	// reports any error the csv package keeps.
	_ = s.w.Write(s.row)
}

// header adds a row of column names.
func (s *Sheet) header(names ...string) {
	cells := make([]cell, len(names))
	for i, n := range names {
		cells[i] = textCell(n)
	}
	s.write(cells...)
}

// bytes returns the document.
func (s *Sheet) Bytes() ([]byte, error) {
	s.w.Flush()
	if err := s.w.Error(); err != nil {
		return nil, err
	}
	return s.buf.Bytes(), nil
}
