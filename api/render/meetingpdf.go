package render

import (
	"fmt"
	"strconv"
	"time"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/ledger"
)

// The papers of a group's weekly meeting, printed on A4 from a phone: the
// collection sheet the treasurer takes to the meeting, the minutes
// (berita acara) of the meeting recorded, each member's slip (kitir), and
// the due list of the week's meetings.

// meetingDay writes a meeting's day with its day of the week: "Rabu, 2
// Desember 2026".
func meetingDay(lang Lang, d ledger.Date) string { return lang.weekday(d) + ", " + lang.Date(d) }

// CollectionSheetPDF lays out a group's collection sheet for its meeting:
// a row per member with what she owes, room to write the sukarela she
// puts in, boxes to tick for her presence and her payment, and her
// initials; the group's joint loans; the signatures of the group's leader
// and the treasurer.
func CollectionSheetPDF(sh meetings.Sheet, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	cur, w := sh.Currency, lang.words()
	money := func(minor int64) string { return lang.Money(minor, cur) }
	r := newPDFReport(lang, w.CollectionSheet, coop, []string{
		fmt.Sprintf(w.GroupF, sh.Group.Name),
		fmt.Sprintf(w.MeetingOnF, lang.weekday(sh.Date), lang.Date(sh.Date)),
		fmt.Sprintf(w.AmountsInF, cur.Code()),
	}, generatedOn)
	if sh.Recorded {
		r.note(w.AlreadyRecorded)
		r.pdf.Ln(2)
	}
	r.writingTable(pdfColumn{heading: w.ColNo, widthMM: 9, right: true}, pdfColumn{heading: w.ColMember, widthMM: 37},
		pdfColumn{heading: w.ColInstallment, widthMM: 24, right: true}, pdfColumn{heading: w.ColDaysLate, widthMM: 18, right: true},
		pdfColumn{heading: w.ColWajib, widthMM: 20, right: true}, pdfColumn{heading: w.ColSukarelaFill, widthMM: 26},
		pdfColumn{heading: w.ColPresent, widthMM: 12, box: true}, pdfColumn{heading: w.ColPaid, widthMM: 12, box: true},
		pdfColumn{heading: w.ColInitials, widthMM: 24})
	var loansMinor, wajibMinor int64
	for _, l := range sh.Lines {
		due, late := sheetLoansDue(l.Loans)
		for _, share := range l.Shares { // her own parts of the group's loans
			due += share.DueMinor
		}
		loansMinor += due
		wajibMinor += l.WajibDueMinor
		r.row(strconv.Itoa(l.Member.Number), l.Member.Name, money(due), daysLate(late), money(l.WajibDueMinor))
	}
	r.total("", w.Total, money(loansMinor), "", money(wajibMinor))
	if len(sh.GroupLoans) > 0 {
		r.heading(w.GroupLoans)
		r.table(pdfColumn{heading: w.ColLoan, widthMM: 60}, pdfColumn{heading: w.DueNow, widthMM: 40, right: true},
			pdfColumn{heading: w.ColDaysLate, widthMM: 30, right: true}, pdfColumn{heading: w.Outstanding, widthMM: 50, right: true})
		for _, l := range sh.GroupLoans {
			r.row(fmt.Sprintf(w.LoanNoF, l.Number), money(l.DueMinor), daysLate(l.DaysPastDue), money(l.OutstandingMinor))
		}
	}
	r.pdf.Ln(2)
	r.note(fmt.Sprintf(w.AttendanceBlankF, len(sh.Lines)) + "        " + w.CashReceivedBlank)
	r.signatures(lang.Date(sh.Date), signer{office: w.GroupLeader}, signer{office: w.Treasurer})
	return r
}

// sheetLoansDue sums what a member's loans ask of her on the day, and the
// days the latest of them is behind.
func sheetLoansDue(ls []meetings.SheetLoan) (dueMinor int64, daysPastDue int) {
	for _, l := range ls {
		dueMinor += l.DueMinor
		daysPastDue = max(daysPastDue, l.DaysPastDue)
	}
	return dueMinor, daysPastDue
}

// daysLate is a count of days behind, blank when none: the late stand out.
func daysLate(days int) string {
	if days == 0 {
		return ""
	}
	return strconv.Itoa(days)
}

