package render

import (
	"fmt"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/ledger"
)

// A member's slip (kitir) is a strip of paper: several fit on an A4 page,
// cut apart along dashed lines, so a treasurer prints a group's slips on
// two or three sheets.

// Slip geometry, in millimetres.
const (
	slipLineMM   = 5.0
	slipColumnMM = (pdfContentWidthMM - 8) / 2 // what she paid beside where she stands
	slipLabelMM  = slipColumnMM - 34           // the rest holds the amount
	slipSignMM   = 12.0                        // room to sign above the line
)

// SlipsPDF lays out the slips of a recorded meeting, as many to a page as
// fit, each whole on its page.
func SlipsPDF(rm meetings.RecordedMeeting, slips []meetings.Slip, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	w := lang.words()
	r := newPDFDocument(lang, w.Slips+" - "+rm.GroupName+" - "+coop, generatedOn)
	for i, sl := range slips {
		// The first slip of a page needs no cut line above it.
		if first := i == 0 || r.breakBefore(slipHeight(sl)+6); !first {
			r.cutLine()
		}
		r.slip(rm, sl, coop)
	}
	return r
}

// slipHeight is how tall a slip is drawn: its header, the longer of its
// two columns, the amount in words and the signatures.
func slipHeight(sl meetings.Slip) float64 {
	rows := max(4, 3+max(1, len(sl.Loans)))
	return 3*slipLineMM + 2 + float64(rows+1)*slipLineMM + 2*slipLineMM + slipSignMM + 2*slipLineMM
}

// cutLine draws a dashed line across the page to cut along.
func (r *PDF) cutLine() {
	r.pdf.Ln(3)
	y := r.pdf.GetY()
	r.pdf.SetDrawColor(150, 150, 150)
	r.pdf.SetDashPattern([]float64{2, 1.5}, 0)
	r.pdf.Line(pdfMarginMM-8, y, pdfMarginMM+pdfContentWidthMM+8, y)
	r.pdf.SetDashPattern(nil, 0)
	r.pdf.SetXY(pdfMarginMM, y+3)
}

// slip draws one member's slip where the page stands.
func (r *PDF) slip(rm meetings.RecordedMeeting, sl meetings.Slip, coop string) {
	w, lang, cur := r.w, r.lang, rm.Currency
	money := func(minor int64) string { return lang.Money(minor, cur) }
	attended := w.ColPresent
	switch sl.Line.Attendance {
	case meetings.Absent:
		attended = w.Absent
	case meetings.Represented:
		attended = w.Represented
	}
	r.pdf.SetFont(pdfFont, "B", 11)
	r.pdf.CellFormat(60, slipLineMM+1, latin1(w.Slip), "", 0, "L", false, 0, "")
	r.pdf.SetFont(pdfFont, "", 9)
	r.pdf.CellFormat(pdfContentWidthMM-60, slipLineMM+1, r.fit(latin1(coop), pdfContentWidthMM-60), "", 1, "R", false, 0, "")
	r.pdf.CellFormat(pdfContentWidthMM-40, slipLineMM, r.fit(latin1(rm.GroupName+" - "+meetingDay(lang, rm.HeldOn)), pdfContentWidthMM-40),
		"", 0, "L", false, 0, "")
	r.pdf.CellFormat(40, slipLineMM, latin1(attended), "", 1, "R", false, 0, "")
	r.pdf.SetFont(pdfFont, "B", 10)
	r.pdf.CellFormat(pdfContentWidthMM, slipLineMM, r.fit(latin1(fmt.Sprintf(w.MemberF, sl.Line.Member.Number, sl.Line.Member.Name)),
		pdfContentWidthMM), "", 1, "L", false, 0, "")
	r.pdf.Ln(2)
	top := r.pdf.GetY()
	right := pdfMarginMM + pdfContentWidthMM - slipColumnMM
	paid := [][2]string{{w.LoanInstallments, money(paidToLoans(sl.Line))}, {w.SimpananWajib, money(sl.Line.WajibMinor)},
		{w.SimpananSukarela, money(sl.Line.SukarelaMinor)}}
	bottomLeft := r.slipColumn(pdfMarginMM, top, w.PaidToday, paid, [2]string{w.Total, money(sl.PaidMinor())})
	var stands [][2]string
	for _, l := range sl.Loans {
		stands = append(stands, [2]string{fmt.Sprintf(w.LoanOutstandingF, l.Number), money(l.OutstandingMinor)})
	}
	if len(sl.Loans) == 0 {
		stands = append(stands, [2]string{w.NoLoan, ""})
	}
	stands = append(stands, [2]string{w.SimpananPokok, money(sl.PokokMinor)}, [2]string{w.SimpananWajib, money(sl.WajibMinor)},
		[2]string{w.SimpananSukarela, money(sl.SukarelaMinor)})
	bottomRight := r.slipColumn(right, top, w.Remaining, stands, [2]string{})
	r.pdf.SetXY(pdfMarginMM, max(bottomLeft, bottomRight)+1)
	r.pdf.SetFont(pdfFont, "I", 9)
	r.paragraph(4.5, fmt.Sprintf(w.InWordsF, lang.InWords(sl.PaidMinor(), cur)))
	y := r.pdf.GetY() + slipSignMM
	r.pdf.SetDrawColor(60, 60, 60)
	r.pdf.SetFont(pdfFont, "", 8)
	for _, x := range []float64{pdfMarginMM, right} {
		r.pdf.Line(x+10, y, x+slipColumnMM-10, y)
	}
	r.pdf.SetXY(pdfMarginMM, y+0.5)
	r.pdf.CellFormat(slipColumnMM, 4, latin1(w.Treasurer), "", 0, "C", false, 0, "")
	r.pdf.SetX(right)
	r.pdf.CellFormat(slipColumnMM, 4, latin1(w.Member), "", 1, "C", false, 0, "")
}

// slipColumn draws a slip's column at x: its heading, a label and an
// amount a line, and a total under a rule when total has a label. It
// returns where the column ends.
func (r *PDF) slipColumn(x, y float64, heading string, lines [][2]string, total [2]string) float64 {
	r.pdf.SetXY(x, y)
	r.pdf.SetFont(pdfFont, "B", 9)
	r.pdf.SetFillColor(228, 232, 236)
	r.pdf.CellFormat(slipColumnMM, slipLineMM, latin1(heading), "", 2, "L", true, 0, "")
	r.pdf.SetDrawColor(215, 215, 215)
	draw := func(label, amount, style, border string) {
		r.pdf.SetX(x)
		r.pdf.SetFont(pdfFont, style, 9)
		r.pdf.CellFormat(slipLabelMM, slipLineMM, r.fit(latin1(label), slipLabelMM), border, 0, "L", false, 0, "")
		r.pdf.CellFormat(slipColumnMM-slipLabelMM, slipLineMM, latin1(amount), border, 2, "R", false, 0, "")
	}
	for _, l := range lines {
		draw(l[0], l[1], "", "B")
	}
	if total[0] != "" {
		r.pdf.SetDrawColor(60, 60, 60)
		draw(total[0], total[1], "B", "")
	}
	return r.pdf.GetY()
}
