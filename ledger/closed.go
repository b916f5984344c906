package ledger

import (
	"context"

	"github.com/uptrace/bun"
)

// ClosedOut returns, by account code, what the closing entries of a kind
// (a year end's) dated from..to took out of the accounts' balances, on each
// account's normal side: what an income or expense account earned or spent
// before the year end emptied it into SHU, such as the interest a loan
// paid. A zero from or to leaves that end open; nil codes means every
// account. The partial index on closing entries (entries_year_close_idx)
// serves the year end's kind.
func ClosedOut(ctx context.Context, db bun.IDB, bookID, kind string, from, to Date, codes []string) (map[string]int64, error) {
	var rows []struct {
		Code string `bun:"code"`
		Type Type   `bun:"type"`
		Net  int64  `bun:"net"` // debits less credits
	}
	q := db.NewSelect().TableExpr("entries AS e").
		Join("JOIN postings AS p ON p.entry_id = e.id").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("a.code, a.type").
		ColumnExpr("SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END) AS net").
		Where("e.book_id = ? AND e.kind = ?", bookID, kind).
		GroupExpr("a.code, a.type")
	if !from.IsZero() {
		q = q.Where("e.effective_date >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where("e.effective_date <= ?", to)
	}
	if codes != nil {
		q = q.Where("a.code IN (?)", bun.List(codes))
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Code] = -r.Type.Effect(Debit, r.Net)
	}
	return out, nil
}

// FirstOpenEntry returns the effective date of the book's earliest entry
// dated before the day and after the day its journal is closed through, or
// nil when there is none: what a year end must find closed first.
func FirstOpenEntry(ctx context.Context, db bun.IDB, b Book, before Date) (*Date, error) {
	var first *Date
	q := db.NewSelect().Table("entries").ColumnExpr("MIN(effective_date)").
		Where("book_id = ? AND effective_date < ?", b.ID, before)
	if !b.ClosedThrough.IsZero() {
		q = q.Where("effective_date > ?", b.ClosedThrough)
	}
	if err := q.Scan(ctx, &first); err != nil {
		return nil, err
	}
	return first, nil
}

// CreditsLessDebits returns, by account code, what the postings dated up to
// asOf credited less what they debited to each of the book's accounts with
// the codes, leaving out the entries of the kinds given: what a loan's
// repayments brought back, without its disbursement and write-off.
func CreditsLessDebits(ctx context.Context, db bun.IDB, bookID string, codes, excludeKinds []string, asOf Date) (map[string]int64, error) {
	out := make(map[string]int64, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	var sums []struct {
		Code string `bun:"code"`
		Net  int64  `bun:"net"`
	}
	q := db.NewSelect().TableExpr("postings AS p").
		Join("JOIN entries AS e ON e.id = p.entry_id").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("a.code").
		ColumnExpr("COALESCE(SUM(CASE WHEN p.side = 'credit' THEN p.amount_minor ELSE -p.amount_minor END), 0) AS net").
		Where("a.book_id = ? AND a.code IN (?) AND p.effective_date <= ?", bookID, bun.List(codes), asOf).
		GroupExpr("a.code")
	if len(excludeKinds) > 0 {
		q = q.Where("e.kind NOT IN (?)", bun.List(excludeKinds))
	}
	if err := q.Scan(ctx, &sums); err != nil {
		return nil, err
	}
	for _, s := range sums {
		out[s.Code] = s.Net
	}
	return out, nil
}