// MinutesPDF lays out a recorded meeting as the group's minutes (berita
// acara pertemuan): who came, who was represented and by whom, what each paid, who covered whom under joint
// liability, the cash the treasurer should hold, who recorded and amended
// it, and the signatures of the group's leader, its treasurer and a member
// as witness.
func MinutesPDF(rm meetings.RecordedMeeting, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	cur, w := rm.Currency, lang.words()
	money := func(minor int64) string { return lang.Money(minor, cur) }
	r := newPDFReport(lang, w.Minutes, coop, []string{
		fmt.Sprintf(w.GroupF, rm.GroupName),
		fmt.Sprintf(w.MeetingOnF, lang.weekday(rm.HeldOn), lang.Date(rm.HeldOn)),
		fmt.Sprintf(w.AmountsInF, cur.Code()),
	}, generatedOn)
	count, names := map[meetings.Attendance]int{}, map[string]string{}
	for _, l := range rm.Lines {
		names[l.Member.ID] = l.Member.Name
		count[l.Attendance]++
	}
	present := count[meetings.Present]
	r.note(fmt.Sprintf(w.MinutesOpeningF, lang.weekday(rm.HeldOn), lang.Date(rm.HeldOn), rm.GroupName, len(rm.Lines),
		present, count[meetings.Represented], count[meetings.Absent]))
	r.pdf.Ln(3)
	r.table(pdfColumn{heading: w.ColNo, widthMM: 9, right: true}, pdfColumn{heading: w.ColMember, widthMM: 49},
		pdfColumn{heading: w.ColPresent, widthMM: 20}, pdfColumn{heading: w.ColInstallment, widthMM: 26, right: true},
		pdfColumn{heading: w.ColWajib, widthMM: 23, right: true}, pdfColumn{heading: w.ColSukarela, widthMM: 23, right: true},
		pdfColumn{heading: w.Total, widthMM: 30, right: true})
	var loansMinor, wajibMinor, sukarelaMinor int64
	for _, l := range rm.Lines {
		paid := paidToLoans(l)
		loansMinor, wajibMinor, sukarelaMinor = loansMinor+paid, wajibMinor+l.WajibMinor, sukarelaMinor+l.SukarelaMinor
		name, attended := l.Member.Name, w.No
		switch l.Attendance {
		case meetings.Present:
			attended = w.Yes
		case meetings.Represented:
			name, attended = name+", "+fmt.Sprintf(w.RepresentedByF, l.RepresentedBy), w.Represented
		}
		r.row(strconv.Itoa(l.Member.Number), name, attended, money(paid), money(l.WajibMinor), money(l.SukarelaMinor),
			money(paid+l.WajibMinor+l.SukarelaMinor))
	}
	r.total("", w.Total, strconv.Itoa(present), money(loansMinor), money(wajibMinor), money(sukarelaMinor), money(rm.CollectedMinor))
	r.heading(w.CoversHeading)
	if len(rm.Covers) == 0 {
		r.note(w.NoCovers)
	} else {
		r.table(pdfColumn{heading: w.ColCoveredBy, widthMM: 65}, pdfColumn{heading: w.ColCoveredFor, widthMM: 65},
			pdfColumn{heading: w.Amount, widthMM: 50, right: true})
		for _, cv := range rm.Covers {
			r.row(names[cv.CoveringMemberID], names[cv.CoveredMemberID], money(cv.AmountMinor))
		}
	}
	r.pdf.Ln(3)
	r.pdf.SetFont(pdfFont, "B", 10)
	r.paragraph(5.5, fmt.Sprintf(w.CashInHandF, money(rm.CollectedMinor)))
	r.note(fmt.Sprintf(w.InWordsF, lang.InWords(rm.CollectedMinor, cur)))
	r.note(fmt.Sprintf(w.RecordedByF, rm.RecordedByName, lang.Date(ledger.DateOf(rm.RecordedAt)), clock(rm.RecordedAt)))
	if rm.AmendedAt != nil {
		r.note(fmt.Sprintf(w.AmendedByF, rm.AmendedByName, lang.Date(ledger.DateOf(*rm.AmendedAt)), clock(*rm.AmendedAt)))
	}
	r.signatures(lang.Date(rm.HeldOn), signer{office: w.GroupLeader}, signer{office: w.Treasurer}, signer{office: w.Witness})
	return r
}

// clock writes a time of day in UTC, as Lumbung keeps every time: "09.30"
// is how Indonesian writes it, and English readers read it too.
func clock(t time.Time) string { return t.UTC().Format("15.04") }

func paidToLoans(l meetings.RecordedLine) int64 {
	var sum int64
	for _, p := range l.Loans {
		sum += p.AmountMinor
	}
	return sum
}

// DueListPDF lays out the due list: for each group's next meeting, the
// members who owe something there and what, with the meeting's total.
func DueListPDF(dl meetings.DueList, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	cur, w := dl.Currency, lang.words()
	money := func(minor int64) string { return lang.Money(minor, cur) }
	r := newPDFReport(lang, w.DueList, coop, []string{
		fmt.Sprintf(w.FromF, lang.Date(dl.From)),
		fmt.Sprintf(w.AmountsInF, cur.Code()),
	}, generatedOn)
	if len(dl.Meetings) == 0 {
		r.note(w.NothingDue)
	}
	for _, m := range dl.Meetings {
		r.heading(m.Group.Name + " - " + meetingDay(lang, m.Date))
		r.table(pdfColumn{heading: w.ColNo, widthMM: 10, right: true}, pdfColumn{heading: w.ColMember, widthMM: 58},
			pdfColumn{heading: w.ColWhatPDF, widthMM: 42}, pdfColumn{heading: w.DueNow, widthMM: 40, right: true},
			pdfColumn{heading: w.ColDaysLate, widthMM: 30, right: true})
		for _, line := range m.Lines {
			number := fmt.Sprint(line.Member.Number)
			for _, l := range line.Loans {
				r.row(number, line.Member.Name, fmt.Sprintf(w.LoanNoF, l.Number), money(l.DueMinor), daysLate(l.DaysPastDue))
			}
			if line.WajibDueMinor > 0 {
				r.row(number, line.Member.Name, w.SimpananWajib, money(line.WajibDueMinor), "")
			}
		}
		for _, l := range m.GroupLoans {
			r.row("", w.TheGroup, fmt.Sprintf(w.LoanNoF, l.Number), money(l.DueMinor), daysLate(l.DaysPastDue))
		}
		r.total("", w.Total, "", money(m.DueMinor), "")
	}
	return r
}
