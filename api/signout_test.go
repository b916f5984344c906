package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// signInThrough logs a user in through an app's login route, keeps her
// access token as caller's and returns her refresh token.
func (w *world) signInThrough(app *fiber.App, caller, login string) string {
	w.t.Helper()
	resp, raw := w.callOn(app, callerNone, http.MethodPost, "/v1/auth/login",
		map[string]string{"login": login, "password": accountstest.Password})
	if resp.StatusCode != http.StatusOK {
		w.t.Fatalf("log in %s: got %d: %s", login, resp.StatusCode, raw)
	}
	var tokens struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	decodeJSON(w.t, raw, &tokens)
	w.tokens[caller] = tokens.AccessToken
	return tokens.RefreshToken
}

// logOutThrough ends a session through an app's logout route.
func (w *world) logOutThrough(app *fiber.App, refreshToken string) {
	w.t.Helper()
	resp, raw := w.callOn(app, callerNone, http.MethodPost, "/v1/auth/logout", map[string]string{"refresh_token": refreshToken})
	if resp.StatusCode != http.StatusNoContent {
		w.t.Fatalf("log out: got %d, want 204: %s", resp.StatusCode, raw)
	}
}

// wantMe checks what an app answers a caller asking who she is: 200, or
// 401 for a token that is not valid.
func (w *world) wantMe(app *fiber.App, caller string, status int) {
	w.t.Helper()
	resp, raw := w.callOn(app, caller, http.MethodGet, "/v1/me", nil)
	if status == http.StatusUnauthorized {
		wantProblem(w.t, resp, raw, status, "/problems/auth.token_invalid")
		return
	}
	if resp.StatusCode != status {
		w.t.Errorf("GET /v1/me as %s: got %d, want %d: %s", caller, resp.StatusCode, status, raw)
	}
}

func TestLogout(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)

		t.Run("RefusesTheSessionsAccessTokenAtOnce", func(t *testing.T) {
			login := w.mine.Logins["member0"]
			phone := w.signInThrough(w.app, "phone", login)
			w.signInThrough(w.app, "laptop", login)
			w.wantMe(w.app, "phone", http.StatusOK)
			w.logOutThrough(w.app, phone)
			w.wantMe(w.app, "phone", http.StatusUnauthorized)
			// Her other sessions, and everyone else's, go on.
			for _, caller := range []string{"laptop", callerMember, callerOtherMember, callerTreasurer, callerAdmin} {
				w.wantMe(w.app, caller, http.StatusOK)
			}
		})

		t.Run("RefusesATokenNamingNoSession", func(t *testing.T) {
			// As tokens were minted before they named their session: no
			// logout could end it, so it is not accepted at all.
			now := time.Now()
			tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
				"iss": "lumbung", "aud": "lumbung-api", "sub": w.mine.Treasurer.UserID,
				"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
				"grants": []map[string]string{{"role": "treasurer", "coop": w.mine.Cooperative.ID}},
			}).SignedString(testSigningKey)
			if err != nil {
				t.Fatal(err)
			}
			w.tokens["sessionless"] = tok
			w.wantMe(w.app, "sessionless", http.StatusUnauthorized)
		})
	})
}

