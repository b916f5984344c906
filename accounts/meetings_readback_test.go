package accounts_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestMeetingReadBack records a sheet with a loan repayment, deposits and
// a member represented by her neighbour, and reads the meeting back: each
// line as paid, who came for whom, the total the treasurer took in, and
// the member of another group kept out.
func TestMeetingReadBack(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		l := disbursed(t, w, flatLoan(w, 0))
		day := ledger.NewDate(2026, 2, 5)
		siti, dewi := w.Members[0], w.Members[1]
		_, err := w.Meetings.RecordCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{
			{MemberID: siti.ID, Attendance: meetings.Present, Wajib: "10000", Loans: []meetings.SheetLoanPayment{{LoanID: l.ID, Amount: "312000"}}},
			{MemberID: dewi.ID, Attendance: meetings.Represented, RepresentedBy: "  Bu Rina (tetangga) ", Sukarela: "5000"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		m, err := w.Meetings.FindMeeting(ctx, w.MemberActor[1], w.Cooperative.ID, w.Group.ID, day)
		if err != nil {
			t.Fatal(err)
		}
		if m.CollectedMinor != 327000 || len(m.Lines) != 2 {
			t.Fatalf("collected %d in %d lines, want 327000 in 2", m.CollectedMinor, len(m.Lines))
		}
		first, second := m.Lines[0], m.Lines[1]
		if first.Member.ID != siti.ID || first.Attendance != meetings.Present || first.RepresentedBy != "" || first.WajibMinor != 10000 || len(first.Loans) != 1 ||
			first.Loans[0].LoanID != l.ID || first.Loans[0].AmountMinor != 312000 || first.Loans[0].EntryID == "" {
			t.Errorf("her line: %+v", first)
		}
		if second.Member.ID != dewi.ID || second.Attendance != meetings.Represented || second.RepresentedBy != "Bu Rina (tetangga)" ||
			second.SukarelaMinor != 5000 || len(second.Loans) != 0 {
			t.Errorf("the represented member's line: %+v", second)
		}
		_, err = w.Meetings.FindMeeting(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, day.AddDays(1))
		accountstest.WantCode(t, err, ledger.KindNotFound, "meeting.not_found")
		other := accountstest.NewWorld(t, db)
		_, err = w.Meetings.FindMeeting(ctx, other.MemberActor[0], w.Cooperative.ID, w.Group.ID, day)
		accountstest.WantCode(t, err, ledger.KindNotFound, "group.not_found")
	})
}

// TestMeetingAmended records a sheet, amends it, reads it back and checks
// the books: the first sheet's entries reversed, the second's posted, the
// ledger whole (the world's check at the end), and the same amendment again
// a replay that changes nothing.
func TestMeetingAmended(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		l := disbursed(t, w, flatLoan(w, 0))
		day := ledger.NewDate(2026, 2, 5)
		siti, dewi := w.Members[0], w.Members[1]
		first := meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{
			{MemberID: siti.ID, Attendance: meetings.Present, Wajib: "10000", Loans: []meetings.SheetLoanPayment{{LoanID: l.ID, Amount: "312000"}}},
			{MemberID: dewi.ID, Attendance: meetings.Present, Sukarela: "5000"},
		}}
		if _, err := w.Meetings.RecordCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, first); err != nil {
			t.Fatal(err)
		}
		sukarela := accounts.MemberAccountCode(accounts.Sukarela, dewi.Number)
		// Dewi was absent and paid nothing; Siti paid 100,000 less.
		second := meetings.SheetInput{Lines: []meetings.SheetPayment{
			{MemberID: siti.ID, Attendance: meetings.Present, Wajib: "10000", Loans: []meetings.SheetLoanPayment{{LoanID: l.ID, Amount: "212000"}}},
			{MemberID: dewi.ID, Attendance: meetings.Absent},
		}}
		m, err := w.Meetings.AmendCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, day, second)
		if err != nil {
			t.Fatal(err)
		}
		if m.Replayed || len(m.Entries) != 2 {
			t.Errorf("the amendment posted %d entries (replayed %v), want 2", len(m.Entries), m.Replayed)
		}
		if got := lt.MustBalance(t, w.Core.Ledger(), w.Cooperative.BookID, sukarela); got != 0 {
			t.Errorf("her sukarela is %d after the amendment took her deposit away, want 0", got)
		}
		read, err := w.Meetings.FindMeeting(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, day)
		if err != nil {
			t.Fatal(err)
		}
		if read.CollectedMinor != 222000 || read.Lines[1].Attendance != meetings.Absent || read.Lines[0].Loans[0].AmountMinor != 212000 {
			t.Errorf("read back after the amendment: %+v", read)
		}
		again, err := w.Meetings.AmendCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, day, second)
		if err != nil || !again.Replayed {
			t.Errorf("the same amendment again: %+v, %v; want a replay", again, err)
		}
		_, err = w.Meetings.AmendCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, day.AddDays(7), second)
		accountstest.WantCode(t, err, ledger.KindNotFound, "meeting.not_found")
	})
}

