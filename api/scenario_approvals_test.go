package api_test

import (
	"net/http"
)

// approvals: the cooperative puts reversals under four eyes; a treasurer's
// reversal waits, she cannot approve it herself, her supervisor sees it
// waiting, the second treasurer approves it and the entry is reversed once;
// another request is rejected and changes nothing.
func (x *exchange) approvals() {
	t := x.t
	t.Helper()
	coop, member := x.w.mine.Cooperative.ID, x.w.mine.Members[0].ID
	const approver = "approver"
	x.w.tokens[approver] = accessToken(t, signIn(t, x.w.mine.Identity, x.w.mine.Logins["approver"]))
	setting := func(actions ...string) {
		var got struct {
			SecondApproval []string `json:"second_approval"`
		}
		x.decode(request{caller: callerTreasurer, method: http.MethodPatch, route: "/v1/cooperatives/:coop", params: []string{coop},
			body: map[string]any{"second_approval": append([]string{}, actions...)}}, http.StatusOK, &got)
		if len(got.SecondApproval) != len(actions) {
			t.Fatalf("second_approval %v, want %v", got.SecondApproval, actions)
		}
	}
	deposit := func() string {
		var e idJSON
		x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/deposits",
			params: []string{coop, member}, body: map[string]string{"type": "sukarela", "amount": "7000"}}, http.StatusCreated, &e)
		return e.ID
	}
	type approval struct {
		ID     string  `json:"id"`
		Status string  `json:"status"`
		Result *string `json:"result"`
	}
	reverse := func(entry string) approval {
		var ap approval
		x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/entries/:entry/reversal",
			params: []string{coop, entry}, body: map[string]string{"memo": "salah catat"}}, http.StatusAccepted, &ap)
		if ap.Status != "pending" || ap.Result != nil {
			t.Fatalf("a reversal under four eyes: %+v, want one pending", ap)
		}
		return ap
	}

	setting("reversal")
	entry := deposit()
	waiting := reverse(entry)
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/approvals/:approval/approval",
		params: []string{coop, waiting.ID}}, http.StatusForbidden), "/problems/approval.self")
	var pending struct {
		Items []approval `json:"items"`
	}
	x.decode(request{caller: callerSupervisor, method: http.MethodGet, route: "/v1/cooperatives/:coop/approvals", params: []string{coop},
		query: "status=pending"}, http.StatusOK, &pending)
	if len(pending.Items) != 1 || pending.Items[0].ID != waiting.ID {
		t.Fatalf("pending approvals %+v, want %s", pending.Items, waiting.ID)
	}
	var approved approval
	x.decode(request{caller: approver, method: http.MethodPost, route: "/v1/cooperatives/:coop/approvals/:approval/approval",
		params: []string{coop, waiting.ID}}, http.StatusOK, &approved)
	var reversed struct {
		ReversedBy string `json:"reversed_by"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry",
		params: []string{coop, entry}}, http.StatusOK, &reversed)
	if approved.Status != "approved" || approved.Result == nil || reversed.ReversedBy != *approved.Result {
		t.Fatalf("approved %+v; the entry is reversed by %q", approved, reversed.ReversedBy)
	}
	x.wantProblem(x.problemOf(request{caller: approver, method: http.MethodPost, route: "/v1/cooperatives/:coop/approvals/:approval/approval",
		params: []string{coop, waiting.ID}}, http.StatusConflict), "/problems/approval.decided")

	other := deposit()
	var rejected approval
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/approvals/:approval/rejection",
		params: []string{coop, reverse(other).ID}}, http.StatusOK, &rejected)
	var kept struct {
		ReversedBy string `json:"reversed_by"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry",
		params: []string{coop, other}}, http.StatusOK, &kept)
	if rejected.Status != "rejected" || kept.ReversedBy != "" {
		t.Fatalf("rejected %+v; the entry is reversed by %q", rejected, kept.ReversedBy)
	}
	setting()
}
