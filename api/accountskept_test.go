package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestPasswordChangeIsHeldToTheLoginLimit: wrong passwords sent to change
// a password count against the login as wrong logins do, and a login past
// its limit changes no password, right or not.
func TestPasswordChangeIsHeldToTheLoginLimit(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		login := w.mine.Logins["member0"]
		change := func(password string) (*http.Response, []byte) {
			return w.call(callerNone, http.MethodPost, "/v1/auth/password",
				map[string]string{"login": login, "password": password, "new_password": "a password of her own"})
		}
		for i := range 3 {
			resp, raw := change("not her password " + strconv.Itoa(i))
			wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.invalid_credentials")
		}
		for i := range 2 {
			resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/login",
				map[string]string{"login": login, "password": "still not her password " + strconv.Itoa(i)})
			wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.invalid_credentials")
		}
		resp, raw := change(accountstest.Password)
		wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
		resp, raw = w.call(callerNone, http.MethodPost, "/v1/auth/login",
			map[string]string{"login": login, "password": accountstest.Password})
		wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
	})
}

// TestTwoTabsRefreshingAtOnce: both tabs get the same refresh token, and
// the session goes on.
func TestTwoTabsRefreshingAtOnce(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		sess := signIn(t, w.mine.Identity, w.mine.Logins["member0"])
		var wg sync.WaitGroup
		var got [2]tokensJSON
		var status [2]int
		for i := range got {
			wg.Go(func() {
				resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/refresh", map[string]string{"refresh_token": sess.RefreshToken})
				status[i] = resp.StatusCode
				if err := json.Unmarshal(raw, &got[i]); err != nil {
					t.Errorf("tab %d: %v: %s", i, err, raw)
				}
			})
		}
		wg.Wait()
		if status != [2]int{200, 200} || got[0].RefreshToken != got[1].RefreshToken {
			t.Fatalf("two tabs: statuses %v, refresh tokens %q and %q; want 200s and one token", status, got[0].RefreshToken, got[1].RefreshToken)
		}
		for i, tab := range got {
			w.tokens["tab"] = tab.AccessToken
			if resp, raw := w.call("tab", http.MethodGet, "/v1/me", nil); resp.StatusCode != http.StatusOK {
				t.Errorf("tab %d's access token: got %d: %s", i, resp.StatusCode, raw)
			}
		}
		resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/refresh", map[string]string{"refresh_token": got[0].RefreshToken})
		if resp.StatusCode != http.StatusOK {
			t.Errorf("the next refresh: got %d: %s", resp.StatusCode, raw)
		}
	})
}
