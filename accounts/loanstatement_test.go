package accounts_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestLoanStatement reads a loan back as its borrower does: lent, charged
// a penalty, repaid, each entry with what it did to the principal, the
// interest and the penalty, and the principal owed after it.
func TestLoanStatement(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		l := disbursed(t, w, flatLoan(w, 0))
		if _, err := w.Lending.AssessPenalties(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 3, 10)); err != nil {
			t.Fatal(err)
		}
		// 330,000 pays both penalties (10,000), 20,000 of interest and
		// 300,000 of principal (TestLoans works the allocation by hand).
		repay(t, w, l.ID, "330000", ledger.NewDate(2026, 3, 10))

		type line struct {
			Date                                    string
			Principal, Interest, Penalty, OwedAfter int64
		}
		lines := func(st lending.LoanStatement) []line {
			var out []line
			for _, l := range st.Lines {
				out = append(out, line{l.EffectiveDate.String(), l.PrincipalMinor, l.InterestMinor, l.PenaltyMinor, l.OutstandingMinor})
			}
			return out
		}

		t.Run("EachEntryWithWhatItDidToTheLoan", func(t *testing.T) {
			st, err := w.Lending.FindLoanStatement(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 1, 1), ledger.NewDate(2026, 3, 31))
			if err != nil {
				t.Fatal(err)
			}
			want := []line{
				{"2026-01-05", 1200000, 0, 0, 1200000},
				{"2026-03-10", 0, 0, 10000, 1200000},
				{"2026-03-10", -300000, 20000, -10000, 900000},
			}
			if diff := cmp.Diff(want, lines(st)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if st.OpeningMinor != 0 || st.ClosingMinor != 900000 || st.Borrower != w.Members[0].Name {
				t.Errorf("opening %d, closing %d, borrower %q; want 0, 900000, %q", st.OpeningMinor, st.ClosingMinor, st.Borrower, w.Members[0].Name)
			}
		})

		t.Run("APeriodOpensOnWhatWasOwedBeforeIt", func(t *testing.T) {
			st, err := w.Lending.FindLoanStatement(ctx, w.MemberActor[0], w.Cooperative.ID, l.ID, ledger.NewDate(2026, 2, 1), ledger.NewDate(2026, 2, 28))
			if err != nil {
				t.Fatal(err)
			}
			if st.OpeningMinor != 1200000 || st.ClosingMinor != 1200000 || len(st.Lines) != 0 {
				t.Errorf("February: opening %d, closing %d, %d lines; want 1200000 twice and none", st.OpeningMinor, st.ClosingMinor, len(st.Lines))
			}
		})

		t.Run("ALoanNotYetLentHasNothingYet", func(t *testing.T) {
			pending, err := w.Lending.ApplyLoan(ctx, w.Treasurer, w.Cooperative.ID, flatLoan(w, 1))
			if err != nil {
				t.Fatal(err)
			}
			st, err := w.Lending.FindLoanStatement(ctx, w.Treasurer, w.Cooperative.ID, pending.ID, ledger.NewDate(2026, 1, 1), ledger.NewDate(2026, 3, 31))
			if err != nil || len(st.Lines) != 0 || st.ClosingMinor != 0 {
				t.Errorf("a pending loan's statement: %+v, %v; want empty", st, err)
			}
		})

		t.Run("OnlyItsTreasurerAndItsBorrower", func(t *testing.T) {
			_, err := w.Lending.FindLoanStatement(ctx, w.MemberActor[1], w.Cooperative.ID, l.ID, ledger.NewDate(2026, 1, 1), ledger.NewDate(2026, 3, 31))
			accountstest.WantCode(t, err, ledger.KindNotFound, "loan.not_found")
			_, err = w.Lending.FindLoanStatement(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 3, 31), ledger.NewDate(2026, 1, 1))
			accountstest.WantCode(t, err, ledger.KindInvalid, "statement.period")
		})
	})
}
