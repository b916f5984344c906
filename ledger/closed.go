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
