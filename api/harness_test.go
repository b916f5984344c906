package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/golang-jwt/jwt/v5"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/api"
)

// world is an app on a real database with two cooperatives, each with a
// treasurer, two members and a funding partner, and an access token for
// every kind of caller the route-by-role test needs.
type world struct {
	t      *testing.T
	app    *fiber.App
	db     *bun.DB
	mine   *accountstest.World // "this" cooperative
	theirs *accountstest.World // another cooperative
	admin  accounts.Actor
	tokens map[string]string // caller name -> bearer token ("" for none)
}

// Callers, as the route-by-role test names them.
const (
	callerAdmin          = "admin"
	callerTreasurer      = "treasurer"
	callerOtherTreasurer = "other_treasurer"
	callerMember         = "member"
	callerOtherMember    = "other_member"
	callerPartner        = "partner"
	callerOtherPartner   = "other_partner"
	callerSupervisor     = "supervisor"
	callerNone           = "no_token"
	callerExpired        = "expired_token"
	callerForeignKey     = "foreign_key_token"
	callerAlgNone        = "alg_none_token"
)

var allCallers = []string{callerAdmin, callerTreasurer, callerOtherTreasurer, callerMember, callerOtherMember,
	callerPartner, callerOtherPartner, callerSupervisor, callerNone, callerExpired, callerForeignKey, callerAlgNone}

func newWorld(t *testing.T, db *bun.DB) *world {
	t.Helper()
	w := &world{t: t, app: newApp(t, db), db: db, mine: accountstest.NewWorld(t, db), theirs: accountstest.NewWorld(t, db)}
	var adminLogin string
	w.admin, adminLogin = accountstest.NewAdmin(t, w.mine.Services)
	mine, theirs := w.mine.Identity, w.theirs.Identity
	treasurer := signIn(t, mine, w.mine.Logins["treasurer"])
	w.tokens = map[string]string{
		callerAdmin:          accessToken(t, signIn(t, mine, adminLogin)),
		callerTreasurer:      accessToken(t, treasurer),
		callerOtherTreasurer: accessToken(t, signIn(t, theirs, w.theirs.Logins["treasurer"])),
		callerMember:         accessToken(t, signIn(t, mine, w.mine.Logins["member0"])),
		callerOtherMember:    accessToken(t, signIn(t, mine, w.mine.Logins["member1"])),
		callerPartner:        accessToken(t, signIn(t, mine, w.mine.Logins["partner"])),
		callerOtherPartner:   accessToken(t, signIn(t, theirs, w.theirs.Logins["partner"])),
		callerSupervisor:     accessToken(t, signIn(t, mine, w.mine.Logins["supervisor"])),
		callerNone:           "",
		callerExpired:        forgeToken(t, jwt.SigningMethodHS256, testSigningKey, treasurer, -time.Minute),
		callerForeignKey:     forgeToken(t, jwt.SigningMethodHS256, []byte("another-servers-key-that-is-32-bytes!"), treasurer, time.Hour),
		callerAlgNone:        forgeToken(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, treasurer, time.Hour),
	}
	return w
}

// signIn starts a real session for a login, as POST /v1/auth/login does:
// the server refuses an access token that names no session.
func signIn(t testing.TB, s *identity.Service, login string) identity.Session {
	t.Helper()
	sess, err := s.Login(context.Background(), login, accountstest.Password)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// accessToken mints an access token for a session, as the server does.
func accessToken(t testing.TB, sess identity.Session) string {
	t.Helper()
	tokens, err := api.NewTokens(testSigningKey)
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := tokens.Issue(sess)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// forgeToken makes an admin's token the server must refuse: expired, signed
// with another key, or unsigned. It names a live session of the treasurer,
// so that it is refused for that one defect alone.
func forgeToken(t *testing.T, method jwt.SigningMethod, key any, sess identity.Session, ttl time.Duration) string {
	t.Helper()
	now := time.Now()
	claims := jwt.MapClaims{"iss": "lumbung", "aud": "lumbung-api", "sub": sess.User.ID, "sid": sess.ID,
		"iat": now.Add(-time.Hour).Unix(), "exp": now.Add(ttl).Unix(), "grants": []map[string]string{{"role": "admin"}}}
	tok, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// call sends a request in-process as a caller and returns the response and
// its body. A non-nil body is sent as JSON unless it is already []byte.
func (w *world) call(caller, method, path string, body any, headers ...string) (*http.Response, []byte) {
	w.t.Helper()
	return w.callOn(w.app, caller, method, path, body, headers...)
}

// callOn is call sent to another app than the world's, as a load balancer
// sends a client's requests to any server on the same database.
func (w *world) callOn(app *fiber.App, caller, method, path string, body any, headers ...string) (*http.Response, []byte) {
	w.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		reader = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			w.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, reader)
	if reader != nil {
		req.Header.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	}
	if tok := w.tokens[caller]; tok != "" {
		req.Header.Set(fiber.HeaderAuthorization, "Bearer "+tok)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := app.Test(req, testTimeoutMillis)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		w.t.Fatal(err)
	}
	return resp, raw
}

// decodeJSON decodes a response body into v, failing the test otherwise.
func decodeJSON(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
}
