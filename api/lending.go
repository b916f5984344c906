package api

import (
	"context"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// Loans, kept by the treasurer: application, a second treasurer's
// decision, disbursement, repayments, penalties, write-off.

type loanRequest struct {
	MemberID            string         `json:"member_id"`
	GroupID             string         `json:"group_id"`
	FacilityID          string         `json:"facility_id"`
	ProductID           string         `json:"product_id"`
	Principal           string         `json:"principal"`
	AnnualRate          string         `json:"annual_rate"`
	InterestMethod      string         `json:"interest_method"`
	Frequency           string         `json:"frequency"`
	Installments        int            `json:"installments"`
	GracePeriods        int            `json:"grace_periods"`
	InstallmentMultiple string         `json:"installment_multiple"`
	Fee                 string         `json:"fee"`
	Penalty             string         `json:"penalty"`
	Purpose             string         `json:"purpose"`
	Shares              []shareRequest `json:"shares"`
}

// shareRequest is a member's share of a group loan's principal.
type shareRequest struct {
	MemberID  string `json:"member_id"`
	Principal string `json:"principal"`
}

type installmentJSON struct {
	Number    int    `json:"number"`
	DueDate   string `json:"due_date"`
	Principal string `json:"principal"`
	Interest  string `json:"interest"`
	Total     string `json:"total"`
}

type positionJSON struct {
	Outstanding  string           `json:"outstanding"`
	PrincipalDue string           `json:"principal_due"`
	InterestDue  string           `json:"interest_due"`
	PenaltyOwed  string           `json:"penalty_owed"`
	Arrears      string           `json:"arrears"`
	DaysPastDue  int              `json:"days_past_due"`
	Next         *installmentJSON `json:"next_installment"`
	NextDue      string           `json:"next_due"`
	Paid         int              `json:"installments_paid"`
	Payoff       string           `json:"payoff"`
}

type loanJSON struct {
	ID                  string            `json:"id"`
	Number              int               `json:"number"`
	CooperativeID       string            `json:"cooperative_id"`
	MemberID            string            `json:"member_id,omitempty"`
	GroupID             string            `json:"group_id,omitempty"`
	FacilityID          string            `json:"facility_id"`
	ProductID           *string           `json:"product_id"`
	Principal           string            `json:"principal"`
	Currency            string            `json:"currency"`
	AnnualRate          string            `json:"annual_rate"`
	EffectiveAnnualRate *string           `json:"effective_annual_rate,omitempty"` // a flat loan's, beside its flat rate
	InterestMethod      string            `json:"interest_method"`
	Frequency           string            `json:"frequency"`
	Installments        int               `json:"installments"`
	GracePeriods        int               `json:"grace_periods"`
	InstallmentMultiple string            `json:"installment_multiple"`
	Fee                 string            `json:"fee"`
	Penalty             string            `json:"penalty"`
	Purpose             string            `json:"purpose"`
	Status              string            `json:"status"`
	DisbursedOn         string            `json:"disbursed_on,omitempty"`
	ClosedOn            string            `json:"closed_on,omitempty"`
	AsOf                string            `json:"as_of,omitempty"` // absent when the view has no date: an application
	Schedule            []installmentJSON `json:"schedule"`
	Position            *positionJSON     `json:"position"`
	Shares              []shareJSON       `json:"shares,omitempty"` // a group loan's
}

// shareJSON is a member's share of a group loan: her part of the
// principal and, once it is disbursed, her own schedule and where it
// stands on the view's day.
type shareJSON struct {
	MemberID  string            `json:"member_id"`
	Name      string            `json:"name,omitempty"`
	Principal string            `json:"principal"`
	Schedule  []installmentJSON `json:"schedule,omitempty"`
	Due       string            `json:"due,omitempty"`
	Paid      string            `json:"paid,omitempty"`
	Covered   string            `json:"covered,omitempty"`
	Arrears   string            `json:"arrears,omitempty"`
	// CoverOwed is what co-members paid for her that she has not yet
	// repaid; ArrearsBeforeCover, her arrears plus that: what she herself
	// is behind on.
	CoverOwed          string `json:"cover_owed,omitempty"`
	ArrearsBeforeCover string `json:"arrears_before_cover,omitempty"`
}

func toShares(v lending.LoanView, cur ledger.Currency) []shareJSON {
	if len(v.ShareViews) == 0 {
		return mapSlice(v.Shares, func(sh loans.Share) shareJSON {
			return shareJSON{MemberID: sh.MemberID, Principal: ledger.FormatMinor(sh.PrincipalMinor, cur)}
		})
	}
	return mapSlice(v.ShareViews, func(sv lending.ShareView) shareJSON {
		return shareJSON{MemberID: sv.MemberID, Name: sv.Name, Principal: ledger.FormatMinor(sv.PrincipalMinor, cur),
			Schedule: mapSlice(sv.Installments, func(i loans.Installment) installmentJSON {
				return installmentJSON{Number: i.Number, DueDate: i.DueDate.String(), Principal: ledger.FormatMinor(i.PrincipalMinor, cur),
					Interest: ledger.FormatMinor(i.InterestMinor, cur), Total: ledger.FormatMinor(i.TotalMinor, cur)}
			}),
			Due: ledger.FormatMinor(sv.DueMinor, cur), Paid: ledger.FormatMinor(sv.PaidMinor, cur),
			Covered: ledger.FormatMinor(sv.CoveredMinor, cur), Arrears: ledger.FormatMinor(sv.ArrearsMinor, cur),
			CoverOwed: ledger.FormatMinor(sv.CoverOwedMinor, cur), ArrearsBeforeCover: ledger.FormatMinor(sv.ArrearsBeforeCoverMinor(), cur)}
	})
}

func toInstallment(inst lending.Installment, cur ledger.Currency) installmentJSON {
	return installmentJSON{Number: inst.Number, DueDate: inst.DueDate.String(), Principal: ledger.FormatMinor(inst.PrincipalMinor, cur),
		Interest: ledger.FormatMinor(inst.InterestMinor, cur), Total: ledger.FormatMinor(inst.PrincipalMinor+inst.InterestMinor, cur)}
}

func toLoan(v lending.LoanView) loanJSON {
	t, cur := v.Terms, v.Terms.Currency
	out := loanJSON{ID: v.ID, Number: v.Number, CooperativeID: v.CooperativeID, MemberID: v.MemberID, GroupID: v.GroupID,
		FacilityID: v.FacilityID, Principal: ledger.FormatMinor(t.Principal, cur), Currency: cur.Code(),
		AnnualRate: t.AnnualRatePercent.String(), InterestMethod: string(t.Method), Frequency: string(t.Frequency),
		Installments: t.Installments, GracePeriods: t.GracePeriods, InstallmentMultiple: ledger.FormatMinor(t.InstallmentMultiple, cur),
		Fee: ledger.FormatMinor(v.FeeMinor, cur), Penalty: ledger.FormatMinor(v.PenaltyMinor, cur), Purpose: v.Purpose, Status: v.Status,
		Schedule: mapSlice(v.Schedule, func(i lending.Installment) installmentJSON { return toInstallment(i, cur) }),
		Shares:   toShares(v, cur)}
	if !v.AsOf.IsZero() {
		out.AsOf = v.AsOf.String()
	}
	out.ProductID = optionalID(v.ProductID)
	if r := v.EffectiveAnnualRatePercent; r != nil {
		text := r.String()
		out.EffectiveAnnualRate = &text
	}
	if v.DisbursedOn != nil {
		out.DisbursedOn = v.DisbursedOn.String()
	}
	if v.ClosedOn != nil {
		out.ClosedOn = v.ClosedOn.String()
	}
	if v.Status == lending.LoanDisbursed {
		p := v.Position
		out.Position = &positionJSON{Outstanding: ledger.FormatMinor(p.OutstandingMinor, cur), PrincipalDue: ledger.FormatMinor(p.PrincipalDueMinor, cur),
			InterestDue: ledger.FormatMinor(p.InterestDueMinor, cur), PenaltyOwed: ledger.FormatMinor(p.PenaltyOwedMinor, cur),
			Arrears: ledger.FormatMinor(p.ArrearsMinor, cur), DaysPastDue: p.DaysPastDue, NextDue: ledger.FormatMinor(p.NextDueMinor, cur),
			Paid: p.PaidInstallments, Payoff: ledger.FormatMinor(v.PayoffMinor, cur)}
		if p.Next != nil {
			next := toInstallment(*p.Next, cur)
			out.Position.Next = &next
		}
	}
	return out
}

func (s *server) applyLoan(c *fiber.Ctx) error {
	var req loanRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	l, err := s.lending.ApplyLoan(c.UserContext(), actor(c), c.Params("coop"), lending.LoanApplication{
		MemberID: req.MemberID, GroupID: req.GroupID, FacilityID: req.FacilityID, ProductID: req.ProductID, Principal: req.Principal,
		AnnualRate: req.AnnualRate, Method: loans.Method(req.InterestMethod), Frequency: loans.Frequency(req.Frequency),
		Installments: req.Installments, GracePeriods: req.GracePeriods, InstallmentMultiple: req.InstallmentMultiple,
		Fee: req.Fee, Penalty: req.Penalty, Purpose: req.Purpose, Shares: mapSlice(req.Shares, func(sh shareRequest) lending.ShareInput { return lending.ShareInput(sh) })})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toLoan(lending.LoanView{Loan: l}))
}

