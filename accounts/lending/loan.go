package lending

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// Loan statuses, in the order a loan moves through them.
const (
	LoanApplied    = "applied"
	LoanApproved   = "approved"
	LoanRejected   = "rejected"
	LoanDisbursed  = "disbursed"
	LoanClosed     = "closed"
	LoanWrittenOff = "written_off"
)

// Entry kinds of loans.
const (
	KindLoanDisbursement = "loan.disbursement"
	KindLoanRepayment    = "loan.repayment"
	KindLoanPenalty      = "loan.penalty"
	KindLoanWriteOff     = "loan.write_off"
)

// OwnerLoan marks ledger accounts that belong to a loan.
const OwnerLoan = "loan"

// Loan is a loan to a member, or to a group under joint liability
// (tanggung renteng), funded by a partner facility.
type Loan struct {
	ID            string
	CooperativeID string
	Number        int
	MemberID      string // the borrower, or
	GroupID       string // the group that borrows together
	FacilityID    string
	ProductID     string // the loan product it was made under; empty for terms of its own
	Terms         loans.Terms
	FeeMinor      int64 // taken from the disbursement
	PenaltyMinor  int64 // charged once per installment paid late
	Purpose       string
	Status        string
	AppliedBy     string
	ApprovedBy    string
	DisbursedOn   *ledger.Date
	ClosedOn      *ledger.Date
	Schedule      []Installment
	Shares        []loans.Share // a group loan's members' shares of its principal
}

// LoanRecord is a loan as stored, for the reports that read many loans at
// once (LoansWhere) and sum their portfolio.
type LoanRecord = loanRow

type loanRow struct {
	bun.BaseModel `bun:"table:loans"`

	ID                       string          `bun:"id,pk"`
	CooperativeID            string          `bun:"cooperative_id"`
	Number                   int             `bun:"number"`
	MemberID                 *string         `bun:"member_id"`
	GroupID                  *string         `bun:"group_id"`
	FacilityID               string          `bun:"facility_id"`
	ProductID                *string         `bun:"product_id"`
	PrincipalMinor           int64           `bun:"principal_minor"`
	Currency                 ledger.Currency `bun:"currency"`
	AnnualRate               decimal.Decimal `bun:"annual_rate"`
	Method                   string          `bun:"method"`
	Frequency                string          `bun:"frequency"`
	Installments             int             `bun:"installments"`
	GracePeriods             int             `bun:"grace_periods"`
	InstallmentMultipleMinor int64           `bun:"installment_multiple_minor"`
	FeeMinor                 int64           `bun:"fee_minor"`
	PenaltyMinor             int64           `bun:"penalty_minor"`
	Purpose                  string          `bun:"purpose"`
	Status                   string          `bun:"status"`
	AppliedBy                string          `bun:"applied_by"`
	AppliedAt                time.Time       `bun:"applied_at"`
	ApprovedBy               *string         `bun:"approved_by"`
	ApprovedAt               *time.Time      `bun:"approved_at"`
	DisbursedOn              *ledger.Date    `bun:"disbursed_on"`
	ClosedOn                 *ledger.Date    `bun:"closed_on"`
}

type installmentRow struct {
	bun.BaseModel `bun:"table:loan_installments"`

	LoanID         string      `bun:"loan_id,pk"`
	Number         int         `bun:"number,pk"`
	DueDate        ledger.Date `bun:"due_date"`
	PrincipalMinor int64       `bun:"principal_minor"`
	InterestMinor  int64       `bun:"interest_minor"`
}

func (r loanRow) terms() loans.Terms {
	t := loans.Terms{Principal: r.PrincipalMinor, Currency: r.Currency,
		AnnualRatePercent: r.AnnualRate, Installments: r.Installments,
		Frequency: loans.Frequency(r.Frequency), Method: loans.Method(r.Method), GracePeriods: r.GracePeriods,
		InstallmentMultiple: r.InstallmentMultipleMinor}
	if r.DisbursedOn != nil {
		t.DisbursedOn = *r.DisbursedOn
	}
	return t
}

func (r loanRow) loan(schedule []Installment) Loan {
	l := Loan{ID: r.ID, CooperativeID: r.CooperativeID, Number: r.Number, FacilityID: r.FacilityID, Terms: r.terms(),
		FeeMinor: r.FeeMinor, PenaltyMinor: r.PenaltyMinor, Purpose: r.Purpose, Status: r.Status, AppliedBy: r.AppliedBy,
		DisbursedOn: r.DisbursedOn, ClosedOn: r.ClosedOn, Schedule: schedule}
	if r.MemberID != nil {
		l.MemberID = *r.MemberID
	}
	if r.GroupID != nil {
		l.GroupID = *r.GroupID
	}
	if r.ApprovedBy != nil {
		l.ApprovedBy = *r.ApprovedBy
	}
	if r.ProductID != nil {
		l.ProductID = *r.ProductID
	}
	return l
}

// LoanCodes are the ledger accounts of one loan: its principal receivable,
// its penalties receivable and its interest income. Totals over all loans
// are the sums over their chart codes' prefixes.
type LoanCodes struct{ Principal, Penalty, Interest string }

// loanCodes names a loan's accounts by its number: "1300.L0007".
func loanCodes(number int) LoanCodes {
	suffix := fmt.Sprintf(".L%04d", number)
	return LoanCodes{Principal: accounts.CodeLoansReceivable + suffix, Penalty: accounts.CodePenaltiesReceivable + suffix, Interest: accounts.CodeInterestIncome + suffix}
}

func loanAccounts(r loanRow, borrower string) []ledger.AccountInput {
	codes, owner := loanCodes(r.Number), &ledger.Owner{Kind: OwnerLoan, ID: r.ID}
	return []ledger.AccountInput{
		{Code: codes.Principal, Name: "Pinjaman " + borrower, Type: ledger.Asset, Owner: owner, NonNegative: true},
		{Code: codes.Penalty, Name: "Denda " + borrower, Type: ledger.Asset, Owner: owner, NonNegative: true},
		{Code: codes.Interest, Name: "Bunga " + borrower, Type: ledger.Income, Owner: owner, NonNegative: true},
	}
}
