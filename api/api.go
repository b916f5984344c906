// Package api is Lumbung's HTTP interface: a Fiber app whose handlers decode
// a request, call one service method and encode the answer. Every error a
// handler returns goes through one ErrorHandler that answers with an RFC 9457
// problem document; the api package is the only place that knows HTTP
// statuses.
package api

import (
	"io/fs"
	"log/slog"
	"net/netip"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/gofiber/fiber/v2/utils"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/services"
)

// Limits on every request, so that one slow or oversized client cannot hold
// the server's memory or connections.
const (
	// bodyLimitBytes is far above any JSON a treasurer sends (a collection
	// sheet of a few hundred repayments is tens of KiB).
	bodyLimitBytes = 1 << 20
	readTimeout    = 10 * time.Second
	writeTimeout   = 30 * time.Second
	idleTimeout    = 60 * time.Second
)

// Config is what the HTTP API is built from: the services it calls,
// where it logs and whom it believes about a client's address. The
// program fills it once at start.
type Config struct {
	DB       *bun.DB
	Logger   *slog.Logger
	Services *services.Services
	Tokens   *Tokens
	// RequestTimeout bounds each request; zero: RequestTimeoutDefault.
	RequestTimeout time.Duration
	// Revocations is the view of ended sessions whose access tokens the app
	// refuses; the program loads it before serving and keeps it reloading.
	Revocations *Revocations
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed; none by default, and then the client is the socket peer.
	TrustedProxies []netip.Prefix
	// UI is the built web app, served at / for every path no API route
	// answers; nil serves none.
	UI fs.FS
}

// New returns the HTTP API as a Fiber app, ready to serve on a listener or
// to be driven in-process with app.Test.
func New(cfg Config) *fiber.App {
	app := fiber.New(fiber.Config{
		AppName:   "lumbung",
		BodyLimit: bodyLimitBytes,
		// Fiber reuses a request's memory once the handler returns; with
		// Immutable every string taken from a request stays valid, so a kept
		// value (an idempotency key, a name) can never change under us.
		Immutable:             true,
		ReadTimeout:           readTimeout,
		WriteTimeout:          writeTimeout,
		IdleTimeout:           idleTimeout,
		DisableStartupMessage: true,
		ErrorHandler:          errorHandler(cfg.Logger),
	})
	// Random IDs rather than Fiber's counter-based default, which would
	// tell any client how many requests the server has answered.
	app.Use(requestid.New(requestid.Config{Generator: utils.UUIDv4}))
	m := newMetrics()
	proxies := trustedProxies(cfg.TrustedProxies)
	// observe wraps recoverPanics, so that a request whose handler panicked
	// is logged and counted with the 500 it got.
	app.Use(observe(cfg.Logger, m, proxies))
	app.Use(recoverPanics(cfg.Logger))
	app.Use(secure)
	// Members read on prepaid data plans: JSON and CSV answers go out as
	// brotli or gzip when the client accepts them. A PDF's pages are
	// compressed already, so it is sent as it is. A write answers with the
	// few hundred bytes it recorded, where compressing would cost more CPU
	// than it saves bytes: only reads are compressed.
	app.Use(compress.New(compress.Config{
		Level: compress.LevelDefault,
		Next: func(c *fiber.Ctx) bool {
			return c.Method() != fiber.MethodGet || c.Query("format") == "pdf"
		},
	}))
	timeout := cfg.RequestTimeout
	if timeout <= 0 {
		timeout = RequestTimeoutDefault
	}
	app.Use(deadline(timeout))
	app.Use(func(c *fiber.Ctx) error {
		// The audit log records where each change came from.
		c.SetUserContext(accounts.WithAddress(c.UserContext(), proxies.clientAddress(c)))
		return c.Next()
	})

	app.Get("/healthz", live)
	app.Get("/readyz", ready(cfg.DB, cfg.Logger))
	app.Get("/metrics", m.handler())
	svc := cfg.Services
	s := &server{accounts: svc.Core, identity: svc.Identity, savings: svc.Savings, capital: svc.Capital, books: svc.Books,
		lending: svc.Lending, yearEnd: svc.YearEnd, meetings: svc.Meetings, reports: svc.Reports, proofs: svc.Proofs, approvals: svc.Approvals, imports: svc.Imports, tokens: cfg.Tokens, revocations: cfg.Revocations, logger: cfg.Logger, proxies: proxies,
		byLogin: newLimiter(loginFailuresPerLoginMax), byAddress: newLimiter(loginFailuresPerAddressMax),
		passwordChecks: newSlots(passwordChecksMax)}
	s.routes(app)
	if cfg.UI != nil {
		app.Use(newUIServer(cfg.UI).handle)
	}
	return app
}

// requestID returns the ID the requestid middleware gave the request, which
// the client also receives in the X-Request-ID header.
func requestID(c *fiber.Ctx) string {
	id, _ := c.Locals("requestid").(string)
	return id
}
