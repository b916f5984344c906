package ledger_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// chart makes a small cooperative chart in a new IDR book.
func chart(t *testing.T, l *ledger.Ledger) ledger.Book {
	t.Helper()
	b := lt.MustBook(t, l, "IDR")
	lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "1100", Name: "Cash", Type: ledger.Asset, NonNegative: true})
	lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "1300", Name: "Loans receivable", Type: ledger.Asset})
	lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "2130", Name: "Sukarela savings", Type: ledger.Liability, NonNegative: true})
	lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "4100", Name: "Interest income", Type: ledger.Income})
	lt.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "5100", Name: "Expenses", Type: ledger.Expense})
	return b
}

func amount(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// snapshot is what a refused request must leave unchanged.
type snapshot struct {
	Entries  int64
	Postings int64
	Balances map[string]int64
}

func takeSnapshot(t *testing.T, l *ledger.Ledger, bookID string) snapshot {
	t.Helper()
	ctx := context.Background()
	db := l.DB()
	s := snapshot{Balances: map[string]int64{}}
	var err error
	if s.Entries, err = db.NewSelect().Table("entries").Where("book_id = ?", bookID).Count(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Postings, err = db.NewSelect().Table("postings").Where("book_id = ?", bookID).Count(ctx); err != nil {
		t.Fatal(err)
	}
	as, err := l.FindAccounts(ctx, ledger.AccountFilter{BookID: bookID})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		s.Balances[a.Code] = a.BalanceMinor
	}
	return s
}

func wantKind(t *testing.T, err error, kind ledger.Kind, code string) {
	t.Helper()
	e := ledger.AsError(err)
	if e == nil {
		t.Fatalf("got error %v, want a ledger error of kind %s", err, kind)
	}
	if e.Kind != kind || e.Code != code {
		t.Fatalf("got %s/%s (%v), want %s/%s", e.Kind, e.Code, err, kind, code)
	}
}

func TestPost(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)

		t.Run("MovesBalancesOnTheirNormalSides", func(t *testing.T) {
			b := chart(t, l)
			e := lt.MustPost(t, l, b.ID, "1100", "2130", "150000")
			if e.Sequence != 1 || len(e.Postings) != 2 {
				t.Fatalf("got sequence %d with %d postings, want 1 with 2", e.Sequence, len(e.Postings))
			}
			lt.MustPost(t, l, b.ID, "5100", "1100", "25000")
			got := takeSnapshot(t, l, b.ID).Balances
			want := map[string]int64{"1100": 125000, "1300": 0, "2130": 150000, "4100": 0, "5100": 25000}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("balances (-want +got):\n%s", diff)
			}
		})

		t.Run("RefusesBadEntriesAndChangesNothing", func(t *testing.T) {
			b := chart(t, l)
			lt.MustPost(t, l, b.ID, "1100", "2130", "100000")
			before := takeSnapshot(t, l, b.ID)
			unbalanced := lt.Transfer("1100", "2130", "5000")
			unbalanced.Postings[1].Amount = amount("4999")
			oneLine := lt.Transfer("1100", "2130", "5000")
			oneLine.Postings = oneLine.Postings[:1]
			tooPrecise := lt.Transfer("1100", "2130", "12.5")
			tests := []struct {
				name string
				in   ledger.EntryInput
				kind ledger.Kind
				code string
			}{
				{"Unbalanced", unbalanced, ledger.KindInvalid, "entry.unbalanced"},
				{"SinglePosting", oneLine, ledger.KindInvalid, "entry.invalid"},
				{"UnknownAccount", lt.Transfer("1100", "9999", "5000"), ledger.KindInvalid, "entry.invalid"},
				{"FractionOfARupiah", tooPrecise, ledger.KindInvalid, "entry.invalid"},
				{"ZeroAmount", lt.Transfer("1100", "2130", "0"), ledger.KindInvalid, "entry.invalid"},
				{"NegativeAmount", lt.Transfer("1100", "2130", "-5"), ledger.KindInvalid, "entry.invalid"},
				{"BeyondInt64", lt.Transfer("1100", "2130", "99999999999999999999"), ledger.KindInvalid, "entry.invalid"},
				{"SukarelaBelowZero", lt.Transfer("2130", "1100", "100001"), ledger.KindConflict, "account.below_floor"},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					_, err := l.Post(ctx, b.ID, tc.in)
					wantKind(t, err, tc.kind, tc.code)
					if diff := cmp.Diff(before, takeSnapshot(t, l, b.ID)); diff != "" {
						t.Errorf("a refused entry changed the book (-before +after):\n%s", diff)
					}
				})
			}
		})

		t.Run("RefusesAccountsOfAnotherBook", func(t *testing.T) {
			mine, theirs := chart(t, l), chart(t, l)
			lt.MustAccount(t, l, theirs.ID, ledger.AccountInput{Code: "7777", Name: "Theirs", Type: ledger.Asset})
			_, err := l.Post(ctx, mine.ID, lt.Transfer("7777", "2130", "1000"))
			wantKind(t, err, ledger.KindInvalid, "entry.invalid")
		})

		t.Run("NumbersEntriesWithoutGaps", func(t *testing.T) {
			b := chart(t, l)
			for i := 1; i <= 5; i++ {
				if i == 3 { // a refused entry must not consume a number
					if _, err := l.Post(ctx, b.ID, lt.Transfer("2130", "1100", "999999999")); err == nil {
						t.Fatal("overdraw was accepted")
					}
				}
				e := lt.MustPost(t, l, b.ID, "1100", "2130", "1000")
				if e.Sequence != int64(i) {
					t.Fatalf("entry %d got sequence %d", i, e.Sequence)
				}
			}
		})

		t.Run("BalanceAsOfPastDateSumsEarlierPostings", func(t *testing.T) {
			b := chart(t, l)
			for _, day := range []int{1, 8, 15} {
				in := lt.Transfer("1100", "2130", "10000")
				in.EffectiveDate = ledger.NewDate(2026, 3, day)
				if _, err := l.Post(ctx, b.ID, in); err != nil {
					t.Fatal(err)
				}
			}
			acct, err := l.FindAccountByCode(ctx, b.ID, "2130")
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				day  int
				want int64
			}{{0, 0}, {1, 10000}, {10, 20000}, {31, 30000}} {
				got, err := l.BalanceAsOf(ctx, acct, ledger.NewDate(2026, 3, tc.day))
				if err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Errorf("balance as of March %d: got %d, want %d", tc.day, got, tc.want)
				}
			}
		})

		t.Run("RefusesFutureEffectiveDate", func(t *testing.T) {
			b := chart(t, l)
			in := lt.Transfer("1100", "2130", "1000")
			in.EffectiveDate = ledger.DateOf(time.Now()).AddDays(3)
			_, err := l.Post(ctx, b.ID, in)
			wantKind(t, err, ledger.KindInvalid, "entry.invalid")
		})

		t.Run("UnknownBookIsNotFound", func(t *testing.T) {
			_, err := l.Post(ctx, "0193b1a0-0000-7000-8000-000000000000", lt.Transfer("1100", "2130", "1"))
			wantKind(t, err, ledger.KindNotFound, "book.not_found")
		})
	})
}
