// Command lumbung runs Lumbung, the cooperative microfinance ledger: its
// HTTP server, its database migrations and the ledger's invariant check.
//
// Usage:
//
//	lumbung serve [-addr host:port]
//	lumbung migrate up|down|status|unlock
//	lumbung verify [-book id]
//	lumbung checkpoint [-book id]
//	lumbung verify-journal [-since PREVIOUS_FILE] [-portfolio PORTFOLIO.json] FILE
//	lumbung demo
//	lumbung export -format ledger [-cooperative ID] [-o FILE]
//	lumbung user create -login LOGIN -role admin -password-stdin
//	lumbung user password -login LOGIN -password-stdin
//	lumbung backup -o FILE
//	lumbung restore FILE
//	lumbung move -to postgres://...|sqlite:DIR
//	lumbung bench [-duration 5s] [-clients 1,4,16,64] [-accounts 64] [-json] [-admin-url URL] | -url URL -login LOGIN:PASSWORD
//
// Configuration comes from the environment:
//
//	DATABASE_URL       postgres://... ; unset: the embedded SQLite file
//	DATABASE_URL_FILE  a file holding DATABASE_URL, for secrets mounted as files
//	LUMBUNG_DATA_DIR   where the SQLite file lives (default ./data)
//	LUMBUNG_ADDR       where serve listens (default 127.0.0.1:8080)
//	LUMBUNG_DEMO       first-start (default): seed an empty embedded database with the demo; off: never
//	LUMBUNG_DEMO_PASSWORD  for tests: every demo user's password (also _FILE); unset: random ones, printed once
//	LUMBUNG_JWT_KEY    base64 key signing access tokens (also _FILE); unset: generated into the data directory
//	LUMBUNG_REQUEST_TIMEOUT  how long a request may take (default 15s); also bounds each PostgreSQL statement
//	LUMBUNG_TRUSTED_PROXIES  reverse proxies whose X-Forwarded-For is believed: comma-separated IPs and CIDRs; unset: none
//	LUMBUNG_BACKUP_DIR   where serve writes its scheduled backups; unset: none
//	LUMBUNG_BACKUP_EVERY how often (default 24h, at least 1m)
//	LUMBUNG_BACKUP_KEEP  how many of the newest it keeps (default 7)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/lumbung/lumbung/api"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and failed, or found ledger violations
	exitUsage   = 2 // the command line could not be understood
)

