package render

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"github.com/lumbung/lumbung/ledger"
)

// Reports as PDF, to print for a members' meeting or send to a partner:
// plain A4 pages with a title block, tables with their header repeated on
// every page, totals in bold, and a footer saying when Lumbung made it.
// Only the PDF core font Helvetica is used, so nothing is embedded and a
// statement stays a few kilobytes for a phone on a slow connection.

// Page geometry, in millimetres.
const (
	pdfMarginMM       = 15.0
	pdfFooterMM       = 16.0 // kept free at the bottom of every page
	pdfContentWidthMM = 210 - 2*pdfMarginMM
	pdfRowMM          = 6.0
	pdfWritingRowMM   = 8.5 // a row to write a figure or initials in by hand, as a notebook's
	pdfLineMM         = 4.2 // each further line of a wrapped cell
	pdfBarMM          = 7.0
)

const pdfFont = "Helvetica"

// pdfColumn is one column of a table.
type pdfColumn struct {
	heading string
	widthMM float64
	right   bool // amounts and counts are right-aligned
	box     bool // a box to tick at the meeting, drawn in every row
}

// PDF is one report being laid out.
type PDF struct {
	pdf *fpdf.Fpdf
	// columns of the table being drawn, to repeat its header on a new page.
	columns []pdfColumn
	rowMM   float64 // the least height of its rows
	lang    Lang
	w       *words // lang's words
}

// newPDFReport starts a report in a language with its title block: the
// title, whose report it is, and lines saying its period or day and its
// currency.
func newPDFReport(lang Lang, title, owner string, details []string, generatedOn ledger.Date) *PDF {
	r := newPDFDocument(lang, title+" - "+owner, generatedOn)
	pdf := r.pdf
	pdf.SetFont(pdfFont, "B", 16)
	r.paragraph(8, title)
	pdf.SetFont(pdfFont, "", 12)
	r.paragraph(6.5, owner)
	pdf.SetFont(pdfFont, "", 10)
	pdf.SetTextColor(70, 70, 70)
	for _, d := range details {
		r.paragraph(5.5, d)
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)
	return r
}

// newPDFDocument starts a document of A4 pages with its footer and its
// first page, and nothing on it yet.
func newPDFDocument(lang Lang, title string, generatedOn ledger.Date) *PDF {
	w := lang.words()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pdfMarginMM, pdfMarginMM, pdfMarginMM)
	pdf.SetAutoPageBreak(true, pdfFooterMM)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Lumbung", false)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfFooterMM + 4)
		pdf.SetDrawColor(180, 180, 180)
		pdf.Line(pdfMarginMM, pdf.GetY(), pdfMarginMM+pdfContentWidthMM, pdf.GetY())
		pdf.SetFont(pdfFont, "", 8)
		pdf.SetTextColor(100, 100, 100)
		pdf.CellFormat(pdfContentWidthMM/2, 6, latin1(fmt.Sprintf(w.GeneratedOnF, lang.Date(generatedOn))), "", 0, "L", false, 0, "")
		pdf.CellFormat(pdfContentWidthMM/2, 6, latin1(fmt.Sprintf(w.PageOfF, pdf.PageNo())), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	return &PDF{pdf: pdf, lang: lang, w: w, rowMM: pdfRowMM}
}

// heading starts a part of the report: "Assets", "Facilities in IDR".
func (r *PDF) heading(s string) {
	r.breakBefore(4 + 8 + 2*pdfRowMM) // never a heading alone at a page's foot
	r.pdf.Ln(5)
	r.pdf.SetFont(pdfFont, "B", 12)
	r.paragraph(7, s)
}

// note is a paragraph of plain text: "The partner funds no facilities
// yet." It wraps at the margin, so a long explanation is read whole, never
// cut at the page's edge.
func (r *PDF) note(s string) {
	r.breakBefore(pdfRowMM)
	r.pdf.SetFont(pdfFont, "", 10)
	r.pdf.Ln(2)
	r.paragraph(5, s)
}

