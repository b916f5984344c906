package imports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/lumbung/lumbung/ledger"
)

// Format is how a file is written.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Limits on a file. A cooperative of a few thousand members fits; a file
// past them is better split than left to hold a transaction for long.
const (
	rowsMax      = 2000 // data rows, the header not counted
	cellBytesMax = 200  // the longest free text a record takes
)

// table is a file's cells: its header and its data rows, each cell
// trimmed, with the decimal comma rule of the file.
type table struct {
	header       []string
	rows         [][]string
	decimalComma bool // ';' files write 1.250.000,50
	serialDates  bool // xlsx dates may be day numbers
}

// errTable is a file that cannot be read as a table at all.
func errTable(reason string, args ...any) error {
	return ledger.InvalidField("import.unreadable", "file", reason, args...)
}

// readTable reads content in its format into a table.
func readTable(content []byte, f Format) (table, error) {
	var rows [][]string
	t := table{}
	switch f {
	case CSV:
		var err error
		if rows, t.decimalComma, err = readCSV(content); err != nil {
			return table{}, err
		}
	case XLSX:
		var err error
		if rows, err = readXLSX(content); err != nil {
			return table{}, err
		}
		t.serialDates = true
	default:
		return table{}, ledger.InvalidField("import.invalid", "Content-Type", "text/csv or %s", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	for len(rows) > 0 && blank(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	if len(rows) < 2 {
		return table{}, errTable("a header row and at least one row below it")
	}
	if len(rows)-1 > rowsMax {
		return table{}, errTable("at most %d rows below the header; split the file", rowsMax)
	}
	for i, r := range rows {
		for j := range r {
			r[j] = strings.TrimSpace(r[j])
		}
		rows[i] = r
	}
	t.header, t.rows = rows[0], rows[1:]
	return t, nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readCSV reads a CSV file, taking ';' as its separator when its first
// line has one (Excel in an Indonesian locale writes so, with decimal
// commas), ',' otherwise. A byte order mark, which Excel writes, is
// skipped.
func readCSV(content []byte) ([][]string, bool, error) {
	content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(content) {
		return nil, false, errTable("text in UTF-8; save the sheet as CSV UTF-8")
	}
	first, _, _ := bytes.Cut(content, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(content))
	r.Comma = ','
	semicolon := bytes.Contains(first, []byte(";"))
	if semicolon {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, false, errTable("not CSV at line %d", perr.Line)
		}
		if err != nil {
			return nil, false, err
		}
		if len(rows) > rowsMax+1 {
			return nil, false, errTable("at most %d rows below the header; split the file", rowsMax)
		}
		rows = append(rows, rec)
	}
	return rows, semicolon, nil
}

// readXLSX reads the first sheet of a workbook, each cell's value as
// stored rather than as shown, so that 1250000 shown as "Rp1.250.000" is
// read as its number and a date as its day number.
func readXLSX(content []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(content))
	if err != nil {
		return nil, errTable("not an .xlsx workbook")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errTable("a header row and at least one row below it")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, errTable("not an .xlsx workbook")
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		if len(out) > rowsMax+1 {
			return nil, errTable("at most %d rows below the header; split the file", rowsMax)
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, errTable("not an .xlsx workbook")
		}
		out = append(out, cols)
	}
	return out, nil
}

var (
	groupedPoint = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+(,\d+)?$`)
	groupedComma = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)
)

// amount turns a cell into the plain decimal the money door takes. A
// currency mark and spaces are dropped. In a ';' file the comma is the
// decimal mark and points group thousands (1.250.000,50); in a ',' file
// or a workbook the point is the decimal mark and commas may group
// thousands (1,250,000.50). Anything else is left for ParseAmount to
// refuse.
func (t table) amount(cell string) string {
	s := strings.TrimSpace(cell)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "Rp"), "rp")
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if t.decimalComma {
		if groupedPoint.MatchString(s) || !strings.Contains(s, ".") {
			return strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1)
		}
		return s
	}
	if groupedComma.MatchString(s) {
		return strings.ReplaceAll(s, ",", "")
	}
	return s
}

var dayFirst = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// date reads a day written YYYY-MM-DD, or day first as Indonesian sheets
// write it (31/12/2026, 31-12-2026, 31.12.2026), or in a workbook as
// Excel's day number.
func (t table) date(cell string) (ledger.Date, bool) {
	if d, err := ledger.ParseDate(cell); err == nil {
		return d, true
	}
	if m := dayFirst.FindStringSubmatch(cell); m != nil {
		d, err := ledger.ParseDate(m[3] + "-" + pad2(m[2]) + "-" + pad2(m[1]))
		return d, err == nil
	}
	if t.serialDates {
		if n, err := strconv.ParseFloat(cell, 64); err == nil && n >= 1 && n < 2958466 {
			if tm, err := excelize.ExcelDateToTime(n, false); err == nil {
				return ledger.DateOf(tm), true
			}
		}
	}
	return ledger.Date{}, false
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
