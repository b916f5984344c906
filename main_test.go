package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
	"github.com/lumbung/lumbung/migrations"
)

// runAsLumbung, set in a child's environment, makes the test binary the
// lumbung program: commands that start this binary again (bench starts
// its server so) then start the program under test.
const runAsLumbung = "LUMBUNG_TEST_RUN_AS_LUMBUNG"

func TestMain(m *testing.M) {
	if os.Getenv(runAsLumbung) != "" {
		main()
	}
	ledgertest.Main(m)
}

// result is what one run of the program left behind.
type result struct {
	code           int
	stdout, stderr string
}

// lumbung runs the program in-process with the environment env.
func lumbung(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, mapEnv(env), strings.NewReader(""), &stdout, &stderr)
	t.Logf("lumbung %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func mapEnv(env map[string]string) func(string) string {
	return func(key string) string { return env[key] }
}

// storeEnv is the environment selecting the store ledgertest.Dialects made.
func storeEnv(t *testing.T, databaseURL, dataDir string) map[string]string {
	if dataDir == "" {
		dataDir = t.TempDir() // never ./data in the source tree
	}
	// The demo is tested on its own (accounts/demo, TestWantsDemo); a server
	// under test starts empty.
	return map[string]string{"DATABASE_URL": databaseURL, "LUMBUNG_DATA_DIR": dataDir, "LUMBUNG_DEMO": "off"}
}

func wantCode(t *testing.T, r result, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit code: got %d, want %d", r.code, want)
	}
}

// migrationStates returns each migration's state ("applied" or "pending")
// as printed by "migrate status".
func migrationStates(t *testing.T, env map[string]string) map[string]string {
	t.Helper()
	r := lumbung(t, env, "migrate", "status")
	wantCode(t, r, exitOK)
	states := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			t.Fatalf("migrate status line %q: want a name and a state", line)
		}
		states[fields[0]] = fields[1]
	}
	if len(states) == 0 {
		t.Fatal("migrate status listed no migrations")
	}
	return states
}

func wantAllMigrations(t *testing.T, states map[string]string, want string) {
	t.Helper()
	for name, got := range states {
		if got != want {
			t.Errorf("migration %s: got %s, want %s", name, got, want)
		}
	}
}

func TestMigrateCommand(t *testing.T) {
	t.Run("StatusShowsPendingThenApplied", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, _ *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			wantAllMigrations(t, migrationStates(t, env), "pending")
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
			wantAllMigrations(t, migrationStates(t, env), "applied")
			if r := lumbung(t, env, "migrate", "up"); r.stdout != "no pending migrations\n" {
				t.Errorf("second up: got %q, want no pending migrations", r.stdout)
			}
		})
	})

	t.Run("DownRollsBackToPending", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, _ *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
			wantCode(t, lumbung(t, env, "migrate", "down"), exitUsage) // unconfirmed: refused
			wantCode(t, lumbung(t, env, "migrate", "-yes", "down"), exitOK)
			wantAllMigrations(t, migrationStates(t, env), "pending")
		})
	})

	t.Run("UnlockClearsStaleLock", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			lockMigrations(t, db) // as an "up" killed halfway leaves it
			wantCode(t, lumbung(t, env, "migrate", "up"), exitFailure)
			wantCode(t, lumbung(t, env, "migrate", "unlock"), exitOK)
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
		})
	})

	t.Run("UnknownActionIsUsageError", func(t *testing.T) {
		wantCode(t, lumbung(t, storeEnv(t, "", ""), "migrate", "sideways"), exitUsage)
	})
}

