package api_test

import (
	"net/http"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// books is the treasurer keeping the books: accounts, an idempotent
// deposit, its replay, a reversal, the trial balance.
func (x *exchange) books() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	today := time.Now().UTC().Format(time.DateOnly)
	sukarela := accounts.MemberAccountCode(accounts.Sukarela, x.w.mine.Members[0].Number)

	var chart listJSON[struct {
		Code string `json:"code"`
	}]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts", params: []string{coop}}, http.StatusOK, &chart)
	if !slices.ContainsFunc(chart.Items, func(a struct {
		Code string `json:"code"`
	}) bool {
		return a.Code == sukarela
	}) {
		t.Errorf("the chart has no %s", sukarela)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts", params: []string{coop}, query: "as_of=2000-01-01"}, http.StatusOK)
	meetings := map[string]any{"code": "5150", "name": "Biaya rapat anggota", "type": "expense", "non_negative": false}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/accounts", params: []string{coop}, body: meetings}, http.StatusCreated)
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/accounts", params: []string{coop},
		body: meetings}, http.StatusConflict), "/problems/account.code_taken")
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts/:code", params: []string{coop, "1100"}}, http.StatusOK)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts/:code", params: []string{coop, sukarela},
		query: "as_of=" + today}, http.StatusOK)

	deposit := func(amount string) map[string]any {
		return map[string]any{"kind": "savings.deposit", "memo": "Setoran simpanan sukarela", "metadata": map[string]string{"receipt": "0042"},
			"postings": []map[string]string{{"account": "1100", "side": "debit", "amount": amount}, {"account": sukarela, "side": "credit", "amount": amount}}}
	}
	key := "setoran-" + ledgertest.UniqueTag()
	post := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/entries", params: []string{coop},
		body: deposit("150000"), headers: []string{"Idempotency-Key", key}}
	var entry idJSON
	resp := x.decode(post, http.StatusCreated, &entry)
	if want := "/v1/cooperatives/" + coop + "/entries/" + entry.ID; resp.Header.Get(fiber.HeaderLocation) != want {
		t.Errorf("Location: got %q, want %q", resp.Header.Get(fiber.HeaderLocation), want)
	}
	var replay idJSON
	resp = x.decode(post, http.StatusOK, &replay)
	if replay.ID != entry.ID || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay: entry %s, Idempotent-Replayed %q; want %s and true", replay.ID, resp.Header.Get("Idempotent-Replayed"), entry.ID)
	}
	reused := post
	reused.body = deposit("175000")
	x.wantProblem(x.problemOf(reused, http.StatusConflict), "/problems/entry.idempotency_key_reused")
	bad := post
	bad.body, bad.headers = deposit("1e5"), nil
	p := x.problemOf(bad, http.StatusUnprocessableEntity)
	if !slices.ContainsFunc(p.Errors, func(e struct {
		Field  string `json:"field"`
		Reason string `json:"reason"`
	}) bool {
		return e.Field == "postings[0].amount"
	}) {
		t.Errorf("a 1e5 amount: errors %+v name no postings[0].amount", p.Errors)
	}

	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries", params: []string{coop}}, http.StatusOK)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries", params: []string{coop},
		query: "account=1100&limit=1"}, http.StatusOK)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry", params: []string{coop, entry.ID}}, http.StatusOK)
	reverse := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/entries/:entry/reversal",
		params: []string{coop, entry.ID}, body: map[string]string{"memo": "Salah catat: setoran dobel"},
		headers: []string{"Idempotency-Key", "koreksi-" + key}}
	var reversal struct {
		ID       string `json:"id"`
		Reverses string `json:"reverses"`
	}
	x.decode(reverse, http.StatusCreated, &reversal)
	if reversal.Reverses != entry.ID {
		t.Errorf("reversal reverses %q, want %s", reversal.Reverses, entry.ID)
	}
	x.do(reverse, http.StatusOK)
	reverse.headers = nil
	x.wantProblem(x.problemOf(reverse, http.StatusConflict), "/problems/entry.already_reversed")
	var reversed struct {
		ReversedBy string `json:"reversed_by"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry", params: []string{coop, entry.ID}},
		http.StatusOK, &reversed)
	if reversed.ReversedBy != reversal.ID {
		t.Errorf("reversed_by %q, want %s", reversed.ReversedBy, reversal.ID)
	}
	post.body, post.headers = deposit("50000"), nil
	x.do(post, http.StatusCreated)

	var tb struct {
		AsOf   string `json:"as_of"`
		Totals []struct {
			Debit, Credit string
		} `json:"totals"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance", params: []string{coop}}, http.StatusOK, &tb)
	for _, total := range tb.Totals {
		if total.Debit != total.Credit {
			t.Errorf("trial balance: debits %s, credits %s", total.Debit, total.Credit)
		}
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance", params: []string{coop},
		query: "as_of=" + today}, http.StatusOK, &tb)
	if tb.AsOf != today {
		t.Errorf("trial balance as_of: got %q, want %s", tb.AsOf, today)
	}
}
