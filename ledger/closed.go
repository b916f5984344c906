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

// ClosedOutOn is ClosedOut from the book's start to each of the days,
// ascending: out[i] holds what was closed out up to days[i]. The closings
// up to the last day are read once, by date, and summed here for each day,
// so that a monthly series costs one read, not one a month.
func ClosedOutOn(ctx context.Context, db bun.IDB, bookID, kind string, days []Date, codes []string) ([]map[string]int64, error) {
	out := emptyByDay(days)
	if len(days) == 0 {
		return out, nil
	}
	var rows []struct {
		Code string `bun:"code"`
		Type Type   `bun:"type"`
		On   Date   `bun:"on_day"`
		Net  int64  `bun:"net"` // debits less credits
	}
	q := db.NewSelect().TableExpr("entries AS e").
		Join("JOIN postings AS p ON p.entry_id = e.id").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("a.code, a.type, e.effective_date AS on_day").
		ColumnExpr("SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END) AS net").
		Where("e.book_id = ? AND e.kind = ? AND e.effective_date <= ?", bookID, kind, days[len(days)-1]).
		GroupExpr("a.code, a.type, e.effective_date")
	if codes != nil {
		q = q.Where("a.code IN (?)", bun.List(codes))
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		addFrom(out, days, r.On, r.Code, -r.Type.Effect(Debit, r.Net))
	}
	return out, nil
}

// CreditsLessDebitsOn returns, by account code and for each of the days,
// ascending, what the postings dated up to the day credited less what they
// debited to each of the book's accounts with the codes, leaving out the
// entries of the kinds given: what a loan's repayments brought back,
// without its disbursement and write-off. The postings up to the last day
// are read once, summed by date.
func CreditsLessDebitsOn(ctx context.Context, db bun.IDB, bookID string, codes, excludeKinds []string, days []Date) ([]map[string]int64, error) {
	out := emptyByDay(days)
	if len(codes) == 0 || len(days) == 0 {
		return out, nil
	}
	var sums []struct {
		Code string `bun:"code"`
		On   Date   `bun:"on_day"`
		Net  int64  `bun:"net"`
	}
	q := db.NewSelect().TableExpr("postings AS p").
		Join("JOIN entries AS e ON e.id = p.entry_id").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("a.code, p.effective_date AS on_day").
		ColumnExpr("SUM(CASE WHEN p.side = 'credit' THEN p.amount_minor ELSE -p.amount_minor END) AS net").
		Where("a.book_id = ? AND a.code IN (?) AND p.effective_date <= ?", bookID, bun.List(codes), days[len(days)-1]).
		GroupExpr("a.code, p.effective_date")
	if len(excludeKinds) > 0 {
		q = q.Where("e.kind NOT IN (?)", bun.List(excludeKinds))
	}
	if err := q.Scan(ctx, &sums); err != nil {
		return nil, err
	}
	for _, s := range sums {
		addFrom(out, days, s.On, s.Code, s.Net)
	}
	return out, nil
}

// emptyByDay is one empty map per day.
func emptyByDay(days []Date) []map[string]int64 {
	out := make([]map[string]int64, len(days))
	for i := range out {
		out[i] = map[string]int64{}
	}
	return out
}

// addFrom adds an amount dated on to the code's sum on every day from on.
func addFrom(out []map[string]int64, days []Date, on Date, code string, minor int64) {
	for i, day := range days {
		if !on.After(day) {
			out[i][code] += minor
		}
	}
}