func lockMigrations(t *testing.T, db *bun.DB) {
	t.Helper()
	ctx := context.Background()
	m, err := migrations.NewMigrator(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Lock(ctx); err != nil {
		t.Fatal(err)
	}
}

// postEntries fills a new book with a few balanced entries and returns it.
func postEntries(t *testing.T, db *bun.DB) ledger.Book {
	t.Helper()
	l := ledger.New(db)
	b := ledgertest.MustBook(t, l, "IDR")
	ledgertest.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "1100", Name: "Cash", Type: ledger.Asset, NonNegative: true})
	ledgertest.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "2130", Name: "Sukarela savings", Type: ledger.Liability, NonNegative: true})
	ledgertest.MustPost(t, l, b.ID, "1100", "2130", "150000")
	ledgertest.MustPost(t, l, b.ID, "1100", "2130", "25000")
	ledgertest.MustPost(t, l, b.ID, "2130", "1100", "40000")
	return b
}

func TestVerifyCommand(t *testing.T) {
	t.Run("PassesOnPostedEntries", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
			postEntries(t, db)
			r := lumbung(t, env, "verify")
			wantCode(t, r, exitOK)
			if got, want := r.stdout, "ledger verified: no violations\n"; got != want {
				t.Errorf("stdout: got %q, want %q", got, want)
			}
		})
	})

	t.Run("FailsAfterBalanceTamperedBySQL", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
			b := postEntries(t, db)
			tamper(t, db, b.ID, "1100", +1)

			r := lumbung(t, env, "verify")
			wantCode(t, r, exitFailure)
			if want := "balance_equals_postings: book " + b.ID + ": account 1100: "; !strings.Contains(r.stdout, want) {
				t.Errorf("stdout does not name the tampered account with %q:\n%s", want, r.stdout)
			}
			if want := "trial_balance_zero: book " + b.ID; !strings.Contains(r.stdout, want) {
				t.Errorf("stdout does not report the unbalanced book with %q:\n%s", want, r.stdout)
			}

			// Undone, the ledger is whole again (and MustBook's check at
			// the end of the test passes).
			tamper(t, db, b.ID, "1100", -1)
			wantCode(t, lumbung(t, env, "verify", "-book", b.ID), exitOK)
		})
	})
}

// TestVerifyCommandFindsBrokenCooperativeRules breaks each "never beyond"
// rule behind the services' and the schema's back, as a stray statement in
// a database console would, and expects lumbung verify to name it.
func TestVerifyCommandFindsBrokenCooperativeRules(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
		ctx := context.Background()
		env := storeEnv(t, databaseURL, dataDir)
		wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
		w := accountstest.NewWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.Core.UpdateSavingsRules(ctx, tr, coop, accounts.SavingsRulesInput{Pokok: "50000"})
		must(err)
		_, err = s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Pokok, MoneyInput: accounts.MoneyInput{Amount: "50000"}})
		must(err)
		_, err = s.Capital.ReceiveTranche(ctx, tr, coop, w.Facility.ID, accounts.MoneyInput{Amount: "2000000"})
		must(err)
		l, err := s.Lending.ApplyLoan(ctx, tr, coop, lending.LoanApplication{MemberID: w.Members[0].ID, FacilityID: w.Facility.ID,
			Principal: "1500000", AnnualRate: "12", Method: loans.Flat, Frequency: loans.Monthly, Installments: 3})
		must(err)
		_, err = s.Lending.ApproveLoan(ctx, w.Approver, coop, l.ID)
		must(err)
		_, _, err = s.Lending.DisburseLoan(ctx, tr, coop, l.ID, accounts.MoneyInput{})
		must(err)
		wantCode(t, lumbung(t, env, "verify"), exitOK)

		dropSchemaLimits(t, db)
		breakage := []struct{ sql, check string }{
			{"UPDATE facilities SET received_minor = 1000000, committed_minor = 500000", "facility_received"},
			{"", "facility_commitment"},
			{"", "facility_lending"},
			{"UPDATE cooperatives SET pokok_minor = 40000", "pokok_ceiling"},
			{"UPDATE ledger_accounts SET ceiling_minor = 30000 WHERE ceiling_minor IS NOT NULL", "ceiling"},
		}
		for _, b := range breakage {
			if b.sql != "" {
				if _, err := db.ExecContext(ctx, b.sql); err != nil {
					t.Fatal(err)
				}
			}
		}
		r := lumbung(t, env, "verify")
		wantCode(t, r, exitFailure)
		for _, b := range breakage {
			// Each violation is a line of its own, starting with its check.
			if want := "\n" + b.check + ": book " + w.Cooperative.BookID; !strings.Contains("\n"+r.stdout, want) {
				t.Errorf("stdout does not report %q:\n%s", want, r.stdout)
			}
		}

		// Undone, the books are whole again (and the world's own check at
		// the end of the test passes).
		for _, undo := range []string{
			"UPDATE facilities SET received_minor = 2000000, committed_minor = 50000000",
			"UPDATE cooperatives SET pokok_minor = 50000",
			"UPDATE ledger_accounts SET ceiling_minor = 50000 WHERE ceiling_minor IS NOT NULL",
		} {
			if _, err := db.ExecContext(ctx, undo); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, lumbung(t, env, "verify"), exitOK)
	})
}

