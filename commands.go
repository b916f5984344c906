package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"text/tabwriter"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/api"
	"github.com/lumbung/lumbung/frontend"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/migrations"
)

// shutdownTimeout bounds how long serve waits for requests in flight once
// told to stop; an orchestrator's SIGKILL usually follows SIGTERM after 30s.
const shutdownTimeout = 20 * time.Second

// serve migrates the database and serves the HTTP API until ctx is
// cancelled. Once listening it prints the address on stdout, so that a
// caller who asked for port 0 learns the port the system chose.
func (p *program) serve(ctx context.Context, args []string) error {
	fs := p.flagSet("serve")
	addr := fs.String("addr", p.cfg.Addr, "listen address, host:port (overrides LUMBUNG_ADDR)")
	if err := parse(fs, args); err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(p.stderr, nil))
	if err := p.prepare(ctx, logger); err != nil {
		return err
	}
	// The server's own connections are bounded by the request's time:
	// a statement or a lock wait that outlasts a request serves no one.
	db, err := ledger.Open(p.cfg.DatabaseURL, p.cfg.DataDir,
		ledger.Timeouts{Statement: p.cfg.RequestTimeout, Lock: p.cfg.RequestTimeout / lockTimeoutShare})
	if err != nil {
		return err
	}
	defer db.Close()
	stopBackups, err := p.startBackups(ctx, logger)
	if err != nil {
		return err
	}
	defer stopBackups()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	key, err := signingKey(p.cfg.SigningKey, p.cfg.DataDir)
	if err != nil {
		return err
	}
	tokens, err := api.NewTokens(key)
	if err != nil {
		return err
	}
	checkpoints, err := checkpointKey(p.cfg.CheckpointKey, p.cfg.DataDir)
	if err != nil {
		return err
	}
	svc := services.New(ledger.New(db), services.Options{CheckpointKey: checkpoints})
	go closeMonths(ctx, svc.Proofs, logger)
	revocations := api.NewRevocations(svc.Identity, logger, api.RevocationsRefreshInterval)
	// Loaded before serving: a server that had not read the sessions ended
	// in the last minutes would accept their access tokens.
	if err := revocations.Load(ctx); err != nil {
		return fmt.Errorf("read the ended sessions: %w", err)
	}
	// Deferred after db.Close, so run before it: the reloads stop once the
	// server has shut down, while the database is still open.
	stopReloading := revocations.Start()
	defer stopReloading()
	app := api.New(api.Config{DB: db, Logger: logger, Services: svc, Tokens: tokens, Revocations: revocations,
		RequestTimeout: p.cfg.RequestTimeout, TrustedProxies: p.cfg.TrustedProxies, UI: frontend.Dist})
	logger.Info("listening", "addr", ln.Addr().String())
	fmt.Fprintf(p.stdout, "lumbung listening on http://%s\n", ln.Addr())
	return serveUntilDone(ctx, app, ln, logger)
}

// lockTimeoutShare is the part of a request's time one lock wait may take:
// a request waiting a third of its time for one row is better refused
// (503, try again) than left to run out of time with its work undone.
const lockTimeoutShare = 3

// prepare migrates the database and seeds the demo on a first start,
// through connections without the server's timeouts: a migration on a
// large database may rightly take longer than a request.
func (p *program) prepare(ctx context.Context, logger *slog.Logger) error {
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	group, err := migrations.Up(ctx, db)
	if err != nil {
		return err
	}
	sealed, err := ledger.SealChains(ctx, db)
	if err != nil {
		return err
	}
	logger.Info("database migrated", "dialect", db.Dialect().Name().String(), "applied", group.Migrations.String(), "entries_chained", sealed)
	return firstStartDemo(ctx, p.cfg, db, p.stdout)
}

// serveUntilDone serves app on ln until the server fails or ctx is
// cancelled, and then shuts down: the listener closes at once, requests in
// flight get shutdownTimeout to finish.
func serveUntilDone(ctx context.Context, app *fiber.App, ln net.Listener, logger *slog.Logger) error {
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := app.ShutdownWithContext(shutdownCtx)
	// Fiber closes only the listeners its server has begun to serve: if ctx
	// ended before the goroutine above got that far, closing ln is what
	// makes it return. Otherwise ln is closed already and this is a no-op.
	_ = ln.Close()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return <-served
}

// migrateUsage puts the destructive action apart, behind its confirmation.
const migrateUsage = "Usage: lumbung migrate up|status|unlock\n       lumbung migrate -yes down   (drops the last group's tables and their data)"

