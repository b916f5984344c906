package accounts

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// LoanView is a loan with where it stands on a date, and what it would take
// to pay it off that day.
type LoanView struct {
	Loan
	AsOf        ledger.Date
	Position    Position
	PayoffMinor int64
}

// FindLoan returns a loan with its position. Its cooperative's treasurer,
// or the member who borrowed it. Errors: KindNotFound for anyone else.
func (s *Service) FindLoan(ctx context.Context, a Actor, cooperativeID, loanID string, asOf ledger.Date) (v LoanView, err error) {
	defer ledger.Wrap(&err, "FindLoan(%s, %s)", cooperativeID, loanID)
	if !ledger.IsID(cooperativeID) || !ledger.IsID(loanID) {
		return LoanView{}, errLoanNotFound()
	}
	var row loanRow
	err = s.db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", loanID, cooperativeID).Scan(ctx)
	if NoRows(err) {
		return LoanView{}, errLoanNotFound()
	}
	if err != nil {
		return LoanView{}, err
	}
	borrower := row.MemberID != nil && a.IsMember(*row.MemberID)
	if !borrower && authorizeBooks(a, cooperativeID) != nil {
		return LoanView{}, errLoanNotFound()
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return LoanView{}, err
	}
	return s.loanView(ctx, s.db, coop.BookID, row, asOf)
}

func (s *Service) loanView(ctx context.Context, db bun.IDB, bookID string, row loanRow, asOf ledger.Date) (LoanView, error) {
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	schedule, paid, err := s.loanBooks(ctx, db, bookID, row, asOf)
	if err != nil {
		return LoanView{}, err
	}
	v := LoanView{Loan: row.loan(schedule), AsOf: asOf}
	if row.Status == LoanDisbursed {
		v.Position = PositionOn(schedule, row.PrincipalMinor, paid, asOf)
		_, v.PayoffMinor, _ = Allocate(schedule, paid, asOf, 0)
	}
	return v, nil
}

// LoanFilter narrows FindLoans; zero fields do not filter.
type LoanFilter struct {
	MemberID string
	GroupID  string
	Status   string
}

// FindLoans lists a cooperative's loans with their positions today, in the
// order they were applied for. Its treasurer only.
func (s *Service) FindLoans(ctx context.Context, a Actor, cooperativeID string, f LoanFilter, p Page) (vs []LoanView, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindLoans(%s)", cooperativeID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return nil, "", err
	}
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
	rows, nextCursor = Next(rows, p.Limit, func(r loanRow) string { return r.ID })
	for _, r := range rows {
		v, err := s.loanView(ctx, s.db, coop.BookID, r, ledger.Date{})
		if err != nil {
			return nil, "", err
		}
		vs = append(vs, v)
	}
	return vs, nextCursor, nil
}

// memberLoans returns a member's own loans with their positions, for her
// view of herself.
func (s *Service) memberLoans(ctx context.Context, bookID, memberID string) ([]LoanView, error) {
	var rows []loanRow
	if err := s.db.NewSelect().Model(&rows).Where("member_id = ?", memberID).OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	var vs []LoanView
	for _, r := range rows {
		v, err := s.loanView(ctx, s.db, bookID, r, ledger.Date{})
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, nil
}
