package api_test

import (
	"context"
	"math/big"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// scenarioYear is the year the scenario closes: long before anything else
// it records, so closing it leaves every other step's dates open.
const scenarioYear = 2001

type yearEndWire struct {
	Year               int    `json:"year"`
	Surplus            string `json:"surplus"`
	Reserve            string `json:"reserve"`
	Capital            string `json:"capital"`
	Participation      string `json:"participation"`
	CapitalBasis       string `json:"capital_basis"`
	ParticipationBasis string `json:"participation_basis"`
	Funds              []struct {
		Code   string `json:"code"`
		Amount string `json:"amount"`
	} `json:"funds"`
	DistributionEntryID *string `json:"distribution_entry_id"`
	Replayed            bool    `json:"replayed"`
}

type slipWire struct {
	MemberID     string `json:"member_id"`
	MemberNumber int    `json:"member_number"`
	CapitalBasis string `json:"capital_basis"`
	Capital      string `json:"capital"`
	Total        string `json:"total"`
}

// yearEnd closes a year in which the cooperative earned hall rent and the
// members saved wajib, then reads the year end, the slips, a member's slip
// as PDF and the book as a journal.
func (x *exchange) yearEnd() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	x.recordInYear(scenarioYear, map[string]string{m0: "150000"}, "420000")
	closing := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/year-ends", params: []string{coop},
		body: map[string]any{"year": scenarioYear, "shares": map[string]any{"reserve": "40", "capital": "25", "participation": "25",
			"other": []map[string]string{{"code": "2400.01", "name": "Dana pendidikan", "percent": "10"}}}},
		headers: []string{"Idempotency-Key", "close-" + ledgertest.UniqueTag()}}
	// The members' meeting sees every share first; the preview records
	// nothing (the close that follows is a first close, 201).
	var preview struct {
		YearEnd yearEndWire `json:"year_end"`
		Slips   []slipWire  `json:"slips"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/year-ends/preview",
		params: []string{coop}, body: closing.body}, http.StatusOK, &preview)
	var first, again yearEndWire
	x.decode(closing, http.StatusCreated, &first)
	if preview.YearEnd.Surplus != first.Surplus || len(preview.Slips) == 0 {
		t.Errorf("the preview: surplus %s and %d slips; the close: surplus %s", preview.YearEnd.Surplus, len(preview.Slips), first.Surplus)
	}
	if resp := x.decode(closing, http.StatusOK, &again); !again.Replayed || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("closing %d again under the same key: replayed %v, want the year end replayed", scenarioYear, again.Replayed)
	}
	year := strconv.Itoa(scenarioYear)
	var read yearEndWire
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/year-ends/:year",
		params: []string{coop, year}}, http.StatusOK, &read)
	if read.Surplus != "420000" {
		t.Errorf("the year's surplus as a member reads it: %s, want 420000", read.Surplus)
	}
	slips := request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/year-ends/:year/shu-slips",
		params: []string{coop, year}}
	var closed struct {
		Slips []slipWire `json:"slips"`
	}
	x.decode(slips, http.StatusOK, &closed)
	if len(closed.Slips) != len(preview.Slips) {
		t.Fatalf("%d slips closed, %d previewed", len(closed.Slips), len(preview.Slips))
	}
	for i, s := range closed.Slips {
		if s != preview.Slips[i] {
			t.Errorf("member %d: closed %+v, previewed %+v", s.MemberNumber, s, preview.Slips[i])
		}
	}
	x.download(slips, "csv", "")
	mine := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/shu-slips/:year",
		params: []string{coop, m0, year}}
	x.do(mine, http.StatusOK)
	x.download(mine, "pdf", "")
	mine.caller = callerOtherMember
	x.wantProblem(x.problemOf(mine, http.StatusNotFound), "/problems/member.not_found")

	resp, journal := x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/journal",
		params: []string{coop}, query: "format=ledger"}, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || !strings.Contains(string(journal), "Dana pendidikan") {
		t.Errorf("the journal: Content-Type %q, %d bytes; want a text journal naming the fund the year end opened", ct, len(journal))
	}
}

// recordInYear records, dated in the year, each member's wajib deposit and
// the cooperative's other income, through the API.
func (x *exchange) recordInYear(year int, wajib map[string]string, income string) {
	coop := x.w.mine.Cooperative.ID
	day := strconv.Itoa(year) + "-06-30"
	for member, amount := range wajib {
		x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/deposits",
			params: []string{coop, member}, body: map[string]string{"type": "wajib", "amount": amount, "date": day}}, http.StatusCreated)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/entries", params: []string{coop},
		body: map[string]any{"kind": "income.other", "memo": "hall rent", "effective_date": day, "postings": []map[string]string{
			{"account": accounts.CodeCash, "side": "debit", "amount": income},
			{"account": accounts.CodeOtherIncome, "side": "credit", "amount": income},
		}}}, http.StatusCreated)
}

// largestRemainder shares pool by bases as the year end promises: each
// base its exact share rounded down, then the units left one each to the
// largest fractions, ties to the earlier base. The test's own arithmetic,
// in big rationals.
func largestRemainder(pool int64, bases []int64) []int64 {
	var total int64
	for _, b := range bases {
		total += b
	}
	shares := make([]int64, len(bases))
	if total == 0 {
		return shares
	}
	fractions := make([]*big.Rat, len(bases))
	left := pool
	for i, b := range bases {
		exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(pool), big.NewInt(b)), big.NewInt(total))
		whole := new(big.Int).Quo(exact.Num(), exact.Denom())
		shares[i] = whole.Int64()
		left -= shares[i]
		fractions[i] = new(big.Rat).Sub(exact, new(big.Rat).SetInt(whole))
	}
	order := make([]int, len(bases))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return fractions[order[a]].Cmp(fractions[order[b]]) > 0 })
	for _, i := range order[:left] {
		shares[i]++
	}
	return shares
}

func TestYearEndThroughTheAPI(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		x := &exchange{t: t, w: w, covered: map[string]bool{}}
		coop := w.mine.Cooperative.ID
		members := w.mine.Members
		// Bases that do not divide the pool evenly, so that units are left
		// over for the largest remainders.
		wajib := map[string]string{members[0].ID: "100000", members[1].ID: "233333"}
		const surplus = 1000003
		x.recordInYear(2002, wajib, strconv.Itoa(surplus))

		var ye yearEndWire
		x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/year-ends", params: []string{coop},
			body: map[string]any{"year": 2002, "shares": map[string]any{"reserve": "45", "capital": "35", "participation": "20"}}},
			http.StatusCreated, &ye)

		// The pools, by the rule the document states: each the surplus
		// times its percentage rounded down; nobody paid interest, so the
		// jasa anggota pool has nobody to go to and joins the reserve, with
		// what the rounding left.
		capitalPool := int64(surplus) * 35 / 100
		if ye.Surplus != strconv.Itoa(surplus) || ye.Capital != strconv.FormatInt(capitalPool, 10) || ye.Participation != "0" ||
			ye.Reserve != strconv.FormatInt(surplus-capitalPool, 10) || ye.CapitalBasis != "333333" {
			t.Errorf("year end: surplus %s, capital %s, participation %s, reserve %s, capital basis %s; want %d, %d, 0, %d, 333333",
				ye.Surplus, ye.Capital, ye.Participation, ye.Reserve, ye.CapitalBasis, surplus, capitalPool, surplus-capitalPool)
		}

		want := largestRemainder(capitalPool, []int64{100000, 233333})
		var slips struct {
			Slips []slipWire `json:"slips"`
		}
		x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/year-ends/:year/shu-slips",
			params: []string{coop, "2002"}}, http.StatusOK, &slips)
		if len(slips.Slips) != 2 {
			t.Fatalf("%d slips, want one per member", len(slips.Slips))
		}
		for i, sl := range slips.Slips {
			if sl.MemberID != members[i].ID || sl.Capital != strconv.FormatInt(want[i], 10) || sl.Total != sl.Capital {
				t.Errorf("slip %d: member %s, jasa modal %s, total %s; want member %s with %d", i, sl.MemberID, sl.Capital, sl.Total,
					members[i].ID, want[i])
			}
			// Her share is in her sukarela savings, hers to withdraw.
			var savings struct {
				Balances map[string]string `json:"balances"`
			}
			x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/savings",
				params: []string{coop, members[i].ID}}, http.StatusOK, &savings)
			if got := decimal.RequireFromString(savings.Balances["sukarela"]); !got.Equal(decimal.NewFromInt(want[i])) {
				t.Errorf("member %d's sukarela after the year end: %s, want her share %d", i, savings.Balances["sukarela"], want[i])
			}
		}

		p := x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/deposits",
			params: []string{coop, members[0].ID}, body: map[string]string{"type": "wajib", "amount": "5000", "date": "2002-12-31"}},
			http.StatusConflict)
		x.wantProblem(p, "/problems/period.closed")

		var tb struct {
			Totals []struct {
				Debit  string `json:"debit"`
				Credit string `json:"credit"`
			} `json:"totals"`
		}
		x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance",
			params: []string{coop}}, http.StatusOK, &tb)
		for _, total := range tb.Totals {
			if total.Debit != total.Credit {
				t.Errorf("trial balance after the year end: debits %s, credits %s", total.Debit, total.Credit)
			}
		}
		vs, err := ledger.Verify(context.Background(), db, ledger.VerifyScope{BookID: w.mine.Cooperative.BookID})
		if err != nil || len(vs) > 0 {
			t.Errorf("ledger invariants after the year end: %v %v", vs, err)
		}
	})
}