func main() {
	// Ctrl-C and an orchestrator's SIGTERM cancel ctx; serve then shuts
	// down gracefully, finishing the requests in flight.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Config is the program's configuration, read once from the environment.
type Config struct {
	DatabaseURL string // a Postgres URL; empty selects the embedded SQLite store
	DataDir     string // the SQLite store's directory
	Addr        string // where serve listens
	SigningKey  string // base64 access-token signing key; empty: generated in DataDir
	// CheckpointKey is the base64 Ed25519 seed that signs checkpoints;
	// empty: generated in DataDir.
	CheckpointKey string
	Demo          string // "first-start" (default): seed an empty embedded database; "off": never
	// DemoPassword, for tests, is every demo user's password; empty (the
	// default): each gets a random one, printed once.
	DemoPassword string
	// RequestTimeout bounds each HTTP request, and the server's database
	// statements with it.
	RequestTimeout time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client; none by default, and then the client is the socket peer.
	TrustedProxies []netip.Prefix
	// Backup is serve's schedule of backups; none by default.
	Backup BackupConfig
}

// Configuration defaults: a fresh machine runs a single cooperative's
// server on its own SQLite file, reachable only from the machine itself.
const (
	defaultDataDir = "./data"
	defaultAddr    = "127.0.0.1:8080"
	// requestTimeoutMin keeps a typo ("15ms" for "15s") from making every
	// request fail.
	requestTimeoutMin = time.Second
)

// loadConfig reads the configuration from the environment. The _FILE
// variants let the Postgres password and the signing key arrive as mounted
// secrets rather than in the process environment.
func loadConfig(getenv func(string) string) (Config, error) {
	cfg := Config{
		DataDir: orDefault(getenv("LUMBUNG_DATA_DIR"), defaultDataDir),
		Addr:    orDefault(getenv("LUMBUNG_ADDR"), defaultAddr),
		Demo:    orDefault(getenv("LUMBUNG_DEMO"), demoFirstStart),
	}
	if cfg.Demo != demoFirstStart && cfg.Demo != demoOff {
		return Config{}, fmt.Errorf("LUMBUNG_DEMO is %q; it takes %s or %s", cfg.Demo, demoFirstStart, demoOff)
	}
	cfg.RequestTimeout = api.RequestTimeoutDefault
	if raw := getenv("LUMBUNG_REQUEST_TIMEOUT"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil || d < requestTimeoutMin {
			return Config{}, fmt.Errorf("LUMBUNG_REQUEST_TIMEOUT is %q; it takes a duration of at least %s, such as 15s", raw, requestTimeoutMin)
		}
		cfg.RequestTimeout = d
	}
	var err error
	if cfg.DatabaseURL, err = secret(getenv, "DATABASE_URL"); err != nil {
		return Config{}, err
	}
	if cfg.SigningKey, err = secret(getenv, "LUMBUNG_JWT_KEY"); err != nil {
		return Config{}, err
	}
	if cfg.CheckpointKey, err = secret(getenv, "LUMBUNG_CHECKPOINT_KEY"); err != nil {
		return Config{}, err
	}
	if cfg.DemoPassword, err = secret(getenv, "LUMBUNG_DEMO_PASSWORD"); err != nil {
		return Config{}, err
	}
	if cfg.TrustedProxies, err = parseProxies(getenv("LUMBUNG_TRUSTED_PROXIES")); err != nil {
		return Config{}, err
	}
	if cfg.Backup, err = loadBackupConfig(getenv); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// parseProxies reads LUMBUNG_TRUSTED_PROXIES: IP addresses and CIDR
// ranges, separated by commas. A typo is an error at start rather than a
// proxy silently not trusted, or a range wider than meant.
func parseProxies(list string) ([]netip.Prefix, error) {
	var proxies []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if addr, err := netip.ParseAddr(item); err == nil {
			proxies = append(proxies, netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()))
			continue
		}
		prefix, err := netip.ParsePrefix(item)
		if err != nil || prefix.Masked() != prefix {
			return nil, fmt.Errorf("LUMBUNG_TRUSTED_PROXIES: %q is not an IP address or a CIDR range such as 10.0.0.0/8", item)
		}
		proxies = append(proxies, prefix)
	}
	return proxies, nil
}

