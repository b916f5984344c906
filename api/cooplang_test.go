package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/api/render/rendertest"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestCooperativeLanguage: a cooperative that speaks English gets English
// documents and problem details when the request names no language, and
// what the request names when it does.
func TestCooperativeLanguage(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		coop := "/v1/cooperatives/" + w.mine.Cooperative.ID
		resp, raw := w.call(callerTreasurer, http.MethodPatch, coop, map[string]string{"language": "en"})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("PATCH %s: status %d: %s", coop, resp.StatusCode, raw)
		}
		var got struct {
			Language string `json:"language"`
		}
		if decodeJSON(t, raw, &got); got.Language != "en" {
			t.Fatalf("language %q after the change, want en", got.Language)
		}

		reason := func(t *testing.T, caller, path string, headers ...string) string {
			t.Helper()
			resp, raw := w.call(caller, http.MethodGet, path, nil, headers...)
			var p langProblem
			if decodeJSON(t, raw, &p); resp.StatusCode != http.StatusUnprocessableEntity || len(p.Errors) != 1 {
				t.Fatalf("GET %s: status %d, %s; want 422 naming limit", path, resp.StatusCode, raw)
			}
			return p.Errors[0].Reason
		}
		title := func(t *testing.T, path string, headers ...string) string {
			t.Helper()
			resp, raw := w.call(callerTreasurer, http.MethodGet, path, nil, headers...)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, raw)
			}
			return rendertest.Text(t, raw)[0]
		}
		groups, sheet := coop+"/groups?limit=500", coop+"/balance-sheet?format=pdf"
		for _, tc := range []struct {
			name, query string
			headers     []string
			reason      string
			title       string
		}{
			{"NoLanguageNamedSpeaksTheCooperatives", "", nil, "a whole number from 1 to 200", "Balance sheet (neraca)"},
			{"LangQueryOverTheCooperatives", "&lang=id", nil, "bilangan bulat dari 1 sampai 200", "Neraca"},
			{"AcceptLanguageOverTheCooperatives", "", []string{fiber.HeaderAcceptLanguage, "id-ID"}, "bilangan bulat dari 1 sampai 200", "Neraca"},
			{"AcceptLanguageNotSpokenIsNoChoice", "", []string{fiber.HeaderAcceptLanguage, "fr-FR"}, "a whole number from 1 to 200", "Balance sheet (neraca)"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := reason(t, callerTreasurer, groups+tc.query, tc.headers...); got != tc.reason {
					t.Errorf("problem reason %q, want %q", got, tc.reason)
				}
				if got := title(t, sheet+tc.query, tc.headers...); !strings.HasPrefix(got, tc.title) {
					t.Errorf("balance sheet title %q, want %q", got, tc.title)
				}
			})
		}

		t.Run("TheCooperativesOwnRouteToo", func(t *testing.T) {
			resp, raw := w.call(callerTreasurer, http.MethodPatch, coop, map[string]string{"language": "fr"})
			var p langProblem
			if decodeJSON(t, raw, &p); resp.StatusCode != http.StatusUnprocessableEntity || len(p.Errors) != 1 ||
				p.Errors[0].Field != "language" || p.Errors[0].Reason != "id or en" {
				t.Errorf("status %d, %s; want 422 naming language in English", resp.StatusCode, raw)
			}
		})

		// A caller who may not read the cooperative is answered as for one
		// that does not exist, in the same language: its setting must not
		// tell her it is there.
		t.Run("NotFoundSaysNothingOfTheLanguage", func(t *testing.T) {
			_, hidden := w.call(callerOtherTreasurer, http.MethodGet, coop+"/groups", nil)
			_, absent := w.call(callerOtherTreasurer, http.MethodGet, "/v1/cooperatives/"+uuid.NewString()+"/groups", nil)
			var h, a langProblem
			decodeJSON(t, hidden, &h)
			decodeJSON(t, absent, &a)
			if h.Code != "cooperative.not_found" {
				t.Errorf("hidden cooperative: %+v, want cooperative.not_found", h)
			}
			if diff := cmp.Diff(a, h); diff != "" {
				t.Errorf("hidden cooperative's problem (-absent +hidden):\n%s", diff)
			}
		})
	})
}

func TestCreateCooperativeLanguage(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		for _, tc := range []struct{ sent, want string }{{"", "id"}, {"en", "en"}} {
			resp, raw := w.call(callerAdmin, http.MethodPost, "/v1/cooperatives",
				map[string]string{"name": "Koperasi Bahasa " + uuid.NewString(), "currency": "IDR", "language": tc.sent})
			var got struct {
				Language string `json:"language"`
			}
			if decodeJSON(t, raw, &got); resp.StatusCode != http.StatusCreated || got.Language != tc.want {
				t.Errorf("language %q: status %d, language %q; want 201, %q", tc.sent, resp.StatusCode, got.Language, tc.want)
			}
		}
	})
}
