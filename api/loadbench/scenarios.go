package loadbench

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// scenario is one kind of load: its requests to the server and, for
// postings, the same work done by the ceiling.
type scenario struct {
	name    string
	lumbung func(w *world) op
	ceiling func(c *ceiling) op // nil: nothing to compare with
}

// scenarios are run in this order: the reads come last, when the books
// hold the entries posted before them.
var scenarios = []scenario{
	{"post/uniform/1book", postOp(false, 1), ceilingOp(false, 1)},
	{"post/hot/1book", postOp(true, 1), ceilingOp(true, 1)},
	{"post/uniform/16books", postOp(false, booksMax), ceilingOp(false, booksMax)},
	{"read/balance", readBalanceOp, nil},
	{"read/trial-balance", readTrialBalanceOp(false), nil},
	{"read/trial-balance/as-of", readTrialBalanceOp(true), nil},
}

// selected is the scenarios whose name is one of only or starts with one
// of them, in the order they run; all of them when only is empty.
func selected(only []string) []scenario {
	if len(only) == 0 {
		return scenarios
	}
	var chosen []scenario
	for _, s := range scenarios {
		for _, name := range only {
			if strings.HasPrefix(s.name, name) {
				chosen = append(chosen, s)
				break
			}
		}
	}
	return chosen
}

// scenarioNames lists every scenario, for an error about one.
func scenarioNames() []string {
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.name
	}
	return names
}

// postOp posts a transfer through the API into one of the first books
// books, picked at random.
func postOp(hot bool, books int) func(w *world) op {
	return func(w *world) op {
		return func(ctx context.Context, rng *rand.Rand, key string) (outcome, string) {
			b := &w.lumbung[rng.IntN(books)]
			debit, credit := pickPair(rng, len(b.codes), hot)
			body, err := transferBody(b.codes[debit], b.codes[credit])
			if err != nil {
				return failed, err.Error()
			}
			return w.api.send(ctx, w.lumbungTreasurer.token, http.MethodPost, "/v1/cooperatives/"+b.coopID+"/entries", body, key)
		}
	}
}

// ceilingOp writes the same transfer as postOp with the ceiling's SQL into
// the ceiling's books.
func ceilingOp(hot bool, books int) func(c *ceiling) op {
	return func(c *ceiling) op {
		return func(ctx context.Context, rng *rand.Rand, key string) (outcome, string) {
			b := &c.books[rng.IntN(books)]
			debit, credit := pickPair(rng, len(b.codes), hot)
			if err := c.post(ctx, b, debit, credit, key); err != nil {
				return failed, "ceiling: " + err.Error()
			}
			return succeeded, ""
		}
	}
}

// readBalanceOp reads one account of the first book, at random.
func readBalanceOp(w *world) op {
	return func(ctx context.Context, rng *rand.Rand, _ string) (outcome, string) {
		b := &w.lumbung[0]
		return w.api.send(ctx, w.lumbungTreasurer.token, http.MethodGet, accountPath(b.coopID, b.codes[rng.IntN(len(b.codes))]), nil, "")
	}
}

// readTrialBalanceOp reads the first book's trial balance: today's, or as
// of yesterday, which subtracts the postings made since.
func readTrialBalanceOp(yesterday bool) func(w *world) op {
	return func(w *world) op {
		b := &w.lumbung[0]
		path := "/v1/cooperatives/" + b.coopID + "/trial-balance"
		if yesterday {
			path += "?as_of=" + time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
		}
		return func(ctx context.Context, _ *rand.Rand, _ string) (outcome, string) {
			return w.api.send(ctx, w.lumbungTreasurer.token, http.MethodGet, path, nil, "")
		}
	}
}
