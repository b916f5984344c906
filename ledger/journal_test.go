package ledger_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestIdempotency(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)

		t.Run("SameKeySameRequestReplaysOriginal", func(t *testing.T) {
			b := chart(t, l)
			in := lt.Transfer("1100", "2130", "5000")
			in.IdempotencyKey = "sheet-2026-11-20"
			first, err := l.Post(ctx, b.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			again, err := l.Post(ctx, b.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if !again.Replayed || first.Replayed || again.ID != first.ID || again.Sequence != first.Sequence {
				t.Fatalf("second post: id %s replayed %v; want the original %s replayed", again.ID, again.Replayed, first.ID)
			}
			if got := lt.MustBalance(t, l, b.ID, "2130"); got != 5000 {
				t.Errorf("balance after a replay is %d, want 5000", got)
			}
		})

		t.Run("SameKeyDifferentRequestConflicts", func(t *testing.T) {
			b := chart(t, l)
			in := lt.Transfer("1100", "2130", "5000")
			in.IdempotencyKey = "k1"
			if _, err := l.Post(ctx, b.ID, in); err != nil {
				t.Fatal(err)
			}
			before := takeSnapshot(t, l, b.ID)
			other := lt.Transfer("1100", "2130", "6000")
			other.IdempotencyKey = "k1"
			_, err := l.Post(ctx, b.ID, other)
			wantKind(t, err, ledger.KindConflict, "entry.idempotency_key_reused")
			if diff := takeSnapshot(t, l, b.ID); fmt.Sprint(diff) != fmt.Sprint(before) {
				t.Errorf("a conflicting request changed the book: %v -> %v", before, diff)
			}
		})

		t.Run("KeysAreScopedToTheirBook", func(t *testing.T) {
			b1, b2 := chart(t, l), chart(t, l)
			in := lt.Transfer("1100", "2130", "5000")
			in.IdempotencyKey = "shared-key"
			e1, err1 := l.Post(ctx, b1.ID, in)
			e2, err2 := l.Post(ctx, b2.ID, in)
			if err1 != nil || err2 != nil || e2.Replayed || e1.ID == e2.ID {
				t.Fatalf("the same key in two books: %v, %v, replayed=%v", err1, err2, e2.Replayed)
			}
		})

		t.Run("ConcurrentSameKeyYieldsExactlyOneEntry", func(t *testing.T) {
			b := chart(t, l)
			const senders = 16
			in := lt.Transfer("1100", "2130", "7500")
			in.IdempotencyKey = "meeting-42"
			var wg sync.WaitGroup
			ids := make([]string, senders)
			errs := make([]error, senders)
			for i := range senders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					e, err := l.Post(ctx, b.ID, in)
					ids[i], errs[i] = e.ID, err
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("sender %d: %v", i, err)
				}
				if ids[i] != ids[0] {
					t.Fatalf("sender %d got entry %s, sender 0 got %s", i, ids[i], ids[0])
				}
			}
			s := takeSnapshot(t, l, b.ID)
			if s.Entries != 1 || s.Balances["2130"] != 7500 {
				t.Fatalf("after %d concurrent sends: %d entries, balance %d; want 1 entry, 7500", senders, s.Entries, s.Balances["2130"])
			}
		})
	})
}

