package render

import (
	"math"
)

// pdfPoint is one point of a line chart: a label under the x axis and a
// ratio (0.25 is 25 %), or no value where the ratio is undefined.
type pdfPoint struct {
	label   string
	value   float64
	defined bool
}

// Line chart geometry, in millimetres.
const (
	lineChartHeightMM = 45.0
	lineChartAxisMM   = 16.0 // the y axis' labels, on the left
)

// lineColour is the line of a ratio chart.
var lineColour = [3]int{196, 98, 16}

// lineChart draws ratios month by month as a line with the PDF's own
// lines and circles: a y axis in percent from zero to the next 25 % above
// the largest value (at least 100 %, so that a cooperative at 40 % does not
// look full), a grid line at each quarter, a dot per defined point, and the
// line broken where a point is undefined rather than drawn through zero.
func (r *PDF) lineChart(title string, points []pdfPoint) {
	top := 0.0
	for _, p := range points {
		if p.defined {
			top = max(top, p.value)
		}
	}
	top = max(1, math.Ceil(top*4)/4)
	r.breakBefore(10 + lineChartHeightMM + 10)
	r.pdf.Ln(3)
	r.pdf.SetFont(pdfFont, "B", 10)
	r.cell(pdfContentWidthMM, 7, title, "L")
	r.pdf.Ln(9)
	x0, y0 := pdfMarginMM+lineChartAxisMM, r.pdf.GetY()
	widthMM := pdfContentWidthMM - lineChartAxisMM
	bottom := y0 + lineChartHeightMM
	y := func(v float64) float64 { return bottom - lineChartHeightMM*v/top }

	r.pdf.SetFont(pdfFont, "", 7)
	r.pdf.SetLineWidth(0.1)
	r.pdf.SetDrawColor(200, 200, 200)
	steps := int(math.Round(top * 4))
	for i := 0; i <= steps; i++ {
		v := float64(i) / 4
		r.pdf.Line(x0, y(v), x0+widthMM, y(v))
		r.pdf.SetXY(pdfMarginMM, y(v)-2)
		r.cell(lineChartAxisMM-1, 4, r.lang.percent(v), "R")
	}
	slot := widthMM / float64(max(1, len(points)))
	x := func(i int) float64 { return x0 + slot*(float64(i)+0.5) }
	for i, p := range points {
		r.pdf.SetXY(x(i)-slot/2, bottom+1)
		r.cell(slot, 4, p.label, "C")
	}

	r.pdf.SetDrawColor(lineColour[0], lineColour[1], lineColour[2])
	r.pdf.SetFillColor(lineColour[0], lineColour[1], lineColour[2])
	r.pdf.SetLineWidth(0.6)
	for i, p := range points {
		if !p.defined {
			continue
		}
		if i > 0 && points[i-1].defined {
			r.pdf.Line(x(i-1), y(points[i-1].value), x(i), y(p.value))
		}
		r.pdf.Circle(x(i), y(p.value), 0.9, "F")
	}
	r.pdf.SetLineWidth(0.2)
	r.pdf.SetDrawColor(60, 60, 60)
	r.pdf.SetXY(pdfMarginMM, bottom+7)
}
