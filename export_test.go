package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/demo"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestExportCommand(t *testing.T) {
	t.Run("UnknownOrMissingFormatIsUsageError", func(t *testing.T) {
		env := storeEnv(t, "", "")
		wantCode(t, lumbung(t, env, "export", "-format", "csv"), exitUsage)
		wantCode(t, lumbung(t, env, "export"), exitUsage)
		wantCode(t, lumbung(t, env, "export", "-format", "ledger", "extra"), exitUsage)
	})

	t.Run("ChoosesTheCooperative", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
			ctx := context.Background()
			ledgertest.MustMigrate(t, db)
			env := storeEnv(t, databaseURL, dataDir)
			r := lumbung(t, env, "export", "-format", "ledger")
			wantCode(t, r, exitFailure)
			if !strings.Contains(r.stderr, "no cooperative") {
				t.Errorf("export of an empty database: stderr %q, want it to say there is no cooperative", r.stderr)
			}

			s := accountstest.NewServices(ledger.New(db), services.Options{}).Core
			var coops []accounts.Cooperative
			for _, name := range []string{"Koperasi Mawar", "Koperasi Melati"} {
				c, err := s.CreateCooperative(ctx, accounts.Operator, accounts.CooperativeInput{Name: name, Currency: "IDR"})
				if err != nil {
					t.Fatal(err)
				}
				coops = append(coops, c)
			}
			r = lumbung(t, env, "export", "-format", "ledger")
			wantCode(t, r, exitFailure)
			for _, c := range coops {
				if !strings.Contains(r.stderr, c.ID) {
					t.Errorf("export with two cooperatives and none named: stderr %q does not list %s", r.stderr, c.ID)
				}
			}

			r = lumbung(t, env, "export", "-format", "ledger", "-cooperative", coops[1].ID)
			wantCode(t, r, exitOK)
			if want := "; Koperasi Melati — exported by Lumbung\n"; !strings.HasPrefix(r.stdout, want) {
				t.Errorf("export of %s starts %q, want %q", coops[1].ID, firstLine(r.stdout), want)
			}
			for _, id := range []string{"0190a5f2-0000-7000-8000-000000000000", "not-an-id"} {
				wantCode(t, lumbung(t, env, "export", "-format", "ledger", "-cooperative", id), exitFailure)
			}
		})
	})
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestExportAgreesWithHledger exports the demo cooperative's book and reads
// it back with hledger, a program that shares nothing with Lumbung: every
// account's balance there must equal the trial balance here, and every
// commodity must total zero.
func TestExportAgreesWithHledger(t *testing.T) {
	hledger := hledgerPath(t)
	ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
		ctx := context.Background()
		ledgertest.MustMigrate(t, db)
		l := ledger.New(db)
		svc := accountstest.NewServices(l, services.Options{})
		s := svc.Core
		if _, err := demo.Seed(ctx, svc, ledger.DateOf(time.Now()), demo.Options{}); err != nil {
			t.Fatal(err)
		}
		coops, _, err := s.FindCooperatives(ctx, accounts.Operator, accounts.Page{Limit: 1})
		if err != nil || len(coops) != 1 {
			t.Fatalf("the demo's cooperatives: %v, %v; want one", coops, err)
		}
		journal := filepath.Join(t.TempDir(), "book.journal")
		wantCode(t, lumbung(t, storeEnv(t, databaseURL, dataDir), "export", "-format", "ledger", "-o", journal), exitOK)

		got := hledgerBalances(t, hledger, journal)
		tb, err := l.TrialBalance(ctx, coops[0].BookID, ledger.Date{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]hledgerBalance{}
		for _, line := range tb.Lines {
			a := line.Account
			b := hledgerBalance{Root: hledgerRoots[a.Type], Currency: a.Currency.Code(), NetMinor: line.DebitMinor - line.CreditMinor}
			if b.NetMinor == 0 {
				b.Currency = ""
			}
			want[a.Code] = b
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("balances by account code, Lumbung's trial balance (-) against hledger's (+):\n%s", diff)
		}
		if diff := cmp.Diff(tb.Debits, tb.Credits); diff != "" {
			t.Errorf("trial balance debits (-) and credits (+) differ:\n%s", diff)
		}
	})
}

