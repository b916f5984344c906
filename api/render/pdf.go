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
	pdfBarMM          = 7.0
)

const pdfFont = "Helvetica"

// pdfColumn is one column of a table.
type pdfColumn struct {
	heading string
	widthMM float64
	right   bool // amounts and counts are right-aligned
}

// PDF is one report being laid out.
type PDF struct {
	pdf *fpdf.Fpdf
	// columns of the table being drawn, to repeat its header on a new page.
	columns []pdfColumn
	lang    Lang
	w       *words // lang's words
}

// newPDFReport starts a report in a language with its title block: the
// title, whose report it is, and lines saying its period or day and its
// currency.
func newPDFReport(lang Lang, title, owner string, details []string, generatedOn ledger.Date) *PDF {
	w := lang.words()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pdfMarginMM, pdfMarginMM, pdfMarginMM)
	pdf.SetAutoPageBreak(true, pdfFooterMM)
	pdf.SetTitle(title+" - "+owner, true)
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
	})
	pdf.AddPage()
	r := &PDF{pdf: pdf, lang: lang, w: w}
	pdf.SetFont(pdfFont, "B", 16)
	r.cell(pdfContentWidthMM, 9, title, "L")
	pdf.Ln(9)
	pdf.SetFont(pdfFont, "", 12)
	r.cell(pdfContentWidthMM, 7, owner, "L")
	pdf.Ln(7)
	pdf.SetFont(pdfFont, "", 10)
	pdf.SetTextColor(70, 70, 70)
	for _, d := range details {
		r.cell(pdfContentWidthMM, 5.5, d, "L")
		pdf.Ln(5.5)
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)
	return r
}

// heading starts a part of the report: "Assets", "Facilities in IDR".
func (r *PDF) heading(s string) {
	r.breakBefore(4 + 8 + 2*pdfRowMM) // never a heading alone at a page's foot
	r.pdf.Ln(4)
	r.pdf.SetFont(pdfFont, "B", 12)
	r.cell(pdfContentWidthMM, 8, s, "L")
	r.pdf.Ln(8)
}

// note is a paragraph of plain text: "The partner funds no facilities
// yet." It wraps at the margin, so a long explanation is read whole, never
// cut at the page's edge.
func (r *PDF) note(s string) {
	r.breakBefore(pdfRowMM)
	r.pdf.SetFont(pdfFont, "", 10)
	r.pdf.Ln(2)
	r.pdf.MultiCell(pdfContentWidthMM, 5, latin1(s), "", "L", false)
}

// table starts a table and draws its header.
func (r *PDF) table(columns ...pdfColumn) {
	r.columns = columns
	r.breakBefore(3 * pdfRowMM)
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
	if r.breakBefore(pdfRowMM) {
		r.tableHeader()
	}
	r.pdf.SetFont(pdfFont, style, 9)
	if border == "T" {
		r.pdf.SetDrawColor(60, 60, 60)
	} else {
		r.pdf.SetDrawColor(215, 215, 215)
	}
	for i, c := range r.columns {
		v := ""
		if i < len(cells) {
			v = cells[i]
		}
		if c.right {
			r.fitNumber(latin1(v), c.widthMM, style, border)
			continue
		}
		r.pdf.CellFormat(c.widthMM, pdfRowMM, r.fit(latin1(v), c.widthMM), border, 0, "L", false, 0, "")
	}
	r.pdf.Ln(pdfRowMM)
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
func (r *PDF) fitNumber(s string, widthMM float64, style, border string) {
	sizePt, _ := r.pdf.GetFontSize()
	r.shrinkToFit(s, widthMM, style)
	r.pdf.CellFormat(widthMM, pdfRowMM, s, border, 0, "R", false, 0, "")
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
