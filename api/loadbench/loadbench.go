package loadbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Config is one run of the bench. Either Executable is set, and the run
// makes its own database on the server AdminURL names and starts Lumbung
// on it; or URL and Login name a running server, whose CPU and round trips
// are then not measured, and DatabaseURL (if set) its database, for the
// ceiling.
type Config struct {
	AdminURL   string   // a PostgreSQL URL allowed to create and drop databases
	Executable string   // the lumbung binary, run as `serve` and `user create`
	Environ    []string // the environment the children start from

	URL         string // a running server's base URL, http://host:port
	Login       string // an admin's login:password on it
	DatabaseURL string // its database; empty: no ceiling

	Accounts int           // ledger accounts per cooperative
	Duration time.Duration // of each side of each cell
	Clients  []int         // concurrent clients, one cell each
	Only     []string      // scenarios to run, by name or name prefix; empty: all

	JSON     bool      // write the results as JSON rather than a table
	Progress io.Writer // where each cell is announced as it starts
}

// Limits on a run, so that a typo does not start a load for a week.
const (
	accountsMin = 2 // a transfer needs two accounts
	accountsMax = 1000
	clientsMax  = 1024
	durationMax = 10 * time.Minute
)

// Validate reports a configuration the bench cannot run.
func (c Config) Validate() error {
	switch {
	case c.Accounts < accountsMin || c.Accounts > accountsMax:
		return fmt.Errorf("accounts: %d, want %d to %d", c.Accounts, accountsMin, accountsMax)
	case c.Duration <= 0 || c.Duration > durationMax:
		return fmt.Errorf("duration: %s, want more than 0 and at most %s", c.Duration, durationMax)
	case len(c.Clients) == 0:
		return errors.New("clients: none")
	case c.URL == "" && c.Executable == "":
		return errors.New("neither a server to start nor one to use")
	case c.URL != "" && !strings.Contains(c.Login, ":"):
		return errors.New("login: want login:password with the server's URL")
	}
	for _, n := range c.Clients {
		if n < 1 || n > clientsMax {
			return fmt.Errorf("clients: %d, want 1 to %d", n, clientsMax)
		}
	}
	for _, name := range c.Only {
		if len(selected([]string{name})) == 0 {
			return fmt.Errorf("scenarios: %q names none of %s", name, strings.Join(scenarioNames(), ", "))
		}
	}
	return nil
}

// target is the server under load and what can be read of it.
type target struct {
	baseURL                   string
	adminLogin, adminPassword string
	databaseURL               string  // for the ceiling; empty: none
	server                    *server // nil: not ours, no CPU figure
	proxy                     *proxy  // nil: no round trips counted
}

// Run runs every scenario at every number of clients and writes the table
// (or JSON) to out. It fails if any request failed (5xx or no answer), after the
// table is written.
func Run(ctx context.Context, cfg Config, out io.Writer) (err error) {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if cfg.URL != "" {
		login, password, _ := strings.Cut(cfg.Login, ":")
		return runLoad(ctx, cfg, target{baseURL: strings.TrimSuffix(cfg.URL, "/"),
			adminLogin: login, adminPassword: password, databaseURL: cfg.DatabaseURL}, out)
	}
	db, err := createDatabase(ctx, cfg.AdminURL)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.drop()) }()
	t, stop, err := startTarget(ctx, cfg, db)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stop()) }()
	err = runLoad(ctx, cfg, t, out)
	if ctx.Err() != nil {
		return err
	}
	fmt.Fprintln(cfg.Progress, "verifying the books")
	said, verr := verify(ctx, cfg.Executable, cfg.Environ, db.url)
	fmt.Fprint(cfg.Progress, said)
	return errors.Join(err, verr)
}

// adminLogin is the admin the bench makes on its own server.
const adminLogin = "admin@bench.lumbung.test"

// startTarget starts the proxy and the server on db, and makes the admin.
func startTarget(ctx context.Context, cfg Config, db *database) (target, func() error, error) {
	upstream, err := db.upstream()
	if err != nil {
		return target{}, nil, err
	}
	p, err := startProxy(upstream)
	if err != nil {
		return target{}, nil, err
	}
	serverURL, err := db.through(p.addr())
	if err != nil {
		return target{}, nil, errors.Join(err, p.close())
	}
	s, err := startServer(ctx, cfg.Executable, cfg.Environ, serverURL)
	if err != nil {
		return target{}, nil, errors.Join(err, p.close())
	}
	stop := func() error { return errors.Join(s.stop(), p.close()) }
	password := randomHex(16)
	if err := createAdmin(ctx, cfg.Executable, cfg.Environ, db.url, adminLogin, password); err != nil {
		return target{}, nil, errors.Join(err, stop())
	}
	return target{baseURL: s.baseURL, adminLogin: adminLogin, adminPassword: password,
		databaseURL: db.url, server: s, proxy: p}, stop, nil
}

// requestTimeout bounds one request of the bench; the server's own bound
// is shorter, so a slow answer is the server's 503, not this.
const requestTimeout = time.Minute

func runLoad(ctx context.Context, cfg Config, t target, out io.Writer) error {
	idle := clientsMax
	api := &client{base: t.baseURL, http: &http.Client{Timeout: requestTimeout,
		Transport: &http.Transport{MaxIdleConns: idle, MaxIdleConnsPerHost: idle}}}
	adminToken, err := api.login(ctx, t.adminLogin, t.adminPassword)
	if err != nil {
		return fmt.Errorf("log in as the admin: %w", err)
	}
	runID := randomHex(4)
	fmt.Fprintf(cfg.Progress, "making %d cooperatives of %d accounts\n", 2*booksMax, cfg.Accounts)
	w, err := newWorld(ctx, api, adminToken, runID, cfg.Accounts)
	if err != nil {
		return fmt.Errorf("make the cooperatives: %w", err)
	}
	var c *ceiling
	if t.databaseURL != "" {
		if c, err = openCeiling(ctx, t.databaseURL, w.ceiling); err != nil {
			return err
		}
		defer c.close()
	}
	rows, err := runCells(ctx, cfg, t, w, c, runID)
	if cfg.JSON {
		err = errors.Join(err, writeJSON(out, rows))
	} else {
		writeTable(out, rows)
	}
	if err != nil {
		return err
	}
	return failures(rows)
}
