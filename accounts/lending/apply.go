package lending

import (
	"context"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// LoanApplication is what a treasurer records when a member (or a group)
// asks for a loan. Amounts are decimal strings in the cooperative's
// currency; the rate is a percent per year.
type LoanApplication struct {
	MemberID   string
	GroupID    string
	FacilityID string
	// ProductID names the loan product whose terms the loan takes; the
	// application then gives only the borrower, facility, principal and
	// purpose.
	ProductID           string
	Principal           string
	AnnualRate          string
	Method              loans.Method
	Frequency           loans.Frequency
	Installments        int
	GracePeriods        int
	InstallmentMultiple string // empty: the currency's unit
	Fee                 string
	Penalty             string
	Purpose             string
	// Shares are the members' shares of a group loan's principal: one
	// for each member who borrows, summing to it. A member's loan has none.
	Shares []ShareInput
}

// ApplyLoan records an application. Its cooperative's treasurer only.
// Errors: KindNotFound, KindForbidden, KindInvalid (terms, borrower, facility).
func (s *Service) ApplyLoan(ctx context.Context, a accounts.Actor, cooperativeID string, in LoanApplication) (l Loan, err error) {
	defer ledger.Wrap(&err, "ApplyLoan(%s)", cooperativeID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Loan{}, err
	}
	coop := books.Cooperative()
	var productID *string
	if in.ProductID != "" {
		if in, productID, err = s.applyProduct(ctx, coop, in); err != nil {
			return Loan{}, err
		}
	}
	row, shares, err := s.loanApplication(ctx, books, in)
	if err != nil {
		return Loan{}, err
	}
	row.ProductID = productID
	row.ID, row.Status, row.AppliedBy, row.AppliedAt = ledger.NewID(), LoanApplied, a.UserID, s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		err := tx.NewUpdate().Table("cooperatives").Set("last_loan_number = last_loan_number + 1").
			Where("id = ?", cooperativeID).Returning("last_loan_number").Scan(ctx, &row.Number)
		if err != nil {
			return err
		}
		if _, err = tx.NewInsert().Model(&row).Exec(ctx); err != nil || len(shares) == 0 {
			return err
		}
		for i := range shares {
			shares[i].LoanID = row.ID
		}
		_, err = tx.NewInsert().Model(&shares).Exec(ctx)
		return err
	})
	if err != nil {
		return Loan{}, err
	}
	l = row.loan(nil)
	l.Shares = toShares(shares)
	return l, nil
}

// loanApplication checks an application and returns the rows to insert:
// the loan's and its shares'.
func (s *Service) loanApplication(ctx context.Context, books accounts.Books, in LoanApplication) (loanRow, []shareRow, error) {
	coop := books.Cooperative()
	row := loanRow{CooperativeID: coop.ID, Currency: coop.Currency, Method: string(in.Method), Frequency: string(in.Frequency),
		Installments: in.Installments, GracePeriods: in.GracePeriods, Purpose: strings.TrimSpace(in.Purpose), FacilityID: in.FacilityID}
	fields, err := s.loanParties(ctx, books, in, &row)
	if err != nil {
		return loanRow{}, nil, err
	}
	add := func(field, reason string) { fields = append(fields, ledger.FieldError{Field: field, Reason: reason}) }
	rate, err := decimal.NewFromString(in.AnnualRate)
	if _, perr := ledger.ParseAmount("annual_rate", in.AnnualRate); perr != nil || err != nil {
		add("annual_rate", "a percent per year as a decimal string, such as \"18\" or \"24.5\"")
	}
	row.AnnualRate = rate
	for _, f := range []struct {
		name, text string
		dst        *int64
	}{{"principal", in.Principal, &row.PrincipalMinor}, {"installment_multiple", in.InstallmentMultiple, &row.InstallmentMultipleMinor},
		{"fee", in.Fee, &row.FeeMinor}, {"penalty", in.Penalty, &row.PenaltyMinor}} {
		if f.text == "" && f.name != "principal" {
			continue
		}
		v, err := ledger.ParsePositiveMinor(f.name, f.text, coop.Currency)
		if err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
		*f.dst = v
	}
	if len(fields) == 0 {
		terms := row.terms()
		terms.DisbursedOn = ledger.DateOf(s.now().UTC())
		if err := terms.Validate(); err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
		if row.FeeMinor >= row.PrincipalMinor {
			add("fee", "must be less than the principal")
		}
	}
	shares, shareFields, err := s.shareFields(ctx, books, in, row)
	if err != nil {
		return loanRow{}, nil, err
	}
	fields = append(fields, shareFields...)
	if len(fields) == 0 && len(shares) > 0 {
		terms := row.terms()
		terms.DisbursedOn = ledger.DateOf(s.now().UTC())
		fields = checkShareSplit(row, shares, terms)
	}
	if len(fields) > 0 {
		return loanRow{}, nil, accounts.Invalid("loan.invalid", fields)
	}
	return row, shares, nil
}

