package ledger_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func newKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestCheckpoints(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		key := newKey(t)

		t.Run("states the book as it stands, signed", func(t *testing.T) {
			b, es := chainedBook(t, l)
			c, err := l.TakeCheckpoint(ctx, b.ID, ledger.Date{}, key)
			if err != nil {
				t.Fatal(err)
			}
			st, err := c.Check()
			if err != nil {
				t.Fatal(err)
			}
			last := es[len(es)-1]
			if st.Sequence != last.Sequence || st.ChainHead != last.ChainHash || st.MonthEnd != "" {
				t.Fatalf("statement at #%d head %s month %q, want #%d head %s", st.Sequence, st.ChainHead, st.MonthEnd, last.Sequence, last.ChainHash)
			}
			// 1100: 150000 - 100000 + 2500 - 2500; 1300: 100000; 2130: 150000.
			want := map[string]int64{"1100": 50000, "1300": 100000, "2130": 150000}
			if len(st.Balances) != len(want) {
				t.Fatalf("balances %+v, want %v", st.Balances, want)
			}
			for _, bal := range st.Balances {
				if want[bal.Account] != bal.BalanceMinor || bal.Currency != "IDR" {
					t.Fatalf("balances %+v, want %v", st.Balances, want)
				}
			}
			listed, err := l.Checkpoints(ctx, b.ID)
			if err != nil || len(listed) != 1 || listed[0].ID != c.ID || string(listed[0].Statement) != string(c.Statement) {
				t.Fatalf("listed %v, %v", listed, err)
			}
			c.Statement = []byte(strings.Replace(string(c.Statement), "150000", "160000", 1))
			if _, err := c.Check(); err == nil {
				t.Fatal("an altered statement passed its signature check")
			}
		})

		t.Run("one per month end", func(t *testing.T) {
			b, _ := chainedBook(t, l)
			monthEnd := ledger.NewDate(2026, time.November, 30)
			first, err := l.TakeCheckpoint(ctx, b.ID, monthEnd, key)
			if err != nil {
				t.Fatal(err)
			}
			lt.MustPost(t, l, b.ID, "1100", "2130", "1000")
			again, err := l.TakeCheckpoint(ctx, b.ID, monthEnd, key)
			if err != nil || again.ID != first.ID || again.Sequence != first.Sequence {
				t.Fatalf("second month-end checkpoint %+v, %v; want the first, %s", again, err, first.ID)
			}
		})

		t.Run("taken while entries are posted", func(t *testing.T) {
			b := chart(t, l)
			lt.MustPost(t, l, b.ID, "1100", "2130", "1000000")
			var wg sync.WaitGroup
			errs := make(chan error, 40)
			for i := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 8 {
						if _, err := l.Post(ctx, b.ID, lt.Transfer("1300", "1100", "100")); err != nil {
							errs <- err
						}
						if i == 0 {
							if _, err := l.TakeCheckpoint(ctx, b.ID, ledger.Date{}, key); err != nil {
								errs <- err
							}
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			// MustVerify (run when the test ends) replays every checkpoint's
			// balances from the journal up to its entry.
		})

		t.Run("verify catches a journal changed after it", func(t *testing.T) {
			b, es := tamperedBook(t, l)
			if _, err := l.TakeCheckpoint(ctx, b.ID, ledger.Date{}, key); err != nil {
				t.Fatal(err)
			}
			lt.Tamper(t, db, "postings", "UPDATE postings SET amount_minor = 90000 WHERE entry_id = '"+es[1].ID+"'")
			vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, v := range vs {
				found = found || (v.Check == "checkpoint" && strings.Contains(v.Detail, "account 1100"))
			}
			if !found {
				t.Fatalf("violations %v, want the checkpoint's 1100 against the journal", vs)
			}
			if _, err := db.ExecContext(ctx, "DELETE FROM checkpoints WHERE book_id = ?", b.ID); err == nil {
				t.Fatal("a checkpoint was deleted")
			}
		})
	})
}
