package ledger_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestConcurrentPosting hammers one book from many goroutines with random
// entries among a few accounts: every entry touches the hot cash account,
// some accounts have a floor, and some entries are reversed. Afterwards the
// book must hold exactly the successful entries, balances must equal an
// independent tally of them, and Verify must find nothing.
func TestConcurrentPosting(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		const (
			workers          = 16
			entriesPerWorker = 25
		)
		ctx := context.Background()
		l := ledger.New(db)
		b := lt.MustBook(t, l, "IDR")
		type acct struct {
			code  string
			typ   ledger.Type
			floor bool
		}
		accts := []acct{
			{"1100", ledger.Asset, true}, // cash: in every entry
			{"1300", ledger.Asset, false},
			{"2110", ledger.Equity, true},
			{"2130", ledger.Liability, true},
			{"2140", ledger.Liability, false},
			{"4100", ledger.Income, false},
			{"5100", ledger.Expense, true},
		}
		types := map[string]ledger.Type{}
		for _, a := range accts {
			lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: a.code, Type: a.typ, NonNegative: a.floor})
			types[a.code] = a.typ
		}
		// Seed cash so that early withdrawals have something to draw on.
		lt.MustPost(t, l, b.ID, "1100", "2140", "1000000")

		var (
			mu      sync.Mutex
			tally   = map[string]int64{"1100": 1000000, "2140": 1000000}
			posted  = 1
			refused = 0
		)
		apply := func(e ledger.Entry) {
			for _, p := range e.Postings {
				tally[p.AccountCode] += types[p.AccountCode].Effect(p.Side, p.AmountMinor)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, workers*entriesPerWorker)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(w), 42))
				for range entriesPerWorker {
					other := accts[1+rng.IntN(len(accts)-1)].code
					amount := decimal.NewFromInt(int64(1 + rng.IntN(50000)))
					in := lt.Transfer("1100", other, amount.String())
					if rng.IntN(2) == 0 {
						in = lt.Transfer(other, "1100", amount.String())
					}
					e, err := l.Post(ctx, b.ID, in)
					if err == nil && rng.IntN(5) == 0 {
						mu.Lock()
						posted++
						apply(e)
						mu.Unlock()
						e, err = l.Reverse(ctx, b.ID, e.ID, ledger.ReversalInput{RecordedBy: "worker"})
					}
					mu.Lock()
					switch {
					case err == nil:
						posted++
						apply(e)
					case ledger.AsError(err) != nil && ledger.AsError(err).Code == "account.below_floor":
						refused++
					default:
						errs <- fmt.Errorf("worker %d: %w", w, err)
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}

		s := takeSnapshot(t, l, b.ID)
		if s.Entries != int64(posted) {
			t.Errorf("book holds %d entries, %d posts succeeded", s.Entries, posted)
		}
		for code, v := range tally {
			if v == 0 {
				delete(tally, code)
			}
		}
		for code, v := range s.Balances {
			if v == 0 {
				delete(s.Balances, code)
			}
		}
		if diff := cmp.Diff(tally, s.Balances); diff != "" {
			t.Errorf("stored balances differ from the tally of successful entries (-tally +stored):\n%s", diff)
		}
		if refused == 0 {
			t.Error("no entry hit a floor: the floor path went unexercised")
		}
		lt.MustVerify(t, db, b.ID)
	})
}
