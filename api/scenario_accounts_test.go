package api_test

import (
	"net/http"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

type tokensJSON struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

// accountsKept drops a refresh answer and asks again, has a treasurer
// reset a member's password and the member choose her own, and
// deactivates and reactivates her.
func (x *exchange) accountsKept() {
	t, w := x.t, x.w
	var first, again, tokens tokensJSON
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": w.mine.Logins["member0"], "password": accountstest.Password}}, http.StatusOK, &tokens)
	refresh := request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/refresh",
		body: map[string]string{"refresh_token": tokens.RefreshToken}}
	x.decode(refresh, http.StatusOK, &first)
	x.decode(refresh, http.StatusOK, &again) // the first answer was lost
	if again.RefreshToken != first.RefreshToken {
		t.Errorf("a refresh asked again within the grace: refresh token %q, want the first answer's %q", again.RefreshToken, first.RefreshToken)
	}
	const member = "member_kept"
	w.tokens[member] = again.AccessToken
	x.do(request{caller: member, method: http.MethodGet, route: "/v1/me"}, http.StatusOK)

	// A fresh member user of the cooperative, signed in.
	login := "sari." + ledgertest.UniqueTag() + "@lumbung.test"
	var user idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users",
		body: map[string]string{"login": login, "name": "Ibu Sari", "password": accountstest.Password}}, http.StatusCreated, &user)
	x.do(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants", params: []string{user.ID},
		body: map[string]string{"role": "member", "member_id": w.mine.Members[1].ID}}, http.StatusCreated)

	// Her treasurer finds her among the cooperative's member users.
	var memberUsers struct {
		Items []struct {
			ID       string `json:"id"`
			MemberID string `json:"member_id"`
		} `json:"items"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/member-users",
		params: []string{w.mine.Cooperative.ID}}, http.StatusOK, &memberUsers)
	found := false
	for _, u := range memberUsers.Items {
		found = found || (u.ID == user.ID && u.MemberID == w.mine.Members[1].ID)
	}
	if !found {
		t.Errorf("the treasurer's member users do not list the new user %s as member %s: %+v", user.ID, w.mine.Members[1].ID, memberUsers.Items)
	}
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": login, "password": accountstest.Password}}, http.StatusOK, &tokens)
	const sari = "sari"
	w.tokens[sari] = tokens.AccessToken

	var reset struct {
		TemporaryPassword string `json:"temporary_password"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/users/:user/password-reset", params: []string{user.ID}},
		http.StatusOK, &reset)
	x.wantProblem(x.problemOf(request{caller: sari, method: http.MethodGet, route: "/v1/me"}, http.StatusUnauthorized),
		"/problems/auth.token_invalid")
	signIn := request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": login, "password": reset.TemporaryPassword}}
	x.wantProblem(x.problemOf(signIn, http.StatusForbidden), "/problems/auth.password_change_required")
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/password",
		body: map[string]string{"login": login, "password": reset.TemporaryPassword, "new_password": "kebun sayur di belakang"}},
		http.StatusOK, &tokens)
	w.tokens[sari] = tokens.AccessToken
	x.do(request{caller: sari, method: http.MethodGet, route: "/v1/me"}, http.StatusOK)
	x.wantProblem(x.problemOf(signIn, http.StatusUnauthorized), "/problems/auth.invalid_credentials")

	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/users/:user/deactivation", params: []string{user.ID}},
		http.StatusNoContent)
	x.wantProblem(x.problemOf(request{caller: sari, method: http.MethodGet, route: "/v1/me"}, http.StatusUnauthorized),
		"/problems/auth.token_invalid")
	signIn.body = map[string]string{"login": login, "password": "kebun sayur di belakang"}
	x.wantProblem(x.problemOf(signIn, http.StatusUnauthorized), "/problems/auth.user_deactivated")
	x.wantProblem(x.problemOf(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/refresh",
		body: map[string]string{"refresh_token": tokens.RefreshToken}}, http.StatusUnauthorized), "/problems/auth.invalid_refresh_token")
	// deactivated reads her in the admin's list, page by page: the test
	// database holds the users of every test before this one.
	deactivated := func() bool {
		cursor := ""
		for {
			var users struct {
				Items []struct {
					ID          string `json:"id"`
					Deactivated bool   `json:"deactivated"`
				} `json:"items"`
				NextCursor string `json:"next_cursor"`
			}
			x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/users", query: "limit=200&cursor=" + cursor},
				http.StatusOK, &users)
			for _, u := range users.Items {
				if u.ID == user.ID {
					return u.Deactivated
				}
			}
			if users.NextCursor == "" {
				t.Fatalf("the admin's list has no user %s", user.ID)
			}
			cursor = users.NextCursor
		}
	}
	if !deactivated() {
		t.Error("the admin's list shows a deactivated user as active")
	}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/users/:user/reactivation", params: []string{user.ID}},
		http.StatusNoContent)
	x.do(signIn, http.StatusOK)
	if deactivated() {
		t.Error("the admin's list shows a reactivated user as deactivated")
	}
}
