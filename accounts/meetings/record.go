package meetings

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// checkSheet checks a sheet alone before any database work: its size, that
// each member appears once, that every amount reads in the currency, and
// each line's attendance, which it returns the sheet with.
func checkSheet(in SheetInput, cur ledger.Currency) (SheetInput, error) {
	if len(in.Lines) == 0 || len(in.Lines) > sheetLinesMax {
		return in, ledger.InvalidField("meeting.invalid", "lines", "a sheet has 1 to %d lines", sheetLinesMax)
	}
	if _, err := (accounts.MoneyInput{Via: in.Via}).FundsAccount(); err != nil {
		return in, err
	}
	seen := map[string]bool{}
	in, fields := checkAttendance(in)
	for i, p := range in.Lines {
		if seen[p.MemberID] {
			fields = append(fields, ledger.FieldError{Field: fmt.Sprintf("lines[%d].member_id", i), Reason: "the member appears twice"})
		}
		seen[p.MemberID] = true
		amounts := map[string]string{"wajib": p.Wajib, "sukarela": p.Sukarela}
		for j, l := range p.Loans {
			amounts[fmt.Sprintf("loans[%d].amount", j)] = l.Amount
			if l.Amount == "" {
				fields = append(fields, ledger.FieldError{Field: fmt.Sprintf("lines[%d].loans[%d].amount", i, j), Reason: "required"})
			}
		}
		for field, text := range amounts {
			if text == "" {
				continue
			}
			if _, err := ledger.ParsePositiveMinor(fmt.Sprintf("lines[%d].%s", i, field), text, cur); err != nil {
				fields = append(fields, ledger.AsError(err).Fields...)
			}
		}
	}
	if len(fields) > 0 {
		return in, ledger.Invalid("meeting.invalid", "the sheet is not valid", fields...)
	}
	return in, nil
}

