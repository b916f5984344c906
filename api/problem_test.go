package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/api"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestErrorHandler(t *testing.T) {
	t.Run("UnknownRouteIsRouteNotFoundInTheReadersLanguage", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			app := newApp(t, db)
			for _, tc := range []struct{ acceptLanguage, detail string }{
				{"", "tidak ada rute untuk GET /no-such-thing"},
				{"en-GB,en;q=0.9", "no route answers GET /no-such-thing"},
			} {
				resp, body := get(t, app, "/no-such-thing", fiber.HeaderAcceptLanguage, tc.acceptLanguage)
				wantResponse(t, resp, body, http.StatusNotFound, "application/problem+json", map[string]any{
					"type":   "/problems/route.not_found",
					"code":   "route.not_found",
					"title":  "Not Found",
					"status": float64(http.StatusNotFound),
					"detail": tc.detail,
				})
			}
		})
	})

	internal := map[string]any{
		"type":   "about:blank",
		"title":  "Internal Server Error",
		"status": float64(http.StatusInternalServerError),
		"detail": "terjadi kesalahan yang tidak terduga; kesalahan ini dicatat dengan X-Request-ID permintaan ini",
	}
	failing := map[string]fiber.Handler{
		"UnclassifiedErrorIsGeneric500": func(*fiber.Ctx) error {
			return errors.New(`pq: relation "members" does not exist`)
		},
		"PanicIsGeneric500": func(*fiber.Ctx) error {
			panic("index out of range")
		},
		// A panic's value is never taken for the answer: a domain error
		// raised by a panic is still a bug.
		"PanicWithADomainErrorIsGeneric500": func(*fiber.Ctx) error {
			panic(ledger.InvalidField("currency.unknown", "currency", "not an ISO 4217 currency code"))
		},
	}
	for name, handler := range failing {
		t.Run(name, func(t *testing.T) {
			// This handler's panic is the one the test wants: it is counted
			// here instead of failing the test.
			var log bytes.Buffer
			app := newAppWith(t, nil, api.Config{Logger: slog.New(slog.NewJSONHandler(&log, nil))}) // the route never touches a database
			app.Get("/fails", handler)
			resp, body := get(t, app, "/fails")
			wantResponse(t, resp, body, http.StatusInternalServerError, "application/problem+json", internal)
			if resp.Header.Get(fiber.HeaderXRequestID) == "" {
				t.Error("no X-Request-ID header to quote from the log")
			}
			if got, want := strings.Count(log.String(), `"msg":"handler panicked"`), strings.Count(name, "Panic"); got != want {
				t.Errorf("%d panics logged, want %d:\n%s", got, want, &log)
			}
		})
	}

	t.Run("OversizedBodyIsRequestEntityTooLarge", func(t *testing.T) {
		// Over a real connection: app.Test reports an oversized body as its
		// own error instead of returning the server's answer.
		app := newApp(t, nil)
		app.Post("/echo", func(c *fiber.Ctx) error { return c.SendStatus(http.StatusNoContent) })
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan error, 1)
		go func() { served <- app.Listener(ln) }()
		t.Cleanup(func() {
			if err := app.Shutdown(); err != nil {
				t.Error(err)
			}
			if err := <-served; err != nil {
				t.Error(err)
			}
		})

		// Only the head goes out: the server refuses on the declared length
		// alone, and a client still writing a body the server will not read
		// would have its connection reset before it could read the answer.
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		const twoMiB = 2 << 20
		fmt.Fprintf(conn, "POST /echo HTTP/1.1\r\nHost: lumbung\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", twoMiB)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		wantResponse(t, resp, body, http.StatusRequestEntityTooLarge, "application/problem+json", map[string]any{
			"type":   "about:blank",
			"title":  "Request Entity Too Large",
			"status": float64(http.StatusRequestEntityTooLarge),
			"detail": "isi permintaan lebih besar dari batas (1 MiB)",
		})
	})
}
