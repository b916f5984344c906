package ledger_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestAccountsOnDays(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)
		// Sukarela deposits of 1,000 on 3, 10, 17 and 24 April and 700 on
		// 2 May; a withdrawal of 500 on 20 April.
		post := func(debit, credit, amount string, day ledger.Date) {
			in := lt.Transfer(debit, credit, amount)
			in.EffectiveDate = day
			if _, err := l.Post(ctx, b.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		for _, day := range []int{3, 10, 17, 24} {
			post("1100", "2130", "1000", ledger.NewDate(2026, 4, day))
		}
		post("2130", "1100", "500", ledger.NewDate(2026, 4, 20))
		post("1100", "2130", "700", ledger.NewDate(2026, 5, 2))
		days := []ledger.Date{ledger.NewDate(2026, 3, 31), ledger.NewDate(2026, 4, 15), ledger.NewDate(2026, 4, 30), ledger.NewDate(2026, 5, 31)}

		t.Run("BalancesAtEachDayEnd", func(t *testing.T) {
			got, err := ledger.AccountsOnDays(ctx, db, b.ID, days, ledger.Accounts{Codes: []string{"2130"}})
			if err != nil {
				t.Fatal(err)
			}
			want := []int64{0, 2000, 3500, 4200}
			for i, accts := range got {
				if len(accts) != 1 || accts[0].BalanceMinor != want[i] {
					t.Errorf("on %s: %+v, want sukarela at %d", days[i], accts, want[i])
				}
			}
		})

		t.Run("EqualsAccountsOnEachDay", func(t *testing.T) {
			got, err := ledger.AccountsOnDays(ctx, db, b.ID, days, ledger.Accounts{})
			if err != nil {
				t.Fatal(err)
			}
			for i, day := range days {
				want, err := ledger.AccountsOn(ctx, db, b.ID, day, ledger.Accounts{})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(balances(want), balances(got[i])); diff != "" {
					t.Errorf("on %s (-AccountsOn +AccountsOnDays):\n%s", day, diff)
				}
			}
		})

		t.Run("TheWholeBookInOnePassEqualsEachAccountAlone", func(t *testing.T) {
			for _, day := range days {
				whole, err := ledger.AccountsOn(ctx, db, b.ID, day, ledger.Accounts{})
				if err != nil {
					t.Fatal(err)
				}
				if len(whole) != 5 {
					t.Fatalf("on %s: %d accounts, want the chart's 5", day, len(whole))
				}
				for _, a := range whole {
					alone, err := ledger.AccountsOn(ctx, db, b.ID, day, ledger.Accounts{Codes: []string{a.Code}})
					if err != nil {
						t.Fatal(err)
					}
					if len(alone) != 1 || alone[0].BalanceMinor != a.BalanceMinor {
						t.Errorf("on %s, %s: %d in the whole book, %+v alone", day, a.Code, a.BalanceMinor, alone)
					}
				}
			}
		})

		t.Run("AWideFilterInOnePassEqualsTheWholeBook", func(t *testing.T) {
			// More codes than a filter probes one by one, most of them of no
			// account: the book is read in one pass, then narrowed.
			codes := []string{"1100", "2130"}
			for i := range 60 {
				codes = append(codes, fmt.Sprintf("none.%d", i))
			}
			wide := ledger.Accounts{Codes: codes}
			got, err := ledger.AccountsOnDays(ctx, db, b.ID, days, wide)
			if err != nil {
				t.Fatal(err)
			}
			for i, day := range days {
				whole, err := ledger.AccountsOn(ctx, db, b.ID, day, ledger.Accounts{})
				if err != nil {
					t.Fatal(err)
				}
				want := balances(whole)
				want = map[string]int64{"1100": want["1100"], "2130": want["2130"]}
				if diff := cmp.Diff(want, balances(got[i])); diff != "" {
					t.Errorf("on %s (-whole book +wide filter):\n%s", day, diff)
				}
			}
		})

		t.Run("CreditsByEachDay", func(t *testing.T) {
			sukarela, err := l.FindAccountByCode(ctx, b.ID, "2130")
			if err != nil {
				t.Fatal(err)
			}
			got, err := ledger.CreditsOn(ctx, db, sukarela, days)
			if err != nil {
				t.Fatal(err)
			}
			// The withdrawal debits; only the deposits count.
			if diff := cmp.Diff([]int64{0, 2000, 4000, 4700}, got); diff != "" {
				t.Errorf("credits by day (-want +got):\n%s", diff)
			}
		})

		t.Run("RefusesDaysOutOfOrder", func(t *testing.T) {
			_, err := ledger.AccountsOnDays(ctx, db, b.ID, []ledger.Date{days[1], days[0]}, ledger.Accounts{})
			wantKind(t, err, ledger.KindInvalid, "ledger.days")
			_, err = ledger.AccountsOnDays(ctx, db, b.ID, nil, ledger.Accounts{})
			wantKind(t, err, ledger.KindInvalid, "ledger.days")
		})
	})
}

// balances indexes accounts' balances by code.
func balances(accts []ledger.Account) map[string]int64 {
	out := make(map[string]int64, len(accts))
	for _, a := range accts {
		out[a.Code] = a.BalanceMinor
	}
	return out
}
