package lending

import (
	"context"
	"sort"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// LoanStatementLine is one entry that moved a loan, seen from the borrower:
// what it lent or repaid of the principal, the interest she paid, the
// penalty charged or paid, and the principal she owes after it.
type LoanStatementLine struct {
	EntryID          string
	Sequence         int64
	EffectiveDate    ledger.Date
	Kind, Memo       string
	PrincipalMinor   int64 // lent (+), or repaid or written off (-)
	InterestMinor    int64 // paid (+), or a paid interest reversed (-)
	PenaltyMinor     int64 // charged (+), or paid or written off (-)
	OutstandingMinor int64 // principal owed after the entry
}

// LoanStatement is a loan's movements over a period: the principal owed
// before it, each entry that moved the loan, the principal owed after.
type LoanStatement struct {
	Loan         Loan
	Borrower     string // her name, or the group's
	From, To     ledger.Date
	OpeningMinor int64
	Lines        []LoanStatementLine
	ClosingMinor int64
}

// FindLoanStatement returns a loan's statement for a period, read from the
// loan's own ledger accounts (principal, interest, penalties) and merged by
// entry. Its cooperative's treasurer, or the member who borrowed it.
// Errors: KindNotFound for anyone else; KindInvalid for a bad period.
func (s *Service) FindLoanStatement(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, from, to ledger.Date) (st LoanStatement, err error) {
	defer ledger.Wrap(&err, "FindLoanStatement(%s, %s)", cooperativeID, loanID)
	row, coop, err := s.readableLoan(ctx, a, cooperativeID, loanID)
	if err != nil {
		return LoanStatement{}, err
	}
	v, err := s.loanView(ctx, s.db, coop.BookID, row, to)
	if err != nil {
		return LoanStatement{}, err
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return LoanStatement{}, ledger.InvalidField("statement.period", "to", "the period needs a start and an end, the end not before the start")
	}
	borrower, err := s.borrowerName(ctx, s.db, row)
	if err != nil {
		return LoanStatement{}, err
	}
	st = LoanStatement{Loan: v.Loan, Borrower: borrower, From: from, To: to}
	// A loan gets its accounts when it is disbursed: before that nothing
	// has moved, and its statement is empty rather than missing.
	if v.DisbursedOn == nil {
		return st, nil
	}
	codes := loanCodes(row.Number)
	read := func(code string) (ledger.Statement, error) {
		acct, err := s.ledger.FindAccountByCode(ctx, coop.BookID, code)
		if err != nil {
			return ledger.Statement{}, err
		}
		return s.ledger.AccountStatement(ctx, acct, from, to)
	}
	principal, err := read(codes.Principal)
	if err != nil {
		return LoanStatement{}, err
	}
	interest, err := read(codes.Interest)
	if err != nil {
		return LoanStatement{}, err
	}
	penalty, err := read(codes.Penalty)
	if err != nil {
		return LoanStatement{}, err
	}
	byEntry := map[string]*LoanStatementLine{}
	line := func(l ledger.StatementLine) *LoanStatementLine {
		if sl, ok := byEntry[l.EntryID]; ok {
			return sl
		}
		sl := &LoanStatementLine{EntryID: l.EntryID, Sequence: l.Sequence, EffectiveDate: l.EffectiveDate, Kind: l.Kind, Memo: l.Memo}
		byEntry[l.EntryID] = sl
		return sl
	}
	// Each account's movement on its normal side: principal and penalties
	// are assets (owed to the cooperative), interest is income.
	for _, l := range principal.Lines {
		line(l).PrincipalMinor += principal.Account.Type.Effect(l.Side, l.AmountMinor)
	}
	for _, l := range interest.Lines {
		line(l).InterestMinor += interest.Account.Type.Effect(l.Side, l.AmountMinor)
	}
	for _, l := range penalty.Lines {
		line(l).PenaltyMinor += penalty.Account.Type.Effect(l.Side, l.AmountMinor)
	}
	st.OpeningMinor, st.ClosingMinor = principal.OpeningMinor, principal.ClosingMinor
	for _, l := range byEntry {
		st.Lines = append(st.Lines, *l)
	}
	// Entries in the order they were posted; the ledger's statements are
	// ordered by effective date, then sequence, and so is this.
	sort.Slice(st.Lines, func(i, j int) bool {
		a, b := st.Lines[i], st.Lines[j]
		if c := a.EffectiveDate.Compare(b.EffectiveDate); c != 0 {
			return c < 0
		}
		return a.Sequence < b.Sequence
	})
	owed := st.OpeningMinor
	for i := range st.Lines {
		owed += st.Lines[i].PrincipalMinor
		st.Lines[i].OutstandingMinor = owed
	}
	return st, nil
}
