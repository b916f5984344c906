package ledger_test

import (
	"context"
	"errors"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestCreateAccount(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)

		t.Run("RefusesACurrencyOtherThanTheBooks", func(t *testing.T) {
			b := chart(t, l)
			before := takeSnapshot(t, l, b.ID)
			_, err := l.CreateAccount(ctx, b.ID, ledger.AccountInput{Code: "1190", Name: "Dollar cash", Type: ledger.Asset, Currency: "USD"})
			wantKind(t, err, ledger.KindInvalid, "account.currency")
			want := "currency: this book is kept in IDR; its accounts are too"
			if got := ledger.AsError(err).Text(); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if after := takeSnapshot(t, l, b.ID); len(after.Balances) != len(before.Balances) {
				t.Errorf("the book holds %d accounts after the refusal, want %d", len(after.Balances), len(before.Balances))
			}
		})

		t.Run("TakesTheBooksCurrencyNamedOrNot", func(t *testing.T) {
			b := lt.MustBook(t, l, "KES")
			for _, in := range []ledger.AccountInput{
				{Code: "1100", Name: "Cash", Type: ledger.Asset, Currency: "KES"},
				{Code: "1200", Name: "Bank", Type: ledger.Asset},
			} {
				a, err := l.CreateAccount(ctx, b.ID, in)
				if err != nil || a.Currency.Code() != "KES" {
					t.Errorf("account %s: %v in %v, want KES", in.Code, err, a.Currency)
				}
			}
		})
	})
}

func TestFindAccount(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)

		t.Run("AFailedLookupReturnsItsError", func(t *testing.T) {
			b := chart(t, l)
			cash := lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "1190", Type: ledger.Asset})
			broken := ledger.New(lt.FailQueries(db, cash.ID))
			if _, err := broken.FindAccountByID(ctx, b.ID, cash.ID); !errors.Is(err, context.Canceled) {
				t.Errorf("by ID: %v, want the query's failure", err)
			}
			broken = ledger.New(lt.FailQueries(db, "'1190'"))
			if _, err := broken.FindAccountByCode(ctx, b.ID, "1190"); !errors.Is(err, context.Canceled) {
				t.Errorf("by code: %v, want the query's failure", err)
			}
		})
	})
}