func TestRemoveGrantEndsHerTokens(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		mine := w.mine
		login := mine.Logins["approver"] // a second treasurer of the cooperative
		refresh := w.signInThrough(w.app, "removed", login)
		path := fmt.Sprintf("/v1/cooperatives/%s/members/%s/deposits", mine.Cooperative.ID, mine.Members[0].ID)
		deposit := map[string]string{"type": "sukarela", "amount": "10000"}
		if resp, raw := w.call("removed", http.MethodPost, path, deposit); resp.StatusCode != http.StatusCreated {
			t.Fatalf("a deposit while she is treasurer: got %d, want 201: %s", resp.StatusCode, raw)
		}

		grant := fmt.Sprintf("/v1/users/%s/grants/%s", mine.Approver.UserID, mine.Approver.Grants[0].ID)
		if resp, raw := w.call(callerAdmin, http.MethodDelete, grant, nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("DELETE %s: got %d, want 204: %s", grant, resp.StatusCode, raw)
		}
		before := bookState(t, db, mine.Cooperative.BookID)
		resp, raw := w.call("removed", http.MethodPost, path, deposit)
		wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.token_invalid")
		resp, raw = w.call(callerNone, http.MethodPost, "/v1/auth/refresh", map[string]string{"refresh_token": refresh})
		wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.invalid_refresh_token")
		// Signed in again, her token carries the grants she still holds:
		// none in this cooperative, which she is no longer told exists.
		w.signInThrough(w.app, "removed_again", login)
		resp, raw = w.call("removed_again", http.MethodPost, path, deposit)
		wantProblem(t, resp, raw, http.StatusNotFound, "/problems/cooperative.not_found")
		if diff := cmp.Diff(before, bookState(t, db, mine.Cooperative.BookID)); diff != "" {
			t.Errorf("refused deposits changed the book (-before +after):\n%s", diff)
		}

		// The cooperative's other treasurer goes on.
		if resp, raw := w.call(callerTreasurer, http.MethodPost, path, deposit); resp.StatusCode != http.StatusCreated {
			t.Errorf("a deposit by the other treasurer: got %d, want 201: %s", resp.StatusCode, raw)
		}
	})
}

// endedSessionsReachWithin bounds how long a test waits for a server to
// learn of a session ended through another: many reloads of the tests'
// interval, so that a slow machine does not fail it.
const endedSessionsReachWithin = 10 * time.Second

// wantRefusedSoon asks an app who the caller is until it answers 401,
// failing if it still answers 200 at the deadline.
func (w *world) wantRefusedSoon(app *fiber.App, caller string, pause time.Duration) {
	w.t.Helper()
	deadline := time.Now().Add(endedSessionsReachWithin)
	for {
		resp, raw := w.callOn(app, caller, http.MethodGet, "/v1/me", nil)
		switch {
		case resp.StatusCode == http.StatusUnauthorized:
			wantProblem(w.t, resp, raw, http.StatusUnauthorized, "/problems/auth.token_invalid")
			return
		case resp.StatusCode != http.StatusOK:
			w.t.Fatalf("GET /v1/me as %s: got %d: %s", caller, resp.StatusCode, raw)
		case time.Now().After(deadline):
			w.t.Fatalf("GET /v1/me as %s: still 200 %v after the session ended elsewhere", caller, endedSessionsReachWithin)
		}
		time.Sleep(pause)
	}
}

func TestEndedSessionsReachEveryServer(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		const interval = 20 * time.Millisecond
		one, other := newReloadingApp(t, db, interval), newReloadingApp(t, db, interval)

		t.Run("Logout", func(t *testing.T) {
			refresh := w.signInThrough(one, "roaming", w.mine.Logins["member1"])
			w.wantMe(other, "roaming", http.StatusOK)
			w.logOutThrough(one, refresh)
			w.wantMe(one, "roaming", http.StatusUnauthorized)
			w.wantRefusedSoon(other, "roaming", interval)
		})

		t.Run("GrantRemoval", func(t *testing.T) {
			w.signInThrough(other, "officer", w.mine.Logins["partner"])
			w.wantMe(one, "officer", http.StatusOK)
			partner := w.mine.PartnerUser
			grant := fmt.Sprintf("/v1/users/%s/grants/%s", partner.UserID, partner.Grants[0].ID)
			if resp, raw := w.callOn(other, callerAdmin, http.MethodDelete, grant, nil); resp.StatusCode != http.StatusNoContent {
				t.Fatalf("DELETE %s: got %d, want 204: %s", grant, resp.StatusCode, raw)
			}
			w.wantMe(other, "officer", http.StatusUnauthorized)
			w.wantRefusedSoon(one, "officer", interval)
			// The admin who took the grant away goes on, on both.
			w.wantMe(one, callerAdmin, http.StatusOK)
			w.wantMe(other, callerAdmin, http.StatusOK)
		})
	})
}
