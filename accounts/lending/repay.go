package lending

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Repayment is a recorded loan repayment: its entry, how it was split, and
// where the loan stands after it.
type Repayment struct {
	Entry      ledger.Entry
	Allocation Allocation
	Loan       LoanView
}

// RepayLoan records a repayment, split by Allocate: penalties, then the
// interest and principal of installments due, oldest first, then principal
// ahead of schedule. A repayment that pays everything still owed closes the
// loan; interest of periods not yet due is not charged (early payoff).
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict unless the
// loan is disbursed, or for more than the loan's payoff.
func (s *Service) RepayLoan(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, in accounts.MoneyInput) (r Repayment, err error) {
	return s.RepayLoanBy(ctx, a, cooperativeID, loanID, Payer{}, in)
}

// RepayLoanBy records a repayment as RepayLoan does, naming the member who
// paid it: required for a group loan with shares, whose share she holds
// and is credited to; for a member's loan, the borrower or no one.
// Errors: as RepayLoan; KindInvalid (member_id) for a payer who holds no
// share of the group loan.
func (s *Service) RepayLoanBy(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, p Payer, in accounts.MoneyInput) (r Repayment, err error) {
	defer ledger.Wrap(&err, "RepayLoan(%s, %s)", cooperativeID, loanID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Repayment{}, err
	}
	coop := books.Cooperative()
	amount, funds, fields := in.Check(coop.Currency, nil)
	if len(fields) > 0 {
		return Repayment{}, accounts.Invalid("loan.invalid", fields)
	}
	on := in.Date
	if on.IsZero() {
		on = ledger.DateOf(s.now().UTC())
	}
	subject := accounts.Subject{"loan_id": loanID, "request": in.Fingerprint()}
	if p.MemberID != "" {
		subject["member_id"] = p.MemberID
	}
	r.Entry, err = s.core.Record(ctx, books, in.IdempotencyKey, KindLoanRepayment, subject, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (e ledger.Entry, err error) {
			r.Allocation, e, err = s.repayTx(ctx, tx, a, coop, loanID, p, in, amount, funds, on)
			return e, err
		})
	})
	if err != nil {
		return Repayment{}, err
	}
	if r.Entry.Replayed {
		r.Allocation = allocationOf(r.Entry)
	}
	r.Loan, err = s.FindLoan(ctx, a, cooperativeID, loanID, on)
	return r, err
}

// allocationOf reads a recorded repayment's split back from its postings.
func allocationOf(e ledger.Entry) Allocation {
	var a Allocation
	for _, p := range e.Postings {
		if p.Side != ledger.Credit {
			continue
		}
		switch p.AccountCode[:len(accounts.CodeLoansReceivable)] {
		case accounts.CodeLoansReceivable:
			a.PrincipalMinor += p.AmountMinor
		case accounts.CodePenaltiesReceivable:
			a.PenaltyMinor += p.AmountMinor
		case accounts.CodeInterestIncome:
			a.InterestMinor += p.AmountMinor
		}
	}
	return a
}

// RepayTx records a repayment inside the caller's transaction, holding the
// loan's lock until it commits, for a service that records it with other
// work (the meeting's sheet). Errors: as RepayLoanBy.
func (s *Service) RepayTx(ctx context.Context, tx bun.Tx, books accounts.Books, loanID string, p Payer, in accounts.MoneyInput, amount int64, funds string, on ledger.Date) (Allocation, ledger.Entry, error) {
	return s.repayTx(ctx, tx, books.Actor(), books.Cooperative(), loanID, p, in, amount, funds, on)
}

func (s *Service) repayTx(ctx context.Context, tx bun.Tx, a accounts.Actor, coop accounts.Cooperative, loanID string, p Payer, in accounts.MoneyInput, amount int64, funds string, on ledger.Date) (Allocation, ledger.Entry, error) {
	st, err := s.lockedLoanState(ctx, tx, coop, loanID)
	if err != nil {
		return Allocation{}, ledger.Entry{}, err
	}
	if st.row.Status != LoanDisbursed {
		return Allocation{}, ledger.Entry{}, ledger.Conflict("loan.status", "the loan is %s; only a disbursed loan is repaid", st.row.Status)
	}
	share, err := shareOfPayer(ctx, tx, st.row, p)
	if err != nil {
		return Allocation{}, ledger.Entry{}, err
	}
	alloc, payoff, ok := Allocate(st.schedule, st.paid, on, amount)
	if !ok {
		return Allocation{}, ledger.Entry{}, ledger.Conflict("loan.overpayment", "loan %d is paid off with %s; %s is more",
			st.row.Number, ledger.FormatMinor(payoff, coop.Currency), ledger.FormatMinor(amount, coop.Currency))
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, repayment(a, st.row, in, funds, on, alloc))
	if err != nil {
		return Allocation{}, ledger.Entry{}, err
	}
	if share != "" {
		_, err := tx.NewInsert().Model(&sharePaymentRow{EntryID: e.ID, LoanID: st.row.ID, MemberID: share, PaidByMemberID: p.MemberID,
			AmountMinor: amount}).Exec(ctx)
		if err != nil {
			return Allocation{}, ledger.Entry{}, err
		}
	}
	if amount == payoff {
		err = s.closeLoan(ctx, tx, &st.row, LoanClosed, on)
	}
	return alloc, e, err
}