// hledgerPath finds hledger. CI installs it (.ci/run) and sets
// LUMBUNG_TEST_HLEDGER=require, under which a missing hledger fails the test
// instead of skipping it: the cross-check never silently goes missing. The
// switch is hledger's own, so a machine that requires Postgres but has no
// hledger can still run every other test.
func hledgerPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("hledger")
	if err == nil {
		return path
	}
	if os.Getenv("LUMBUNG_TEST_HLEDGER") == "require" {
		t.Fatalf("hledger is required under LUMBUNG_TEST_HLEDGER=require but is not on PATH (apt-get install hledger): %v", err)
	}
	t.Skip("hledger is not on PATH, skipping the cross-check of the export (apt-get install hledger; LUMBUNG_TEST_HLEDGER=require fails instead)")
	return ""
}

// hledgerRoots are the top-level account names the export uses, as hledger
// reports them.
var hledgerRoots = map[ledger.Type]string{
	ledger.Asset: "assets", ledger.Liability: "liabilities", ledger.Equity: "equity",
	ledger.Income: "revenues", ledger.Expense: "expenses",
}

// hledgerBalance is one account's balance as hledger reports it: debits
// minus credits in the currency's minor units. hledger shows the balance of
// an account without postings as a bare 0, so a zero balance is compared
// without its currency.
type hledgerBalance struct {
	Root     string
	Currency string
	NetMinor int64
}

// hledgerTimeout bounds one hledger run; it reads a year of the demo in
// well under a second.
const hledgerTimeout = time.Minute

// hledgerAccount splits a journal account name into its root and its code.
var hledgerAccount = regexp.MustCompile(`^([a-z]+):([A-Za-z0-9._-]+)(?: .*)?$`)

// hledgerBalances runs hledger's balance report on a journal, with --strict
// (every account and commodity declared) and every declared account listed
// (--empty --declared), and returns the balances by account code. It fails
// the test unless every commodity totals zero.
func hledgerBalances(t *testing.T, hledger, journal string) map[string]hledgerBalance {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hledgerTimeout)
	defer cancel()
	args := []string{"-f", journal, "--strict", "balance", "--flat", "--empty", "--declared", "--layout=bare", "--output-format=csv"}
	started := time.Now()
	out, err := exec.CommandContext(ctx, hledger, args...).Output()
	if err != nil {
		t.Fatalf("hledger %s: %v\n%s", strings.Join(args, " "), err, stderrOf(err))
	}
	t.Logf("hledger %s: %s", strings.Join(args, " "), time.Since(started).Round(time.Millisecond))
	rows, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil || len(rows) == 0 || !cmp.Equal(rows[0], []string{"account", "commodity", "balance"}) {
		t.Fatalf("hledger's CSV: %v, %.200q", err, out)
	}
	got := map[string]hledgerBalance{}
	totals := map[string]int64{}
	for _, row := range rows[1:] {
		if row[0] == "total" {
			if row[2] != "0" {
				t.Errorf("hledger's total in %q is %s, want 0", row[1], row[2])
			}
			continue
		}
		b, code := parseHledgerRow(t, row)
		if _, dup := got[code]; dup {
			t.Errorf("hledger reports account %s more than once (in several commodities?)", code)
		}
		got[code] = b
		totals[b.Currency] += b.NetMinor
	}
	for currency, total := range totals {
		if total != 0 {
			t.Errorf("hledger's balances in %s add up to %d, want 0", currency, total)
		}
	}
	return got
}

func parseHledgerRow(t *testing.T, row []string) (hledgerBalance, string) {
	t.Helper()
	m := hledgerAccount.FindStringSubmatch(row[0])
	if m == nil {
		t.Fatalf("hledger account %q: not <root>:<code> <name>", row[0])
	}
	b := hledgerBalance{Root: m[1], Currency: row[1]}
	if row[1] == "" { // hledger shows a zero balance without its commodity
		if row[2] != "0" {
			t.Fatalf("hledger account %q: balance %q without a commodity", row[0], row[2])
		}
		return b, m[2]
	}
	cur, err := ledger.ParseCurrency(row[1])
	if err != nil {
		t.Fatalf("hledger account %q: commodity %q: %v", row[0], row[1], err)
	}
	amount, err := ledger.ParseAmount("balance", row[2])
	if err == nil {
		b.NetMinor, err = ledger.ToMinor("balance", amount, cur)
	}
	if err != nil {
		t.Fatalf("hledger account %q: balance %q: %v", row[0], row[2], err)
	}
	if b.NetMinor == 0 {
		b.Currency = ""
	}
	return b, m[2]
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return fmt.Sprint(err)
}
