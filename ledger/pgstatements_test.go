package ledger_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestKeysAndShapesOfEveryKind posts what the posting statements must
// carry intact as parameters: an idempotency key holding the characters
// an array literal quotes, found again by its replay; and an entry with
// more lines than PostgreSQL keeps a prepared statement for, sent as text.
func TestKeysAndShapesOfEveryKind(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)

		in := lt.Transfer("1300", "4100", "500")
		in.IdempotencyKey = `kas "pusat" \ {1,2} 'rapat'`
		first, err := l.Post(ctx, b.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		again, err := l.Post(ctx, b.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Replayed || again.ID != first.ID {
			t.Errorf("the key posted again made entry %s (replayed %v), want the replay of %s", again.ID, again.Replayed, first.ID)
		}

		many := ledger.EntryInput{Kind: "test.split", RecordedBy: "teller", IdempotencyKey: "split-1"}
		for range 4 {
			many.Postings = append(many.Postings,
				ledger.PostingInput{Account: "1300", Side: ledger.Debit, Amount: amount("250")},
				ledger.PostingInput{Account: "4100", Side: ledger.Credit, Amount: amount("250")})
		}
		e, err := l.Post(ctx, b.ID, many)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Postings) != 8 {
			t.Errorf("the entry has %d postings, want 8", len(e.Postings))
		}
		got := takeSnapshot(t, l, b.ID).Balances
		if got["1300"] != 1500 || got["4100"] != 1500 {
			t.Errorf("balances %v, want 1300 and 4100 at 1500", got)
		}
		lt.MustVerify(t, db, b.ID)
	})
}
