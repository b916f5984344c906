package api_test

import (
	"bytes"
	"net/http"

	"github.com/lumbung/lumbung/accounts/accountstest"
)

func (x *exchange) publicRoutes() {
	for _, route := range []string{"/healthz", "/readyz", "/v1/openapi.json"} {
		x.do(request{caller: callerNone, method: http.MethodGet, route: route}, http.StatusOK)
	}
	_, body := x.do(request{caller: callerNone, method: http.MethodGet, route: "/metrics"}, http.StatusOK)
	if !bytes.Contains(body, []byte("lumbung_http_requests_total")) {
		x.t.Errorf("GET /metrics: no lumbung_http_requests_total series in:\n%.500s", body)
	}
}

// sessions logs the treasurer in, uses her token, refreshes and logs out,
// which ends the access token too.
func (x *exchange) sessions() {
	t, w := x.t, x.w
	login := w.mine.Logins["treasurer"]
	var tokens struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": login, "password": accountstest.Password}}, http.StatusOK, &tokens)

	const loggedIn = "logged_in_treasurer"
	w.tokens[loggedIn] = tokens.AccessToken
	var me struct {
		User struct {
			Login string `json:"login"`
		} `json:"user"`
	}
	x.decode(request{caller: loggedIn, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	if me.User.Login != login {
		t.Errorf("GET /v1/me with the login's token: login %q, want %q", me.User.Login, login)
	}

	first := tokens.RefreshToken
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/refresh",
		body: map[string]string{"refresh_token": first}}, http.StatusOK, &tokens)
	if tokens.RefreshToken == first {
		t.Error("refresh returned the same refresh token; it must rotate")
	}
	x.do(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/logout",
		body: map[string]string{"refresh_token": tokens.RefreshToken}}, http.StatusNoContent)
	x.wantProblem(x.problemOf(request{caller: loggedIn, method: http.MethodGet, route: "/v1/me"}, http.StatusUnauthorized),
		"/problems/auth.token_invalid")
	p := x.problemOf(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/refresh",
		body: map[string]string{"refresh_token": tokens.RefreshToken}}, http.StatusUnauthorized)
	x.wantProblem(p, "/problems/auth.invalid_refresh_token")
}