// TestHerOwnViewShowsHerLastMeeting: a member reading herself sees what she
// paid at the last meeting that recorded her and her flat loan's effective
// rate beside the flat one.
func TestHerOwnViewShowsHerLastMeeting(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		l := disbursed(t, w, flatLoan(w, 0))
		siti := w.Members[0]
		for _, day := range []ledger.Date{ledger.NewDate(2026, 2, 5), ledger.NewDate(2026, 3, 5)} {
			if _, err := w.Meetings.RecordCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, meetings.SheetInput{Date: day,
				Lines: []meetings.SheetPayment{{MemberID: siti.ID, Attendance: meetings.Present, Loans: []meetings.SheetLoanPayment{{LoanID: l.ID, Amount: "312000"}}}}}); err != nil {
				t.Fatal(err)
			}
		}
		me, err := w.Reports.FindMe(ctx, w.MemberActor[0])
		if err != nil {
			t.Fatal(err)
		}
		ms := me.Memberships[0]
		if ms.LastMeeting == nil || ms.LastMeeting.HeldOn != ledger.NewDate(2026, 3, 5) || len(ms.LastMeeting.Line.Loans) != 1 ||
			ms.LastMeeting.Line.Loans[0].AmountMinor != 312000 {
			t.Errorf("her last meeting: %+v", ms.LastMeeting)
		}
		if len(ms.Loans) != 1 || ms.Loans[0].EffectiveAnnualRatePercent == nil ||
			!ms.Loans[0].EffectiveAnnualRatePercent.GreaterThan(ms.Loans[0].Terms.AnnualRatePercent) {
			t.Errorf("her flat loan's effective rate: %+v, want one above the flat 12 %%", ms.Loans[0].EffectiveAnnualRatePercent)
		}
		dewi, err := w.Reports.FindMe(ctx, w.MemberActor[1])
		if err != nil {
			t.Fatal(err)
		}
		if dewi.Memberships[0].LastMeeting != nil {
			t.Errorf("a member no meeting recorded sees %+v", dewi.Memberships[0].LastMeeting)
		}
	})
}

// TestVerifyFindsMeetingSheetsApartFromTheBooks breaks a recorded meeting's
// rows after the fact and expects lumbung verify's meeting checks to name
// each break: a payment that no longer matches its entry, and one whose
// entry was reversed outside an amendment.
func TestVerifyFindsMeetingSheetsApartFromTheBooks(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		day := ledger.NewDate(2026, 2, 5)
		_, err := w.Meetings.RecordCollection(ctx, w.Treasurer, w.Cooperative.ID, w.Group.ID, meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{
			{MemberID: w.Members[0].ID, Attendance: meetings.Present, Wajib: "10000", Sukarela: "5000"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		scope := ledger.VerifyScope{BookID: w.Cooperative.BookID}
		if vs, err := ledger.Verify(ctx, db, scope, meetings.Checks...); err != nil || len(vs) != 0 {
			t.Fatalf("a meeting as recorded: %v %v", vs, err)
		}
		// The test database is shared by tests running in parallel: the
		// rows are this cooperative's own.
		paidFor := func(what string) (entry string) {
			t.Helper()
			if err := db.NewRaw(`SELECT mp.entry_id FROM meeting_payments mp JOIN entries e ON e.id = mp.entry_id
			 WHERE e.book_id = ? AND mp.what = ?`, w.Cooperative.BookID, what).Scan(ctx, &entry); err != nil {
				t.Fatal(err)
			}
			return entry
		}
		wajib, sukarela := paidFor("wajib"), paidFor("sukarela")
		if _, err := db.NewRaw("UPDATE meeting_payments SET amount_minor = 9000 WHERE entry_id = ?", wajib).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Books.ReverseEntry(ctx, w.Treasurer, w.Cooperative.ID, sukarela, ledger.ReversalInput{}); err != nil {
			t.Fatal(err)
		}
		vs, err := ledger.Verify(ctx, db, scope, meetings.Checks...)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, v := range vs {
			found[v.Check] = true
		}
		if len(vs) != 2 || !found["meeting_payment_amount"] || !found["meeting_payment_reversed"] {
			t.Fatalf("violations %+v, want one of each meeting check", vs)
		}
		// Put back, so that the world's own check at the end passes.
		if _, err := db.NewRaw("UPDATE meeting_payments SET amount_minor = 10000 WHERE entry_id = ?", wajib).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.NewRaw("DELETE FROM meeting_payments WHERE entry_id = ?", sukarela).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