// dropSchemaLimits removes the schema's hold on the ceilings, in a
// database of the test's own, so that a test can break them.
func dropSchemaLimits(t *testing.T, db *bun.DB) {
	t.Helper()
	statements := []string{
		"ALTER TABLE facilities DROP CONSTRAINT facilities_received_check",
		"ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_ceiling_check",
	}
	if db.Dialect().Name() == dialect.SQLite {
		// A column's CHECK cannot be dropped in SQLite; the pragma holds
		// for the one connection the pool keeps.
		db.SetMaxOpenConns(1)
		statements = []string{"DROP TRIGGER facilities_received_ceiling", "PRAGMA ignore_check_constraints = ON"}
	}
	for _, q := range statements {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
}

// tamper changes a stored balance behind the engine's back, as a stray
// UPDATE in a database console would.
func tamper(t *testing.T, db *bun.DB, bookID, code string, deltaMinor int64) {
	t.Helper()
	_, err := db.ExecContext(context.Background(),
		"UPDATE ledger_accounts SET balance_minor = balance_minor + ? WHERE book_id = ? AND code = ?",
		deltaMinor, bookID, code)
	if err != nil {
		t.Fatal(err)
	}
}

func TestServeCommand(t *testing.T) {
	t.Run("AnswersHealthzAndStopsOnCancel", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, _ *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			if databaseURL == "" {
				// A directory that does not exist yet: serve must make it.
				env["LUMBUNG_DATA_DIR"] = filepath.Join(dataDir, "data")
			}
			env["LUMBUNG_ADDR"] = "127.0.0.1:0"
			// Scheduled backups start with the server and stop with it.
			env["LUMBUNG_BACKUP_DIR"] = filepath.Join(t.TempDir(), "cadangan")
			addr, stop := startServer(t, env)

			resp, err := httpClient.Get("http://" + addr + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusOK || string(body) != `{"status":"ok"}` {
				t.Errorf("GET /healthz: got %d %s, want 200 {\"status\":\"ok\"}", resp.StatusCode, body)
			}
			if databaseURL == "" {
				if _, err := os.Stat(filepath.Join(dataDir, "data", ledger.SQLiteFileName)); err != nil {
					t.Errorf("SQLite file not created: %v", err)
				}
			}
			if code := stop(); code != exitOK {
				t.Errorf("exit code after cancel: got %d, want %d", code, exitOK)
			}
			if _, err := os.Stat(env["LUMBUNG_BACKUP_DIR"]); err != nil {
				t.Errorf("backup directory not made: %v", err)
			}
		})
	})
}

var httpClient = &http.Client{Timeout: 10 * time.Second}

// serveStartTimeout bounds the wait for a server to migrate and listen.
const serveStartTimeout = 30 * time.Second

var listeningLine = regexp.MustCompile(`^lumbung listening on http://(\S+)$`)

