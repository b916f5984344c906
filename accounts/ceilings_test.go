package accounts_test

import (
	"context"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// concurrently runs n calls of fn at once and counts the successes; every
// failure must carry the code refused.
func concurrently(t *testing.T, n int, refused string, fn func() error) int {
	t.Helper()
	var wg sync.WaitGroup
	results := make([]error, n)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = fn()
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case ledger.CodeOf(err) != refused:
			t.Errorf("unexpected error: %v", err)
		}
	}
	return ok
}

// TestCeilingsUnderConcurrency sends each "never beyond" rule more
// requests at once than it can accept and counts exactly the ones that may
// pass; the books are verified with the cooperative checks when each world
// ends.
func TestCeilingsUnderConcurrency(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()

		t.Run("FacilityNeverReceivesBeyondItsCommitment", func(t *testing.T) {
			w := accountstest.NewWorld(t, db) // committed: 50,000,000
			ok := concurrently(t, 8, "facility.over_commitment", func() error {
				_, err := w.Capital.ReceiveTranche(ctx, w.Treasurer, w.Cooperative.ID, w.Facility.ID, money("30000000"))
				return err
			})
			if ok != 1 {
				t.Errorf("%d tranches of 60%% of the commitment were received, want 1", ok)
			}
			if got := lt.MustBalance(t, w.Core.Ledger(), w.Cooperative.BookID, w.Facility.AccountCode); got != 30000000 {
				t.Errorf("the facility's account holds %d, want 30000000", got)
			}
		})

		t.Run("PokokNeverBeyondTheAmount", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			if _, err := w.Core.UpdateSavingsRules(ctx, w.Treasurer, w.Cooperative.ID, accounts.SavingsRulesInput{Pokok: "50000"}); err != nil {
				t.Fatal(err)
			}
			siti := w.Members[0]
			ok := concurrently(t, 8, "savings.pokok_exceeded", func() error {
				_, err := w.Savings.Deposit(ctx, w.Treasurer, w.Cooperative.ID,
					savings.SavingsInput{MemberID: siti.ID, Type: accounts.Pokok, MoneyInput: money("20000")})
				return err
			})
			if ok != 2 {
				t.Errorf("%d pokok deposits of 20000 against 50000 succeeded, want 2", ok)
			}
			if got := lt.MustBalance(t, w.Core.Ledger(), w.Cooperative.BookID, accounts.MemberAccountCode(accounts.Pokok, siti.Number)); got != 40000 {
				t.Errorf("her pokok is %d, want 40000", got)
			}
		})

		t.Run("FacilityLendsAtMostWhatItReceived", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s, coop := w.Services, w.Cooperative.ID
			if _, err := s.Capital.ReceiveTranche(ctx, w.Treasurer, coop, w.Facility.ID, accounts.MoneyInput{Amount: "3000000", Date: ledger.NewDate(2026, 1, 2)}); err != nil {
				t.Fatal(err)
			}
			// Members' savings fill the cash box, as in any cooperative: the
			// cash box is not what stops the loans.
			if _, err := s.Savings.Deposit(ctx, w.Treasurer, coop, savings.SavingsInput{MemberID: w.Members[1].ID, Type: accounts.Sukarela,
				MoneyInput: accounts.MoneyInput{Amount: "20000000", Date: ledger.NewDate(2026, 1, 2)}}); err != nil {
				t.Fatal(err)
			}
			ids := make(chan string, 6)
			for range cap(ids) {
				l, err := s.Lending.ApplyLoan(ctx, w.Treasurer, coop, flatLoan(w, 0))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.Lending.ApproveLoan(ctx, w.Approver, coop, l.ID); err != nil {
					t.Fatal(err)
				}
				ids <- l.ID
			}
			close(ids)
			ok := concurrently(t, cap(ids), "facility.insufficient", func() error {
				_, _, err := s.Lending.DisburseLoan(ctx, w.Treasurer, coop, <-ids, accounts.MoneyInput{Date: ledger.NewDate(2026, 1, 5)})
				return err
			})
			if ok != 2 {
				t.Errorf("%d loans of 1,200,000 were disbursed on 3,000,000 received, want 2", ok)
			}
		})

		t.Run("PokokIsNotLoweredBelowWhatWasPaid", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s, coop := w.Services, w.Cooperative.ID
			if _, err := s.Core.UpdateSavingsRules(ctx, w.Treasurer, coop, accounts.SavingsRulesInput{Pokok: "50000"}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Savings.Deposit(ctx, w.Treasurer, coop, savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Pokok, MoneyInput: money("50000")}); err != nil {
				t.Fatal(err)
			}
			_, err := s.Core.UpdateSavingsRules(ctx, w.Treasurer, coop, accounts.SavingsRulesInput{Pokok: "25000"})
			accountstest.WantCode(t, err, ledger.KindConflict, "savings.pokok_below_paid")
			got, err := s.Core.FindCooperativeByID(ctx, w.Treasurer, coop)
			if err != nil {
				t.Fatal(err)
			}
			if got.Savings.PokokMinor != 50000 {
				t.Errorf("pokok is %d after the refused change, want 50000", got.Savings.PokokMinor)
			}
			// Raising it lets her pay the difference, and no more.
			if _, err := s.Core.UpdateSavingsRules(ctx, w.Treasurer, coop, accounts.SavingsRulesInput{Pokok: "60000"}); err != nil {
				t.Fatal(err)
			}
			in := savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Pokok, MoneyInput: money("10000")}
			if _, err := s.Savings.Deposit(ctx, w.Treasurer, coop, in); err != nil {
				t.Fatal(err)
			}
			_, err = s.Savings.Deposit(ctx, w.Treasurer, coop, in)
			accountstest.WantCode(t, err, ledger.KindConflict, "savings.pokok_exceeded")
		})
	})
}
