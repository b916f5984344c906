package demo_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/demo"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestMain(m *testing.M) { ledgertest.Main(m) }

func TestSeed(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
		ctx := context.Background()
		ledgertest.MustMigrate(t, db)
		s := accountstest.NewServices(ledger.New(db), services.Options{})
		today := ledger.NewDate(2026, 11, 23)
		logins, err := demo.Seed(ctx, s, today, demo.Options{})
		if err != nil {
			t.Fatal(err)
		}

		t.Run("KeepsEveryLedgerInvariant", func(t *testing.T) {
			ledgertest.MustVerify(t, db, "", services.Checks()...)
		})

		t.Run("EveryDemoLoginSignsIn", func(t *testing.T) {
			for _, l := range logins {
				if _, err := s.Identity.Login(ctx, l.Login, l.Password); err != nil {
					t.Errorf("%s (%s): %v", l.Login, l.Role, err)
				}
			}
			if len(logins) != 5 {
				t.Errorf("%d logins, want admin, two treasurers, a partner and a member", len(logins))
			}
		})

		t.Run("HasTheYearItPromises", func(t *testing.T) {
			count := func(table, where string, args ...any) int {
				n, err := db.NewSelect().Table(table).Where(where, args...).Count(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return int(n)
			}
			for _, c := range []struct {
				what string
				got  int
				want int
			}{
				{"groups", count("groups", "1 = 1"), 3},
				{"members", count("members", "1 = 1"), 60},
				{"members who left", count("members", "exited_on IS NOT NULL"), 1},
				{"partners", count("partners", "1 = 1"), 2},
				{"written-off loans", count("loans", "status = ?", lending.LoanWrittenOff), 1},
				{"meetings", count("meetings", "1 = 1"), 3 * 51},
				{"closed years (2025, at the first meeting of 2026)", count("year_ends", "year = 2025"), 1},
				{"members with a share of 2025's SHU", count("shu_shares", "year = 2025 AND capital_minor > 0"), 60},
			} {
				if c.got != c.want {
					t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
				}
			}
			if n := count("loan_penalties", "1 = 1"); n == 0 {
				t.Error("no late penalties: the late payers paid on time")
			}
		})

		t.Run("RefusesADatabaseWithBooks", func(t *testing.T) {
			_, err := demo.Seed(ctx, s, today, demo.Options{})
			if e := ledger.AsError(err); e == nil || e.Code != "demo.not_empty" {
				t.Errorf("second seed: %v, want demo.not_empty", err)
			}
		})
	})
}