// startServer runs "lumbung serve" in the background and returns the
// address it listens on, and a stop function that cancels the server's
// context and returns its exit code.
func startServer(t *testing.T, env map[string]string) (addr string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer // written only by the server goroutine until it returns
	done := make(chan int, 1)
	go func() {
		code := run(ctx, []string{"serve"}, mapEnv(env), strings.NewReader(""), stdoutW, &stderr)
		stdoutW.Close()
		done <- code
	}()

	// The address line comes after anything serve says first; the rest is
	// drained so the server never blocks writing.
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdoutR)
		for sc.Scan() {
			if listeningLine.MatchString(sc.Text()) {
				break
			}
		}
		first <- sc.Text()
		io.Copy(io.Discard, stdoutR) //nolint:errcheck // draining only
	}()
	select {
	case line := <-first:
		m := listeningLine.FindStringSubmatch(line)
		if m == nil {
			cancel()
			t.Fatalf("serve printed %q, want its address; exit %d, stderr:\n%s", line, <-done, &stderr)
		}
		addr = m[1]
	case <-time.After(serveStartTimeout):
		cancel()
		t.Fatalf("serve did not listen within %s", serveStartTimeout)
	}

	stop = func() int {
		cancel()
		select {
		case code := <-done:
			t.Logf("serve stderr:\n%s", &stderr)
			return code
		case <-time.After(shutdownTimeout + 5*time.Second):
			t.Fatal("serve did not stop after its context was cancelled")
			return -1
		}
	}
	t.Cleanup(func() { cancel() })
	return addr, stop
}

func TestUnknownCommand(t *testing.T) {
	t.Run("ExitsWithUsage", func(t *testing.T) {
		r := lumbung(t, nil, "harvest")
		wantCode(t, r, exitUsage)
		if want := fmt.Sprintf("unknown command %q", "harvest"); !strings.Contains(r.stderr, want) {
			t.Errorf("stderr: got %q, want it to contain %q", r.stderr, want)
		}
		if !strings.Contains(r.stderr, "Usage:") {
			t.Errorf("stderr: got %q, want the usage", r.stderr)
		}
	})
	t.Run("NoCommandExitsWithUsage", func(t *testing.T) {
		wantCode(t, lumbung(t, nil), exitUsage)
	})
}

// importRule says which of Lumbung's own packages a package may import, by
// path inside the module ("." is package main). A pattern "x/..." matches x
// and every package under it; "..." matches every package.
type importRule struct {
	may    []string
	except []string
}

