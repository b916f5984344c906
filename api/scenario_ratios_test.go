package api_test

import (
	"net/http"
	"strings"
)

// treasurerWeek reads the cooperative's health ratios and the list of who
// owes what at the next meetings, as the treasurer does before her week.
func (x *exchange) treasurerWeek() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	type ratios struct {
		Ratios []struct {
			Key      string  `json:"key"`
			Name     string  `json:"name"`
			Unit     string  `json:"unit"`
			Value    *string `json:"value"`
			Band     *string `json:"band"`
			Standard *struct {
				Better, Healthy, Watch, Source string
			} `json:"standard"`
		} `json:"ratios"`
	}
	var h, en ratios
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/health-ratios",
		params: []string{coop}}, http.StatusOK, &h)
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/health-ratios",
		params: []string{coop}, query: "lang=en"}, http.StatusOK, &en)
	if len(h.Ratios) != 11 || h.Ratios[0].Key != "npl" || len(en.Ratios) != 11 {
		t.Fatalf("health ratios: %+v, want eleven starting with npl", h.Ratios)
	}
	// Names in Indonesian unless English is asked for; each ratio with a
	// value and a standard is placed in a band, and the NPL's standard is
	// OJK's 5 %.
	if h.Ratios[0].Name != "Pinjaman bermasalah (NPL)" || en.Ratios[0].Name != "Non-performing loans" {
		t.Errorf("NPL named %q and, in English, %q", h.Ratios[0].Name, en.Ratios[0].Name)
	}
	for _, r := range h.Ratios {
		wantBand := r.Value != nil && r.Standard != nil
		if r.Unit != "ratio" || (r.Band != nil) != wantBand {
			t.Errorf("%s: unit %q, value %v, band %v, standard %+v", r.Key, r.Unit, r.Value, r.Band, r.Standard)
		}
	}
	if st := h.Ratios[0].Standard; st == nil || st.Better != "lower" || st.Healthy != "0.0500" || !strings.Contains(st.Source, "OJK") {
		t.Errorf("NPL standard %+v, want lower is better, healthy up to 0.0500, from OJK", st)
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
