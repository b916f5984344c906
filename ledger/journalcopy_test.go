package ledger_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func journalCopy(t *testing.T, db *bun.DB, bookID string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ledger.WriteJournalCopy(context.Background(), db, bookID, ledger.JournalCopyHeader{Cooperative: "Koperasi Uji"}, time.Now(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJournalCopy(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		key := newKey(t)

		t.Run("verifies offline, names left out", func(t *testing.T) {
			b, es := chainedBook(t, l)
			lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "2130.0001", Name: "Sukarela Bu Siti Aminah", Type: ledger.Liability,
				Owner: &ledger.Owner{Kind: "member", ID: "m-1"}})
			lt.MustPost(t, l, b.ID, "1100", "2130.0001", "5000")
			c, err := l.TakeCheckpoint(ctx, b.ID, ledger.Date{}, key)
			if err != nil {
				t.Fatal(err)
			}
			lt.MustPost(t, l, b.ID, "1100", "2130", "700")
			copied := journalCopy(t, db, b.ID)
			for _, name := range []string{"Siti", "bendahara"} {
				if bytes.Contains(copied, []byte(name)) {
					t.Fatalf("the copy names %q", name)
				}
			}
			got, err := ledger.VerifyJournalCopy(bytes.NewReader(copied), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.LastSequence != int64(len(es)+2) || len(got.Checkpoints) != 1 || got.Checkpoints[0].Sequence != c.Sequence {
				t.Fatalf("checked %d entries, checkpoints %+v", got.LastSequence, got.Checkpoints)
			}
			if len(got.KeyFingerprints) != 1 || got.KeyFingerprints[0] != ledger.KeyFingerprint(c.PublicKey) {
				t.Fatalf("key fingerprints %v", got.KeyFingerprints)
			}
		})

		t.Run("an edited copy fails", func(t *testing.T) {
			b, _ := chainedBook(t, l)
			if _, err := l.TakeCheckpoint(ctx, b.ID, ledger.Date{}, key); err != nil {
				t.Fatal(err)
			}
			copied := string(journalCopy(t, db, b.ID))
			for _, c := range []struct{ name, from, to, want string }{
				{"an amount", `"amount_minor":100000`, `"amount_minor":10000`, "the chain breaks"},
				{"a signed balance", `\"balance_minor\":150000`, `\"balance_minor\":160000`, "signature"},
				{"an entry dropped", `"sequence":3,`, `"sequence":4,`, "gap"},
			} {
				edited := strings.Replace(copied, c.from, c.to, 1)
				if edited == copied {
					t.Fatalf("%s: %q not in the copy", c.name, c.from)
				}
				if _, err := ledger.VerifyJournalCopy(strings.NewReader(edited), nil); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
				}
			}
		})

		t.Run("since the copy kept last month", func(t *testing.T) {
			b, es := tamperedBook(t, l)
			before := journalCopy(t, db, b.ID)
			lt.MustPost(t, l, b.ID, "1100", "2130", "700")
			now := journalCopy(t, db, b.ID)
			got, err := ledger.VerifyJournalCopy(bytes.NewReader(now), bytes.NewReader(before))
			if err != nil || got.Extends != int64(len(es)) {
				t.Fatalf("extends %d, %v; want %d", got.Extends, err, len(es))
			}
			// Rewrite history and every hash after it, as someone holding
			// the database could: the new copy holds together on its own,
			// and only the kept one shows the rewrite.
			lt.Tamper(t, db, "entries", "UPDATE entries SET memo = 'lain', chain_hash = NULL WHERE id = '"+es[1].ID+"'",
				"UPDATE entries SET chain_hash = NULL WHERE book_id = '"+b.ID+"' AND sequence > 2")
			if _, err := ledger.SealChains(ctx, db); err != nil {
				t.Fatal(err)
			}
			rewritten := journalCopy(t, db, b.ID)
			if _, err := ledger.VerifyJournalCopy(bytes.NewReader(rewritten), nil); err != nil {
				t.Fatalf("the rewritten copy alone: %v", err)
			}
			if _, err := ledger.VerifyJournalCopy(bytes.NewReader(rewritten), bytes.NewReader(before)); err == nil || !strings.Contains(err.Error(), "rewritten") {
				t.Fatalf("against the kept copy: %v, want history rewritten", err)
			}
		})
	})
}