// importRules is the allowed direction of imports, the table of the
// README's layout section: arrows point down only, api -> accounts/<feature>
// -> accounts -> ledger, and main wires them. Every package of the module
// must have a row, so a new package is placed deliberately. Rows for
// packages that do not exist yet describe the house the tree is growing
// into; they cost nothing until the package appears.
var importRules = map[string]importRule{
	"ledger":     {},
	"migrations": {},
	// snapshot copies whole stores by their schema; it knows no nouns.
	"migrations/snapshot": {may: []string{"migrations"}},
	"frontend":            {},

	"ledger/ledgertest": {may: []string{"ledger", "migrations"}},

	// The pure rule packages sit below the shared root.
	"accounts/loans": {may: []string{"ledger"}},
	"accounts/shu":   {may: []string{"ledger"}},
	"accounts":       {may: []string{"ledger"}},

	// The four features that stand on the root alone never import each other.
	"accounts/identity":  {may: []string{"accounts", "ledger"}},
	"accounts/savings":   {may: []string{"accounts", "ledger"}},
	"accounts/capital":   {may: []string{"accounts", "ledger"}},
	"accounts/books":     {may: []string{"accounts", "ledger"}},
	"accounts/proofs":    {may: []string{"accounts", "accounts/lending", "ledger"}},
	"accounts/approvals": {may: []string{"accounts", "accounts/books", "accounts/lending", "accounts/meetings", "accounts/yearend", "ledger"}},

	"accounts/lending":  {may: []string{"accounts", "accounts/loans", "ledger"}},
	"accounts/yearend":  {may: []string{"accounts", "accounts/shu", "accounts/lending", "ledger"}},
	"accounts/meetings": {may: []string{"accounts", "accounts/lending", "accounts/savings", "ledger"}},
	"accounts/imports":  {may: []string{"accounts", "accounts/capital", "accounts/lending", "accounts/loans", "ledger"}},
	"accounts/reports": {may: []string{"accounts", "accounts/identity", "accounts/savings",
		"accounts/lending", "accounts/loans", "accounts/yearend", "accounts/meetings", "ledger"}},

	// services wires every service, for main, the demo and the tests alike.
	"accounts/services": {may: []string{"accounts/...", "ledger"}, except: []string{"accounts/accountstest", "accounts/demo"}},

	"accounts/demo":         {may: []string{"accounts/...", "ledger"}, except: []string{"accounts/accountstest"}},
	"accounts/accountstest": {may: []string{"accounts/...", "ledger", "ledger/ledgertest"}},

	"api/render": {may: []string{"accounts/...", "ledger"}, except: []string{"accounts/accountstest", "accounts/demo"}},

	"api/render/rendertest": {},
	"api":                   {may: []string{"accounts/...", "api/render", "ledger"}, except: []string{"accounts/accountstest", "accounts/demo"}},

	// loadbench knows Lumbung through its HTTP API, plus the ledger's chain
	// hash for the rows its raw-SQL ceiling writes.
	"api/loadbench": {may: []string{"ledger"}},

	// main wires everything, but never links a test helper into the binary.
	".": {may: []string{"..."}, except: []string{"ledger/ledgertest", "accounts/accountstest"}},
}

// testHelpers are the packages made for tests, with the packages whose
// tests may use them. A test may import what its package may, the package
// itself, the helpers open to it, and what those helpers may import.
var testHelpers = map[string][]string{
	"ledger/ledgertest":     {"..."},
	"accounts/accountstest": {"accounts/...", "api/...", "."},
	"api/render/rendertest": {"api/..."},
}

// matchPackage reports whether the package path pkg matches pattern.
func matchPackage(pattern, pkg string) bool {
	switch {
	case pattern == "...":
		return true
	case strings.HasSuffix(pattern, "/..."):
		dir := strings.TrimSuffix(pattern, "/...")
		return pkg == dir || strings.HasPrefix(pkg, dir+"/")
	}
	return pattern == pkg
}

func matchAny(patterns []string, pkg string) bool {
	for _, p := range patterns {
		if matchPackage(p, pkg) {
			return true
		}
	}
	return false
}

// mayImport reports whether the rules let from import to in production code.
func mayImport(rules map[string]importRule, from, to string) bool {
	r := rules[from]
	return matchAny(r.may, to) && !matchAny(r.except, to)
}

// testMayImport reports whether the rules let a test of from import to.
func testMayImport(rules map[string]importRule, helpers map[string][]string, from, to string) bool {
	if to == from || mayImport(rules, from, to) {
		return true
	}
	for helper, users := range helpers {
		if helper == from || !matchAny(users, from) {
			continue
		}
		if to == helper || mayImport(rules, helper, to) {
			return true
		}
	}
	return false
}

// packageImports is one package of the module and its imports of the
// module's packages, by path inside the module.
type packageImports struct {
	path        string
	imports     []string
	testImports []string // of its own tests and of its external _test package
}

