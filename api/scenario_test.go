package api_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// The scenario: one cooperative's life through the API, on both stores,
// calling every operation of the OpenAPI document at least once with
// success and validating every answer against it (TestOpenAPI runs it). The
// machinery is here; each scenario_<area>_test.go holds the steps of one
// area.

// testResponsesMatchTheDocument runs the scenario on both stores: every
// step's answers validate against the document, and checkCoverage proves the
// steps called every documented operation.
func testResponsesMatchTheDocument(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		x := &exchange{t: t, w: newWorld(t, db), covered: map[string]bool{}}
		x.publicRoutes()
		x.sessions()
		x.accountsKept()
		x.administration()
		x.people()
		x.books()
		x.memberView()
		x.partnerView()
		x.savings()
		x.capital()
		x.loans()
		x.loanProducts()
		x.collection()
		x.reports()
		x.treasurerWeek()
		x.funders()
		x.downloads()
		x.proofs()
		x.approvals()
		x.yearEnd()
		x.imports()
		x.refusals()
		// A year under joint liability, in a world of its own: its year end
		// closes last year, which the scenario's cooperative keeps open.
		(&exchange{t: t, w: newWorld(t, db), covered: x.covered}).jointLiabilityYear(db)
		x.checkCoverage()
	})
}

// exchange drives one scenario through a world, validating every answer
// against the document and remembering which operations answered with
// success, so that the scenario can prove it covered the whole document.
type exchange struct {
	t       *testing.T
	w       *world
	covered map[string]bool
	// loanFacility is a loan facility the admin commits to the world's
	// cooperative, for the treasurer to receive and repay.
	loanFacility string
}

// request is one call of the scenario. Route is the Fiber pattern; params
// fill its parameters in order.
type request struct {
	caller  string
	method  string
	route   string
	params  []string
	query   string
	body    any
	headers []string
}

// do sends r, requires the wanted status, and validates the answer (and,
// for a success, the body sent) against the document.
func (x *exchange) do(r request, wantStatus int) (*http.Response, []byte) {
	t := x.t
	t.Helper()
	i := 0
	path := fiberParam.ReplaceAllStringFunc(r.route, func(string) string {
		if i >= len(r.params) {
			t.Fatalf("%s: too few parameters", r.route)
		}
		i++
		return url.PathEscape(r.params[i-1])
	})
	if r.query != "" {
		path += "?" + r.query
	}
	resp, body := x.w.call(r.caller, r.method, path, r.body, r.headers...)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s as %s: got %d, want %d: %s", r.method, path, r.caller, resp.StatusCode, wantStatus, body)
	}
	validateResponse(t, r.method, r.route, resp, body)
	if wantStatus < 300 {
		if _, raw := r.body.([]byte); r.body != nil && !raw {
			validateRequest(t, r.method, r.route, r.body)
		}
		x.covered[r.method+" "+openAPIPath(r.route)] = true
	}
	return resp, body
}

// decode is do for an answer with a JSON body to read.
func (x *exchange) decode(r request, wantStatus int, v any) *http.Response {
	x.t.Helper()
	resp, body := x.do(r, wantStatus)
	decodeJSON(x.t, body, v)
	return resp
}

// problemOf is do for an error answer, returning its problem document.
func (x *exchange) problemOf(r request, wantStatus int) problemDoc {
	x.t.Helper()
	var p problemDoc
	x.decode(r, wantStatus, &p)
	return p
}

type problemDoc struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Errors []struct {
		Field  string `json:"field"`
		Reason string `json:"reason"`
	} `json:"errors"`
}

func (x *exchange) wantProblem(p problemDoc, wantType string) {
	x.t.Helper()
	if p.Type != wantType {
		x.t.Errorf("problem type: got %q, want %q", p.Type, wantType)
	}
}

type idJSON struct {
	ID string `json:"id"`
}

// recordTwice sends r twice under one new Idempotency-Key, as a phone does
// that lost the first answer: the first records (201); the second records
// nothing and answers 200, marked Idempotent-Replayed, with the entry the
// first recorded. It returns the first answer's body.
func (x *exchange) recordTwice(r request) []byte {
	t := x.t
	t.Helper()
	r.headers = append(slices.Clone(r.headers), "Idempotency-Key", "retry-"+ledgertest.UniqueTag())
	_, first := x.do(r, http.StatusCreated)
	recorded := recordedEntryID(t, first)
	resp, again := x.do(r, http.StatusOK)
	if got := recordedEntryID(t, again); got != recorded || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("%s %s retried: entry %s (Idempotent-Replayed %q), want the replay of %s",
			r.method, r.route, got, resp.Header.Get("Idempotent-Replayed"), recorded)
	}
	if newest := x.newestEntry(); newest != recorded {
		t.Errorf("%s %s retried: the newest entry is %s, want %s: the retry recorded something", r.method, r.route, newest, recorded)
	}
	return first
}

// retryRecordsNothing sends r, already sent once with an Idempotency-Key,
// again: a route that answers 200 whether it records or not (a
// disbursement, a write-off) answers 200 and records nothing new. It
// returns the answer's body.
func (x *exchange) retryRecordsNothing(r request) []byte {
	x.t.Helper()
	before := x.newestEntry()
	_, body := x.do(r, http.StatusOK)
	if after := x.newestEntry(); after != before {
		x.t.Errorf("%s %s retried: recorded entry %s", r.method, r.route, after)
	}
	return body
}

// newestEntry is the ID of the last entry in the cooperative's book.
func (x *exchange) newestEntry() string {
	x.t.Helper()
	var latest listJSON[idJSON]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries",
		params: []string{x.w.mine.Cooperative.ID}, query: "limit=1"}, http.StatusOK, &latest)
	if len(latest.Items) != 1 {
		x.t.Fatalf("the newest entry: %d entries, want 1", len(latest.Items))
	}
	return latest.Items[0].ID
}

// recordedEntryID is the ID of the entry an answer holds: the answer
// itself, or its "entry" for a loan repayment.
func recordedEntryID(t *testing.T, raw []byte) string {
	t.Helper()
	var v struct {
		ID    string  `json:"id"`
		Entry *idJSON `json:"entry"`
	}
	decodeJSON(t, raw, &v)
	if v.Entry != nil {
		return v.Entry.ID
	}
	return v.ID
}

type listJSON[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// checkCoverage fails for every documented operation the scenario never
// saw succeed: a new route needs a step here as well as a description.
func (x *exchange) checkCoverage() {
	var missing []string
	for op := range mustOpenAPI(x.t).operations() {
		if !x.covered[op] {
			missing = append(missing, op)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		x.t.Errorf("operations the scenario never called with success:\n  %s", strings.Join(missing, "\n  "))
	}
}
