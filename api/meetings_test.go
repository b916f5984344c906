package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestRecordedMeetingAnswersMinimalWhenAsked records a meeting asking for
// no body back, as the phone at the meeting does, and again as its retry
// would: the status alone says the sheet is in the books, once.
func TestRecordedMeetingAnswersMinimalWhenAsked(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		path := "/v1/cooperatives/" + w.mine.Cooperative.ID + "/groups/" + w.mine.Group.ID + "/collection-sheet"
		body := map[string]any{"date": "2026-03-03", "lines": []map[string]any{
			{"member_id": w.mine.Members[0].ID, "attended": true, "sukarela": "5000"},
			{"member_id": w.mine.Members[1].ID, "attended": false},
		}}
		before := bookState(t, db, w.mine.Cooperative.BookID)
		for _, want := range []int{http.StatusCreated, http.StatusOK} {
			resp, raw := w.call(callerTreasurer, http.MethodPost, path, body, "Prefer", "return=minimal")
			if resp.StatusCode != want || len(raw) != 0 {
				t.Fatalf("got %d with %d bytes, want %d and no body: %s", resp.StatusCode, len(raw), want, raw)
			}
			if got := resp.Header.Get("Preference-Applied"); got != "return=minimal" {
				t.Errorf("Preference-Applied: %q", got)
			}
		}
		after := bookState(t, db, w.mine.Cooperative.BookID)
		if diff := cmp.Diff(before, after); diff == "" {
			t.Error("the books did not change: the sheet was not recorded")
		}
		resp, raw := w.call(callerTreasurer, http.MethodPost, path, body)
		if resp.StatusCode != http.StatusOK || len(raw) == 0 {
			t.Errorf("without the preference: %d with %d bytes, want 200 with the meeting", resp.StatusCode, len(raw))
		}
		if diff := cmp.Diff(after, bookState(t, db, w.mine.Cooperative.BookID)); diff != "" {
			t.Errorf("the replays changed the books:\n%s", diff)
		}
	})
}

// TestCollectionSheetDefaultsToTheNextMeeting asks for a group's sheet
// without a day, as a treasurer printing it before the meeting does: it is
// the sheet of the group's next meeting day, today included.
func TestCollectionSheetDefaultsToTheNextMeeting(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		var groups struct {
			Items []struct {
				ID         string `json:"id"`
				MeetingDay string `json:"meeting_day"`
			} `json:"items"`
		}
		_, raw := w.call(callerTreasurer, http.MethodGet, "/v1/cooperatives/"+w.mine.Cooperative.ID+"/groups", nil)
		decodeJSON(t, raw, &groups)
		want := time.Now().UTC()
		for _, g := range groups.Items {
			if g.ID != w.mine.Group.ID {
				continue
			}
			for g.MeetingDay != "" && !strings.EqualFold(want.Weekday().String(), g.MeetingDay) {
				want = want.AddDate(0, 0, 1)
			}
		}
		var sheet struct {
			Date string `json:"date"`
		}
		resp, raw := w.call(callerTreasurer, http.MethodGet, "/v1/cooperatives/"+w.mine.Cooperative.ID+"/groups/"+w.mine.Group.ID+"/collection-sheet", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d: %s", resp.StatusCode, raw)
		}
		decodeJSON(t, raw, &sheet)
		if sheet.Date != want.Format(time.DateOnly) {
			t.Errorf("a sheet without a day is of %s, want the next meeting, %s", sheet.Date, want.Format(time.DateOnly))
		}
	})
}
