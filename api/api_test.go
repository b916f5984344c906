package api_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/services"
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

// newApp returns an app on db as serve builds it, behind the given trusted
// proxies (none: the app believes no X-Forwarded-For), with its view of
// ended sessions loaded once and never reloaded: a test on one app sees the
// sessions ended through that app refused by the app's own update of its
// view, never by a reload that happened to run in between.
func newApp(t *testing.T, db *bun.DB, trustedProxies ...netip.Prefix) *fiber.App {
	t.Helper()
	app, _ := buildApp(t, db, api.Config{TrustedProxies: trustedProxies}, api.RevocationsRefreshInterval)
	return app
}

// newAppWith is newApp with the settings of cfg; the database, the
// services and the token authority are the test's, and so is the log
// unless cfg brings one.
func newAppWith(t *testing.T, db *bun.DB, cfg api.Config) *fiber.App {
	t.Helper()
	app, _ := buildApp(t, db, cfg, api.RevocationsRefreshInterval)
	return app
}

// newReloadingApp is newApp whose view of ended sessions also reloads
// every interval until the test ends, as a served app's does.
func newReloadingApp(t *testing.T, db *bun.DB, interval time.Duration) *fiber.App {
	t.Helper()
	app, revocations := buildApp(t, db, api.Config{}, interval)
	t.Cleanup(revocations.Start())
	return app
}

func buildApp(t testing.TB, db *bun.DB, cfg api.Config, interval time.Duration) (*fiber.App, *api.Revocations) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(panicsFail{slog.NewJSONHandler(testWriter{t}, nil), t})
	}
	tokens, err := api.NewTokens(testSigningKey)
	if err != nil {
		t.Fatal(err)
	}
	svc := accountstest.NewServices(ledger.New(db), services.Options{})
	revocations := api.NewRevocations(svc.Identity, cfg.Logger, interval)
	// The routing-table tests build an app without a database; there is
	// nothing to read.
	if db != nil {
		if err := revocations.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	cfg.DB, cfg.Services, cfg.Tokens, cfg.Revocations = db, svc, tokens, revocations
	return api.New(cfg), revocations
}

// panicsFail fails the test whose request made a handler panic: a panic is
// a bug, whatever status the client was answered with.
type panicsFail struct {
	slog.Handler
	t testing.TB
}

func (h panicsFail) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "handler panicked" {
		h.t.Errorf("a request panicked (see the log line below)")
	}
	return h.Handler.Handle(ctx, r)
}

func (h panicsFail) WithAttrs(as []slog.Attr) slog.Handler {
	return panicsFail{h.Handler.WithAttrs(as), h.t}
}

func (h panicsFail) WithGroup(name string) slog.Handler {
	return panicsFail{h.Handler.WithGroup(name), h.t}
}

// testWriter sends the server's log lines to the test's log, shown when
// the test fails or runs with -v.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// get sends a GET request through the app in-process, with headers given
// as name-value pairs, and returns the response with its decoded JSON body.
func get(t *testing.T, app *fiber.App, path string, headers ...string) (*http.Response, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := app.Test(req, testTimeoutMillis)
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
