package api_test

import (
	"net/http"
)

// capital is partner capital arriving and a loan facility being repaid, and
// the cooperative's own expenses and income.
func (x *exchange) capital() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	var facilities listJSON[struct {
		ID          string `json:"id"`
		AccountCode string `json:"account_code"`
	}]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/facilities", params: []string{coop}},
		http.StatusOK, &facilities)
	if len(facilities.Items) != 2 {
		t.Errorf("the cooperative's facilities: %d, want 2", len(facilities.Items))
	}
	account := map[string]string{}
	for _, f := range facilities.Items {
		account[f.ID] = f.AccountCode
	}
	tranches := "/v1/cooperatives/:coop/facilities/:facility/tranches"
	var tranche struct {
		Postings []struct{ Account, Side string } `json:"postings"`
	}
	decodeJSON(t, x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: tranches, params: []string{coop, x.w.mine.Facility.ID},
		body: map[string]string{"amount": "10000000", "memo": "Tahap 1"}}), &tranche)
	code, credited := account[x.w.mine.Facility.ID], false
	for _, p := range tranche.Postings {
		credited = credited || p.Account == code && p.Side == "credit"
	}
	if code == "" || !credited {
		t.Errorf("a tranche: postings %+v, want a credit to the facility's account_code %q", tranche.Postings, code)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: tranches, params: []string{coop, x.loanFacility},
		body: map[string]string{"amount": "20000000", "via": "bank"}}, http.StatusCreated)
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: tranches, params: []string{coop, x.loanFacility},
		body: map[string]string{"amount": "20000000", "via": "bank"}}, http.StatusConflict), "/problems/facility.over_commitment")
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/facilities/:facility/repayments",
		params: []string{coop, x.loanFacility}, body: map[string]string{"principal": "1000000", "interest": "150000", "via": "bank"}})
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/expenses", params: []string{coop},
		body: map[string]string{"category": "transport", "amount": "25000", "memo": "Ongkos ke bank"}})
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/incomes", params: []string{coop},
		body: map[string]string{"category": "bunga bank", "amount": "12500", "via": "bank"}})
}
