package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestPostEntryRoundTrips counts, on the wire, the round trips to
// PostgreSQL one entry posted through the API costs, from the token's
// check to the commit.
func TestPostEntryRoundTrips(t *testing.T) {
	rt := ledgertest.NewRoundTrips(t)
	w := newWorld(t, rt.DB)
	path := "/v1/cooperatives/" + w.mine.Cooperative.ID + "/entries"
	post := func(i int) {
		t.Helper()
		resp, raw := w.call(callerTreasurer, http.MethodPost, path, map[string]any{
			"kind": "cash.transfer",
			"postings": []map[string]string{
				{"account": "1200", "side": "debit", "amount": "1000"},
				{"account": "3300", "side": "credit", "amount": "1000"},
			},
		}, "Idempotency-Key", fmt.Sprintf("round-trip-%d", i))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, resp.StatusCode, raw)
		}
	}
	post(0)
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
