package api_test

import (
	"net/http"

	"github.com/lumbung/lumbung/accounts"
)

// memberView is a member reading her own savings and statement.
func (x *exchange) memberView() {
	t := x.t
	sukarela := accounts.MemberAccountCode(accounts.Sukarela, x.w.mine.Members[0].Number)
	var me struct {
		Memberships []struct {
			Accounts []struct {
				ID      string `json:"id"`
				Code    string `json:"code"`
				Balance string `json:"balance"`
			} `json:"accounts"`
		} `json:"memberships"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	if len(me.Memberships) != 1 {
		t.Fatalf("GET /v1/me as a member: %d memberships, want 1", len(me.Memberships))
	}
	var account string
	for _, a := range me.Memberships[0].Accounts {
		if a.Code == sukarela {
			account = a.ID
			if a.Balance != "50000" {
				t.Errorf("her sukarela balance: got %s, want 50000", a.Balance)
			}
		}
	}
	if account == "" {
		t.Fatalf("GET /v1/me as a member: no %s among %+v", sukarela, me.Memberships[0].Accounts)
	}
	var statement listJSON[struct {
		Amount string `json:"amount"`
	}]
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/me/accounts/:account/entries", params: []string{account}},
		http.StatusOK, &statement)
	if len(statement.Items) != 3 {
		t.Errorf("her statement: %d lines, want 3 (deposit, reversal, deposit)", len(statement.Items))
	}
	x.wantProblem(x.problemOf(request{caller: callerOtherMember, method: http.MethodGet, route: "/v1/me/accounts/:account/entries",
		params: []string{account}}, http.StatusNotFound), "/problems/account.not_found")
}

// partnerView is a partner's officer reviewing what its capital funds.
func (x *exchange) partnerView() {
	t, w := x.t, x.w
	var me struct {
		Partners []struct {
			Partner idJSON `json:"partner"`
		} `json:"partners"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	if len(me.Partners) != 1 || me.Partners[0].Partner.ID != w.mine.Partner.ID {
		t.Errorf("GET /v1/me as the partner: %+v, want partner %s", me.Partners, w.mine.Partner.ID)
	}
	var coops listJSON[idJSON]
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/cooperatives"}, http.StatusOK, &coops)
	if len(coops.Items) != 1 || coops.Items[0].ID != w.mine.Cooperative.ID {
		t.Errorf("GET /v1/cooperatives as the partner: %+v, want only %s", coops.Items, w.mine.Cooperative.ID)
	}
	x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/cooperatives/:coop", params: []string{w.mine.Cooperative.ID}}, http.StatusOK)
	x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner", params: []string{w.mine.Partner.ID}}, http.StatusOK)
	x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/facilities", params: []string{w.mine.Partner.ID}}, http.StatusOK)
	x.wantProblem(x.problemOf(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner",
		params: []string{w.theirs.Partner.ID}}, http.StatusNotFound), "/problems/partner.not_found")
}
