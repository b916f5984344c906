package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/demo"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/migrations"
)

// demo fills an empty database with the demo cooperative and prints the
// demo logins, which are shown only this once.
func (p *program) demo(ctx context.Context, args []string) error {
	if err := parse(p.flagSet("demo"), args); err != nil {
		return err
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := migrations.Up(ctx, db); err != nil {
		return err
	}
	return seedDemo(ctx, db, p.cfg.DemoPassword, p.stdout)
}

// seedDemo makes the demo as of today. A password (LUMBUNG_DEMO_PASSWORD)
// becomes every demo user's, for tests that sign in; the table still shows
// it, once.
func seedDemo(ctx context.Context, db *bun.DB, password string, out io.Writer) error {
	logins, err := demo.Seed(ctx, services.New(ledger.New(db), services.Options{}), ledger.DateOf(time.Now()),
		demo.Options{Password: password, Progress: out})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "\nDemo logins (shown once; keep them):")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, l := range logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.Role, l.Login, l.Password)
	}
	return tw.Flush()
}

// Values of LUMBUNG_DEMO.
const (
	demoFirstStart = "first-start"
	demoOff        = "off"
)

// firstStartDemo seeds the demo when wantsDemo says so.
func firstStartDemo(ctx context.Context, cfg Config, db *bun.DB, out io.Writer) error {
	seed, err := wantsDemo(ctx, cfg, db)
	if err != nil || !seed {
		return err
	}
	fmt.Fprintln(out, "lumbung: empty embedded database; making the demo cooperative (LUMBUNG_DEMO=off to start empty)")
	return seedDemo(ctx, db, cfg.DemoPassword, out)
}

// wantsDemo reports whether serve should seed the demo: on the embedded
// store, when it holds no cooperative yet and LUMBUNG_DEMO allows it, so
// that one command on a fresh machine starts a server with something to
// look at. Postgres, the production store, is never seeded unasked.
func wantsDemo(ctx context.Context, cfg Config, db *bun.DB) (bool, error) {
	if cfg.DatabaseURL != "" || cfg.Demo == demoOff {
		return false, nil
	}
	n, err := db.NewSelect().Table("cooperatives").Count(ctx)
	return n == 0, err
}