// importViolations lists every package missing from rules and every import
// the rules do not allow, one sentence each.
func importViolations(rules map[string]importRule, helpers map[string][]string, pkgs []packageImports) []string {
	var bad []string
	for _, p := range pkgs {
		if _, ok := rules[p.path]; !ok {
			bad = append(bad, fmt.Sprintf("package %s has no row in importRules: add it, with what it may import, here and in the README's layout section", p.path))
			continue
		}
		for _, to := range p.imports {
			if !mayImport(rules, p.path, to) {
				bad = append(bad, fmt.Sprintf("%s imports %s, against the allowed direction (%s may import %v except %v)",
					p.path, to, p.path, rules[p.path].may, rules[p.path].except))
			}
		}
		for _, to := range p.testImports {
			if !testMayImport(rules, helpers, p.path, to) {
				bad = append(bad, fmt.Sprintf("a test of %s imports %s, against the allowed direction (%s may import %v except %v, and its test helpers)",
					p.path, to, p.path, rules[p.path].may, rules[p.path].except))
			}
		}
	}
	return bad
}

// modulePackages lists the module's packages with their imports of each
// other, as go list reports them.
func modulePackages(t *testing.T) []packageImports {
	t.Helper()
	const format = "{{.Module.Path}}\t{{.ImportPath}}\t{{join .Imports \" \"}}\t{{join .TestImports \" \"}} {{join .XTestImports \" \"}}"
	out, err := exec.Command("go", "list", "-f", format, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderrOf(err))
	}
	var pkgs []packageImports
	for line := range strings.Lines(strings.TrimSpace(string(out))) {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(fields) != 4 {
			t.Fatalf("go list: unexpected line %q", line)
		}
		module := fields[0]
		rel := func(path string) (string, bool) {
			if path == module {
				return ".", true
			}
			rest, ok := strings.CutPrefix(path, module+"/")
			return rest, ok
		}
		ours := func(list string) []string {
			var paths []string
			for _, path := range strings.Fields(list) {
				if r, ok := rel(path); ok {
					paths = append(paths, r)
				}
			}
			return paths
		}
		path, _ := rel(fields[1])
		pkgs = append(pkgs, packageImports{path: path, imports: ours(fields[2]), testImports: ours(fields[3])})
	}
	return pkgs
}

func TestImportDirection(t *testing.T) {
	t.Run("EveryImportPointsDown", func(t *testing.T) {
		pkgs := modulePackages(t)
		if len(pkgs) < 5 {
			t.Fatalf("go list found %d packages, want the whole module: %v", len(pkgs), pkgs)
		}
		for _, v := range importViolations(importRules, testHelpers, pkgs) {
			t.Error(v)
		}
	})
	// The check itself, on made-up trees: a guard that cannot fail guards
	// nothing.
	t.Run("CatchesUpwardSidewaysAndUnlistedPackages", func(t *testing.T) {
		pkgs := []packageImports{
			{path: "ledger", imports: []string{"accounts"}},
			{path: "accounts/savings", imports: []string{"accounts/capital"}},
			{path: "accounts", imports: []string{"accounts/lending"}},
			{path: "api", imports: []string{"accounts/accountstest"}},
			{path: "ledger", testImports: []string{"accounts/accountstest"}},
			{path: "accounts/tools", imports: []string{"ledger"}},
		}
		for _, p := range pkgs {
			if got := importViolations(importRules, testHelpers, []packageImports{p}); len(got) != 1 {
				t.Errorf("%+v: got %d violations %q, want 1", p, len(got), got)
			}
		}
	})
	t.Run("AllowsDownwardImportsAndTestHelpers", func(t *testing.T) {
		pkgs := []packageImports{
			{path: ".", imports: []string{"api", "accounts/demo", "migrations"}},
			{path: "api", imports: []string{"api/render", "accounts/reports", "accounts/loans", "ledger"},
				testImports: []string{"api", "accounts/accountstest", "ledger/ledgertest", "migrations"}},
			{path: "accounts/meetings", imports: []string{"accounts/savings", "accounts/lending"},
				testImports: []string{"accounts/meetings", "accounts/capital", "accounts/accountstest"}},
			{path: "ledger", testImports: []string{"ledger", "ledger/ledgertest", "migrations"}},
		}
		if got := importViolations(importRules, testHelpers, pkgs); len(got) != 0 {
			t.Errorf("got violations %q, want none", got)
		}
	})
}
