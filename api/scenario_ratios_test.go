package api_test

import (
	"net/http"
)

// treasurerWeek reads the cooperative's health ratios and the list of who
// owes what at the next meetings, as the treasurer does before her week.
func (x *exchange) treasurerWeek() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	var h struct {
		Ratios []struct {
			Key   string  `json:"key"`
			Value *string `json:"value"`
		} `json:"ratios"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/health-ratios",
		params: []string{coop}}, http.StatusOK, &h)
	if len(h.Ratios) != 10 || h.Ratios[0].Key != "npl" {
		t.Errorf("health ratios: %+v, want ten starting with npl", h.Ratios)
	}
	var dl struct {
		Meetings []struct {
			GroupID string `json:"group_id"`
		} `json:"meetings"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/due-list",
		params: []string{coop}}, http.StatusOK, &dl)
	// An empty list would pass the loop below: it must name some meeting.
	if len(dl.Meetings) == 0 {
		t.Error("the due list names no meeting, want the cooperative's groups' next meetings")
	}
	for _, m := range dl.Meetings {
		if m.GroupID == x.w.theirs.Group.ID {
			t.Errorf("the due list names group %s of another cooperative", m.GroupID)
		}
	}
	p := x.problemOf(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/due-list",
		params: []string{coop}, query: "from=2026-02-30"}, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "from" {
		t.Errorf("from=2026-02-30: %s %+v, want the error on from", p.Type, p.Errors)
	}
}