// migrate runs one migration action: up, down, status or unlock.
func (p *program) migrate(ctx context.Context, args []string) error {
	fs := p.flagSet("migrate")
	fs.Usage = func() { fmt.Fprintln(p.stderr, migrateUsage) }
	yes := fs.Bool("yes", false, "confirm down, which drops tables and the money recorded in them")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.Arg(0) == "down" && !*yes {
		fmt.Fprintln(p.stderr, "lumbung migrate down drops tables and everything recorded in them; confirm with: lumbung migrate -yes down")
		return errUsage
	}
	actions := map[string]func(context.Context, *bun.DB) error{
		"up":     p.migrateUp,
		"down":   p.migrateDown,
		"status": p.migrateStatus,
		"unlock": p.migrateUnlock,
	}
	action, ok := actions[fs.Arg(0)]
	if fs.NArg() != 1 || !ok {
		fs.Usage()
		return errUsage
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	return action(ctx, db)
}

func (p *program) migrateUp(ctx context.Context, db *bun.DB) error {
	group, err := migrations.Up(ctx, db)
	if err != nil {
		return err
	}
	// Entries written before the hash chain get theirs now, before any
	// server posts after them.
	sealed, err := ledger.SealChains(ctx, db)
	if err != nil {
		return err
	}
	if sealed > 0 {
		fmt.Fprintf(p.stdout, "chained %d entries written before the hash chain\n", sealed)
	}
	if group.IsZero() {
		fmt.Fprintln(p.stdout, "no pending migrations")
		return nil
	}
	fmt.Fprintf(p.stdout, "applied %s\n", group)
	return nil
}

// migrateDown rolls back the last group: the migrations one "up" applied
// together, which is the unit that can be undone safely.
func (p *program) migrateDown(ctx context.Context, db *bun.DB) error {
	group, err := migrations.Down(ctx, db)
	if err != nil {
		return err
	}
	if group.IsZero() {
		fmt.Fprintln(p.stdout, "no applied migrations to roll back")
		return nil
	}
	fmt.Fprintf(p.stdout, "rolled back %s\n", group)
	return nil
}

// migrateStatus lists every migration, oldest first, as applied (with its
// group and time) or pending.
func (p *program) migrateStatus(ctx context.Context, db *bun.DB) error {
	ms, err := migrations.Status(ctx, db)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(p.stdout, 0, 0, 2, ' ', 0)
	for _, mig := range ms {
		if mig.IsApplied() {
			fmt.Fprintf(tw, "%s\tapplied\tgroup %d\t%s\n", mig, mig.GroupID, mig.MigratedAt.UTC().Format(time.RFC3339))
		} else {
			fmt.Fprintf(tw, "%s\tpending\n", mig)
		}
	}
	return tw.Flush()
}

// migrateUnlock clears the migration lock that an interrupted "up" or
// "down" leaves behind; while it stands, every later migration (and so
// every server start) refuses to run.
func (p *program) migrateUnlock(ctx context.Context, db *bun.DB) error {
	if err := migrations.Unlock(ctx, db); err != nil {
		return err
	}
	fmt.Fprintln(p.stdout, "migration lock cleared")
	return nil
}

// verify checks the ledger's invariants over every book, or one, and lists
// each violation on its own line.
func (p *program) verify(ctx context.Context, args []string) error {
	fs := p.flagSet("verify")
	bookID := fs.String("book", "", "verify only the book with this ID")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	return p.verifyStore(ctx, db, ledger.VerifyScope{BookID: *bookID})
}

// verifyStore checks the ledger's invariants in db and lists each
// violation on its own line: for verify, and after a restore or a move.
func (p *program) verifyStore(ctx context.Context, db *bun.DB, scope ledger.VerifyScope) error {
	vs, err := ledger.Verify(ctx, db, scope, services.Checks()...)
	if err != nil {
		return err
	}
	for _, v := range vs {
		fmt.Fprintln(p.stdout, v)
	}
	if len(vs) > 0 {
		fmt.Fprintf(p.stderr, "lumbung verify: %d ledger violations\n", len(vs))
		return errViolations
	}
	fmt.Fprintln(p.stdout, "ledger verified: no violations")
	return nil
}

// openDB opens the configured store: Postgres when DATABASE_URL is set,
// else the SQLite file in the data directory.
func (p *program) openDB() (*bun.DB, error) {
	return ledger.Open(p.cfg.DatabaseURL, p.cfg.DataDir, ledger.Timeouts{})
}
