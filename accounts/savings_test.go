package accounts_test

import (
	"context"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func money(amount string) accounts.MoneyInput { return accounts.MoneyInput{Amount: amount} }

func TestSavings(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		if _, err := s.Core.UpdateSavingsRules(ctx, tr, coop, accounts.SavingsRulesInput{Pokok: "50000", Wajib: "10000", WajibFrequency: "monthly"}); err != nil {
			t.Fatal(err)
		}
		siti := w.Members[0]

		t.Run("DepositCreditsHerAccountAndTheCashBox", func(t *testing.T) {
			if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: accounts.Sukarela, MoneyInput: money("25000")}); err != nil {
				t.Fatal(err)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.MemberAccountCode(accounts.Sukarela, siti.Number)); got != 25000 {
				t.Errorf("her sukarela balance is %d, want 25000", got)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.CodeCash); got < 25000 {
				t.Errorf("cash is %d, want at least 25000", got)
			}
		})

		t.Run("PokokIsPaidOnceUpToTheSetAmount", func(t *testing.T) {
			in := savings.SavingsInput{MemberID: siti.ID, Type: accounts.Pokok, MoneyInput: money("50000")}
			if _, err := s.Savings.Deposit(ctx, tr, coop, in); err != nil {
				t.Fatal(err)
			}
			in.Amount = "1"
			_, err := s.Savings.Deposit(ctx, tr, coop, in)
			accountstest.WantCode(t, err, ledger.KindConflict, "savings.pokok_exceeded")
		})

		t.Run("PokokAndWajibAreNotWithdrawn", func(t *testing.T) {
			_, err := s.Savings.Withdraw(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: accounts.Wajib, MoneyInput: money("1000")})
			accountstest.WantCode(t, err, ledger.KindInvalid, "savings.invalid")
		})

		t.Run("SukarelaNeverBelowZeroUnderConcurrentWithdrawals", func(t *testing.T) {
			dewi := w.Members[1]
			if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: dewi.ID, Type: accounts.Sukarela, MoneyInput: money("30000")}); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			results := make([]error, 8)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, results[i] = s.Savings.Withdraw(ctx, tr, coop, savings.SavingsInput{MemberID: dewi.ID, Type: accounts.Sukarela, MoneyInput: money("10000")})
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range results {
				switch {
				case err == nil:
					ok++
				case ledger.AsError(err) == nil || ledger.AsError(err).Code != "account.below_floor":
					t.Errorf("unexpected error: %v", err)
				}
			}
			if ok != 3 {
				t.Errorf("%d withdrawals of 10000 from 30000 succeeded, want 3", ok)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.MemberAccountCode(accounts.Sukarela, dewi.Number)); got != 0 {
				t.Errorf("her balance is %d, want 0", got)
			}
		})

		t.Run("WajibArrearsCountUnpaidPeriods", func(t *testing.T) {
			if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: accounts.Wajib, MoneyInput: money("10000")}); err != nil {
				t.Fatal(err)
			}
			asOf := siti.JoinedOn.AddDays(65) // the joining month and two more
			got, err := s.Savings.FindMemberSavings(ctx, tr, coop, siti.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			want := savings.WajibStatus{PeriodsDue: 3, DueMinor: 30000, PaidMinor: 10000, ArrearsMinor: 20000}
			if got.Wajib != want {
				t.Errorf("wajib status %+v, want %+v", got.Wajib, want)
			}
		})

		t.Run("MemberReadsOnlyHerOwnSavings", func(t *testing.T) {
			if _, err := s.Savings.FindMemberSavings(ctx, w.MemberActor[0], coop, siti.ID, ledger.Date{}); err != nil {
				t.Errorf("her own savings: %v", err)
			}
			_, err := s.Savings.FindMemberSavings(ctx, w.MemberActor[1], coop, siti.ID, ledger.Date{})
			accountstest.WantCode(t, err, ledger.KindNotFound, "member.not_found")
		})
	})
}

