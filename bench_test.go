package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestBenchCommand(t *testing.T) {
	t.Run("MeasuresEveryScenarioOnItsOwnServer", func(t *testing.T) {
		// The bench makes its own database beside this one, on the same
		// server: any database of it serves as the admin URL.
		_, databaseURL := ledgertest.NewPostgres(t)
		t.Setenv(runAsLumbung, "1") // the bench's server is this binary
		r := lumbung(t, nil, "bench", "-admin-url", databaseURL, "-duration", "200ms", "-clients", "1,2", "-accounts", "4")
		wantCode(t, r, exitOK)

		cells := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) != 10 {
				t.Fatalf("line %q: got %d columns, want 10", line, len(f))
			}
			cells[f[0]+" "+f[1]] = true
			rate, _ := strconv.ParseFloat(f[2], 64)
			trips, _ := strconv.ParseFloat(f[8], 64)
			if rate <= 0 || trips <= 0 || f[9] != "0" {
				t.Errorf("%s, %s clients: got %s tx/s, %s round trips, %s errors; want both positive, no errors", f[0], f[1], f[2], f[8], f[9])
			}
			if strings.HasPrefix(f[0], "post/") && f[5] == "-" {
				t.Errorf("%s, %s clients: no ceiling", f[0], f[1])
			}
		}
		for _, s := range []string{"post/uniform/1book", "post/hot/1book", "post/uniform/16books",
			"read/balance", "read/trial-balance", "read/trial-balance/as-of"} {
			for _, n := range []string{"1", "2"} {
				if !cells[s+" "+n] {
					t.Errorf("no line for %s with %s clients", s, n)
				}
			}
		}
	})
}
