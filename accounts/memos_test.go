package accounts_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestSystemMemosSpeakTheCooperativesLanguage: the memos Lumbung writes on
// the entries it posts are in the cooperative's language at the time of
// posting; an entry already in the books keeps the memo it was posted with.
func TestSystemMemosSpeakTheCooperativesLanguage(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		sheet := func(on ledger.Date, sukarela string) meetings.SheetInput {
			return meetings.SheetInput{Date: on, Lines: []meetings.SheetPayment{{MemberID: w.Members[0].ID, Attendance: meetings.Present, Sukarela: sukarela}}}
		}
		memo := func(t *testing.T, where string, args ...any) string {
			t.Helper()
			var m string
			if err := db.NewSelect().Table("entries").Column("memo").Where("book_id = ?", w.Cooperative.BookID).
				Where(where, args...).Scan(ctx, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		// memos writes what Lumbung writes on its own at a meeting on a
		// day, its amendment and a reversal the treasurer gave no memo, and
		// returns the memos, the meeting's first entry and the reversed
		// deposit's sequence number.
		memos := func(t *testing.T, on ledger.Date) ([]string, string, int64) {
			t.Helper()
			first, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, sheet(on, "2000"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Meetings.AmendCollection(ctx, tr, coop, w.Group.ID, on, sheet(on, "3000")); err != nil {
				t.Fatal(err)
			}
			deposit, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Members[1].ID, Type: accounts.Sukarela,
				MoneyInput: accounts.MoneyInput{Amount: "1000", Date: on}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Books.ReverseEntry(ctx, tr, coop, deposit.ID, ledger.ReversalInput{}); err != nil {
				t.Fatal(err)
			}
			id := first.Entries[0].ID
			return []string{memo(t, "id = ?", id), memo(t, "reverses_id = ?", id), memo(t, "reverses_id = ?", deposit.ID)}, id, deposit.Sequence
		}

		// A new cooperative speaks Indonesian.
		gotID, meetingID, depositID := memos(t, ledger.NewDate(2026, 11, 4))
		if diff := cmp.Diff([]string{"Pertemuan 4 November 2026", "Koreksi pertemuan 4 November 2026",
			fmt.Sprintf("Pembatalan jurnal #%d", depositID)}, gotID); diff != "" {
			t.Errorf("memos in Indonesian (-want +got):\n%s", diff)
		}
		lang := "en"
		if _, err := s.Core.UpdateCooperative(ctx, tr, coop, accounts.CooperativeSettings{Language: &lang}); err != nil {
			t.Fatal(err)
		}
		gotEN, _, depositEN := memos(t, ledger.NewDate(2026, 11, 11))
		if diff := cmp.Diff([]string{"Meeting of 11 November 2026", "Meeting of 11 November 2026 amended",
			fmt.Sprintf("Reversal of entry #%d", depositEN)}, gotEN); diff != "" {
			t.Errorf("memos in English (-want +got):\n%s", diff)
		}
		// The ledger is append-only: what was written stays as written.
		if got := memo(t, "id = ?", meetingID); got != "Pertemuan 4 November 2026" {
			t.Errorf("the Indonesian meeting's memo is %q once the cooperative speaks English", got)
		}
	})
}

// TestReversalRetriedAfterTheLanguageChangedReplays reverses an entry with
// an idempotency key and no memo, changes the cooperative's language, and
// sends the same request again: it is the same request, answered with the
// reversal already made, whose memo stays as it was written.
func TestReversalRetriedAfterTheLanguageChangedReplays(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		deposit, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Sukarela,
			MoneyInput: accounts.MoneyInput{Amount: "1000"}})
		if err != nil {
			t.Fatal(err)
		}
		in := ledger.ReversalInput{IdempotencyKey: "batal-setoran"}
		first, err := s.Books.ReverseEntry(ctx, tr, coop, deposit.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		lang := "en"
		if _, err := s.Core.UpdateCooperative(ctx, tr, coop, accounts.CooperativeSettings{Language: &lang}); err != nil {
			t.Fatal(err)
		}
		again, err := s.Books.ReverseEntry(ctx, tr, coop, deposit.ID, in)
		if err != nil || again.ID != first.ID || !again.Replayed {
			t.Fatalf("the retry: %+v, %v; want the replay of %s", again, err, first.ID)
		}
		if want := fmt.Sprintf("Pembatalan jurnal #%d", deposit.Sequence); first.Memo != want || again.Memo != want {
			t.Errorf("memos %q and %q, want %q as first written", first.Memo, again.Memo, want)
		}
	})
}
