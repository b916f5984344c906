package api

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// The collection sheet of a group's meeting: what is due, and what was
// paid, recorded whole and once.

type sheetLoanJSON struct {
	LoanID      string `json:"loan_id"`
	Number      int    `json:"number"`
	Due         string `json:"due"`
	Outstanding string `json:"outstanding"`
	DaysPastDue int    `json:"days_past_due"`
}

type sheetLineJSON struct {
	MemberID     string           `json:"member_id"`
	MemberNumber int              `json:"member_number"`
	Name         string           `json:"name"`
	Loans        []sheetLoanJSON  `json:"loans"`
	WajibDue     string           `json:"wajib_due"`
	Sukarela     string           `json:"sukarela"`
	Shares       []sheetShareJSON `json:"shares"` // her own parts of the group's loans
}

// sheetShareJSON is what a member's share of a group loan asks of her by
// the meeting's day and is still unpaid.
type sheetShareJSON struct {
	LoanID string `json:"loan_id"`
	Number int    `json:"number"`
	Due    string `json:"due"`
}

type sheetJSON struct {
	GroupID    string          `json:"group_id"`
	Date       string          `json:"date"`
	Currency   string          `json:"currency"`
	Recorded   bool            `json:"recorded"`
	Lines      []sheetLineJSON `json:"lines"`
	GroupLoans []sheetLoanJSON `json:"group_loans"`
}

func toSheetLoans(ls []meetings.SheetLoan, cur ledger.Currency) []sheetLoanJSON {
	return mapSlice(ls, func(l meetings.SheetLoan) sheetLoanJSON {
		return sheetLoanJSON{LoanID: l.LoanID, Number: l.Number, Due: ledger.FormatMinor(l.DueMinor, cur),
			Outstanding: ledger.FormatMinor(l.OutstandingMinor, cur), DaysPastDue: l.DaysPastDue}
	})
}

// collectionSheet answers a group's sheet for a meeting day; as a PDF, the
// paper the treasurer takes to the meeting.
func (s *server) collectionSheet(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatPDF)
	if err != nil {
		return err
	}
	on, err := optionalDate("date", c.Query("date"))
	if err != nil {
		return err
	}
	sh, err := s.meetings.CollectionSheet(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), on)
	if err != nil {
		return err
	}
	if f.kind == formatPDF {
		coop, err := s.cooperativeName(c)
		if err != nil {
			return err
		}
		d := download{report: "collection-sheet-" + slug(sh.Group.Name), owner: coop, date: sh.Date}
		return d.sendPDF(c, render.CollectionSheetPDF(sh, coop, today(), f.lang))
	}
	cur := sh.Currency
	return c.JSON(sheetJSON{GroupID: sh.Group.ID, Date: sh.Date.String(), Currency: cur.Code(), Recorded: sh.Recorded,
		GroupLoans: toSheetLoans(sh.GroupLoans, cur),
		Lines:      mapSlice(sh.Lines, func(l meetings.SheetLine) sheetLineJSON { return toSheetLine(l, cur) })})
}

func toSheetLine(l meetings.SheetLine, cur ledger.Currency) sheetLineJSON {
	return sheetLineJSON{MemberID: l.Member.ID, MemberNumber: l.Member.Number, Name: l.Member.Name,
		Loans: toSheetLoans(l.Loans, cur), WajibDue: ledger.FormatMinor(l.WajibDueMinor, cur),
		Sukarela: ledger.FormatMinor(l.SukarelaMinor, cur),
		Shares: mapSlice(l.Shares, func(sh meetings.SheetShare) sheetShareJSON {
			return sheetShareJSON{LoanID: sh.LoanID, Number: sh.Number, Due: ledger.FormatMinor(sh.DueMinor, cur)}
		})}
}

type sheetPaymentRequest struct {
	MemberID      string `json:"member_id"`
	Attendance    string `json:"attendance"`
	RepresentedBy string `json:"represented_by"`
	Attended      *bool  `json:"attended"` // for clients from before attendance: true is present, false absent
	Loans         []struct {
		LoanID string `json:"loan_id"`
		Amount string `json:"amount"`
		Covers string `json:"covers"`
	} `json:"loans"`
	Wajib    string `json:"wajib"`
	Sukarela string `json:"sukarela"`
}

