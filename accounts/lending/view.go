package lending

import (
	"context"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// LoanView is a loan with where it stands on a date, and what it would take
// to pay it off that day.
type LoanView struct {
	Loan
	AsOf        ledger.Date
	Position    Position
	PayoffMinor int64
	// EffectiveAnnualRatePercent is set for a flat loan: what the flat
	// rate costs a year on the balance she actually owes, beside it.
	EffectiveAnnualRatePercent *decimal.Decimal
	// ShareViews are a disbursed group loan's shares on the day: each
	// member's own schedule and what was paid toward it.
	ShareViews []ShareView
}

// FindLoan returns a loan with its position. Its cooperative's treasurer,
// or the member who borrowed it. Errors: KindNotFound for anyone else.
func (s *Service) FindLoan(ctx context.Context, a accounts.Actor, cooperativeID, loanID string, asOf ledger.Date) (v LoanView, err error) {
	defer ledger.Wrap(&err, "FindLoan(%s, %s)", cooperativeID, loanID)
	row, coop, err := s.readableLoan(ctx, a, cooperativeID, loanID)
	if err != nil {
		return LoanView{}, err
	}
	return s.loanView(ctx, s.db, coop.BookID, row, asOf)
}

// readableLoan loads a loan the actor may read, with its cooperative.
// Errors: KindNotFound for a loan that is not there or not hers to read.
func (s *Service) readableLoan(ctx context.Context, a accounts.Actor, cooperativeID, loanID string) (loanRow, accounts.Cooperative, error) {
	if !ledger.IsID(cooperativeID) || !ledger.IsID(loanID) {
		return loanRow{}, accounts.Cooperative{}, errLoanNotFound()
	}
	var row loanRow
	err := s.db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", loanID, cooperativeID).Scan(ctx)
	if accounts.NoRows(err) {
		return loanRow{}, accounts.Cooperative{}, errLoanNotFound()
	}
	if err != nil {
		return loanRow{}, accounts.Cooperative{}, err
	}
	coop, err := s.loanReader(ctx, a, cooperativeID, row)
	return row, coop, err
}

// loanReader lets a loan be read by its cooperative's treasurer and by the
// member who borrowed it (or holds a share of it, a group loan); to anyone
// else it does not exist (a deliberate
// not-found for a refusal, as the policy answers).
func (s *Service) loanReader(ctx context.Context, a accounts.Actor, cooperativeID string, row loanRow) (accounts.Cooperative, error) {
	refused := func(err error) bool {
		return ledger.KindOf(err) == ledger.KindNotFound || ledger.KindOf(err) == ledger.KindForbidden
	}
	borrower, err := s.borrowingMember(ctx, a, row)
	if err != nil {
		return accounts.Cooperative{}, err
	}
	if borrower != "" {
		read, err := s.core.MemberRead(ctx, a, cooperativeID, borrower)
		if refused(err) {
			return accounts.Cooperative{}, errLoanNotFound()
		}
		return read.Cooperative(), err
	}
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if refused(err) {
		return accounts.Cooperative{}, errLoanNotFound()
	}
	return books.Cooperative(), err
}

// borrowingMember is the member the actor is among the loan's borrowers:
// the borrower of a member's loan, or a holder of a share of a group
// loan; "" when she is neither.
func (s *Service) borrowingMember(ctx context.Context, a accounts.Actor, row loanRow) (string, error) {
	if row.MemberID != nil {
		if a.IsMember(*row.MemberID) {
			return *row.MemberID, nil
		}
		return "", nil
	}
	var holders []string
	if err := s.db.NewSelect().Table("loan_shares").Column("member_id").Where("loan_id = ?", row.ID).Scan(ctx, &holders); err != nil {
		return "", err
	}
	for _, id := range holders {
		if a.IsMember(id) {
			return id, nil
		}
	}
	return "", nil
}

func (s *Service) loanView(ctx context.Context, db bun.IDB, bookID string, row loanRow, asOf ledger.Date) (LoanView, error) {
	vs, err := s.loanViews(ctx, db, bookID, []loanRow{row}, asOf)
	if err != nil {
		return LoanView{}, err
	}
	return vs[0], nil
}

// loanViews reads the loans' positions on a day (zero: today) in one pass
// of the loan reader, however many loans: a page of loans costs a handful
// of queries, not a handful per loan.
func (s *Service) loanViews(ctx context.Context, db bun.IDB, bookID string, rows []loanRow, asOf ledger.Date) ([]LoanView, error) {
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	if len(rows) == 0 {
		return nil, nil
	}
	out := make([]LoanView, len(rows))
	books, err := s.loanBooksOn(ctx, db, bookID, rows, []ledger.Date{asOf})
	if err != nil {
		return nil, err
	}
	var groupLoans []string
	for _, row := range rows {
		if row.GroupID != nil {
			groupLoans = append(groupLoans, row.ID)
		}
	}
	holders, err := sharesOf(ctx, db, groupLoans)
	if err != nil {
		return nil, err
	}
	paid, err := sharesPaidOn(ctx, db, groupLoans, asOf)
	if err != nil {
		return nil, err
	}
	for i, row := range rows {
		b := books[0][row.ID]
		v := LoanView{Loan: row.loan(b.schedule), AsOf: asOf, EffectiveAnnualRatePercent: effectiveRate(row)}
		for _, h := range holders[row.ID] {
			v.Shares = append(v.Shares, loans.Share{MemberID: h.MemberID, PrincipalMinor: h.PrincipalMinor})
		}
		if row.DisbursedOn != nil {
			if v.ShareViews, err = shareViews(row, b.schedule, holders[row.ID], paid[row.ID], asOf); err != nil {
				return nil, err
			}
		}
		if row.Status == LoanDisbursed {
			v.Position = PositionOn(b.schedule, row.PrincipalMinor, b.paid, asOf)
			_, v.PayoffMinor, _ = Allocate(b.schedule, b.paid, asOf, 0)
		}
		out[i] = v
	}
	return out, nil
}

// LoanFilter narrows FindLoans; zero fields do not filter.
type LoanFilter struct {
	MemberID string
	GroupID  string
	Status   string
}

// FindLoans lists a cooperative's loans with their positions today, in the
// order they were applied for. Its treasurer only.
func (s *Service) FindLoans(ctx context.Context, a accounts.Actor, cooperativeID string, f LoanFilter, p accounts.Page) (vs []LoanView, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindLoans(%s)", cooperativeID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return nil, "", err
	}
	coop := books.Cooperative()
	if p, err = p.Validate(); err != nil {
		return nil, "", err
	}
	// A member or group filter that is not an ID matches no loan (on
	// Postgres, comparing it with a UUID column would be an error).
	for _, id := range []string{f.MemberID, f.GroupID} {
		if id != "" && !ledger.IsID(id) {
			return nil, "", nil
		}
	}
	var rows []loanRow
	q := s.db.NewSelect().Model(&rows).Where("cooperative_id = ?", cooperativeID)
	for column, value := range map[string]string{"member_id": f.MemberID, "group_id": f.GroupID, "status": f.Status} {
		if value != "" {
			q = q.Where("? = ?", bun.Ident(column), value)
		}
	}
	if err := p.Apply(q, "id").Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = accounts.Next(rows, p.Limit, func(r loanRow) string { return r.ID })
	vs, err = s.loanViews(ctx, s.db, coop.BookID, rows, ledger.Date{})
	return vs, nextCursor, err
}

