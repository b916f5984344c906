package accounts_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// bookFigures are the sums of a cooperative's accounts its people read.
type bookFigures struct {
	BalanceSheet  reports.BalanceSheet
	GroupSavings  map[accounts.SavingsType]int64
	MemberSavings map[accounts.SavingsType]int64
	Facilities    []reports.FacilityReport
}

func figuresOf(t *testing.T, w *accountstest.World, asOf ledger.Date) bookFigures {
	t.Helper()
	ctx, s, coop := context.Background(), w.Services, w.Cooperative.ID
	var f bookFigures
	var err error
	if f.BalanceSheet, err = s.Reports.BalanceSheet(ctx, w.Treasurer, coop, asOf); err != nil {
		t.Fatal(err)
	}
	gs, err := s.Reports.FindGroupSummary(ctx, w.Treasurer, coop, w.Group.ID, asOf)
	if err != nil {
		t.Fatal(err)
	}
	me, err := s.Reports.FindMe(ctx, w.MemberActor[0])
	if err != nil || len(me.Memberships) != 1 {
		t.Fatalf("her memberships: %v, %v", me.Memberships, err)
	}
	pp, err := s.Reports.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, asOf)
	if err != nil {
		t.Fatal(err)
	}
	f.GroupSavings, f.MemberSavings, f.Facilities = gs.SavingsMinor, me.Memberships[0].Savings, pp.Facilities
	return f
}

func TestBookCurrency(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		siti := w.Members[0]
		disbursed(t, w, flatLoan(w, 0))
		if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: accounts.Sukarela,
			MoneyInput: accounts.MoneyInput{Amount: "40000", Date: ledger.NewDate(2026, 1, 20)}}); err != nil {
			t.Fatal(err)
		}
		asOf := ledger.NewDate(2026, 4, 10)
		before := figuresOf(t, w, asOf)
		sameFigures := func(t *testing.T) {
			t.Helper()
			if diff := cmp.Diff(before, figuresOf(t, w, asOf), cmpopts.EquateComparable(ledger.Currency{}, ledger.Date{})); diff != "" {
				t.Errorf("figures changed (-before +after):\n%s", diff)
			}
		}

		t.Run("AnAccountInAnotherCurrencyIsRefusedAndChangesNothing", func(t *testing.T) {
			accts, err := s.Books.FindLedgerAccounts(ctx, tr, coop, ledger.Date{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Books.CreateLedgerAccount(ctx, tr, coop, ledger.AccountInput{Code: "1190", Name: "Dollar cash", Type: ledger.Asset, Currency: "USD"})
			accountstest.WantCode(t, err, ledger.KindInvalid, "account.currency")
			if f := ledger.AsError(err).Fields; len(f) != 1 || f[0].Field != "currency" || !strings.Contains(f[0].Text(), "IDR") {
				t.Errorf("fields %v, want currency with the book's IDR", f)
			}
			after, err := s.Books.FindLedgerAccounts(ctx, tr, coop, ledger.Date{})
			if err != nil || len(after) != len(accts) {
				t.Errorf("%d accounts after the refusal (%v), want %d", len(after), err, len(accts))
			}
			sameFigures(t)
		})

		// sneakDollars writes dollar accounts into the book behind the
		// ledger's back: cash, income, and savings of Siti's.
		sneakDollars := func(t *testing.T) {
			usd := ledger.MustCurrency("USD")
			for _, a := range []ledger.Account{
				{Code: "1190", Type: ledger.Asset},
				{Code: "4190", Type: ledger.Income},
				{Code: accounts.MemberAccountCode(accounts.Sukarela, 9001), Type: ledger.Liability,
					Owner: &ledger.Owner{Kind: accounts.OwnerMember, ID: siti.ID}},
			} {
				a.BookID, a.Currency, a.BalanceMinor = w.Cooperative.BookID, usd, 10050 // USD 100.50
				lt.SneakAccount(t, db, a)
			}
		}

		t.Run("ReportsLeaveOutAnAccountWrittenBehindTheLedgersBack", func(t *testing.T) {
			sneakDollars(t)
			sameFigures(t)
		})

		t.Run("TheYearEndRefusesToCloseWithoutIt", func(t *testing.T) {
			sneakDollars(t)
			_, err := on(db, january2).YearEnd.CloseYear(ctx, tr, coop, yearend.YearEndInput{Year: 2026,
				Shares: shu.Shares{Reserve: "10", Capital: "90"}})
			accountstest.WantCode(t, err, ledger.KindConflict, "year_end.currency")
		})

		t.Run("TheSHUCountsCapitalInTheBooksCurrencyOnly", func(t *testing.T) {
			// Siti's only capital is in dollars: she saved no pokok or wajib.
			lt.SneakAccount(t, db, ledger.Account{BookID: w.Cooperative.BookID, Code: accounts.MemberAccountCode(accounts.Pokok, 9001),
				Type: ledger.Equity, Currency: ledger.MustCurrency("USD"), Owner: &ledger.Owner{Kind: accounts.OwnerMember, ID: siti.ID},
				BalanceMinor: 10050})
			ye, err := on(db, january2).YearEnd.CloseYear(ctx, tr, coop, yearend.YearEndInput{Year: 2026,
				Shares: shu.Shares{Reserve: "10", Capital: "90"}})
			if err != nil {
				t.Fatal(err)
			}
			if ye.SurplusMinor <= 0 || ye.CapitalBasisMinor != 0 {
				t.Errorf("surplus %d shared on a capital of %d; want a surplus, and no capital to share it on", ye.SurplusMinor, ye.CapitalBasisMinor)
			}
		})
	})
}