// paragraph writes text in the current font across the page, wrapped at
// the margin in lines heightMM apart: a title or a name is read whole,
// never cut at the page's edge.
func (r *PDF) paragraph(heightMM float64, s string) {
	r.pdf.SetX(pdfMarginMM)
	r.pdf.MultiCell(pdfContentWidthMM, heightMM, latin1(s), "", "L", false)
}

// table starts a table and draws its header.
func (r *PDF) table(columns ...pdfColumn) { r.tableOf(pdfRowMM, columns) }

// writingTable starts a table whose rows are tall enough to write in by
// hand at the meeting.
func (r *PDF) writingTable(columns ...pdfColumn) { r.tableOf(pdfWritingRowMM, columns) }

func (r *PDF) tableOf(rowMM float64, columns []pdfColumn) {
	r.columns, r.rowMM = columns, rowMM
	r.breakBefore(3 * rowMM)
	r.tableHeader()
}

func (r *PDF) tableHeader() {
	r.pdf.SetFont(pdfFont, "B", 9)
	r.pdf.SetFillColor(228, 232, 236)
	for _, c := range r.columns {
		r.shrinkToFit(latin1(c.heading), c.widthMM, "B")
		r.pdf.CellFormat(c.widthMM, pdfRowMM+1, latin1(c.heading), "", 0, align(c.right), true, 0, "")
		r.pdf.SetFont(pdfFont, "B", 9)
	}
	r.pdf.Ln(pdfRowMM + 1)
}

// row draws one row of the table, each cell cut to its column's width.
func (r *PDF) row(cells ...string) { r.tableRow("", "B", cells) }

// total draws a table's total row: bold, under a rule.
func (r *PDF) total(cells ...string) { r.tableRow("B", "T", cells) }

func (r *PDF) tableRow(style, border string, cells []string) {
	r.pdf.SetFont(pdfFont, style, 9)
	lines := make([][]string, len(r.columns))
	baseMM := r.rowMM
	if border == "T" {
		baseMM = pdfRowMM // a total is not written in by hand
	}
	heightMM := baseMM
	for i, c := range r.columns {
		if i < len(cells) && !c.right && !c.box {
			lines[i] = r.wrap(cells[i], c.widthMM)
			heightMM = max(heightMM, baseMM+float64(len(lines[i])-1)*pdfLineMM)
		}
	}
	if r.breakBefore(heightMM) {
		r.tableHeader()
		r.pdf.SetFont(pdfFont, style, 9)
	}
	if border == "T" {
		r.pdf.SetDrawColor(60, 60, 60)
	} else {
		r.pdf.SetDrawColor(215, 215, 215)
	}
	x, y := r.pdf.GetXY()
	top := y + (baseMM-pdfLineMM)/2 // one line sits in the middle of the least height
	for i, c := range r.columns {
		r.pdf.SetXY(x, y)
		r.pdf.CellFormat(c.widthMM, heightMM, "", border, 0, "L", false, 0, "")
		switch {
		case c.box && border != "T":
			const sideMM = 4.0
			r.pdf.SetDrawColor(60, 60, 60)
			r.pdf.Rect(x+(c.widthMM-sideMM)/2, y+(baseMM-sideMM)/2, sideMM, sideMM, "D")
			r.pdf.SetDrawColor(215, 215, 215)
		case c.right && i < len(cells):
			r.pdf.SetXY(x, top)
			r.fitNumber(latin1(cells[i]), c.widthMM, pdfLineMM, style)
		default:
			for j, line := range lines[i] {
				r.pdf.SetXY(x, top+float64(j)*pdfLineMM)
				r.pdf.CellFormat(c.widthMM, pdfLineMM, line, "", 0, "L", false, 0, "")
			}
		}
		x += c.widthMM
	}
	r.pdf.SetXY(pdfMarginMM, y+heightMM)
}

// wrap splits a text into the lines it takes in a column, each encoded:
// a name or memo runs onto a second line rather than being cut. It splits
// before encoding, as SplitText reads UTF-8; the core fonts' widths are
// indexed by the Latin-1 code, which for those letters is the rune.
func (r *PDF) wrap(s string, widthMM float64) []string {
	if s == "" {
		return nil
	}
	lines := r.pdf.SplitText(s, widthMM)
	for i := range lines {
		lines[i] = latin1(lines[i])
	}
	return lines
}

