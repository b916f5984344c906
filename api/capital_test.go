package api_test

import (
	"net/http"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestFacilitiesNameTheirPartner: the facilities a treasurer lists say who
// funds each and under which partnership model.
func TestFacilitiesNameTheirPartner(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		resp, raw := w.call(callerTreasurer, http.MethodGet, "/v1/cooperatives/"+w.mine.Cooperative.ID+"/facilities", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", resp.StatusCode, raw)
		}
		var list struct {
			Items []struct {
				ID      string `json:"id"`
				Partner struct {
					ID, Name, Model string
				} `json:"partner"`
			} `json:"items"`
		}
		decodeJSON(t, raw, &list)
		if len(list.Items) != 1 {
			t.Fatalf("%d facilities, want the world's one: %s", len(list.Items), raw)
		}
		p, want := list.Items[0].Partner, w.mine.Partner
		if p.ID != want.ID || p.Name != want.Name || p.Model != string(want.Model) {
			t.Errorf("partner %+v, want %s (%s, %s)", p, want.ID, want.Name, want.Model)
		}
	})
}