// recordLine posts one member's payments and records her attendance.
func (s *Service) recordLine(ctx context.Context, tx bun.Tx, books accounts.Books, groupID, meetingID string, in SheetInput, p SheetPayment) ([]ledger.Entry, error) {
	coop := books.Cooperative()
	m, err := books.Member(ctx, tx, p.MemberID, accounts.MemberShared)
	switch {
	case ledger.KindOf(err) == ledger.KindNotFound || (err == nil && m.GroupID != groupID):
		return nil, ledger.InvalidField("meeting.invalid", "member_id", "not a member of this group")
	case err != nil:
		return nil, err
	}
	if m.ExitedOn != nil {
		return nil, ledger.Conflict("member.exited", "%s left the cooperative on %s", m.Name, m.ExitedOn)
	}
	at := attendanceRow{MeetingID: meetingID, MemberID: m.ID, Status: p.Attendance}
	if p.Attendance == Represented {
		at.RepresentedBy = &p.RepresentedBy
	}
	if _, err := tx.NewInsert().Model(&at).Exec(ctx); err != nil {
		return nil, err
	}
	money := accounts.MoneyInput{Date: in.Date, Via: in.Via, Memo: coop.Language.MeetingMemo(in.Date)}
	funds, _ := money.FundsAccount()
	var entries []ledger.Entry
	for j, lp := range p.Loans {
		e, err := s.sheetRepayment(ctx, tx, books, groupID, m, lp, money, funds)
		if err != nil {
			return nil, prefixError(fmt.Sprintf("loans[%d]", j), err)
		}
		amount, _ := ledger.ParsePositiveMinor("amount", lp.Amount, coop.Currency) // checked by checkSheet
		loanID := lp.LoanID
		if err := recordPayment(ctx, tx, paymentRow{MeetingID: meetingID, EntryID: e.ID, MemberID: m.ID, What: paidLoan,
			LoanID: &loanID, AmountMinor: amount}); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	for _, d := range []struct {
		t      accounts.SavingsType
		amount string
	}{{accounts.Wajib, p.Wajib}, {accounts.Sukarela, p.Sukarela}} {
		if d.amount == "" {
			continue
		}
		amount, _ := ledger.ParsePositiveMinor(string(d.t), d.amount, coop.Currency) // checked by checkSheet
		e, err := s.savings.DepositTx(ctx, tx, books, m, d.t, amount, money)
		if err != nil {
			return nil, err
		}
		if err := recordPayment(ctx, tx, paymentRow{MeetingID: meetingID, EntryID: e.ID, MemberID: m.ID,
			What: string(d.t), AmountMinor: amount}); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// sheetRepayment pays toward her own loan or her group's, recording a
// cover when she paid another member's share, or, in a group under joint
// liability, a co-member's own loan.
func (s *Service) sheetRepayment(ctx context.Context, tx bun.Tx, books accounts.Books, groupID string, m accounts.Member, lp SheetLoanPayment, money accounts.MoneyInput, funds string) (ledger.Entry, error) {
	noLoan := ledger.InvalidField("meeting.invalid", "loan_id", "no such loan")
	if !ledger.IsID(lp.LoanID) {
		return ledger.Entry{}, noLoan
	}
	loan, err := lending.FindLoanTx(ctx, tx, books, lp.LoanID)
	if ledger.KindOf(err) == ledger.KindNotFound {
		return ledger.Entry{}, noLoan
	} else if err != nil {
		return ledger.Entry{}, err
	}
	own := loan.MemberID == m.ID
	group := loan.GroupID == groupID
	// In a group under joint liability a member may also pay a co-member's
	// own loan, as a cover naming her; that she is in the group is checked
	// with the cover below.
	coMember := false
	if !own && !group && loan.MemberID != "" && lp.Covers == loan.MemberID {
		g, err := books.Group(ctx, tx, groupID)
		if err != nil {
			return ledger.Entry{}, err
		}
		coMember = g.JointlyLiableOn(money.Date)
	}
	if !own && !group && !coMember {
		return ledger.Entry{}, ledger.InvalidField("meeting.invalid", "loan_id", "neither her loan nor her group's")
	}
	if lp.Covers != "" && ((!group && !coMember) || lp.Covers == m.ID) {
		return ledger.Entry{}, ledger.InvalidField("meeting.invalid", "covers",
			"a cover pays another member's share of the group's loan or, in a group under joint liability, a co-member's loan")
	}
	amount, _ := ledger.ParsePositiveMinor("amount", lp.Amount, books.Cooperative().Currency) // checked by checkSheet
	_, e, err := s.lending.RepayTx(ctx, tx, books, lp.LoanID, lending.Payer{MemberID: m.ID, For: lp.Covers}, money, amount, funds, money.Date)
	if err != nil || lp.Covers == "" {
		return e, err
	}
	covered, err := books.Member(ctx, tx, lp.Covers, accounts.MemberUnlocked)
	switch {
	case ledger.KindOf(err) == ledger.KindNotFound || (err == nil && covered.GroupID != groupID):
		return ledger.Entry{}, ledger.InvalidField("meeting.invalid", "covers", "not a member of this group")
	case err != nil:
		return ledger.Entry{}, err
	}
	return e, s.bookCover(ctx, tx, books, coverRow{ID: ledger.NewID(), LoanID: lp.LoanID, EntryID: e.ID, CoveringMemberID: m.ID,
		CoveredMemberID: covered.ID, AmountMinor: amount}, m, covered, money.Date)
}

// paidLoan is what a payment toward a loan is recorded as; deposits are
// recorded as their savings type.
const paidLoan = "loan"

// paymentRow is one payment a member made at a meeting, with the entry
// that posted it: what the meeting is read back from.
type paymentRow struct {
	bun.BaseModel `bun:"table:meeting_payments"`

	MeetingID   string  `bun:"meeting_id"`
	EntryID     string  `bun:"entry_id"`
	MemberID    string  `bun:"member_id"`
	What        string  `bun:"what"`
	LoanID      *string `bun:"loan_id"`
	AmountMinor int64   `bun:"amount_minor"`
}

func recordPayment(ctx context.Context, tx bun.Tx, p paymentRow) error {
	_, err := tx.NewInsert().Model(&p).Exec(ctx)
	return err
}