// shrinkToFit sets the font smaller, down to pdfFontSizeMinPt, until s
// fits a column's width: a heading in Indonesian runs longer than in
// English, and must not run into its neighbour.
func (r *PDF) shrinkToFit(s string, widthMM float64, style string) {
	room := widthMM - 2*r.pdf.GetCellMargin()
	sizePt, _ := r.pdf.GetFontSize()
	for size := sizePt; size > pdfFontSizeMinPt && r.pdf.GetStringWidth(s) > room; size -= 0.5 {
		r.pdf.SetFont(pdfFont, style, size-0.5)
	}
}

// pdfFontSizeMinPt is the smallest a number is drawn to fit its column.
const pdfFontSizeMinPt = 6.0

// fitNumber draws an amount or count right-aligned in its column, in a
// smaller font when it is too wide: a figure cut short would be a wrong
// figure, so it is never cut.
func (r *PDF) fitNumber(s string, widthMM, heightMM float64, style string) {
	sizePt, _ := r.pdf.GetFontSize()
	r.shrinkToFit(s, widthMM, style)
	r.pdf.CellFormat(widthMM, heightMM, s, "", 0, "R", false, 0, "")
	r.pdf.SetFont(pdfFont, style, sizePt)
}

// pdfBar is one bar of a chart.
type pdfBar struct {
	label      string
	valueMinor int64
	value      string // valueMinor as the reader sees it
	rgb        [3]int
}

// barChart draws a horizontal bar chart with the PDF's own lines and
// rectangles: a label on the left, a bar as long as its share of the
// largest value, the value after it.
func (r *PDF) barChart(title string, bars []pdfBar) {
	const labelMM, valueMM = 40.0, 50.0
	areaMM := pdfContentWidthMM - labelMM - valueMM
	r.breakBefore(10 + float64(len(bars))*pdfBarMM + 4)
	r.pdf.Ln(3)
	r.pdf.SetFont(pdfFont, "B", 10)
	r.cell(pdfContentWidthMM, 7, title, "L")
	r.pdf.Ln(8)
	var largest int64
	for _, b := range bars {
		largest = max(largest, b.valueMinor)
	}
	x0, top := pdfMarginMM+labelMM, r.pdf.GetY()
	r.pdf.SetFont(pdfFont, "", 9)
	for i, b := range bars {
		y := top + float64(i)*pdfBarMM
		r.pdf.SetXY(pdfMarginMM, y)
		r.cell(labelMM-2, pdfBarMM, b.label, "R")
		widthMM := 0.0
		if largest > 0 && b.valueMinor > 0 {
			widthMM = areaMM * float64(b.valueMinor) / float64(largest)
		}
		r.pdf.SetFillColor(b.rgb[0], b.rgb[1], b.rgb[2])
		r.pdf.Rect(x0, y+1.2, widthMM, pdfBarMM-2.4, "F")
		r.pdf.SetXY(x0+widthMM+1.5, y)
		r.cell(valueMM, pdfBarMM, b.value, "L")
	}
	bottom := top + float64(len(bars))*pdfBarMM
	r.pdf.SetDrawColor(60, 60, 60)
	r.pdf.Line(x0, top, x0, bottom)
	r.pdf.SetXY(pdfMarginMM, bottom+2)
}

// cell writes text in the current font, cut to fit.
func (r *PDF) cell(widthMM, heightMM float64, s, alignStr string) {
	r.pdf.CellFormat(widthMM, heightMM, r.fit(latin1(s), widthMM), "", 0, alignStr, false, 0, "")
}

// breakBefore starts a new page when what follows, heightMM tall, would
// not fit on this one, and says whether it did.
func (r *PDF) breakBefore(heightMM float64) bool {
	_, pageMM := r.pdf.GetPageSize()
	if r.pdf.GetY()+heightMM <= pageMM-pdfFooterMM {
		return false
	}
	r.pdf.AddPage()
	return true
}