func repayment(a accounts.Actor, row loanRow, in accounts.MoneyInput, funds string, on ledger.Date, alloc Allocation) ledger.EntryInput {
	cur, codes := row.Currency, loanCodes(row.Number)
	total := alloc.PenaltyMinor + alloc.InterestMinor + alloc.PrincipalMinor
	entry := ledger.EntryInput{Kind: KindLoanRepayment, Memo: in.Memo, EffectiveDate: on, RecordedBy: a.UserID,
		IdempotencyKey: in.IdempotencyKey, Metadata: accounts.WithRequest(loanMetadata(row), in),
		Postings: []ledger.PostingInput{{Account: funds, Side: ledger.Debit, Amount: ledger.FromMinor(total, cur)}}}
	for _, part := range []struct {
		code  string
		minor int64
	}{{codes.Penalty, alloc.PenaltyMinor}, {codes.Interest, alloc.InterestMinor}, {codes.Principal, alloc.PrincipalMinor}} {
		if part.minor > 0 {
			entry.Postings = append(entry.Postings, ledger.PostingInput{Account: part.code, Side: ledger.Credit, Amount: ledger.FromMinor(part.minor, cur)})
		}
	}
	return entry
}

func (s *Service) closeLoan(ctx context.Context, tx bun.Tx, row *loanRow, status string, on ledger.Date) error {
	row.Status, row.ClosedOn = status, &on
	_, err := tx.NewUpdate().Model(row).Column("status", "closed_on").WherePK().Exec(ctx)
	return err
}

// loanState is a loan read inside a transaction with its lock held.
type loanState struct {
	row      loanRow
	schedule []Installment
	paid     Paid
}

func (s *Service) lockedLoanState(ctx context.Context, tx bun.Tx, coop accounts.Cooperative, loanID string) (loanState, error) {
	var st loanState
	if err := s.lockLoanRow(ctx, tx, &st.row, coop.ID, loanID); err != nil {
		return st, err
	}
	var err error
	st.schedule, st.paid, err = s.loanBooks(ctx, tx, coop.BookID, st.row, ledger.Date{})
	return st, err
}

// loanBooks reads a loan's schedule and, from its ledger accounts, what has
// been paid, as of a date (zero: every posting, the balances as stored), by
// the one reader every loan figure goes through (loanBooksOn).
func (s *Service) loanBooks(ctx context.Context, db bun.IDB, bookID string, row loanRow, asOf ledger.Date) ([]Installment, Paid, error) {
	if asOf.IsZero() {
		asOf = afterEveryPosting
	}
	books, err := s.loanBooksOn(ctx, db, bookID, []loanRow{row}, []ledger.Date{asOf})
	if err != nil {
		return nil, Paid{}, err
	}
	b := books[0][row.ID]
	return b.schedule, b.paid, nil
}

// afterEveryPosting is a day after any posting a book can hold: balances
// on it are the balances as stored.
var afterEveryPosting = ledger.NewDate(9999, time.December, 31)

// AssessPenalties charges the loan's late penalty once for each installment
// that fell due before the date and is still not fully paid, in one entry:
// the penalty becomes owed (receivable) and income. An installment is
// penalised at most once. It returns nil when nothing was charged.
// Errors: KindNotFound, KindForbidden; KindConflict unless disbursed.
func (s *Service) AssessPenalties(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, on ledger.Date) (e *ledger.Entry, err error) {
	defer ledger.Wrap(&err, "AssessPenalties(%s, %s)", cooperativeID, loanID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	coop := books.Cooperative()
	if on.IsZero() {
		on = ledger.DateOf(s.now().UTC())
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		st, err := s.lockedLoanState(ctx, tx, coop, loanID)
		if err != nil {
			return err
		}
		if st.row.Status != LoanDisbursed {
			return ledger.Conflict("loan.status", "the loan is %s; penalties apply to a disbursed loan", st.row.Status)
		}
		e, err = s.assessTx(ctx, tx, coop, st, a, on)
		return err
	})
	return e, err
}