// loanParties checks the borrower and the facility an application names
// and sets them on the row, returning what is wrong with them. Only a
// lookup that finds nothing is a field error: any other failure (a lost
// connection) says nothing about the request and is returned as it is.
func (s *Service) loanParties(ctx context.Context, books accounts.Books, in LoanApplication, row *loanRow) ([]ledger.FieldError, error) {
	var fields []ledger.FieldError
	add := func(field, reason string) { fields = append(fields, ledger.FieldError{Field: field, Reason: reason}) }
	switch {
	case (in.MemberID == "") == (in.GroupID == ""):
		add("member_id", "name either a member or a group as the borrower")
	case in.MemberID != "":
		m, err := books.Member(ctx, s.db, in.MemberID, accounts.MemberUnlocked)
		if ledger.KindOf(err) == ledger.KindNotFound || (err == nil && m.ExitedOn != nil) {
			add("member_id", "no active member of this cooperative")
		} else if err != nil {
			return nil, err
		}
		row.MemberID = &in.MemberID
	default:
		if _, err := books.Group(ctx, s.db, in.GroupID); ledger.KindOf(err) == ledger.KindNotFound {
			add("group_id", "no such group in this cooperative")
		} else if err != nil {
			return nil, err
		}
		row.GroupID = &in.GroupID
	}
	if _, err := books.Facility(ctx, s.db, in.FacilityID); ledger.KindOf(err) == ledger.KindNotFound {
		add("facility_id", "no facility of this cooperative")
	} else if err != nil {
		return nil, err
	}
	return fields, nil
}

// ApproveLoan approves an application. The approver must be another
// treasurer of the cooperative than the one who recorded it: no one lends
// on her own say alone. Errors: KindNotFound; KindForbidden for the
// applicant herself; KindConflict unless the loan awaits approval.
func (s *Service) ApproveLoan(ctx context.Context, a accounts.Actor, cooperativeID, loanID string) (l Loan, err error) {
	defer ledger.Wrap(&err, "ApproveLoan(%s, %s)", cooperativeID, loanID)
	return s.decide(ctx, a, cooperativeID, loanID, LoanApproved)
}

// RejectLoan turns an application down. Errors: as ApproveLoan.
func (s *Service) RejectLoan(ctx context.Context, a accounts.Actor, cooperativeID, loanID string) (l Loan, err error) {
	defer ledger.Wrap(&err, "RejectLoan(%s, %s)", cooperativeID, loanID)
	return s.decide(ctx, a, cooperativeID, loanID, LoanRejected)
}

func (s *Service) decide(ctx context.Context, a accounts.Actor, cooperativeID, loanID, status string) (Loan, error) {
	if _, err := s.core.Books(ctx, a, cooperativeID); err != nil {
		return Loan{}, err
	}
	var row loanRow
	err := s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if err := s.lockLoanRow(ctx, tx, &row, cooperativeID, loanID); err != nil {
			return err
		}
		if row.Status != LoanApplied {
			return ledger.Conflict("loan.status", "the loan is %s, not awaiting a decision", row.Status)
		}
		if row.AppliedBy == a.UserID {
			return ledger.Forbidden("loan.self_approval", "another treasurer must decide on an application you recorded")
		}
		now := s.now().UTC()
		row.Status, row.ApprovedBy, row.ApprovedAt = status, &a.UserID, &now
		_, err := tx.NewUpdate().Model(&row).Column("status", "approved_by", "approved_at").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return Loan{}, err
	}
	return row.loan(nil), nil
}

func (s *Service) lockLoanRow(ctx context.Context, tx bun.Tx, row *loanRow, cooperativeID, loanID string) error {
	if !ledger.IsID(loanID) {
		return errLoanNotFound()
	}
	err := lockLoan(ctx, tx, row, cooperativeID, loanID)
	if accounts.NoRows(err) {
		return errLoanNotFound()
	}
	return err
}

func errLoanNotFound() error { return ledger.NotFound("loan.not_found", "no such loan") }