func TestReverse(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		rev := ledger.ReversalInput{RecordedBy: "treasurer"}

		t.Run("PostsTheMirrorImageAndRestoresBalances", func(t *testing.T) {
			b := chart(t, l)
			lt.MustPost(t, l, b.ID, "1100", "2130", "20000")
			before := takeSnapshot(t, l, b.ID).Balances
			orig := lt.MustPost(t, l, b.ID, "1300", "1100", "15000")
			r, err := l.Reverse(ctx, b.ID, orig.ID, rev)
			if err != nil {
				t.Fatal(err)
			}
			if r.ReversesID != orig.ID || r.Sequence != orig.Sequence+1 || r.Kind != orig.Kind {
				t.Fatalf("reversal %+v does not point at #%d", r, orig.Sequence)
			}
			for i, p := range r.Postings {
				if p.AccountCode != orig.Postings[i].AccountCode || p.Side == orig.Postings[i].Side || p.AmountMinor != orig.Postings[i].AmountMinor {
					t.Errorf("reversal posting %d = %+v, original %+v", i, p, orig.Postings[i])
				}
			}
			if after := takeSnapshot(t, l, b.ID).Balances; fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("balances after reversal %v, want %v", after, before)
			}
			got, err := l.FindEntryByID(ctx, b.ID, orig.ID)
			if err != nil || got.ReversedByID != r.ID {
				t.Errorf("original's ReversedByID = %q (%v), want %s", got.ReversedByID, err, r.ID)
			}
		})

		t.Run("SecondReversalConflicts", func(t *testing.T) {
			b := chart(t, l)
			orig := lt.MustPost(t, l, b.ID, "1100", "2130", "20000")
			if _, err := l.Reverse(ctx, b.ID, orig.ID, rev); err != nil {
				t.Fatal(err)
			}
			_, err := l.Reverse(ctx, b.ID, orig.ID, rev)
			wantKind(t, err, ledger.KindConflict, "entry.already_reversed")
		})

		t.Run("ConcurrentReversalsPostOnlyOne", func(t *testing.T) {
			b := chart(t, l)
			orig := lt.MustPost(t, l, b.ID, "1100", "2130", "20000")
			var wg sync.WaitGroup
			errs := make([]error, 8)
			for i := range errs {
				wg.Add(1)
				go func() { defer wg.Done(); _, errs[i] = l.Reverse(ctx, b.ID, orig.ID, rev) }()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				switch {
				case err == nil:
					ok++
				case ledger.AsError(err) == nil || ledger.AsError(err).Code != "entry.already_reversed":
					t.Errorf("unexpected error: %v", err)
				}
			}
			if ok != 1 {
				t.Errorf("%d reversals succeeded, want 1", ok)
			}
		})

		t.Run("ReversingAReversalIsRefused", func(t *testing.T) {
			b := chart(t, l)
			orig := lt.MustPost(t, l, b.ID, "1100", "2130", "20000")
			r, err := l.Reverse(ctx, b.ID, orig.ID, rev)
			if err != nil {
				t.Fatal(err)
			}
			_, err = l.Reverse(ctx, b.ID, r.ID, rev)
			wantKind(t, err, ledger.KindConflict, "entry.reversal_of_reversal")
		})

		t.Run("RefusedWhenTheMoneyIsGone", func(t *testing.T) {
			b := chart(t, l)
			deposit := lt.MustPost(t, l, b.ID, "1100", "2130", "20000")
			lt.MustPost(t, l, b.ID, "2130", "1100", "15000") // withdrawn since
			_, err := l.Reverse(ctx, b.ID, deposit.ID, rev)
			wantKind(t, err, ledger.KindConflict, "account.below_floor")
		})

		t.Run("DatedBeforeTheEntryIsRefused", func(t *testing.T) {
			b := chart(t, l)
			in := lt.Transfer("1100", "2130", "20000")
			in.EffectiveDate = ledger.NewDate(2026, 3, 10)
			orig, err := l.Post(ctx, b.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			before := takeSnapshot(t, l, b.ID)
			early := rev
			early.EffectiveDate = ledger.NewDate(2026, 3, 9)
			_, err = l.Reverse(ctx, b.ID, orig.ID, early)
			wantKind(t, err, ledger.KindInvalid, "entry.reversal_date")
			want := "effective_date: on or after 2026-03-10, the date of entry #1 it reverses"
			if got := ledger.AsError(err).Text(); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if after := takeSnapshot(t, l, b.ID); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the refused reversal changed the book: %v, was %v", after, before)
			}
			sameDay := rev
			sameDay.EffectiveDate = orig.EffectiveDate
			if _, err := l.Reverse(ctx, b.ID, orig.ID, sameDay); err != nil {
				t.Errorf("a reversal on the entry's own day: %v", err)
			}
		})

		t.Run("UndatedReversalOfAnEntryDatedAheadIsRefused", func(t *testing.T) {
			// An entry may be dated a day ahead of UTC (it is already that
			// day in eastern Indonesia); a reversal dated today by default
			// would come before it.
			l := ledger.New(db, ledger.WithClock(func() time.Time { return time.Date(2026, 3, 10, 22, 0, 0, 0, time.UTC) }))
			b := chart(t, l)
			in := lt.Transfer("1100", "2130", "20000")
			in.EffectiveDate = ledger.NewDate(2026, 3, 11)
			orig, err := l.Post(ctx, b.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			_, err = l.Reverse(ctx, b.ID, orig.ID, rev)
			wantKind(t, err, ledger.KindInvalid, "entry.reversal_date")
		})

		t.Run("EntryOfAnotherBookIsNotFound", func(t *testing.T) {
			mine, theirs := chart(t, l), chart(t, l)
			e := lt.MustPost(t, l, theirs.ID, "1100", "2130", "20000")
			_, err := l.Reverse(ctx, mine.ID, e.ID, rev)
			wantKind(t, err, ledger.KindNotFound, "entry.not_found")
		})
	})
}

func TestJournalIsAppendOnly(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)
		e := lt.MustPost(t, l, b.ID, "1100", "2130", "20000")
		for _, stmt := range []string{
			"UPDATE postings SET amount_minor = 1 WHERE entry_id = ?",
			"DELETE FROM postings WHERE entry_id = ?",
			"UPDATE entries SET memo = 'changed' WHERE id = ?",
			"DELETE FROM entries WHERE id = ?",
		} {
			_, err := db.ExecContext(ctx, stmt, e.ID)
			if !ledger.IsAppendOnlyRefusal(err) {
				t.Errorf("%s: got %v, want the database's append-only refusal", stmt, err)
			}
		}
		got, err := l.FindEntryByID(ctx, b.ID, e.ID)
		if err != nil || got.Memo != e.Memo || len(got.Postings) != 2 || got.Postings[0].AmountMinor != 20000 {
			t.Errorf("entry after refused changes: %+v, %v", got, err)
		}
	})
}

