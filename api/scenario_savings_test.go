package api_test

import (
	"maps"
	"net/http"
	"time"
)

// savings is the treasurer at the weekly meeting: the savings rules, deposits
// of each kind, a withdrawal, a member's savings, a member who leaves.
func (x *exchange) savings() {
	t, w := x.t, x.w
	coop, m0, m1 := w.mine.Cooperative.ID, w.mine.Members[0].ID, w.mine.Members[1].ID
	var rules struct {
		Pokok string `json:"pokok"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/savings-rules", params: []string{coop},
		body: map[string]string{"pokok": "50000", "wajib": "10000", "wajib_frequency": "monthly"}}, http.StatusOK, &rules)
	if rules.Pokok != "50000" {
		t.Errorf("savings rules: pokok %q, want 50000", rules.Pokok)
	}
	deposits := "/v1/cooperatives/:coop/members/:member/deposits"
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, m0},
		body: map[string]string{"type": "pokok", "amount": "50000"}}, http.StatusCreated)
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, m1},
		body: map[string]string{"type": "wajib", "amount": "10000", "memo": "Wajib bulan ini", "via": "cash"}})
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, m0},
		body: map[string]string{"type": "sukarela", "amount": "20000", "via": "bank"}}, http.StatusCreated)
	withdrawals := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/withdrawals",
		params: []string{coop, m0}, body: map[string]string{"type": "sukarela", "amount": "10000"}}
	x.recordTwice(withdrawals)
	withdrawals.body = map[string]string{"type": "sukarela", "amount": "99999999"}
	x.wantProblem(x.problemOf(withdrawals, http.StatusConflict), "/problems/account.below_floor")

	var savings struct {
		Balances map[string]string `json:"balances"`
	}
	mine := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/savings", params: []string{coop, m0}}
	x.decode(mine, http.StatusOK, &savings)
	if want := map[string]string{"pokok": "50000", "wajib": "0", "sukarela": "60000"}; !maps.Equal(savings.Balances, want) {
		t.Errorf("her savings: %v, want %v", savings.Balances, want)
	}
	mine.caller = callerTreasurer
	x.do(mine, http.StatusOK)
	mine.caller = callerOtherMember
	x.wantProblem(x.problemOf(mine, http.StatusNotFound), "/problems/member.not_found")
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, w.theirs.Members[0].ID},
		body: map[string]string{"type": "sukarela", "amount": "5000"}}, http.StatusNotFound), "/problems/member.not_found")

	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/exit", params: []string{coop, m1},
		body: map[string]string{"memo": "Pindah ke kota"}})
	var left struct {
		ExitedOn *string `json:"exited_on"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member", params: []string{coop, m1}},
		http.StatusOK, &left)
	if today := time.Now().UTC().Format(time.DateOnly); left.ExitedOn == nil || *left.ExitedOn != today {
		t.Errorf("a member who left today: exited_on %v, want %s", left.ExitedOn, today)
	}
}
