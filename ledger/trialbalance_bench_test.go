package ledger_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// trialBalanceBook is the book BenchmarkTrialBalance reads: a large
// cooperative's chart (10,000 accounts) and a year of its postings
// (143,000), the last of them dated today.
var trialBalanceBook = ledgertest.Bulk{Accounts: 10_000, Entries: 71_500}

// BenchmarkTrialBalance measures a book's trial balance on both stores,
// today (the stored balances) and as of yesterday (the stored balances
// less the day's postings), beside a baseline of the same shape in plain
// SQL: the book's accounts, each with the sum of its postings after
// yesterday, in one indexed pass over the book's later postings. The
// trial balance's ns/op over the baseline's is what the engine adds.
//
//	LUMBUNG_TEST_POSTGRES=require go test -run '^$' -bench BenchmarkTrialBalance -benchtime 20x ./ledger/
func BenchmarkTrialBalance(b *testing.B) {
	ledgertest.Stores(b, benchTrialBalance)
}

func benchTrialBalance(b *testing.B, db *bun.DB) {
	ctx := context.Background()
	l := ledger.New(db)
	book := ledgertest.MustBook(b, l, "IDR")
	today := ledger.DateOf(time.Now().UTC())
	yesterday := today.AddDays(-1)
	size := trialBalanceBook
	size.From, size.To = today.AddDays(-364), today
	ledgertest.MustBulk(b, db, book.ID, size)
	// Postgres's autovacuum would have gathered the planner's statistics
	// on a book grown over a year; SQLite gathers none unless asked, and
	// Lumbung does not ask.
	if db.Dialect().Name() == dialect.PG {
		if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	runs := []struct {
		name string
		run  func() error
	}{
		{"today", func() error { return trialBalanceLines(l.TrialBalance(ctx, book.ID, ledger.Date{})) }},
		{"yesterday", func() error { return trialBalanceLines(l.TrialBalance(ctx, book.ID, yesterday)) }},
		{"sql_yesterday", func() error {
			return ledgertest.Drain(db.QueryContext(ctx, `SELECT a.id, a.code, a.name, a.type, a.currency, a.balance_minor, COALESCE(later.net_minor, 0)
				FROM ledger_accounts AS a LEFT JOIN (
					SELECT account_id, SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END) AS net_minor
					FROM postings WHERE book_id = ? AND effective_date > ? GROUP BY account_id
				) AS later ON later.account_id = a.id
				WHERE a.book_id = ? ORDER BY a.code`, book.ID, yesterday, book.ID))
		}},
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			if err := r.run(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := r.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// trialBalanceLines checks that a trial balance lists the whole book.
func trialBalanceLines(tb ledger.TrialBalance, err error) error {
	if err == nil && len(tb.Lines) < trialBalanceBook.Accounts {
		err = sql.ErrNoRows
	}
	return err
}