func TestWajibPeriodsDue(t *testing.T) {
	d := ledger.NewDate
	for _, tc := range []struct {
		name      string
		frequency string
		joined    ledger.Date
		asOf      ledger.Date
		want      int
	}{
		{"WeeklyOnTheJoiningDay", "weekly", d(2026, 1, 6), d(2026, 1, 6), 1},
		{"WeeklyAfterSixDays", "weekly", d(2026, 1, 6), d(2026, 1, 12), 1},
		{"WeeklyAfterAWeek", "weekly", d(2026, 1, 6), d(2026, 1, 13), 2},
		{"MonthlyBeforeTheJoiningDay", "monthly", d(2026, 1, 15), d(2026, 2, 14), 1},
		{"MonthlyOnTheJoiningDay", "monthly", d(2026, 1, 15), d(2026, 2, 15), 2},
		{"MonthlyJoinedOnThe31st", "monthly", d(2026, 1, 31), d(2026, 2, 28), 2},
		{"BeforeJoining", "monthly", d(2026, 3, 1), d(2026, 2, 1), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := savings.WajibPeriodsDue(tc.frequency, tc.joined, tc.asOf); got != tc.want {
				t.Errorf("got %d periods, want %d", got, tc.want)
			}
		})
	}
}

func TestCapitalAndExpenses(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		book := w.Cooperative.BookID

		t.Run("TrancheCreditsTheFacilityUpToItsCommitment", func(t *testing.T) {
			if _, err := s.Capital.ReceiveTranche(ctx, tr, coop, w.Facility.ID, money("30000000")); err != nil {
				t.Fatal(err)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), book, w.Facility.AccountCode); got != 30000000 {
				t.Errorf("facility account holds %d, want 30000000", got)
			}
			_, err := s.Capital.ReceiveTranche(ctx, tr, coop, w.Facility.ID, money("20000001"))
			accountstest.WantCode(t, err, ledger.KindConflict, "facility.over_commitment")
		})

		t.Run("AnotherCooperativesTreasurerCannotReceive", func(t *testing.T) {
			other := accountstest.NewWorld(t, db)
			_, err := s.Capital.ReceiveTranche(ctx, other.Treasurer, coop, w.Facility.ID, money("1000"))
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
		})

		t.Run("GrantIsNotRepaid", func(t *testing.T) {
			_, err := s.Capital.RepayFacility(ctx, tr, coop, w.Facility.ID, capital.FacilityRepaymentInput{Principal: "1000"})
			accountstest.WantCode(t, err, ledger.KindInvalid, "facility.invalid")
		})

		t.Run("LoanFacilityRepaymentSplitsPrincipalAndInterest", func(t *testing.T) {
			loan, err := s.Core.CreateFacility(ctx, accounts.Operator, w.Partner.ID, accounts.FacilityInput{
				CooperativeID: coop, Kind: accounts.FacilityLoan, Committed: "10000000"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Capital.ReceiveTranche(ctx, tr, coop, loan.ID, money("10000000")); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Capital.RepayFacility(ctx, tr, coop, loan.ID, capital.FacilityRepaymentInput{Principal: "1000000", Interest: "150000"}); err != nil {
				t.Fatal(err)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), book, loan.AccountCode); got != 9000000 {
				t.Errorf("owed to the partner %d, want 9000000", got)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), book, accounts.CodeInterestExpense); got != 150000 {
				t.Errorf("interest expense %d, want 150000", got)
			}
			_, err = s.Capital.RepayFacility(ctx, tr, coop, loan.ID, capital.FacilityRepaymentInput{Principal: "9000001"})
			accountstest.WantCode(t, err, ledger.KindConflict, "account.below_floor")
		})

		t.Run("ExpenseNeedsACategoryAndAnExpenseAccount", func(t *testing.T) {
			if _, err := s.Books.RecordExpense(ctx, tr, coop, books.FlowInput{Category: "transport", MoneyInput: money("15000")}); err != nil {
				t.Fatal(err)
			}
			_, err := s.Books.RecordExpense(ctx, tr, coop, books.FlowInput{Account: accounts.CodeCash, Category: "x", MoneyInput: money("1")})
			accountstest.WantCode(t, err, ledger.KindInvalid, "expense.invalid")
			_, err = s.Books.RecordIncome(ctx, tr, coop, books.FlowInput{MoneyInput: money("1")})
			accountstest.WantCode(t, err, ledger.KindInvalid, "income.other.invalid")
		})
	})
}
