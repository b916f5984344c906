package lending

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// DisburseLoan pays an approved loan out: the schedule is fixed from the
// disbursement date, the loan's accounts are opened, and one entry moves
// the principal to the borrower, less the upfront fee, which is income.
// The funding facility must have received the capital: a facility lends at
// most what it has received minus what its loans still owe.
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict unless the
// loan is approved, when the facility lacks the funds, or the cash box does.
func (s *Service) DisburseLoan(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, in accounts.MoneyInput) (l Loan, e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "DisburseLoan(%s, %s)", cooperativeID, loanID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Loan{}, ledger.Entry{}, err
	}
	funds, err := in.FundsAccount()
	if err != nil {
		return Loan{}, ledger.Entry{}, err
	}
	on := in.Date
	if on.IsZero() {
		on = ledger.DateOf(s.now().UTC())
	}
	var schedule []Installment
	var row loanRow
	e, err = s.core.Record(ctx, books, in.IdempotencyKey, KindLoanDisbursement, accounts.Subject{"loan_id": loanID, "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (e ledger.Entry, err error) {
			schedule, e, err = s.disburseTx(ctx, tx, books, &row, loanID, in, funds, on)
			return e, err
		})
	})
	if err != nil {
		return Loan{}, ledger.Entry{}, err
	}
	if !e.Replayed {
		return row.loan(schedule), e, nil
	}
	v, err := s.FindLoan(ctx, a, cooperativeID, loanID, ledger.Date{})
	return v.Loan, e, err
}

func (s *Service) disburseTx(ctx context.Context, tx bun.Tx, books accounts.Books, row *loanRow, loanID string, in accounts.MoneyInput, funds string, on ledger.Date) ([]Installment, ledger.Entry, error) {
	coop, a := books.Cooperative(), books.Actor()
	if err := s.lockLoanRow(ctx, tx, row, coop.ID, loanID); err != nil {
		return nil, ledger.Entry{}, err
	}
	if row.Status != LoanApproved {
		return nil, ledger.Entry{}, ledger.Conflict("loan.status", "the loan is %s; only an approved loan is disbursed", row.Status)
	}
	if err := s.checkFacilityFunds(ctx, tx, books, *row); err != nil {
		return nil, ledger.Entry{}, err
	}
	schedule, err := s.fixSchedule(ctx, tx, row, on)
	if err != nil {
		return nil, ledger.Entry{}, err
	}
	borrower, err := s.borrowerName(ctx, tx, *row)
	if err != nil {
		return nil, ledger.Entry{}, err
	}
	if err := accounts.CreateAccounts(ctx, tx, coop.BookID, loanAccounts(*row, borrower), s.now().UTC()); err != nil {
		return nil, ledger.Entry{}, err
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, disbursement(a, *row, in, funds, on))
	if err != nil {
		return nil, ledger.Entry{}, err
	}
	row.Status, row.DisbursedOn = LoanDisbursed, &on
	_, err = tx.NewUpdate().Model(row).Column("status", "disbursed_on").WherePK().Exec(ctx)
	return schedule, e, err
}

// disbursement is the entry: the loan's principal account debited with the
// whole principal; cash out for the principal less the fee; the fee income.
func disbursement(a accounts.Actor, row loanRow, in accounts.MoneyInput, funds string, on ledger.Date) ledger.EntryInput {
	cur := row.Currency
	codes := loanCodes(row.Number)
	entry := ledger.EntryInput{Kind: KindLoanDisbursement, Memo: in.Memo, EffectiveDate: on, RecordedBy: a.UserID,
		IdempotencyKey: in.IdempotencyKey, Metadata: accounts.WithRequest(loanMetadata(row), in),
		Postings: []ledger.PostingInput{
			{Account: codes.Principal, Side: ledger.Debit, Amount: ledger.FromMinor(row.PrincipalMinor, cur)},
			{Account: funds, Side: ledger.Credit, Amount: ledger.FromMinor(row.PrincipalMinor-row.FeeMinor, cur)},
		}}
	if row.FeeMinor > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: accounts.CodeFeeIncome, Side: ledger.Credit, Amount: ledger.FromMinor(row.FeeMinor, cur)})
	}
	return entry
}

func loanMetadata(row loanRow) map[string]string {
	meta := map[string]string{"loan_id": row.ID, "facility_id": row.FacilityID}
	if row.MemberID != nil {
		meta["member_id"] = *row.MemberID
	}
	if row.GroupID != nil {
		meta["group_id"] = *row.GroupID
	}
	return meta
}

// fixSchedule builds the schedule from the disbursement date and stores it.
func (s *Service) fixSchedule(ctx context.Context, tx bun.Tx, row *loanRow, on ledger.Date) ([]Installment, error) {
	terms := row.terms()
	terms.DisbursedOn = on
	built, err := loans.Build(terms)
	if err != nil {
		return nil, err
	}
	schedule := make([]Installment, len(built.Installments))
	rows := make([]installmentRow, len(built.Installments))
	for i, inst := range built.Installments {
		schedule[i] = Installment{Number: inst.Number, DueDate: inst.DueDate, PrincipalMinor: inst.PrincipalMinor, InterestMinor: inst.InterestMinor}
		rows[i] = installmentRow{LoanID: row.ID, Number: inst.Number, DueDate: inst.DueDate, PrincipalMinor: inst.PrincipalMinor, InterestMinor: inst.InterestMinor}
	}
	_, err = tx.NewInsert().Model(&rows).Exec(ctx)
	return schedule, err
}

// checkFacilityFunds refuses a loan its facility cannot fund: what the
// facility has received, less the principal its disbursed loans still owe,
// must cover the new principal. Capital revolves: repaid principal is lent
// again. The facility's row lock, held to the end of the transaction, makes
// disbursements from one facility check one after the other, each seeing
// the loans the one before disbursed; lumbung verify checks the same sum
// after.
func (s *Service) checkFacilityFunds(ctx context.Context, tx bun.Tx, books accounts.Books, row loanRow) error {
	coop := books.Cooperative()
	f, err := books.LockFacility(ctx, tx, row.FacilityID)
	if err != nil {
		return err
	}
	var funded []loanRow
	if err := tx.NewSelect().Model(&funded).Column("number").
		Where("facility_id = ? AND status = ?", f.ID, LoanDisbursed).Scan(ctx); err != nil {
		return err
	}
	codes := make([]string, len(funded))
	for i, l := range funded {
		codes[i] = loanCodes(l.Number).Principal
	}
	accts, err := ledger.AccountsByCode(ctx, tx, coop.BookID, codes)
	if err != nil {
		return err
	}
	var lent int64
	for _, code := range codes {
		lent += accts[code].BalanceMinor
	}
	if available := f.ReceivedMinor - lent; row.PrincipalMinor > available {
		return ledger.Conflict("facility.insufficient",
			"the facility has %s available (received %s, lent out %s); the loan needs %s",
			ledger.FormatMinor(available, coop.Currency), ledger.FormatMinor(f.ReceivedMinor, coop.Currency),
			ledger.FormatMinor(lent, coop.Currency), ledger.FormatMinor(row.PrincipalMinor, coop.Currency))
	}
	return nil
}

func (s *Service) borrowerName(ctx context.Context, db bun.IDB, row loanRow) (string, error) {
	var name string
	q := db.NewSelect().Column("name")
	if row.MemberID != nil {
		q = q.Table("members").Where("id = ?", *row.MemberID)
	} else {
		q = q.Table("groups").Where("id = ?", *row.GroupID)
	}
	err := q.Scan(ctx, &name)
	return name, err
}
