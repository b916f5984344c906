package api_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/api"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestMain(m *testing.M) { ledgertest.Main(m) }

// testTimeoutMillis is how long app.Test waits for an answer; generous,
// because the race detector on a small machine slows every request.
const testTimeoutMillis = 10_000

// testSigningKey signs the access tokens of every test app.
var testSigningKey = []byte("lumbung-test-signing-key-of-32+bytes")

// newApp builds the API on db, behind the given trusted proxies (none: the
// app believes no X-Forwarded-For).
func newApp(t *testing.T, db *bun.DB, trustedProxies ...netip.Prefix) *fiber.App {
	t.Helper()
	logger := slog.New(slog.NewJSONHandler(testWriter{t}, nil))
	tokens, err := api.NewTokens(testSigningKey)
	if err != nil {
		t.Fatal(err)
	}
	return api.New(api.Config{DB: db, Logger: logger, Accounts: accounts.New(ledger.New(db)), Tokens: tokens,
		TrustedProxies: trustedProxies})
}

// testWriter sends the server's log lines to the test's log, shown when
// the test fails or runs with -v.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// get sends a GET request through the app in-process and returns the
// response with its decoded JSON body.
func get(t *testing.T, app *fiber.App, path string) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil), testTimeoutMillis)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET %s: decode body: %v", path, err)
	}
	return resp, body
}

func wantResponse(t *testing.T, resp *http.Response, body map[string]any, status int, contentType string, want map[string]any) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status: got %d, want %d", resp.StatusCode, status)
	}
	if got := resp.Header.Get(fiber.HeaderContentType); got != contentType {
		t.Errorf("Content-Type: got %q, want %q", got, contentType)
	}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}
