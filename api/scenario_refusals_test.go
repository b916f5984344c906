package api_test

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/accountstest"
)

// refusals are answers the document promises for callers who may not, and
// requests that cannot be taken.
func (x *exchange) refusals() {
	t, w := x.t, x.w
	coop := w.mine.Cooperative.ID
	x.wantProblem(x.problemOf(request{caller: callerNone, method: http.MethodGet, route: "/v1/me"}, http.StatusUnauthorized),
		"/problems/auth.token_missing")
	x.wantProblem(x.problemOf(request{caller: callerExpired, method: http.MethodGet, route: "/v1/cooperatives"}, http.StatusUnauthorized),
		"/problems/auth.token_invalid")
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives",
		body: map[string]string{"name": "Koperasi Lain", "currency": "IDR"}}, http.StatusForbidden), "/problems/auth.forbidden")
	x.wantProblem(x.problemOf(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts",
		params: []string{coop}}, http.StatusForbidden), "/problems/auth.forbidden")
	x.wantProblem(x.problemOf(request{caller: callerOtherTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member",
		params: []string{coop, w.mine.Members[0].ID}}, http.StatusNotFound), "/problems/cooperative.not_found")
	x.wantProblem(x.problemOf(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance",
		params: []string{coop}}, http.StatusNotFound), "/problems/cooperative.not_found")
	p := x.problemOf(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups",
		params: []string{coop}, query: "limit=500"}, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "limit" {
		t.Errorf("limit=500: errors %+v, want one on limit", p.Errors)
	}
	groups := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/groups", params: []string{coop},
		body: []byte(`{"name": "Kelompok Anggrek"`)}
	x.wantProblem(x.problemOf(groups, http.StatusBadRequest), "/problems/request.malformed")
	groups.body = []byte(`{"name": "Kelompok Anggrek", "ketua": "Bu Sri"}`)
	x.wantProblem(x.problemOf(groups, http.StatusUnprocessableEntity), "/problems/request.unknown_field")
	groups.body, groups.headers = []byte(`{"name": "Kelompok Anggrek"}`), []string{fiber.HeaderContentType, fiber.MIMETextPlain}
	x.wantProblem(x.problemOf(groups, http.StatusUnsupportedMediaType), "about:blank")

	// Failed logins are counted per login; past the limit the answer is 429
	// with Retry-After, whatever the password.
	wrong := request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": w.mine.Logins["member1"], "password": "bukan kata sandinya"}}
	for range 5 {
		x.wantProblem(x.problemOf(wrong, http.StatusUnauthorized), "/problems/auth.invalid_credentials")
	}
	wrong.body = map[string]string{"login": w.mine.Logins["member1"], "password": accountstest.Password}
	resp, _ := x.do(wrong, http.StatusTooManyRequests)
	if resp.Header.Get(fiber.HeaderRetryAfter) == "" {
		t.Error("429 without Retry-After")
	}
}
