package api_test

import (
	"context"
	"net/http"
	"net/netip"
	"strconv"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestLoginLimit(t *testing.T) {
	t.Run("SixthAttemptAfterFiveFailuresIs429EvenWithTheRightPassword", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			w := newWorld(t, db)
			login := w.mine.Logins["member0"]
			for i := range 5 {
				resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/login",
					map[string]string{"login": login, "password": "not her password " + strconv.Itoa(i)})
				wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.invalid_credentials")
			}
			before := sessionsOf(t, db, w.mine.MemberActor[0].UserID)
			resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/login",
				map[string]string{"login": login, "password": accountstest.Password})
			wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
			wantRetryAfter(t, resp)
			if after := sessionsOf(t, db, w.mine.MemberActor[0].UserID); after != before {
				t.Errorf("a refused login started a session: %d sessions, before %d", after, before)
			}
			// The limit is hers alone: another woman signs in from the same
			// address.
			resp, raw = w.call(callerNone, http.MethodPost, "/v1/auth/login",
				map[string]string{"login": w.mine.Logins["member1"], "password": accountstest.Password})
			if resp.StatusCode != http.StatusOK {
				t.Errorf("another login from the same address: got %d, want 200: %s", resp.StatusCode, raw)
			}
		})
	})
	t.Run("LoginsMissingAPasswordDoNotCountAsFailures", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			w := newWorld(t, db)
			login := w.mine.Logins["member0"]
			for range 6 {
				resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/login", map[string]string{"login": login})
				wantProblem(t, resp, raw, http.StatusUnprocessableEntity, "/problems/login.invalid")
			}
			resp, raw := w.call(callerNone, http.MethodPost, "/v1/auth/login",
				map[string]string{"login": login, "password": accountstest.Password})
			if resp.StatusCode != http.StatusOK {
				t.Errorf("signing in after incomplete attempts: got %d, want 200: %s", resp.StatusCode, raw)
			}
		})
	})
}

// sessionsOf counts a user's sessions.
func sessionsOf(t *testing.T, db *bun.DB, userID string) int {
	t.Helper()
	var n int
	if err := db.NewRaw("SELECT count(*) FROM sessions WHERE user_id = ?", userID).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLoginLimitSparesOthersBehindTheAddress is a guesser behind an
// address many people share: once the address is past its limit, his
// wrong passwords are 429 and count against their logins as ever, while
// a woman who knows her password still signs in from the same address.
func TestLoginLimitSparesOthersBehindTheAddress(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		logins := w.mine.Logins
		guessed := []string{logins["member0"], "tamu-1", "tamu-2", "tamu-3"}
		for _, login := range guessed {
			for i := range 5 {
				resp, raw := w.login(login, "tebakan "+strconv.Itoa(i))
				wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.invalid_credentials")
			}
		}
		// 20 failures: the address is at its limit.
		resp, raw := w.login(logins["member1"], accountstest.Password)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("another woman's right password from the same address: got %d, want 200: %s", resp.StatusCode, raw)
		}
		resp, raw = w.login(logins["member0"], accountstest.Password)
		wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
		resp, raw = w.login("tamu-9", "tebakan baru")
		wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
		wantRetryAfter(t, resp)
		// Guesses at a login no one has tried yet are answered 429 but
		// still count: after five, her right password is refused too.
		for i := range 5 {
			resp, raw := w.login(logins["partner"], "tebakan "+strconv.Itoa(i))
			wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
		}
		before := sessionsOf(t, db, w.mine.PartnerUser.UserID)
		resp, raw = w.login(logins["partner"], accountstest.Password)
		wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
		if after := sessionsOf(t, db, w.mine.PartnerUser.UserID); after != before {
			t.Errorf("a refused login started a session: %d sessions, before %d", after, before)
		}
		resp, raw = w.login(logins["treasurer"], accountstest.Password)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("the treasurer's right password from the same address: got %d, want 200: %s", resp.StatusCode, raw)
		}
	})
}

// TestLoginClientAddress checks whom failures are counted against: a
// made-up X-Forwarded-For spreads nothing, while behind a trusted proxy
// each client has her own count.
func TestLoginClientAddress(t *testing.T) {
	// failAddressLimit fails as many logins as an address may, each login
	// fewer times than its own limit, with the given X-Forwarded-For.
	failAddressLimit := func(t *testing.T, w *world, forwardedFor func(i int) string) {
		t.Helper()
		for i := range 20 {
			resp, raw := w.login("tamu-"+strconv.Itoa(i%5), "tebakan", fiber.HeaderXForwardedFor, forwardedFor(i))
			wantProblem(t, resp, raw, http.StatusUnauthorized, "/problems/auth.invalid_credentials")
		}
	}
	t.Run("ForwardedForIsIgnoredWithoutTrustedProxies", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			w := newWorld(t, db)
			failAddressLimit(t, w, func(i int) string { return "198.51.100." + strconv.Itoa(i+1) })
			resp, raw := w.login("baru", "tebakan", fiber.HeaderXForwardedFor, "198.51.100.99")
			wantProblem(t, resp, raw, http.StatusTooManyRequests, "about:blank")
		})
	})
	t.Run("ForwardedForIsBelievedFromATrustedProxy", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			w := newWorld(t, db)
			// app.Test's requests come from 0.0.0.0: that is the proxy.
			w.app = newApp(t, db, netip.MustParsePrefix("0.0.0.0/32"), netip.MustParsePrefix("10.0.0.0/8"))
			failAddressLimit(t, w, func(int) string { return "203.0.113.7" })
			for _, tc := range []struct {
				forwardedFor string
				status       int
			}{
				{"203.0.113.8", http.StatusUnauthorized},                 // another client
				{"203.0.113.7", http.StatusTooManyRequests},              // the guesser
				{"203.0.113.8, 203.0.113.7", http.StatusTooManyRequests}, // the guesser, naming another address himself
				{"203.0.113.7, 10.0.0.2", http.StatusTooManyRequests},    // the guesser, through two proxies
			} {
				resp, raw := w.login("baru", "tebakan", fiber.HeaderXForwardedFor, tc.forwardedFor)
				if resp.StatusCode != tc.status {
					t.Errorf("X-Forwarded-For %q: got %d, want %d: %s", tc.forwardedFor, resp.StatusCode, tc.status, raw)
				}
			}
		})
	})
}

// login posts a login and password, from the test's one address unless a
// header says otherwise.
func (w *world) login(login, password string, headers ...string) (*http.Response, []byte) {
	w.t.Helper()
	return w.call(callerNone, http.MethodPost, "/v1/auth/login", map[string]string{"login": login, "password": password}, headers...)
}

func wantRetryAfter(t *testing.T, resp *http.Response) {
	t.Helper()
	wait, err := strconv.Atoi(resp.Header.Get(fiber.HeaderRetryAfter))
	if err != nil || wait < 1 || wait > 15*60+1 {
		t.Errorf("Retry-After: got %q, want seconds until the window ends", resp.Header.Get(fiber.HeaderRetryAfter))
	}
}
