package accounts_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestOperationsReplayTheirIdempotencyKey(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		if _, err := s.Core.UpdateSavingsRules(ctx, tr, coop, accounts.SavingsRulesInput{Pokok: "50000"}); err != nil {
			t.Fatal(err)
		}
		siti := w.Members[0].ID

		t.Run("ARetriedPokokDepositThatFilledItReplays", func(t *testing.T) {
			in := savings.SavingsInput{MemberID: siti, Type: accounts.Pokok, MoneyInput: accounts.MoneyInput{Amount: "50000", IdempotencyKey: "pokok-1"}}
			first, err := s.Savings.Deposit(ctx, tr, coop, in)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.Savings.Deposit(ctx, tr, coop, in)
			if err != nil || !again.Replayed || again.ID != first.ID {
				t.Fatalf("retry: %v, replayed %v; want the first entry back", err, again.Replayed)
			}
		})

		t.Run("ARetriedRepaymentReplaysItsAllocation", func(t *testing.T) {
			l := disbursed(t, w, flatLoan(w, 1))
			in := accounts.MoneyInput{Amount: "312000", Date: ledger.NewDate(2026, 2, 5), IdempotencyKey: "repay-1"}
			first, err := s.Lending.RepayLoan(ctx, tr, coop, l.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.Lending.RepayLoan(ctx, tr, coop, l.ID, in)
			if err != nil || !again.Entry.Replayed || again.Allocation != first.Allocation {
				t.Fatalf("retry: %v, replayed %v, allocation %+v; want %+v", err, again.Entry.Replayed, again.Allocation, first.Allocation)
			}
			if again.Loan.Position.PaidInstallments != 1 {
				t.Errorf("after the replay %d installments paid, want 1", again.Loan.Position.PaidInstallments)
			}
		})

		t.Run("TheSameKeyForADifferentAmountConflicts", func(t *testing.T) {
			in := savings.SavingsInput{MemberID: siti, Type: accounts.Sukarela, MoneyInput: accounts.MoneyInput{Amount: "10000", IdempotencyKey: "sukarela-1"}}
			if _, err := s.Savings.Deposit(ctx, tr, coop, in); err != nil {
				t.Fatal(err)
			}
			in.Amount = "20000"
			_, err := s.Savings.Deposit(ctx, tr, coop, in)
			accountstest.WantCode(t, err, ledger.KindConflict, "entry.idempotency_key_reused")
		})

		t.Run("AKeyFromAnotherOperationConflicts", func(t *testing.T) {
			in := savings.SavingsInput{MemberID: w.Members[1].ID, Type: accounts.Sukarela, MoneyInput: accounts.MoneyInput{Amount: "1000", IdempotencyKey: "pokok-1"}}
			_, err := s.Savings.Deposit(ctx, tr, coop, in)
			accountstest.WantCode(t, err, ledger.KindConflict, "entry.idempotency_key_reused")
		})

		t.Run("LoanAndFacilityCodesAreReserved", func(t *testing.T) {
			for _, code := range []string{"1300.L9999", "4100.X", "3300.F99"} {
				_, err := s.Books.CreateLedgerAccount(ctx, tr, coop, ledger.AccountInput{Code: code, Name: "x", Type: ledger.Asset})
				accountstest.WantCode(t, err, ledger.KindInvalid, "account.invalid")
			}
		})

		t.Run("AnUnknownMemberIsNotFound", func(t *testing.T) {
			_, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Partner.ID, Type: accounts.Sukarela, MoneyInput: accounts.MoneyInput{Amount: "1"}})
			accountstest.WantCode(t, err, ledger.KindNotFound, "member.not_found")
		})
	})
}