// secret reads a setting that may arrive as NAME or, as a mounted secret, as
// the file NAME_FILE names; setting both is an error, not a guess.
func secret(getenv func(string) string, name string) (string, error) {
	value, path := getenv(name), getenv(name+"_FILE")
	if path == "" {
		return value, nil
	}
	if value != "" {
		return "", fmt.Errorf("set %s or %s_FILE, not both", name, name)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s_FILE: %w", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}

// program is one run of lumbung: its configuration and where it writes.
// Commands print their results to stdout and their diagnostics to stderr.
type program struct {
	cfg    Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// commands are lumbung's subcommands, in the order usage lists them.
var commands = []struct {
	name, args, summary string
	run                 func(p *program, ctx context.Context, args []string) error
}{
	{"serve", "[-addr host:port]", "migrate the database, then serve the HTTP API until interrupted", (*program).serve},
	{"migrate", "up|down|status|unlock", "apply, roll back, list or unlock the database migrations", (*program).migrate},
	{"verify", "[-book id]", "check the ledger's invariants; exit 1 on any violation", (*program).verify},
	{"checkpoint", "[-book id]", "sign the month-end checkpoints that are due, and with -book one of that book now", (*program).checkpoint},
	{"verify-journal", "[-since PREVIOUS_FILE] [-portfolio PORTFOLIO.json] FILE", "check a cooperative's journal copy offline: its chain, balances and signed checkpoints; exit 1 if it fails", (*program).verifyJournal},
	{"demo", "", "fill an empty database with a year of a demo cooperative and print its logins", (*program).demo},
	{"export", "-format ledger [-cooperative ID] [-o FILE]", "write a cooperative's book as an hledger / ledger-cli journal", (*program).export},
	{"import", "-cooperative ID -kind members|opening-balances|loans [-dry-run] FILE", "bring a treasurer's spreadsheet (.csv or .xlsx) into a cooperative's books, all or nothing", (*program).importFile},
	{"user", "create -login LOGIN -role ROLE [-cooperative ID | -member ID | -partner ID] [-name NAME] -password-stdin | password -login LOGIN -password-stdin",
		"create a user with one grant, or set a user's password and end her sessions; the password read from standard input", (*program).user},
	{"backup", "-o FILE", "write a consistent snapshot of the whole store to FILE, while the server may go on serving", (*program).backup},
	{"restore", "FILE", "load a backup into an empty store, then verify it", (*program).restore},
	{"move", "-to postgres://...|sqlite:DIR", "copy the whole store into another, empty one, then verify it and compare every trial balance", (*program).move},
	{"bench", "[-duration 5s] [-clients 1,4,16,64] [-accounts 64] [-json] [-admin-url postgres://...] | -url http://host:port -login LOGIN:PASSWORD [-database-url postgres://...]",
		"load Lumbung over HTTP beside a raw-SQL ceiling of the same work, on a database of its own (dropped at the end) or on a running server, and print one table; exit 1 on any 5xx", (*program).bench},
}

// run is the whole program with its surroundings passed in, so that tests
// start it in-process. It returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		cfg, err := loadConfig(getenv)
		if err != nil {
			fmt.Fprintf(stderr, "lumbung: %v\n", err)
			return exitFailure
		}
		p := &program{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr}
		return exitCode(c.run(p, ctx, args[1:]), stderr, c.name)
	}
	fmt.Fprintf(stderr, "lumbung: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// errUsage reports a command line that a command could not parse; the
// command has already said why.
var errUsage = errors.New("usage")

// errViolations reports that verify found broken invariants; it has
// already listed them.
var errViolations = errors.New("ledger violations found")

// exitCode turns a command's error into the process' exit code, printing
// the errors no one has printed yet.
func exitCode(err error, stderr io.Writer, command string) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, errViolations):
		return exitFailure
	default:
		fmt.Fprintf(stderr, "lumbung %s: %v\n", command, err)
		return exitFailure
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  lumbung %s %s\n      %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprint(w, `
Environment:
  DATABASE_URL       postgres://... (unset: embedded SQLite in LUMBUNG_DATA_DIR)
  DATABASE_URL_FILE  file holding DATABASE_URL
  LUMBUNG_DATA_DIR   SQLite data directory (default ./data)
  LUMBUNG_ADDR       serve's listen address (default 127.0.0.1:8080)
  LUMBUNG_TRUSTED_PROXIES  reverse proxies whose X-Forwarded-For is believed (IPs, CIDRs)
  LUMBUNG_BACKUP_DIR       serve's scheduled backups go here (unset: none)
  LUMBUNG_BACKUP_EVERY     how often (default 24h)
  LUMBUNG_BACKUP_KEEP      how many of the newest are kept (default 7)
`)
}

// flagSet returns a subcommand's flag set, which reports parse errors and
// -h on stderr instead of exiting the process.
func (p *program) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("lumbung "+name, flag.ContinueOnError)
	fs.SetOutput(p.stderr)
	return fs
}

// parse parses a subcommand's flags; a parse error becomes errUsage, as the
// flag set has already printed it.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return errUsage
	}
	return err
}
