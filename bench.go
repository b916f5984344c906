package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lumbung/lumbung/api/loadbench"
)

// defaultBenchAdminURL is the local PostgreSQL server as its superuser,
// where a development machine's bench makes its database.
const defaultBenchAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// bench loads Lumbung over HTTP, each posting scenario beside a raw-SQL
// ceiling of the same work, and prints one table. By default it makes a
// database, starts this binary's server on it and drops it at the end; with
// -url it loads a running server instead.
func (p *program) bench(ctx context.Context, args []string) error {
	fs := p.flagSet("bench")
	adminURL := fs.String("admin-url", defaultBenchAdminURL, "a PostgreSQL URL that may create and drop the bench's database")
	url := fs.String("url", "", "load a running server at http://host:port instead of starting one")
	login := fs.String("login", "", "with -url: an admin's login:password there")
	databaseURL := fs.String("database-url", "", "with -url: its database, for the raw-SQL ceiling (unset: no ceiling)")
	accounts := fs.Int("accounts", 64, "ledger accounts per cooperative")
	duration := fs.Duration("duration", 5*time.Second, "how long each side of each cell runs")
	clients := fs.String("clients", "1,4,16,64", "numbers of concurrent clients, one cell each")
	only := fs.String("scenarios", "", "comma-separated scenarios to run, by name or prefix such as post/ (unset: all)")
	asJSON := fs.Bool("json", false, "write the results as JSON rather than a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg := loadbench.Config{URL: *url, Login: *login, DatabaseURL: *databaseURL,
		Accounts: *accounts, Duration: *duration, JSON: *asJSON, Progress: p.stderr}
	var err error
	cfg.Clients, err = parseClients(*clients)
	if *only != "" {
		for _, name := range strings.Split(*only, ",") {
			cfg.Only = append(cfg.Only, strings.TrimSpace(name))
		}
	}
	if err == nil && *url == "" {
		cfg.AdminURL, cfg.Environ = *adminURL, os.Environ()
		cfg.Executable, err = os.Executable()
	}
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		fmt.Fprintf(p.stderr, "lumbung bench: %v\n", err)
		return errUsage
	}
	return loadbench.Run(ctx, cfg, p.stdout)
}

// parseClients reads a comma-separated list of client counts.
func parseClients(list string) ([]int, error) {
	var counts []int
	for _, item := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil {
			return nil, fmt.Errorf("-clients: %q is not a number", item)
		}
		counts = append(counts, n)
	}
	return counts, nil
}
