package ledger_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// closeThrough closes a book's period in a transaction of its own.
func closeThrough(l *ledger.Ledger, bookID string, through ledger.Date) error {
	return l.InTx(context.Background(), func(tx bun.Tx) error {
		return ledger.ClosePeriodTx(context.Background(), tx, bookID, through)
	})
}

// dated is a transfer effective on a day.
func dated(debit, credit, amount string, on ledger.Date) ledger.EntryInput {
	in := lt.Transfer(debit, credit, amount)
	in.EffectiveDate = on
	return in
}

func TestClosedPeriod(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		june30 := ledger.NewDate(2026, 6, 30)

		// closedBook has a deposit in June and an expense in July, and is
		// closed through the end of June.
		closedBook := func(t *testing.T) (ledger.Book, ledger.Entry) {
			t.Helper()
			b := chart(t, l)
			june, err := l.Post(ctx, b.ID, dated("1100", "2130", "100000", ledger.NewDate(2026, 6, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := l.Post(ctx, b.ID, dated("5100", "1100", "5000", ledger.NewDate(2026, 7, 1))); err != nil {
				t.Fatal(err)
			}
			if err := closeThrough(l, b.ID, june30); err != nil {
				t.Fatal(err)
			}
			return b, june
		}

		t.Run("BookShowsTheDayItIsClosedThrough", func(t *testing.T) {
			b := chart(t, l)
			if got, err := l.FindBookByID(ctx, b.ID); err != nil || !got.ClosedThrough.IsZero() {
				t.Fatalf("a new book is closed through %s (%v), want nothing closed", got.ClosedThrough, err)
			}
			if err := closeThrough(l, b.ID, june30); err != nil {
				t.Fatal(err)
			}
			if got, err := l.FindBookByID(ctx, b.ID); err != nil || got.ClosedThrough != june30 {
				t.Errorf("closed through %s (%v), want %s", got.ClosedThrough, err, june30)
			}
		})

		t.Run("RefusesEntriesDatedInTheClosedPeriod", func(t *testing.T) {
			b, _ := closedBook(t)
			before := takeSnapshot(t, l, b.ID)
			_, err := l.Post(ctx, b.ID, dated("1100", "2130", "1", june30))
			wantKind(t, err, ledger.KindConflict, "period.closed")
			if msg := ledger.AsError(err).Text(); msg != "the books are closed through 2026-06-30; date the entry after it" {
				t.Errorf("message %q does not name the closed period", msg)
			}
			err = l.InTx(ctx, func(tx bun.Tx) error {
				_, err := l.PostTx(ctx, tx, b.ID, dated("1100", "2130", "1", ledger.NewDate(2025, 12, 31)))
				return err
			})
			wantKind(t, err, ledger.KindConflict, "period.closed")
			if after := takeSnapshot(t, l, b.ID); after.Entries != before.Entries || after.Postings != before.Postings {
				t.Errorf("refused entries changed the book: %+v, then %+v", before, after)
			}
			if _, err := l.Post(ctx, b.ID, dated("1100", "2130", "1", june30.AddDays(1))); err != nil {
				t.Errorf("the day after the close: %v", err)
			}
		})

		t.Run("ClosedPeriodAnswersBeforeAFloor", func(t *testing.T) {
			b, _ := closedBook(t)
			// Cash holds 95,000: the entry fails its floor too, but the
			// closed period is the answer that stays true tomorrow.
			_, err := l.Post(ctx, b.ID, dated("2130", "1100", "200000", june30))
			wantKind(t, err, ledger.KindConflict, "period.closed")
		})

		t.Run("ReversalOfAClosedEntryIsDatedInTheOpenPeriod", func(t *testing.T) {
			b, june := closedBook(t)
			// Enough cash to give the June deposit back.
			if _, err := l.Post(ctx, b.ID, dated("1100", "2130", "5000", ledger.NewDate(2026, 7, 2))); err != nil {
				t.Fatal(err)
			}
			_, err := l.Reverse(ctx, b.ID, june.ID, ledger.ReversalInput{RecordedBy: "test", EffectiveDate: ledger.NewDate(2026, 6, 2)})
			wantKind(t, err, ledger.KindConflict, "period.closed")
			if _, err := l.Reverse(ctx, b.ID, june.ID, ledger.ReversalInput{RecordedBy: "test"}); err != nil {
				t.Errorf("a reversal dated today: %v", err)
			}
		})

		t.Run("ReplayOfAClosedEntryAnswersTheOriginal", func(t *testing.T) {
			b := chart(t, l)
			in := dated("1100", "2130", "700", ledger.NewDate(2026, 5, 5))
			in.IdempotencyKey = "may-deposit"
			first, err := l.Post(ctx, b.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if err := closeThrough(l, b.ID, june30); err != nil {
				t.Fatal(err)
			}
			again, err := l.Post(ctx, b.ID, in)
			if err != nil || !again.Replayed || again.ID != first.ID {
				t.Errorf("replay after the close: %+v, %v", again, err)
			}
		})

		t.Run("ClosesOnlyForward", func(t *testing.T) {
			b, _ := closedBook(t)
			for _, day := range []ledger.Date{june30, june30.AddDays(-1)} {
				err := closeThrough(l, b.ID, day)
				wantKind(t, err, ledger.KindConflict, "period.closed")
			}
			if err := closeThrough(l, b.ID, ledger.NewDate(2026, 7, 31)); err != nil {
				t.Errorf("closing a later day: %v", err)
			}
			wantKind(t, closeThrough(l, b.ID, ledger.Date{}), ledger.KindInvalid, "period.invalid")
			wantKind(t, closeThrough(l, "8f14e45f-ceea-467f-a0e6-3b9f3c5b8a10", june30), ledger.KindNotFound, "book.not_found")
		})

		t.Run("SchemaRefusesAPostingDatedInTheClosedPeriod", func(t *testing.T) {
			b, june := closedBook(t)
			cash, err := l.FindAccountByCode(ctx, b.ID, "1100")
			if err != nil {
				t.Fatal(err)
			}
			// A raw insert, past every check in Go. Each runs in a
			// transaction that is rolled back: the one the trigger lets
			// through (dated after the close) would unbalance the entry.
			insert := func(on string) error {
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback() //nolint:errcheck // the test keeps nothing
				_, err = tx.ExecContext(ctx, `INSERT INTO postings
				    (entry_id, line, book_id, account_id, side, amount_minor, currency, sequence, effective_date)
				    VALUES (?, 99, ?, ?, 'debit', 1, 'IDR', ?, ?)`, june.ID, b.ID, cash.ID, june.Sequence, on)
				return err
			}
			if err := insert("2026-06-15"); err == nil || !ledger.IsClosedPeriodRefusal(err) {
				t.Errorf("a posting dated in the closed period: %v, want the trigger's refusal", err)
			}
			if err := insert("2026-07-15"); err != nil {
				t.Errorf("a posting dated after the close: %v", err)
			}
		})
	})
}