func (s *Service) assessTx(ctx context.Context, tx bun.Tx, coop accounts.Cooperative, st loanState, a accounts.Actor, on ledger.Date) (*ledger.Entry, error) {
	if st.row.PenaltyMinor == 0 {
		return nil, nil
	}
	var charged []int
	if err := tx.NewSelect().Table("loan_penalties").Column("installment_number").
		Where("loan_id = ?", st.row.ID).Scan(ctx, &charged); err != nil {
		return nil, err
	}
	done := map[int]bool{}
	for _, n := range charged {
		done[n] = true
	}
	var late []int
	coverage(st.schedule, st.paid, func(inst Installment, interestLeft, principalLeft int64) {
		if interestLeft+principalLeft > 0 && on.After(inst.DueDate) && !done[inst.Number] {
			late = append(late, inst.Number)
		}
	})
	if len(late) == 0 {
		return nil, nil
	}
	cur, codes := coop.Currency, loanCodes(st.row.Number)
	total := ledger.FromMinor(st.row.PenaltyMinor*int64(len(late)), cur)
	entry, err := s.ledger.PostTx(ctx, tx, coop.BookID, ledger.EntryInput{Kind: KindLoanPenalty, EffectiveDate: on, RecordedBy: a.UserID,
		Memo: coop.Language.LatePenaltyMemo(len(late)), Metadata: loanMetadata(st.row),
		Postings: []ledger.PostingInput{{Account: codes.Penalty, Side: ledger.Debit, Amount: total},
			{Account: accounts.CodePenaltyIncome, Side: ledger.Credit, Amount: total}}})
	if err != nil {
		return nil, err
	}
	rows := make([]penaltyRow, len(late))
	for i, n := range late {
		rows[i] = penaltyRow{LoanID: st.row.ID, InstallmentNumber: n, EntryID: entry.ID}
	}
	_, err = tx.NewInsert().Model(&rows).Exec(ctx)
	return &entry, err
}

// penaltyRow records that an installment's late penalty was charged, so
// that it is charged once.
type penaltyRow struct {
	bun.BaseModel `bun:"table:loan_penalties"`

	LoanID            string `bun:"loan_id,pk"`
	InstallmentNumber int    `bun:"installment_number,pk"`
	EntryID           string `bun:"entry_id"`
}

// WriteOff takes a loan that will not be repaid off the books: its
// outstanding principal and unpaid penalties become a loss. Interest never
// earned is not booked. Errors: as AssessPenalties.
func (s *Service) WriteOff(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, in accounts.MoneyInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "WriteOff(%s, %s)", cooperativeID, loanID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	on := in.Date
	if on.IsZero() {
		on = ledger.DateOf(s.now().UTC())
	}
	return s.core.Record(ctx, books, in.IdempotencyKey, KindLoanWriteOff, accounts.Subject{"loan_id": loanID, "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			return s.writeOffTx(ctx, tx, a, coop, loanID, in, on)
		})
	})
}

func (s *Service) writeOffTx(ctx context.Context, tx bun.Tx, a accounts.Actor, coop accounts.Cooperative, loanID string, in accounts.MoneyInput, on ledger.Date) (ledger.Entry, error) {
	st, err := s.lockedLoanState(ctx, tx, coop, loanID)
	if err != nil {
		return ledger.Entry{}, err
	}
	if st.row.Status != LoanDisbursed {
		return ledger.Entry{}, ledger.Conflict("loan.status", "the loan is %s; only a disbursed loan is written off", st.row.Status)
	}
	outstanding := st.row.PrincipalMinor - st.paid.PrincipalMinor
	codes := loanCodes(st.row.Number)
	entry := ledger.EntryInput{Kind: KindLoanWriteOff, Memo: in.Memo, EffectiveDate: on, RecordedBy: a.UserID,
		IdempotencyKey: in.IdempotencyKey, Metadata: accounts.WithRequest(loanMetadata(st.row), in),
		Postings: []ledger.PostingInput{{Account: accounts.CodeLoanLosses, Side: ledger.Debit,
			Amount: ledger.FromMinor(outstanding+st.paid.PenaltyOwedMinor, coop.Currency)}}}
	for _, part := range []struct {
		code  string
		minor int64
	}{{codes.Principal, outstanding}, {codes.Penalty, st.paid.PenaltyOwedMinor}} {
		if part.minor > 0 {
			entry.Postings = append(entry.Postings, ledger.PostingInput{Account: part.code, Side: ledger.Credit, Amount: ledger.FromMinor(part.minor, coop.Currency)})
		}
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, entry)
	if err != nil {
		return ledger.Entry{}, err
	}
	return e, s.closeLoan(ctx, tx, &st.row, LoanWrittenOff, on)
}
