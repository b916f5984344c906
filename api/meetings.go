package api

import (
	"strconv"
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
	f, err := s.parseReportFormat(c, formatCSV, formatPDF)
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
	switch f.kind {
	case formatCSV:
		return s.sendCooperativeCSV(c, "due-list", dl.From, render.DueListCSV(dl, f.csv, f.lang))
	case formatPDF:
		coop, err := s.cooperativeName(c)
		if err != nil {
			return err
		}
		return download{report: "due-list", owner: coop, date: dl.From}.sendPDF(c, render.DueListPDF(dl, coop, today(), f.lang))
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
	MemberID     string `json:"member_id"`
	MemberNumber int    `json:"member_number"`
	Name         string `json:"name"`
	attendanceJSON
	Loans    []loanPaymentJSON `json:"loans"`
	Wajib    string            `json:"wajib"`
	Sukarela string            `json:"sukarela"`
}

// attendanceJSON is how a member was at a meeting. Attended, true when
// she was present, stays for clients from before attendance had three
// values.
type attendanceJSON struct {
	Attendance    string  `json:"attendance"`
	RepresentedBy *string `json:"represented_by"`
	Attended      bool    `json:"attended"`
}

func toAttendance(l meetings.RecordedLine) attendanceJSON {
	out := attendanceJSON{Attendance: string(l.Attendance), Attended: l.Attendance == meetings.Present}
	if l.Attendance == meetings.Represented {
		out.RepresentedBy = &l.RepresentedBy
	}
	return out
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

// meetingDate reads the :date of a meeting's path.
func meetingDate(c *fiber.Ctx) (ledger.Date, error) {
	on, err := ledger.ParseDate(c.Params("date"))
	if err != nil {
		return ledger.Date{}, ledger.InvalidField("meeting.date", "date", "a date of the form YYYY-MM-DD")
	}
	return on, nil
}

// getMeeting reads back a group's meeting of a day; as a PDF, its minutes.
func (s *server) getMeeting(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatPDF)
	if err != nil {
		return err
	}
	on, err := meetingDate(c)
	if err != nil {
		return err
	}
	m, err := s.meetings.FindMeeting(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), on)
	if err != nil {
		return err
	}
	if f.kind == formatPDF {
		coop, err := s.cooperativeName(c)
		if err != nil {
			return err
		}
		d := download{report: "minutes-" + slug(m.GroupName), owner: coop, date: m.HeldOn}
		return d.sendPDF(c, render.MinutesPDF(m, coop, today(), f.lang))
	}
	money := func(minor int64) string { return ledger.FormatMinor(minor, m.Currency) }
	out := recordedMeetingJSON{ID: m.ID, GroupID: m.GroupID, HeldOn: m.HeldOn.String(), RecordedBy: m.RecordedBy,
		RecordedAt: m.RecordedAt, Currency: m.Currency.Code(), Collected: money(m.CollectedMinor),
		Lines: []recordedLineJSON{}, Covers: []coverJSON{}}
	for _, l := range m.Lines {
		line := recordedLineJSON{MemberID: l.Member.ID, MemberNumber: l.Member.Number, Name: l.Member.Name, attendanceJSON: toAttendance(l),
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

// meetingSlips prints the slips (kitir) of a recorded meeting's members,
// or with ?member= one member's.
func (s *server) meetingSlips(c *fiber.Ctx) error {
	lang, err := s.lang(c)
	if err != nil {
		return err
	}
	on, err := meetingDate(c)
	if err != nil {
		return err
	}
	member := c.Query("member")
	if member != "" && !ledger.IsID(member) {
		return ledger.InvalidField("request.member", "member", "a member's ID")
	}
	m, slips, err := s.meetings.MeetingSlips(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), on, member)
	if err != nil {
		return err
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	report := "slips-" + slug(m.GroupName)
	if member != "" {
		report = "slip-" + strconv.Itoa(slips[0].Line.Member.Number) + "-" + slug(m.GroupName)
	}
	return download{report: report, owner: coop, date: m.HeldOn}.sendPDF(c, render.SlipsPDF(m, slips, coop, today(), lang))
}
