package api_test

import (
	"net/http"
	"testing"

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
