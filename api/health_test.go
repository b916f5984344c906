package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
	"github.com/lumbung/lumbung/migrations"
)

func TestHealthz(t *testing.T) {
	t.Run("AnswersOK", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			resp, body := get(t, newApp(t, db), "/healthz")
			wantResponse(t, resp, body, http.StatusOK, "application/json", map[string]any{"status": "ok"})
		})
	})
}

func TestReadyz(t *testing.T) {
	t.Run("AnswersOKWhileDatabaseAnswers", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			resp, body := get(t, newApp(t, db), "/readyz")
			wantResponse(t, resp, body, http.StatusOK, "application/json", map[string]any{"status": "ok"})
		})
	})
	// A database of its own per store: closing the one Each shares would
	// break the package's other tests.
	t.Run("UnavailableWithRetryAfterOnceDatabaseClosed", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
			// Migrated, as serve does before building the app, which reads
			// the ended sessions.
			if _, err := migrations.Up(context.Background(), db); err != nil {
				t.Fatal(err)
			}
			app := newApp(t, db)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			resp, body := get(t, app, "/readyz")
			wantResponse(t, resp, body, http.StatusServiceUnavailable, "application/problem+json", map[string]any{
				"type":   "about:blank",
				"title":  "Service Unavailable",
				"status": float64(http.StatusServiceUnavailable),
				"detail": "basis data tidak menjawab",
			})
			if got := resp.Header.Get(fiber.HeaderRetryAfter); got != "1" {
				t.Errorf("Retry-After: got %q, want \"1\"", got)
			}
			raw, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			validateResponse(t, http.MethodGet, "/readyz", resp, raw)
		})
	})
}