// fit cuts an encoded string to a width, ending it with "..." when cut: a
// long memo must not run into the next column.
func (r *PDF) fit(s string, widthMM float64) string {
	room := widthMM - 2*r.pdf.GetCellMargin()
	if r.pdf.GetStringWidth(s) <= room {
		return s
	}
	for len(s) > 0 && r.pdf.GetStringWidth(s+"...") > room {
		s = s[:len(s)-1] // one byte is one character after latin1
	}
	return s + "..."
}

// bytes returns the finished document, or the first error of its making.
func (r *PDF) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func align(right bool) string {
	if right {
		return "R"
	}
	return "L"
}

// latin1 encodes text for the PDF core fonts, which read Windows-1252: the
// Latin letters of Indonesian and Swahili names come through, anything
// else as "?". Control characters become spaces: a cell is one line.
func latin1(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < ' ' || r == utf8.RuneError:
			b.WriteByte(' ')
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		default:
			c, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				c = '?'
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// money writes an amount in the report's language: "Rp 1.250.000".
func (r *PDF) money(minor int64, cur ledger.Currency) string { return r.lang.Money(minor, cur) }

// pdfPercent writes a Ratio as a percentage with one decimal: "12.5%".
// It rounds half away from zero, as Ratio does.
func pdfPercent(f float64) string {
	return decimal.NewFromFloat(f).Shift(2).StringFixed(1) + "%"
}

// signer is one signature of a paper's signature block: the body she signs
// for ("Pengurus"; may be empty), her office, and her name when Lumbung
// knows it (a line to write it on when not).
type signer struct {
	body, office, name string
}

// signatures draws a paper's signature block: the place and day on the
// right, then a column per signer with room to sign and her name under
// it. The block is kept whole on one page: a signature on a page of its
// own signs nothing.
func (r *PDF) signatures(day string, signers ...signer) {
	const signMM = 16.0
	heightMM := 4 + 5 + 3 + 5 + signMM + 6 // the day, the office, room to sign, the name
	if signers[0].body != "" {
		heightMM += 5
	}
	r.breakBefore(heightMM)
	r.pdf.Ln(4)
	r.pdf.SetFont(pdfFont, "", 10)
	r.pdf.CellFormat(pdfContentWidthMM, 5, latin1("............................, "+day), "", 1, "R", false, 0, "")
	r.pdf.Ln(3)
	widthMM := pdfContentWidthMM / float64(len(signers))
	y := r.pdf.GetY()
	for i, s := range signers {
		x := pdfMarginMM + float64(i)*widthMM
		r.pdf.SetXY(x, y)
		if s.body != "" {
			r.pdf.SetFont(pdfFont, "", 10)
			r.pdf.CellFormat(widthMM, 5, r.fit(latin1(s.body), widthMM), "", 2, "C", false, 0, "")
		}
		r.pdf.SetFont(pdfFont, "B", 10)
		r.pdf.CellFormat(widthMM, 5, r.fit(latin1(s.office), widthMM), "", 2, "C", false, 0, "")
		r.pdf.SetDrawColor(60, 60, 60)
		lineY := r.pdf.GetY() + signMM
		r.pdf.Line(x+6, lineY, x+widthMM-6, lineY)
		r.pdf.SetXY(x, lineY+1)
		r.pdf.SetFont(pdfFont, "", 9)
		name := s.name
		if name == "" {
			name = r.w.NameBlank
		}
		r.pdf.CellFormat(widthMM, 5, r.fit(latin1(name), widthMM), "", 0, "C", false, 0, "")
	}
	r.pdf.SetXY(pdfMarginMM, y+10+signMM+6)
}

// ratSigners sign the statements put to the members' annual meeting
// (RAT): the board's chair and treasurer, and the supervisor.
func ratSigners(w *words) []signer {
	return []signer{{body: w.Pengurus, office: w.Chair}, {body: w.Pengurus, office: w.Treasurer}, {body: w.Pengawas, office: w.Chair}}
}
