package api_test

import (
	"net/http"
	"net/url"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// administration is the admin's day: a cooperative, a partner with a
// facility, a user with grants.
func (x *exchange) administration() {
	t := x.t
	tag := ledgertest.UniqueTag()
	var coop idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/cooperatives",
		body: map[string]string{"name": "Koperasi Wanita Sejahtera " + tag, "currency": "IDR"}}, http.StatusCreated, &coop)
	var page listJSON[idJSON]
	x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives", query: "limit=1"}, http.StatusOK, &page)
	if len(page.Items) != 1 || page.NextCursor == "" {
		t.Errorf("GET /v1/cooperatives?limit=1 as admin: %d items, next_cursor %q; want 1 and a cursor", len(page.Items), page.NextCursor)
	}
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives",
		query: "limit=1&cursor=" + url.QueryEscape(page.NextCursor)}, http.StatusOK)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives/:coop", params: []string{coop.ID}}, http.StatusOK)
	var settings struct {
		Language string `json:"language"`
	}
	x.decode(request{caller: callerAdmin, method: http.MethodPatch, route: "/v1/cooperatives/:coop", params: []string{coop.ID},
		body: map[string]string{"language": "en"}}, http.StatusOK, &settings)
	if settings.Language != "en" {
		t.Errorf("PATCH /v1/cooperatives/{coop}: language %q, want en", settings.Language)
	}

	var partner idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/partners",
		body: map[string]string{"name": "Yayasan Dana Desa " + tag, "model": "multi_stakeholder"}}, http.StatusCreated, &partner)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners", query: "limit=2"}, http.StatusOK)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners/:partner", params: []string{partner.ID}}, http.StatusOK)
	x.do(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/partners/:partner/facilities", params: []string{partner.ID},
		body: map[string]any{"cooperative_id": coop.ID, "kind": "loan", "committed": "250000000", "purpose": "modal usaha anggota",
			"starts_on": "2025-01-01", "ends_on": "2027-12-31"}}, http.StatusCreated)
	var loanFacility idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/partners/:partner/facilities", params: []string{partner.ID},
		body: map[string]any{"cooperative_id": x.w.mine.Cooperative.ID, "kind": "loan", "committed": "30000000", "ends_on": nil}},
		http.StatusCreated, &loanFacility)
	x.loanFacility = loanFacility.ID
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners/:partner/facilities", params: []string{partner.ID}}, http.StatusOK)

	var user idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users",
		body: map[string]string{"login": "bendahara." + tag + "@lumbung.test", "name": "Ibu Ratna", "password": "kata sandi rahasia"}},
		http.StatusCreated, &user)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/users", query: "limit=1"}, http.StatusOK)
	treasurerGrant := map[string]string{"role": "treasurer", "cooperative_id": coop.ID}
	x.do(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants", params: []string{user.ID},
		body: treasurerGrant}, http.StatusCreated)
	var grant idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants", params: []string{user.ID},
		body: map[string]string{"role": "partner", "partner_id": partner.ID}}, http.StatusCreated, &grant)
	var grants listJSON[idJSON]
	x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/users/:user/grants", params: []string{user.ID}}, http.StatusOK, &grants)
	if len(grants.Items) != 2 {
		t.Errorf("GET grants: %d grants, want 2", len(grants.Items))
	}
	x.do(request{caller: callerAdmin, method: http.MethodDelete, route: "/v1/users/:user/grants/:grant", params: []string{user.ID, grant.ID}}, http.StatusNoContent)
	x.wantProblem(x.problemOf(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants",
		params: []string{user.ID}, body: treasurerGrant}, http.StatusConflict), "/problems/grant.exists")
	x.wantProblem(x.problemOf(request{caller: callerAdmin, method: http.MethodDelete, route: "/v1/users/:user/grants/:grant",
		params: []string{user.ID, grant.ID}}, http.StatusNotFound), "/problems/grant.not_found")
}