type sheetRequest struct {
	Date  string                `json:"date"`
	Via   string                `json:"via"`
	Lines []sheetPaymentRequest `json:"lines"`
}

type meetingJSON struct {
	ID       string      `json:"id"`
	GroupID  string      `json:"group_id"`
	HeldOn   string      `json:"held_on"`
	Replayed bool        `json:"replayed"`
	Entries  []entryJSON `json:"entries"`
}

// sheetInput reads a filled-in sheet from the body.
func sheetInput(c *fiber.Ctx) (meetings.SheetInput, error) {
	var req sheetRequest
	if err := decode(c, &req); err != nil {
		return meetings.SheetInput{}, err
	}
	on, err := optionalDate("date", req.Date)
	if err != nil {
		return meetings.SheetInput{}, err
	}
	in := meetings.SheetInput{Date: on, Via: req.Via}
	for _, l := range req.Lines {
		p := meetings.SheetPayment{MemberID: l.MemberID, Attendance: meetings.Attendance(l.Attendance), RepresentedBy: l.RepresentedBy,
			Attended: l.Attended, Wajib: l.Wajib, Sukarela: l.Sukarela}
		for _, lp := range l.Loans {
			p.Loans = append(p.Loans, meetings.SheetLoanPayment{LoanID: lp.LoanID, Amount: lp.Amount, Covers: lp.Covers})
		}
		in.Lines = append(in.Lines, p)
	}
	return in, nil
}

func (s *server) recordCollection(c *fiber.Ctx) error {
	in, err := sheetInput(c)
	if err != nil {
		return err
	}
	m, err := s.meetings.RecordCollection(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), in)
	if err != nil {
		return err
	}
	return sendMeeting(c, recordedStatus(c, m.Replayed), m)
}

// amendMeeting replaces a recorded meeting's sheet with a corrected one.
// The amended meeting answers 200; the same amendment again, 200 marked
// Idempotent-Replayed.
func (s *server) amendMeeting(c *fiber.Ctx) error {
	on, err := meetingDate(c)
	if err != nil {
		return err
	}
	in, err := sheetInput(c)
	if err != nil {
		return err
	}
	if waits, err := s.secondTreasurer(c, accounts.ApproveMeetingAmend); waits || err != nil {
		return s.askApproval(c, err, func(ctx context.Context, a accounts.Actor, coop string) (approvals.Approval, error) {
			return s.approvals.RequestAmend(ctx, a, coop, approvals.MeetingAmend{GroupID: c.Params("group"), On: on, Input: in})
		})
	}
	m, err := s.meetings.AmendCollection(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), on, in)
	if err != nil {
		return err
	}
	if m.Replayed {
		c.Set(headerIdempotentReplayed, "true")
	}
	return sendMeeting(c, fiber.StatusOK, m)
}

// sendMeeting answers with a recorded meeting, or with the status alone
// when the client asks for a minimal answer.
func sendMeeting(c *fiber.Ctx, status int, m meetings.Meeting) error {
	if prefersMinimal(c) {
		// A phone recording a meeting on a thin signal needs to know it is
		// in the books, not to download every entry back.
		c.Set(headerPreferenceApplied, "return=minimal")
		c.Status(status) // and no body: SendStatus would write the status text
		return nil
	}
	return c.Status(status).JSON(meetingJSON{ID: m.ID, GroupID: m.GroupID, HeldOn: m.HeldOn.String(), Replayed: m.Replayed,
		Entries: mapSlice(m.Entries, toEntry)})
}

// headerPreferenceApplied tells a client which of its Prefer preferences
// the answer honours (RFC 7240).
const headerPreferenceApplied = "Preference-Applied"

// prefersMinimal reports whether the request asks, with Prefer:
// return=minimal (RFC 7240), for an answer without a body.
func prefersMinimal(c *fiber.Ctx) bool {
	for _, p := range strings.Split(c.Get("Prefer"), ",") {
		if strings.EqualFold(strings.TrimSpace(p), "return=minimal") {
			return true
		}
	}
	return false
}
