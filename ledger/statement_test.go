package ledger_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestAccountStatement(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)
		for _, day := range []int{3, 10, 17, 24} {
			in := lt.Transfer("1100", "2130", "1000")
			in.EffectiveDate = ledger.NewDate(2026, 4, day)
			if _, err := l.Post(ctx, b.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		acct, err := l.FindAccountByCode(ctx, b.ID, "2130")
		if err != nil {
			t.Fatal(err)
		}

		t.Run("ClosingIsTheBalanceAtTheEnd", func(t *testing.T) {
			from, to := ledger.NewDate(2026, 4, 5), ledger.NewDate(2026, 4, 20)
			st, err := l.AccountStatement(ctx, acct, from, to)
			if err != nil {
				t.Fatal(err)
			}
			want, err := l.BalanceAsOf(ctx, acct, to)
			if err != nil {
				t.Fatal(err)
			}
			if st.OpeningMinor != 1000 || len(st.Lines) != 2 || st.ClosingMinor != want || want != 3000 {
				t.Errorf("opening %d, %d lines, closing %d (balance %d); want 1000, 2, 3000", st.OpeningMinor, len(st.Lines), st.ClosingMinor, want)
			}
		})

		t.Run("RefusesAPeriodEndingBeforeItStarts", func(t *testing.T) {
			_, err := l.AccountStatement(ctx, acct, ledger.NewDate(2026, 4, 20), ledger.NewDate(2026, 4, 5))
			wantKind(t, err, ledger.KindInvalid, "statement.period")
		})
	})
}
