package ledger_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestPostRoundTrips counts, on the wire, the round trips one entry costs
// on Postgres: every one is a client waiting on the server, and inside the
// book's lock every one is time no other entry of the book can use.
func TestPostRoundTrips(t *testing.T) {
	rt := ledgertest.NewRoundTrips(t)
	ctx := context.Background()
	l := ledger.New(rt.DB)
	book := chart(t, l)
	post := func(i int) {
		t.Helper()
		_, err := l.Post(ctx, book.ID, ledger.EntryInput{
			Kind: "test.transfer", RecordedBy: "teller", IdempotencyKey: fmt.Sprintf("rt-%d", i),
			Postings: []ledger.PostingInput{
				{Account: "1100", Side: ledger.Debit, Amount: amount("1000")},
				{Account: "4100", Side: ledger.Credit, Amount: amount("1000")},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	post(0) // the connection is made and warm
	const n = 20
	before := rt.Count()
	for i := 1; i <= n; i++ {
		post(i)
	}
	per := float64(rt.Count()-before) / n
	t.Logf("%.1f round trips per entry", per)
	if per > 2 {
		t.Errorf("an entry costs %.1f round trips on the wire, want at most 2", per)
	}
}
