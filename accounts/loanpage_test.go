package accounts_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// queryCounter counts the statements a bun.DB sends.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// TestFindLoansReadsAPageInAHandfulOfQueries lists pages of a
// cooperative's loans, some lent and some not, and counts the statements:
// the one loan reader reads a page of many loans in as many queries as a
// page of one.
func TestFindLoansReadsAPageInAHandfulOfQueries(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		const loansMade, lent = 40, 8
		for i := range loansMade {
			if i < lent {
				disbursed(t, w, flatLoan(w, i%2))
				continue
			}
			if _, err := w.Lending.ApplyLoan(ctx, w.Treasurer, w.Cooperative.ID, flatLoan(w, i%2)); err != nil {
				t.Fatal(err)
			}
		}
		var counter queryCounter
		counted := db.WithQueryHook(&counter)
		ln := accountstest.NewServices(ledger.New(counted), services.Options{}).Lending
		queries := func(limit int) int64 {
			t.Helper()
			counter.n.Store(0)
			vs, _, err := ln.FindLoans(ctx, w.Treasurer, w.Cooperative.ID, lending.LoanFilter{}, accounts.Page{Limit: limit})
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != min(limit, loansMade) {
				t.Fatalf("%d loans listed, want %d", len(vs), min(limit, loansMade))
			}
			return counter.n.Load()
		}
		one, all := queries(1), queries(accounts.PageSizeMax)
		if all != one {
			t.Errorf("a page of %d loans took %d queries, a page of one %d: the page should not cost more per loan", loansMade, all, one)
		}
		if all > 8 {
			t.Errorf("a page of loans took %d queries, want a handful", all)
		}
	})
}
