package accounts_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func lineOf(sec reports.Section, code string) int64 {
	for _, l := range sec.Lines {
		if l.Code == code {
			return l.AmountMinor
		}
	}
	return -1
}

func TestStatements(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db) // a 10,000,000 grant received on 2026-01-02
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		siti := w.Members[0]
		for _, d := range []struct {
			amount string
			on     ledger.Date
		}{{"20000", ledger.NewDate(2026, 1, 10)}, {"30000", ledger.NewDate(2026, 2, 10)}, {"5000", ledger.NewDate(2026, 3, 10)}} {
			if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: accounts.Sukarela,
				MoneyInput: accounts.MoneyInput{Amount: d.amount, Date: d.on}}); err != nil {
				t.Fatal(err)
			}
		}
		l := disbursed(t, w, flatLoan(w, 1)) // 1,200,000 on 2026-01-05, fee 12,000
		repay(t, w, l.ID, "312000", ledger.NewDate(2026, 2, 5))
		if _, err := s.Books.RecordExpense(ctx, tr, coop, books.FlowInput{Category: "transport",
			MoneyInput: accounts.MoneyInput{Amount: "7000", Date: ledger.NewDate(2026, 2, 20)}}); err != nil {
			t.Fatal(err)
		}

		t.Run("MemberStatementRunsFromOpeningToClosing", func(t *testing.T) {
			st, err := s.Reports.MemberStatement(ctx, w.MemberActor[0], coop, siti.ID, accounts.Sukarela, ledger.NewDate(2026, 2, 1), ledger.NewDate(2026, 3, 31))
			if err != nil {
				t.Fatal(err)
			}
			if st.OpeningMinor != 20000 || len(st.Lines) != 2 || st.ClosingMinor != 55000 || st.Lines[0].BalanceMinor != 50000 {
				t.Errorf("opening %d, %d lines, closing %d; want 20000, 2, 55000", st.OpeningMinor, len(st.Lines), st.ClosingMinor)
			}
		})

		t.Run("AnotherMemberCannotReadHerStatement", func(t *testing.T) {
			_, err := s.Reports.MemberStatement(ctx, w.MemberActor[1], coop, siti.ID, accounts.Sukarela, ledger.NewDate(2026, 1, 1), ledger.NewDate(2026, 12, 31))
			accountstest.WantCode(t, err, ledger.KindNotFound, "member.not_found")
		})

		t.Run("BalanceSheetBalancesAndGroupsSubAccounts", func(t *testing.T) {
			bs, err := s.Reports.BalanceSheet(ctx, tr, coop, ledger.NewDate(2026, 2, 28))
			if err != nil {
				t.Fatal(err)
			}
			if got := lineOf(bs.Liabilities, accounts.CodeSukarela); got != 50000 {
				t.Errorf("sukarela savings %d on 28 February, want 50000", got)
			}
			if got := lineOf(bs.Assets, accounts.CodeLoansReceivable); got != 900000 {
				t.Errorf("loans to members %d, want the 900000 outstanding", got)
			}
			if got := lineOf(bs.Equity, accounts.CodeGrants); got != 10000000 {
				t.Errorf("grants %d, want 10000000", got)
			}
			// Fee 12,000 + interest 12,000 - expense 7,000.
			if bs.SurplusMinor != 17000 {
				t.Errorf("surplus %d, want 17000", bs.SurplusMinor)
			}
		})

		t.Run("IncomeStatementCountsOnlyThePeriod", func(t *testing.T) {
			is, err := s.Reports.IncomeStatement(ctx, tr, coop, ledger.NewDate(2026, 2, 1), ledger.NewDate(2026, 2, 28))
			if err != nil {
				t.Fatal(err)
			}
			if got := lineOf(is.Income, accounts.CodeInterestIncome); got != 12000 {
				t.Errorf("interest income %d in February, want 12000", got)
			}
			if lineOf(is.Income, accounts.CodeFeeIncome) != 0 || is.SurplusMinor != 5000 {
				t.Errorf("February: fee %d, surplus %d; want 0 (the fee was January's), 5000", lineOf(is.Income, accounts.CodeFeeIncome), is.SurplusMinor)
			}
		})

		t.Run("OnlyTheTreasurerReadsTheBooks", func(t *testing.T) {
			_, err := s.Reports.BalanceSheet(ctx, w.MemberActor[0], coop, ledger.Date{})
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		})
	})
}
