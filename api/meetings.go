package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

type dueMeetingJSON struct {
	GroupID    string          `json:"group_id"`
	GroupName  string          `json:"group_name"`
	Date       string          `json:"date"`
	Due        string          `json:"due"`
	Lines      []sheetLineJSON `json:"lines"`
	GroupLoans []sheetLoanJSON `json:"group_loans"`
}

type dueListJSON struct {
	From     string           `json:"from"`
	Currency string           `json:"currency"`
	Meetings []dueMeetingJSON `json:"meetings"`
}

func (s *server) dueList(c *fiber.Ctx) error {
	f, err := parseReportFormat(c, formatCSV)
	if err != nil {
		return err
	}
	from, err := optionalDate("from", c.Query("from"))
	if err != nil {
		return err
	}
	dl, err := s.meetings.FindDueList(c.UserContext(), actor(c), c.Params("coop"), from)
	if err != nil {
		return err
	}
	if f.kind == formatCSV {
		return s.sendCooperativeCSV(c, "due-list", dl.From, render.DueListCSV(dl, f.csv, f.lang))
	}
	cur := dl.Currency
	return c.JSON(dueListJSON{From: dl.From.String(), Currency: cur.Code(),
		Meetings: mapSlice(dl.Meetings, func(m meetings.DueMeeting) dueMeetingJSON {
			return dueMeetingJSON{GroupID: m.Group.ID, GroupName: m.Group.Name, Date: m.Date.String(),
				Due: ledger.FormatMinor(m.DueMinor, cur), GroupLoans: toSheetLoans(m.GroupLoans, cur),
				Lines: mapSlice(m.Lines, func(l meetings.SheetLine) sheetLineJSON { return toSheetLine(l, cur) })}
		})})
}

type recordedMeetingJSON struct {
	ID         string             `json:"id"`
	GroupID    string             `json:"group_id"`
	HeldOn     string             `json:"held_on"`
	RecordedBy string             `json:"recorded_by"`
	RecordedAt time.Time          `json:"recorded_at"`
	Currency   string             `json:"currency"`
	Collected  string             `json:"collected"`
	Lines      []recordedLineJSON `json:"lines"`
	Covers     []coverJSON        `json:"covers"`
}

type recordedLineJSON struct {
	MemberID     string            `json:"member_id"`
	MemberNumber int               `json:"member_number"`
	Name         string            `json:"name"`
	Attended     bool              `json:"attended"`
	Loans        []loanPaymentJSON `json:"loans"`
	Wajib        string            `json:"wajib"`
	Sukarela     string            `json:"sukarela"`
}

type loanPaymentJSON struct {
	LoanID  string `json:"loan_id"`
	EntryID string `json:"entry_id"`
	Amount  string `json:"amount"`
}

type coverJSON struct {
	LoanID           string `json:"loan_id"`
	EntryID          string `json:"entry_id"`
	CoveringMemberID string `json:"covering_member_id"`
	CoveredMemberID  string `json:"covered_member_id"`
	Amount           string `json:"amount"`
}

// getMeeting reads back a group's meeting of a day.
func (s *server) getMeeting(c *fiber.Ctx) error {
	on, err := ledger.ParseDate(c.Params("date"))
	if err != nil {
		return ledger.InvalidField("meeting.date", "date", "a date of the form YYYY-MM-DD")
	}
	m, err := s.meetings.FindMeeting(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), on)
	if err != nil {
		return err
	}
	money := func(minor int64) string { return ledger.FormatMinor(minor, m.Currency) }
	out := recordedMeetingJSON{ID: m.ID, GroupID: m.GroupID, HeldOn: m.HeldOn.String(), RecordedBy: m.RecordedBy,
		RecordedAt: m.RecordedAt, Currency: m.Currency.Code(), Collected: money(m.CollectedMinor),
		Lines: []recordedLineJSON{}, Covers: []coverJSON{}}
	for _, l := range m.Lines {
		line := recordedLineJSON{MemberID: l.Member.ID, MemberNumber: l.Member.Number, Name: l.Member.Name, Attended: l.Attended,
			Loans: []loanPaymentJSON{}, Wajib: money(l.WajibMinor), Sukarela: money(l.SukarelaMinor)}
		for _, p := range l.Loans {
			line.Loans = append(line.Loans, loanPaymentJSON{LoanID: p.LoanID, EntryID: p.EntryID, Amount: money(p.AmountMinor)})
		}
		out.Lines = append(out.Lines, line)
	}
	for _, cv := range m.Covers {
		out.Covers = append(out.Covers, coverJSON{LoanID: cv.LoanID, EntryID: cv.EntryID, CoveringMemberID: cv.CoveringMemberID,
			CoveredMemberID: cv.CoveredMemberID, Amount: money(cv.AmountMinor)})
	}
	return c.JSON(out)
}
