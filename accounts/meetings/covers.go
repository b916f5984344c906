package meetings

import (
	"context"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// CoverRecord is one cover under joint liability (tanggung renteng) as the
// books read it back: who paid for whom, toward which loan, at which
// meeting, how much.
type CoverRecord struct {
	EntryID      string
	HeldOn       ledger.Date
	LoanID       string
	LoanNumber   int
	GroupID      string // the loan's group, or the covered member's for her own loan
	GroupName    string
	CoveringID   string
	CoveringName string
	CoveredID    string
	CoveredName  string
	AmountMinor  int64
	DebtTo       string // to whom she owes it: accounts.CoverDebtToMember or CoverDebtToFund; "" for a cover from before covers were debts
	SettledMinor int64  // what she has repaid of it, today
}

// OwedMinor is what the covered member still owes of the cover today.
func (r CoverRecord) OwedMinor() int64 {
	if r.DebtTo == "" {
		return 0
	}
	return r.AmountMinor - r.SettledMinor
}

// CoverFilter narrows the covers read: a group's, a loan's, and a period
// (zero: from the first or to the last).
type CoverFilter struct {
	GroupID, LoanID string
	From, To        ledger.Date
}

// coversMax bounds one answer; a longer history is read a period at a time.
const coversMax = 1000

// FindCovers reads a cooperative's covers, oldest first, for its treasurer
// and its supervisor. Errors: KindNotFound, KindForbidden; KindInvalid for
// more covers than one answer holds.
func (s *Service) FindCovers(ctx context.Context, a accounts.Actor, cooperativeID string, f CoverFilter) (cs []CoverRecord, cur ledger.Currency, err error) {
	defer ledger.Wrap(&err, "FindCovers(%s)", cooperativeID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return nil, ledger.Currency{}, err
	}
	cs, err = s.covers(ctx, books.Cooperative().ID, "", f)
	return cs, books.Cooperative().Currency, err
}

// FindMemberCovers reads the covers a member was part of, both ways: those
// she paid for co-members and those they paid for her. Her treasurer, her
// supervisor, and she herself. Errors: KindNotFound for anyone else;
// KindInvalid as FindCovers.
func (s *Service) FindMemberCovers(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, f CoverFilter) (cs []CoverRecord, cur ledger.Currency, err error) {
	defer ledger.Wrap(&err, "FindMemberCovers(%s, %s)", cooperativeID, memberID)
	read, err := s.core.MemberRead(ctx, a, cooperativeID, memberID)
	if err != nil {
		return nil, ledger.Currency{}, err
	}
	cs, err = s.covers(ctx, read.Cooperative().ID, read.Member().ID, f)
	return cs, read.Cooperative().Currency, err
}

func (s *Service) covers(ctx context.Context, cooperativeID, memberID string, f CoverFilter) ([]CoverRecord, error) {
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, ledger.InvalidField("request.to", "to", "on or after from")
	}
	var rows []struct {
		EntryID      string      `bun:"entry_id"`
		HeldOn       ledger.Date `bun:"held_on"`
		LoanID       string      `bun:"loan_id"`
		LoanNumber   int         `bun:"loan_number"`
		GroupID      string      `bun:"group_id"`
		GroupName    string      `bun:"group_name"`
		CoveringID   string      `bun:"covering_id"`
		CoveringName string      `bun:"covering_name"`
		CoveredID    string      `bun:"covered_id"`
		CoveredName  string      `bun:"covered_name"`
		AmountMinor  int64       `bun:"amount_minor"`
		DebtTo       string      `bun:"debt_to"`
		SettledMinor int64       `bun:"settled_minor"`
	}
	q := s.db.NewSelect().TableExpr("loan_covers AS c").
		Join("JOIN loans AS l ON l.id = c.loan_id").
		Join("JOIN entries AS e ON e.id = c.entry_id").
		Join("JOIN members AS cm ON cm.id = c.covering_member_id").
		Join("JOIN members AS dm ON dm.id = c.covered_member_id").
		Join("JOIN groups AS g ON g.id = COALESCE(l.group_id, dm.group_id)").
		ColumnExpr("c.entry_id, e.effective_date AS held_on, c.loan_id, l.number AS loan_number, g.id AS group_id, g.name AS group_name").
		ColumnExpr("cm.id AS covering_id, cm.name AS covering_name, dm.id AS covered_id, dm.name AS covered_name, c.amount_minor").
		ColumnExpr("COALESCE(c.debt_to, '') AS debt_to, c.settled_minor").
		Where("l.cooperative_id = ?", cooperativeID).
		OrderExpr("e.effective_date, e.sequence, cm.number").
		Limit(coversMax + 1)
	if memberID != "" {
		q = q.Where("(c.covering_member_id = ? OR c.covered_member_id = ?)", memberID, memberID)
	}
	if f.GroupID != "" {
		if !ledger.IsID(f.GroupID) {
			return nil, nil
		}
		q = q.Where("g.id = ?", f.GroupID)
	}
	if f.LoanID != "" {
		if !ledger.IsID(f.LoanID) {
			return nil, nil
		}
		q = q.Where("c.loan_id = ?", f.LoanID)
	}
	if !f.From.IsZero() {
		q = q.Where("e.effective_date >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("e.effective_date <= ?", f.To)
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	if len(rows) > coversMax {
		return nil, ledger.InvalidField("covers.too_many", "from", "more than %d covers; ask for a shorter period", coversMax)
	}
	out := make([]CoverRecord, len(rows))
	for i, r := range rows {
		out[i] = CoverRecord(r)
	}
	return out, nil
}
