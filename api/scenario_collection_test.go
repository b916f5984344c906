package api_test

import (
	"net/http"
	"time"
)

// collection is the weekly meeting's sheet: fetched before, recorded after,
// and recorded again when a phone retries.
func (x *exchange) collection() {
	t, w := x.t, x.w
	coop, group, m0 := w.mine.Cooperative.ID, w.mine.Group.ID, w.mine.Members[0].ID
	today := time.Now().UTC().Format(time.DateOnly)
	sheet := request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/collection-sheet",
		params: []string{coop, group}, query: "date=" + today}
	// Nobody has covered anybody in this group: the lists say so, in the
	// currency, rather than failing (the accounts tests read real covers).
	var covers struct {
		Currency string     `json:"currency"`
		Items    []struct{} `json:"items"`
		Total    string     `json:"total"`
		Given    string     `json:"given"`
	}
	x.decode(request{caller: callerSupervisor, method: http.MethodGet, route: "/v1/cooperatives/:coop/covers",
		params: []string{coop}, query: "group_id=" + group}, http.StatusOK, &covers)
	if covers.Currency != "IDR" || len(covers.Items) != 0 || covers.Total != "0" {
		t.Errorf("the group's covers: %+v, want none in IDR", covers)
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/covers",
		params: []string{coop, m0}}, http.StatusOK, &covers)
	if len(covers.Items) != 0 || covers.Given != "0" {
		t.Errorf("her covers: %+v, want none", covers)
	}
	var before struct {
		Recorded bool `json:"recorded"`
		Lines    []struct {
			MemberID string `json:"member_id"`
		} `json:"lines"`
	}
	x.decode(sheet, http.StatusOK, &before)
	if before.Recorded || len(before.Lines) != 1 || before.Lines[0].MemberID != m0 {
		t.Errorf("the sheet before the meeting: recorded %v, lines %+v; want unrecorded, one line for %s (the other member left)",
			before.Recorded, before.Lines, m0)
	}
	record := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/groups/:group/collection-sheet",
		params: []string{coop, group}, body: map[string]any{"date": today,
			"lines": []map[string]any{{"member_id": m0, "attended": true, "wajib": "10000", "sukarela": "5000"}}}}
	var meeting struct {
		ID      string     `json:"id"`
		Entries []struct{} `json:"entries"`
	}
	x.decode(record, http.StatusCreated, &meeting)
	if len(meeting.Entries) != 2 {
		t.Errorf("the recorded sheet: %d entries, want 2 (wajib and sukarela)", len(meeting.Entries))
	}
	var again struct {
		ID       string `json:"id"`
		Replayed bool   `json:"replayed"`
	}
	if resp := x.decode(record, http.StatusOK, &again); again.ID != meeting.ID || !again.Replayed || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("the same sheet again: meeting %s replayed %v, want the replay of %s", again.ID, again.Replayed, meeting.ID)
	}
	x.decode(sheet, http.StatusOK, &before)
	if !before.Recorded {
		t.Error("the sheet after the meeting is not marked recorded")
	}
	var minutes struct {
		ID        string `json:"id"`
		Collected string `json:"collected"`
		Lines     []struct {
			MemberID      string  `json:"member_id"`
			Attendance    string  `json:"attendance"`
			RepresentedBy *string `json:"represented_by"`
			Attended      bool    `json:"attended"`
			Wajib         string  `json:"wajib"`
			Sukarela      string  `json:"sukarela"`
		} `json:"lines"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/meetings/:date",
		params: []string{coop, group, today}}, http.StatusOK, &minutes)
	if minutes.ID != meeting.ID || minutes.Collected != "15000" || len(minutes.Lines) != 1 || minutes.Lines[0].MemberID != m0 ||
		minutes.Lines[0].Attendance != "present" || minutes.Lines[0].RepresentedBy != nil || !minutes.Lines[0].Attended ||
		minutes.Lines[0].Wajib != "10000" || minutes.Lines[0].Sukarela != "5000" {
		t.Errorf("the meeting read back by a member of the group: %+v", minutes)
	}
	amend := request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/groups/:group/meetings/:date",
		params: []string{coop, group, today}, body: map[string]any{
			"lines": []map[string]any{{"member_id": m0, "attendance": "represented", "represented_by": "Pak Slamet (suami)",
				"wajib": "10000", "sukarela": "2000"}}}}
	var amended struct {
		ID      string     `json:"id"`
		Entries []struct{} `json:"entries"`
	}
	x.decode(amend, http.StatusOK, &amended)
	if amended.ID != meeting.ID || len(amended.Entries) != 2 {
		t.Errorf("the amended meeting: %+v, want meeting %s with 2 new entries", amended, meeting.ID)
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/meetings/:date",
		params: []string{coop, group, today}}, http.StatusOK, &minutes)
	if minutes.Collected != "12000" || minutes.Lines[0].Sukarela != "2000" || minutes.Lines[0].Attendance != "represented" ||
		minutes.Lines[0].RepresentedBy == nil || *minutes.Lines[0].RepresentedBy != "Pak Slamet (suami)" || minutes.Lines[0].Attended {
		t.Errorf("the meeting read back after the amendment: %+v", minutes)
	}
	// The papers of the meeting: the sheet, the minutes the group reads, the
	// slips the treasurer hands out.
	x.download(sheet, "pdf", "")
	x.download(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/meetings/:date",
		params: []string{coop, group, today}}, "pdf", "")
	slips := request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/meetings/:date/slips",
		params: []string{coop, group, today}, query: "member=" + m0}
	if resp, _ := x.do(slips, http.StatusOK); resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("a member's slip: Content-Type %q, want application/pdf", resp.Header.Get("Content-Type"))
	}
}
