package ledger_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// chainedBook posts four entries of different shapes (a memo, metadata, an
// idempotency key, a reversal) and returns the book with its entries in
// sequence order.
func chainedBook(t *testing.T, l *ledger.Ledger) (ledger.Book, []ledger.Entry) {
	t.Helper()
	return postChained(t, l, chart(t, l))
}

// tamperedBook is chainedBook in a book that the test will break, so it is
// not verified when the test ends.
func tamperedBook(t *testing.T, l *ledger.Ledger) (ledger.Book, []ledger.Entry) {
	t.Helper()
	b, err := l.CreateBook(context.Background(), ledger.BookInput{Name: t.Name(), Currency: "IDR"})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []ledger.AccountInput{
		{Code: "1100", Name: "Cash", Type: ledger.Asset, NonNegative: true},
		{Code: "1300", Name: "Loans receivable", Type: ledger.Asset},
		{Code: "2130", Name: "Sukarela savings", Type: ledger.Liability, NonNegative: true},
		{Code: "4100", Name: "Interest income", Type: ledger.Income},
	} {
		lt.MustAccount(t, l, b.ID, in)
	}
	return postChained(t, l, b)
}

func postChained(t *testing.T, l *ledger.Ledger, b ledger.Book) (ledger.Book, []ledger.Entry) {
	t.Helper()
	ctx := context.Background()
	first := lt.MustPost(t, l, b.ID, "1100", "2130", "150000")
	in := lt.Transfer("1300", "1100", "100000")
	in.Memo, in.Metadata, in.IdempotencyKey, in.RecordedBy = "Pinjaman Bu Siti", map[string]string{"member_id": "m-1"}, "k-"+lt.UniqueTag(), "bendahara"
	second, err := l.Post(ctx, b.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	third := lt.MustPost(t, l, b.ID, "1100", "4100", "2500")
	fourth, err := l.Reverse(ctx, b.ID, third.ID, ledger.ReversalInput{Memo: "salah catat", RecordedBy: "bendahara"})
	if err != nil {
		t.Fatal(err)
	}
	return b, []ledger.Entry{first, second, third, fourth}
}

func TestChain(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b, posted := chainedBook(t, l)

		t.Run("each entry follows the one before", func(t *testing.T) {
			prev := ""
			for _, p := range posted {
				read, err := l.FindEntryByID(ctx, b.ID, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if read.ChainHash != p.ChainHash || len(p.ChainHash) != 64 {
					t.Fatalf("entry #%d: posted with chain hash %q, read back %q", p.Sequence, p.ChainHash, read.ChainHash)
				}
				if want := ledger.ChainHash(prev, ledger.ChainOf(read)); read.ChainHash != want {
					t.Fatalf("entry #%d: chain hash %s, recomputed %s", p.Sequence, read.ChainHash, want)
				}
				prev = read.ChainHash
			}
			lt.MustVerify(t, db, b.ID)
		})

		t.Run("concurrent posts to one book chain in sequence order", func(t *testing.T) {
			// Each writer posts between accounts of her own, so that the
			// writers meet only at the book's sequence: on Postgres a post
			// that waited there must still find the hash of the entry whose
			// commit let it through.
			b := chart(t, l)
			const writers = 12
			for i := range writers {
				lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: fmt.Sprintf("1190-%02d", i), Name: "Petty cash", Type: ledger.Asset})
				lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: fmt.Sprintf("2190-%02d", i), Name: "Payable", Type: ledger.Liability})
			}
			var wg sync.WaitGroup
			errs := make(chan error, writers*16)
			for i := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 16 {
						if _, err := l.Post(ctx, b.ID, lt.Transfer(fmt.Sprintf("1190-%02d", i), fmt.Sprintf("2190-%02d", i), "10")); err != nil {
							errs <- err
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			// MustVerify, when the test ends, recomputes the chain.
		})

		t.Run("a replay answers the recorded hash", func(t *testing.T) {
			in := lt.Transfer("1100", "2130", "1000")
			in.IdempotencyKey = "replay-" + lt.UniqueTag()
			e, err := l.Post(ctx, b.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			again, err := l.Post(ctx, b.ID, in)
			if err != nil || !again.Replayed || again.ChainHash != e.ChainHash {
				t.Fatalf("replay: %v, replayed %v, hash %s want %s", err, again.Replayed, again.ChainHash, e.ChainHash)
			}
		})

		t.Run("the schema refuses what the chain does not allow", func(t *testing.T) {
			for _, stmt := range []string{
				"UPDATE entries SET memo = 'diubah' WHERE id = '" + posted[1].ID + "'",
				"UPDATE entries SET chain_hash = NULL WHERE id = '" + posted[1].ID + "'",
				"UPDATE entries SET chain_hash = '" + strings.Repeat("0", 64) + "' WHERE id = '" + posted[1].ID + "'",
			} {
				if _, err := db.ExecContext(ctx, stmt); err == nil {
					t.Errorf("%s: accepted", stmt)
				}
			}
			lt.MustVerify(t, db, b.ID)
		})
	})
}

