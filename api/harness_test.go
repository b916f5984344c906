package api_test

import (
	"bytes"
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
	callerNone           = "no_token"
	callerExpired        = "expired_token"
	callerForeignKey     = "foreign_key_token"
	callerAlgNone        = "alg_none_token"
)

var allCallers = []string{callerAdmin, callerTreasurer, callerOtherTreasurer, callerMember, callerOtherMember,
	callerPartner, callerOtherPartner, callerNone, callerExpired, callerForeignKey, callerAlgNone}

func newWorld(t *testing.T, db *bun.DB) *world {
	t.Helper()
	w := &world{t: t, app: newApp(t, db), db: db, mine: accountstest.NewWorld(t, db), theirs: accountstest.NewWorld(t, db)}
	w.admin, _ = accountstest.NewAdmin(t, w.mine.Service)
	tokens, err := api.NewTokens(testSigningKey)
	if err != nil {
		t.Fatal(err)
	}
	mint := func(a accounts.Actor) string {
		tok, _, err := tokens.Issue(a.UserID, a.Grants)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	w.tokens = map[string]string{
		callerAdmin:          mint(w.admin),
		callerTreasurer:      mint(w.mine.Treasurer),
		callerOtherTreasurer: mint(w.theirs.Treasurer),
		callerMember:         mint(w.mine.MemberActor[0]),
		callerOtherMember:    mint(w.mine.MemberActor[1]),
		callerPartner:        mint(w.mine.PartnerUser),
		callerOtherPartner:   mint(w.theirs.PartnerUser),
		callerNone:           "",
		callerExpired:        forgeToken(t, jwt.SigningMethodHS256, testSigningKey, w.mine.Treasurer.UserID, -time.Minute),
		callerForeignKey:     forgeToken(t, jwt.SigningMethodHS256, []byte("another-servers-key-that-is-32-bytes!"), w.mine.Treasurer.UserID, time.Hour),
		callerAlgNone:        forgeToken(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, w.mine.Treasurer.UserID, time.Hour),
	}
	return w
}

// forgeToken makes a token with the treasurer's claims the server must
// refuse: expired, signed with another key, or unsigned.
func forgeToken(t *testing.T, method jwt.SigningMethod, key any, userID string, ttl time.Duration) string {
	t.Helper()
	now := time.Now()
	claims := jwt.MapClaims{"iss": "lumbung", "aud": "lumbung-api", "sub": userID,
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
	resp, err := w.app.Test(req, testTimeoutMillis)
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
