package lending

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// ApprovedOnPaper is who approved, in the loan's record, a loan that a
// cooperative made before it kept its books in Lumbung: its committee did,
// on paper, and no user of Lumbung can be named for it.
const ApprovedOnPaper = "paper"

// OpeningLoan is a loan a cooperative brings when it starts on Lumbung:
// already disbursed, already partly repaid. The application gives the
// borrower (a member), the facility that funds it and its terms; a loan
// product, a fee and a penalty are not taken, the fee having been paid
// before.
type OpeningLoan struct {
	LoanApplication
	DisbursedOn ledger.Date
	RepaidMinor int64       // principal and interest repaid in all, by RepaidOn
	RepaidOn    ledger.Date // the day the repaid total stands at; the cut-over day
}

// OpenLoanTx records an opening loan inside the caller's transaction: it
// is checked as an application is, disbursed on its day (the facility's
// funds checked under its lock, the schedule fixed from that day) and
// repaid in one repayment of its repaid total, allocated as any repayment
// is. Both entries post against the opening balance equity account
// instead of cash: the cash they moved is already in the cooperative's
// opening balances. The schedule and the loan's position on any later day
// are then what the loan code computes for any loan.
// Errors: KindInvalid (terms, borrower, facility); KindConflict when the
// facility lacks the funds or the repaid total is more than the loan owes.
func (s *Service) OpenLoanTx(ctx context.Context, tx bun.Tx, books accounts.Books, in OpeningLoan) (Loan, error) {
	coop, a := books.Cooperative(), books.Actor()
	row, shares, err := s.loanApplication(ctx, books, in.LoanApplication)
	if err != nil {
		return Loan{}, err
	}
	now, approver := s.now().UTC(), ApprovedOnPaper
	row.ID, row.Status, row.AppliedBy, row.AppliedAt = ledger.NewID(), LoanApproved, a.UserID, now
	row.ApprovedBy, row.ApprovedAt = &approver, &now
	err = tx.NewUpdate().Table("cooperatives").Set("last_loan_number = last_loan_number + 1").
		Where("id = ?", coop.ID).Returning("last_loan_number").Scan(ctx, &row.Number)
	if err != nil {
		return Loan{}, err
	}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Loan{}, err
	}
	if len(shares) > 0 {
		for i := range shares {
			shares[i].LoanID = row.ID
		}
		if _, err := tx.NewInsert().Model(&shares).Exec(ctx); err != nil {
			return Loan{}, err
		}
	}
	opening := accounts.MoneyInput{Memo: "Saldo awal / opening balance"}
	schedule, _, err := s.disburseTx(ctx, tx, books, &row, row.ID, opening, accounts.CodeOpeningEquity, in.DisbursedOn)
	if err != nil {
		return Loan{}, err
	}
	if in.RepaidMinor > 0 {
		opening.Date = in.RepaidOn
		if _, _, err := s.repayTx(ctx, tx, a, coop, row.ID, Payer{}, opening, in.RepaidMinor, accounts.CodeOpeningEquity, in.RepaidOn); err != nil {
			return Loan{}, err
		}
	}
	l, err := FindLoanTx(ctx, tx, books, row.ID)
	if err != nil {
		return Loan{}, err
	}
	l.Schedule = schedule
	return l, nil
}