// MemberLoans returns a member's own loans, and the group loans she holds
// a share of, with their positions, for her view of herself.
func (s *Service) MemberLoans(ctx context.Context, bookID, memberID string) ([]LoanView, error) {
	var rows []loanRow
	if err := s.db.NewSelect().Model(&rows).Where("member_id = ? OR id IN (SELECT loan_id FROM loan_shares WHERE member_id = ?)", memberID, memberID).
		OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	return s.loanViews(ctx, s.db, bookID, rows, ledger.Date{})
}

// Borrower names who owes a loan: a member, or a group that borrows
// together. Exactly one is set.
type Borrower struct {
	MemberID string
	GroupID  string
}

// OpenLoans lists a borrower's disbursed loans, by number, with their
// position on a day: what the collection sheet asks for.
func (s *Service) OpenLoans(ctx context.Context, books accounts.Books, b Borrower, on ledger.Date) ([]LoanView, error) {
	column, id := "member_id", b.MemberID
	if b.GroupID != "" {
		column, id = "group_id", b.GroupID
	}
	var rows []loanRow
	if err := s.db.NewSelect().Model(&rows).Where("cooperative_id = ? AND ? = ? AND status = ?", books.Cooperative().ID, bun.Ident(column), id, LoanDisbursed).
		OrderExpr("number").Scan(ctx); err != nil {
		return nil, err
	}
	return s.loanViews(ctx, s.db, books.Cooperative().BookID, rows, on)
}

// FindLoanTx reads a loan of the cooperative, without its schedule,
// through db (the caller's transaction). Errors: KindNotFound
// (loan.not_found).
func FindLoanTx(ctx context.Context, db bun.IDB, books accounts.Books, loanID string) (Loan, error) {
	if !ledger.IsID(loanID) {
		return Loan{}, errLoanNotFound()
	}
	var row loanRow
	err := db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", loanID, books.Cooperative().ID).Scan(ctx)
	if accounts.NoRows(err) {
		return Loan{}, errLoanNotFound()
	}
	if err != nil {
		return Loan{}, err
	}
	return row.loan(nil), nil
}

// effectiveRate is a flat loan's effective annual rate, from its terms as
// the schedule is built (pure, no query); nil for any other method.
func effectiveRate(row loanRow) *decimal.Decimal {
	if loans.Method(row.Method) != loans.Flat {
		return nil
	}
	t := row.terms()
	if row.DisbursedOn != nil {
		t.DisbursedOn = *row.DisbursedOn
	}
	sch, err := loans.Build(t)
	if err != nil {
		return nil // terms the schedule refuses were refused when she applied
	}
	return sch.EffectiveAnnualRatePercent
}
