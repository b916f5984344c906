package api_test

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// langProblem is what a problem says to a person, beside what a client
// branches on.
type langProblem struct {
	Type   string `json:"type"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
	Errors []struct {
		Field  string `json:"field"`
		Reason string `json:"reason"`
	} `json:"errors"`
}

func TestProblemLanguage(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		coop := "/v1/cooperatives/" + w.mine.Cooperative.ID
		ask := func(t *testing.T, caller, path string, status int, headers ...string) langProblem {
			t.Helper()
			resp, raw := w.call(caller, http.MethodGet, path, nil, headers...)
			if resp.StatusCode != status {
				t.Fatalf("GET %s: status %d, want %d: %s", path, resp.StatusCode, status, raw)
			}
			var p langProblem
			decodeJSON(t, raw, &p)
			return p
		}
		en, id := []string{fiber.HeaderAcceptLanguage, "en-US,en;q=0.9"}, []string{fiber.HeaderAcceptLanguage, "id-ID"}

		t.Run("FieldReasonIndonesianByDefaultEnglishWhenAsked", func(t *testing.T) {
			path := coop + "/groups?limit=500"
			for _, tc := range []struct {
				name    string
				path    string
				headers []string
				reason  string
			}{
				{"NoLanguage", path, nil, "bilangan bulat dari 1 sampai 200"},
				{"AcceptLanguageEN", path, en, "a whole number from 1 to 200"},
				{"LangQueryOverAcceptLanguage", path + "&lang=en", id, "a whole number from 1 to 200"},
				{"LangQueryNotSpokenFallsBack", path + "&lang=fr", en, "a whole number from 1 to 200"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					p := ask(t, callerTreasurer, tc.path, http.StatusUnprocessableEntity, tc.headers...)
					if p.Code != "page.size" || len(p.Errors) != 1 || p.Errors[0].Field != "limit" {
						t.Fatalf("got %+v, want code page.size naming limit", p)
					}
					if p.Errors[0].Reason != tc.reason || p.Detail != "limit: "+tc.reason {
						t.Errorf("reason %q, detail %q; want %q", p.Errors[0].Reason, p.Detail, tc.reason)
					}
				})
			}
		})

		t.Run("FiguresCarriedIntoEitherLanguage", func(t *testing.T) {
			path := coop + "/year-ends/2020"
			got := []string{
				ask(t, callerTreasurer, path, http.StatusNotFound).Detail,
				ask(t, callerTreasurer, path, http.StatusNotFound, en...).Detail,
			}
			if diff := cmp.Diff([]string{"tahun 2020 belum ditutup", "2020 is not closed"}, got); diff != "" {
				t.Errorf("details (-want +got):\n%s", diff)
			}
		})

		t.Run("AuthenticationProblemsToo", func(t *testing.T) {
			p := ask(t, callerNone, "/v1/me", http.StatusUnauthorized)
			if p.Type != "/problems/auth.token_missing" || p.Detail != "kirim token akses sebagai Authorization: Bearer <token>" {
				t.Errorf("got %+v", p)
			}
		})
	})
}