func TestFindEntries(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)
		for range 7 {
			lt.MustPost(t, l, b.ID, "1100", "2130", "1000")
			lt.MustPost(t, l, b.ID, "5100", "1100", "100")
		}

		t.Run("PagesNewestFirstWithoutOverlap", func(t *testing.T) {
			var seqs []int64
			before := int64(0)
			for pages := 0; ; pages++ {
				p, err := l.FindEntries(ctx, ledger.EntryFilter{BookID: b.ID, Before: before, Limit: 4})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range p.Entries {
					seqs = append(seqs, e.Sequence)
				}
				if p.Next == 0 {
					break
				}
				before = p.Next
			}
			if fmt.Sprint(seqs) != "[14 13 12 11 10 9 8 7 6 5 4 3 2 1]" {
				t.Errorf("sequences over all pages: %v", seqs)
			}
		})

		t.Run("FiltersByAccount", func(t *testing.T) {
			a, err := l.FindAccountByCode(ctx, b.ID, "5100")
			if err != nil {
				t.Fatal(err)
			}
			p, err := l.FindEntries(ctx, ledger.EntryFilter{BookID: b.ID, AccountID: a.ID, Limit: 200})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Entries) != 7 || p.Next != 0 {
				t.Fatalf("got %d entries (next %d), want the 7 expense entries", len(p.Entries), p.Next)
			}
			for _, e := range p.Entries {
				if e.Postings[0].AccountCode != "5100" {
					t.Errorf("entry #%d does not touch 5100", e.Sequence)
				}
			}
		})

		t.Run("RefusesOversizedPage", func(t *testing.T) {
			_, err := l.FindEntries(ctx, ledger.EntryFilter{BookID: b.ID, Limit: ledger.PageSizeMax + 1})
			wantKind(t, err, ledger.KindInvalid, "page.size")
		})
	})
}

func TestTrialBalance(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)
		in := lt.Transfer("1100", "2130", "50000")
		in.EffectiveDate = ledger.NewDate(2026, 1, 5)
		if _, err := l.Post(ctx, b.ID, in); err != nil {
			t.Fatal(err)
		}
		lt.MustPost(t, l, b.ID, "1300", "1100", "30000")
		lt.MustPost(t, l, b.ID, "1100", "4100", "2500")

		for _, tc := range []struct {
			name  string
			asOf  ledger.Date
			total int64
		}{{"Now", ledger.Date{}, 52500}, {"AsOfJanuary", ledger.NewDate(2026, 1, 31), 50000}} {
			t.Run(tc.name, func(t *testing.T) {
				tb, err := l.TrialBalance(ctx, b.ID, tc.asOf)
				if err != nil {
					t.Fatal(err)
				}
				if tb.Debits["IDR"] != tc.total || tb.Credits["IDR"] != tc.total {
					t.Errorf("debits %d, credits %d; want both %d", tb.Debits["IDR"], tb.Credits["IDR"], tc.total)
				}
			})
		}
	})
}

func TestVerify(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)

		t.Run("FindsAnAccountInAnotherCurrencyThanItsBook", func(t *testing.T) {
			b := chart(t, l)
			lt.SneakAccount(t, db, ledger.Account{BookID: b.ID, Code: "1190", Type: ledger.Asset, Currency: ledger.MustCurrency("USD")})
			vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID})
			if err != nil {
				t.Fatal(err)
			}
			want := ledger.Violation{Check: "account_currency", BookID: b.ID, Detail: "account 1190 is kept in USD, not in the book's IDR"}
			if len(vs) != 1 || vs[0] != want {
				t.Errorf("violations %v, want only %v", vs, want)
			}
		})

		t.Run("FindsABalanceAlteredBySQL", func(t *testing.T) {
			// Its own book with no Verify cleanup: this test breaks it on purpose.
			b, err := l.CreateBook(ctx, ledger.BookInput{Name: "tampered", Currency: "IDR"})
			if err != nil {
				t.Fatal(err)
			}
			for _, code := range []string{"1100", "2130"} {
				if _, err := l.CreateAccount(ctx, b.ID, ledger.AccountInput{Code: code, Name: code, Type: ledger.Asset}); err != nil {
					t.Fatal(err)
				}
			}
			lt.MustPost(t, l, b.ID, "1100", "2130", "1000")
			if vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID}); err != nil || len(vs) != 0 {
				t.Fatalf("healthy book: %v, %v", vs, err)
			}
			if _, err := db.ExecContext(ctx, "UPDATE ledger_accounts SET balance_minor = balance_minor + 1 WHERE book_id = ? AND code = '1100'", b.ID); err != nil {
				t.Fatal(err)
			}
			vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{BookID: b.ID})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, v := range vs {
				got[v.Check] = true
			}
			if !got["balance_equals_postings"] || !got["trial_balance_zero"] {
				t.Errorf("violations %v; want balance_equals_postings and trial_balance_zero", vs)
			}
		})
	})
}