// people is the treasurer keeping her groups and members.
func (x *exchange) people() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	var group idJSON
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/groups", params: []string{coop},
		body: map[string]string{"name": "Kelompok Melati", "meeting_day": "thursday"}}, http.StatusCreated, &group)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups", params: []string{coop}}, http.StatusOK)
	var replaced struct {
		Name       string  `json:"name"`
		MeetingDay *string `json:"meeting_day"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/groups/:group", params: []string{coop, group.ID},
		body: map[string]string{"name": "Kelompok Melati Putih"}}, http.StatusOK, &replaced)
	if replaced.Name != "Kelompok Melati Putih" || replaced.MeetingDay != nil {
		t.Errorf("a group replaced without a meeting day: name %q, meeting_day %v; want the new name and no meeting day", replaced.Name, replaced.MeetingDay)
	}

	member := map[string]string{"group_id": group.ID, "name": "Wati Susanti", "gender": "female", "joined_on": "2025-03-01",
		"business_type": "jahit", "phone": "+62 812-3456-7890"}
	var created struct {
		ID       string  `json:"id"`
		Number   int     `json:"number"`
		ExitedOn *string `json:"exited_on"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members", params: []string{coop},
		body: member}, http.StatusCreated, &created)
	if created.ExitedOn != nil {
		t.Errorf("a member just enrolled: exited_on %q, want null", *created.ExitedOn)
	}
	var members listJSON[idJSON]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members", params: []string{coop},
		query: "group_id=" + group.ID}, http.StatusOK, &members)
	if len(members.Items) != 1 || members.Items[0].ID != created.ID {
		t.Errorf("members of the new group: %+v, want only %s", members.Items, created.ID)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member", params: []string{coop, created.ID}}, http.StatusOK)
	member["phone"] = "0812 9876 5432"
	delete(member, "business_type")
	var updated struct {
		Number       int    `json:"number"`
		Phone        string `json:"phone"`
		JoinedOn     string `json:"joined_on"`
		BusinessType string `json:"business_type"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/members/:member", params: []string{coop, created.ID},
		body: member}, http.StatusOK, &updated)
	if updated.Number != created.Number || updated.Phone != member["phone"] || updated.JoinedOn != member["joined_on"] || updated.BusinessType != "" {
		t.Errorf("replaced member: number %d phone %q joined_on %s business_type %q; want %d, %q, %s and none",
			updated.Number, updated.Phone, updated.JoinedOn, updated.BusinessType, created.Number, member["phone"], member["joined_on"])
	}
	x.memberHistory(coop, created.ID)
}

// memberHistory reads a member's record's history from the audit log, as
// her supervisor would: enrolled, then her phone changed and her business
// dropped, with who changed it and the record before and after.
func (x *exchange) memberHistory(coop, memberID string) {
	t := x.t
	t.Helper()
	type record struct {
		Phone        string `json:"phone"`
		BusinessType string `json:"business_type"`
	}
	var history struct {
		Items []struct {
			Sequence  int64   `json:"sequence"`
			Action    string  `json:"action"`
			ActorID   string  `json:"actor_id"`
			Before    *record `json:"before"`
			After     *record `json:"after"`
			ChainHash string  `json:"chain_hash"`
		} `json:"items"`
	}
	x.decode(request{caller: callerSupervisor, method: http.MethodGet, route: "/v1/cooperatives/:coop/audit", params: []string{coop},
		query: "subject_kind=member&subject_id=" + memberID}, http.StatusOK, &history)
	h := history.Items
	if len(h) != 2 || h[0].Action != "member.create" || h[1].Action != "member.update" || h[0].Before != nil ||
		h[1].Before == nil || h[1].Before.Phone != "+62 812-3456-7890" || h[1].Before.BusinessType != "jahit" ||
		h[1].After == nil || h[1].After.Phone != "0812 9876 5432" || h[1].After.BusinessType != "" ||
		h[1].Sequence <= h[0].Sequence || h[1].ActorID != x.w.mine.Treasurer.UserID {
		t.Errorf("her record's history: %+v", h)
	}
	var platform listJSON[idJSON]
	x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/audit", query: "subject_kind=user&limit=5"}, http.StatusOK, &platform)
	if len(platform.Items) == 0 {
		t.Error("the platform's log holds no user events")
	}
}