func (s *server) getLoan(c *fiber.Ctx) error {
	date, err := asOf(c)
	if err != nil {
		return err
	}
	v, err := s.lending.FindLoan(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan"), date)
	if err != nil {
		return err
	}
	return c.JSON(toLoan(v))
}

// loanStatementLineJSON is one entry that moved a loan; amounts are signed
// as LoanStatementLine says.
type loanStatementLineJSON struct {
	EntryID       string `json:"entry_id"`
	Sequence      int64  `json:"sequence"`
	EffectiveDate string `json:"effective_date"`
	Kind          string `json:"kind"`
	Memo          string `json:"memo"`
	Principal     string `json:"principal"`
	Interest      string `json:"interest"`
	Penalty       string `json:"penalty"`
	Outstanding   string `json:"outstanding"` // principal owed after the entry
}

type loanStatementJSON struct {
	LoanID   string                  `json:"loan_id"`
	Number   int                     `json:"number"`
	Borrower string                  `json:"borrower"`
	Currency string                  `json:"currency"`
	From     string                  `json:"from"`
	To       string                  `json:"to"`
	Opening  string                  `json:"opening"` // principal owed before the period
	Lines    []loanStatementLineJSON `json:"lines"`
	Closing  string                  `json:"closing"`
}

// loanStatement is a loan's movements over a period (the last three
// months by default), for its treasurer and its borrower.
func (s *server) loanStatement(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	from, to, err := recentPeriod(c)
	if err != nil {
		return err
	}
	st, err := s.lending.FindLoanStatement(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan"), from, to)
	if err != nil {
		return err
	}
	cur := st.Loan.Terms.Currency
	switch f.kind {
	case formatJSON:
		return c.JSON(loanStatementJSON{LoanID: st.Loan.ID, Number: st.Loan.Number, Borrower: st.Borrower, Currency: cur.Code(),
			From: st.From.String(), To: st.To.String(), Opening: ledger.FormatMinor(st.OpeningMinor, cur),
			Closing: ledger.FormatMinor(st.ClosingMinor, cur),
			Lines: mapSlice(st.Lines, func(l lending.LoanStatementLine) loanStatementLineJSON {
				return loanStatementLineJSON{EntryID: l.EntryID, Sequence: l.Sequence, EffectiveDate: l.EffectiveDate.String(),
					Kind: l.Kind, Memo: l.Memo, Principal: ledger.FormatMinor(l.PrincipalMinor, cur),
					Interest: ledger.FormatMinor(l.InterestMinor, cur), Penalty: ledger.FormatMinor(l.PenaltyMinor, cur),
					Outstanding: ledger.FormatMinor(l.OutstandingMinor, cur)}
			})})
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	d := download{report: fmt.Sprintf("loan-%d", st.Loan.Number), owner: coop, date: st.To}
	if f.kind == formatCSV {
		return d.sendCSV(c, render.LoanStatementCSV(st, f.csv, f.lang))
	}
	return d.sendPDF(c, render.LoanStatementPDF(st, coop, today(), f.lang))
}

func (s *server) listLoans(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	f := lending.LoanFilter{MemberID: c.Query("member_id"), GroupID: c.Query("group_id"), Status: c.Query("status")}
	vs, next, err := s.lending.FindLoans(c.UserContext(), actor(c), c.Params("coop"), f, p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(vs, toLoan), next))
}

func (s *server) approveLoan(c *fiber.Ctx) error {
	return s.decideLoan(c, s.lending.ApproveLoan)
}

func (s *server) rejectLoan(c *fiber.Ctx) error {
	return s.decideLoan(c, s.lending.RejectLoan)
}

func (s *server) decideLoan(c *fiber.Ctx, decide func(ctx context.Context, a accounts.Actor, coop, loan string) (lending.Loan, error)) error {
	if _, err := decide(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan")); err != nil {
		return err
	}
	return s.getLoan(c)
}

func (s *server) disburseLoan(c *fiber.Ctx) error {
	var req payoutRequest
	if err := decodeOptional(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	if _, _, err := s.lending.DisburseLoan(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan"), in); err != nil {
		return err
	}
	return s.getLoan(c)
}

type repaymentJSON struct {
	Entry      entryJSON      `json:"entry"`
	Allocation allocationJSON `json:"allocation"`
	Loan       loanJSON       `json:"loan"`
}

type allocationJSON struct {
	Penalty   string `json:"penalty"`
	Interest  string `json:"interest"`
	Principal string `json:"principal"`
}

// repaymentRequest is a repayment at the office: the money, and the
// member who brought it, required for a group loan with shares.
type repaymentRequest struct {
	moneyRequest
	MemberID string `json:"member_id"`
}

func (s *server) repayLoan(c *fiber.Ctx) error {
	var req repaymentRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	r, err := s.lending.RepayLoanBy(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan"), lending.Payer{MemberID: req.MemberID}, in)
	if err != nil {
		return err
	}
	cur := r.Loan.Terms.Currency
	return c.Status(recordedStatus(c, r.Entry.Replayed)).JSON(repaymentJSON{Entry: toEntry(r.Entry), Loan: toLoan(r.Loan),
		Allocation: allocationJSON{Penalty: ledger.FormatMinor(r.Allocation.PenaltyMinor, cur),
			Interest: ledger.FormatMinor(r.Allocation.InterestMinor, cur), Principal: ledger.FormatMinor(r.Allocation.PrincipalMinor, cur)}})
}

type dateRequest struct {
	Date string `json:"date"`
}

func (s *server) assessPenalties(c *fiber.Ctx) error {
	var req dateRequest
	if err := decodeOptional(c, &req); err != nil {
		return err
	}
	date, err := optionalDate("date", req.Date)
	if err != nil {
		return err
	}
	if _, err := s.lending.AssessPenalties(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan"), date); err != nil {
		return err
	}
	return s.getLoan(c)
}

// writeOffRequest is the body of a write-off: no money moves, so it has
// neither an amount nor a way it went.
type writeOffRequest struct {
	Date string `json:"date"`
	Memo string `json:"memo"`
}

func (s *server) writeOffLoan(c *fiber.Ctx) error {
	var req writeOffRequest
	if err := decodeOptional(c, &req); err != nil {
		return err
	}
	in, err := moneyRequest{Date: req.Date, Memo: req.Memo}.input(c)
	if err != nil {
		return err
	}
	if waits, err := s.secondTreasurer(c, accounts.ApproveWriteOff); waits || err != nil {
		return s.askApproval(c, err, func(ctx context.Context, a accounts.Actor, coop string) (approvals.Approval, error) {
			return s.approvals.RequestWriteOff(ctx, a, coop, approvals.WriteOff{LoanID: c.Params("loan"), Input: in})
		})
	}
	if _, err := s.lending.WriteOff(c.UserContext(), actor(c), c.Params("coop"), c.Params("loan"), in); err != nil {
		return err
	}
	return s.getLoan(c)
}