// TestChainCatchesTampering alters books behind the triggers' back, as
// someone holding the database could, and expects Verify to name the first
// broken link.
func TestChainCatchesTampering(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		cases := []struct {
			name   string
			table  string
			change func(es []ledger.Entry) []string
			first  string
		}{
			{"a posting's amount", "postings", func(es []ledger.Entry) []string {
				return []string{"UPDATE postings SET amount_minor = 90000 WHERE entry_id = '" + es[1].ID + "'"}
			}, "entry #2:"},
			{"a memo", "entries", func(es []ledger.Entry) []string {
				return []string{"UPDATE entries SET memo = 'Pinjaman Bu Ani' WHERE id = '" + es[1].ID + "'"}
			}, "entry #2:"},
			{"the first entry's date", "entries", func(es []ledger.Entry) []string {
				return []string{"UPDATE entries SET effective_date = '2020-01-01' WHERE id = '" + es[0].ID + "'"}
			}, "entry #1:"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				b, es := tamperedBook(t, l)
				lt.Tamper(t, db, c.table, c.change(es)...)
				vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID})
				if err != nil {
					t.Fatal(err)
				}
				var chain []ledger.Violation
				for _, v := range vs {
					if v.Check == "entry_chain" {
						chain = append(chain, v)
					}
				}
				if len(chain) != 1 || !strings.HasPrefix(chain[0].Detail, c.first) {
					t.Fatalf("violations %v, want one entry_chain starting %q", vs, c.first)
				}
			})
		}

		t.Run("an entry removed from the middle", func(t *testing.T) {
			b, es := tamperedBook(t, l)
			// Renumber what follows so that the sequence has no gap: only
			// the chain can tell.
			lt.Tamper(t, db, "postings", "DELETE FROM postings WHERE entry_id = '"+es[1].ID+"'")
			lt.Tamper(t, db, "entries", "DELETE FROM entries WHERE id = '"+es[1].ID+"'",
				"UPDATE entries SET sequence = sequence - 1 WHERE book_id = '"+b.ID+"' AND sequence > 2")
			vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, v := range vs {
				found = found || (v.Check == "entry_chain" && strings.HasPrefix(v.Detail, "entry #2:"))
			}
			if !found {
				t.Fatalf("violations %v, want the chain broken at entry #2", vs)
			}
		})
	})
}

// TestSealChains: entries written before the chain existed are sealed in
// sequence order, and the seal is what posting would have written.
func TestSealChains(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b, es := chainedBook(t, l)
		// As the migration that added the chain leaves a book.
		lt.Tamper(t, db, "entries", "UPDATE entries SET chain_hash = NULL WHERE book_id = '"+b.ID+"'")
		if _, err := db.ExecContext(ctx, "UPDATE books SET last_chain_hash = NULL WHERE id = ?", b.ID); err != nil {
			t.Fatal(err)
		}
		vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 1 || vs[0].Check != "entry_chain" || !strings.Contains(vs[0].Detail, "entry #1 has no chain hash") {
			t.Fatalf("unsealed book: violations %v", vs)
		}
		if _, err := l.Post(ctx, b.ID, lt.Transfer("1100", "2130", "1")); err == nil {
			t.Fatal("posted after an unsealed entry")
		}
		sealed, err := ledger.SealChains(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if sealed < len(es) {
			t.Fatalf("sealed %d entries, want at least %d", sealed, len(es))
		}
		for _, e := range es {
			read, err := l.FindEntryByID(ctx, b.ID, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if read.ChainHash != e.ChainHash {
				t.Fatalf("entry #%d sealed as %s, posted as %s", e.Sequence, read.ChainHash, e.ChainHash)
			}
		}
		lt.MustPost(t, l, b.ID, "1100", "2130", "1")
		lt.MustVerify(t, db, b.ID)
	})
}
