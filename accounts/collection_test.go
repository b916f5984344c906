package accounts_test

import (
	"github.com/google/go-cmp/cmp"

	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func countRows(t *testing.T, db *bun.DB, table, where string, args ...any) int {
	t.Helper()
	n, err := db.NewSelect().Table(table).Where(where, args...).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestCollectionSheet(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		if _, err := s.Core.UpdateSavingsRules(ctx, tr, coop, accounts.SavingsRulesInput{Wajib: "5000", WajibFrequency: "weekly"}); err != nil {
			t.Fatal(err)
		}
		weekly := lending.LoanApplication{MemberID: w.Members[0].ID, FacilityID: w.Facility.ID, Principal: "500000",
			AnnualRate: "26", Method: loans.Flat, Frequency: loans.Weekly, Installments: 10}
		siti := disbursed(t, w, weekly) // 50,000 principal + 2,500 interest a week from 2026-01-12
		shared := disbursed(t, w, groupLoan(w, weekly))
		meeting := ledger.NewDate(2026, 1, 12)

		t.Run("ShowsWhatEachMemberOwesOnTheDay", func(t *testing.T) {
			sh, err := s.Meetings.CollectionSheet(ctx, tr, coop, w.Group.ID, meeting)
			if err != nil {
				t.Fatal(err)
			}
			if len(sh.Lines) != 2 || len(sh.Lines[0].Loans) != 1 || sh.Lines[0].Loans[0].DueMinor != 52500 {
				t.Fatalf("sheet lines %+v", sh.Lines)
			}
			if len(sh.GroupLoans) != 1 || sh.GroupLoans[0].DueMinor != 52500 {
				t.Errorf("group loans %+v", sh.GroupLoans)
			}
		})

		sheet := meetings.SheetInput{Date: meeting, Lines: []meetings.SheetPayment{
			{MemberID: w.Members[0].ID, Attendance: meetings.Present, Wajib: "5000",
				Loans: []meetings.SheetLoanPayment{{LoanID: siti.ID, Amount: "52500"}, {LoanID: shared.ID, Amount: "52500", Covers: w.Members[1].ID}}},
			{MemberID: w.Members[1].ID, Attendance: meetings.Absent},
		}}

		t.Run("ABadLinePostsNothing", func(t *testing.T) {
			before := countRows(t, db, "entries", "book_id = ?", w.Cooperative.BookID)
			bad := sheet
			bad.Lines = append([]meetings.SheetPayment(nil), sheet.Lines...)
			bad.Lines[1] = meetings.SheetPayment{MemberID: w.Members[1].ID, Loans: []meetings.SheetLoanPayment{{LoanID: siti.ID, Amount: "999999999"}}}
			_, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, bad)
			if err == nil {
				t.Fatal("a sheet paying into another member's loan was recorded")
			}
			if after := countRows(t, db, "entries", "book_id = ?", w.Cooperative.BookID); after != before {
				t.Errorf("entries went from %d to %d after a refused sheet", before, after)
			}
			if n := countRows(t, db, "meetings", "group_id = ?", w.Group.ID); n != 0 {
				t.Errorf("%d meetings recorded by a refused sheet", n)
			}
		})

		t.Run("RecordsPaymentsAttendanceAndCover", func(t *testing.T) {
			m, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, sheet)
			if err != nil {
				t.Fatal(err)
			}
			if m.Replayed || len(m.Entries) != 3 {
				t.Fatalf("meeting %+v; want 3 entries", m)
			}
			if n := countRows(t, db, "loan_covers", "loan_id = ? AND covered_member_id = ?", shared.ID, w.Members[1].ID); n != 1 {
				t.Errorf("%d covers recorded, want 1", n)
			}
			if n := countRows(t, db, "meeting_attendance", "meeting_id = ? AND status = ?", m.ID, meetings.Absent); n != 1 {
				t.Errorf("%d absent members recorded, want 1", n)
			}
			v, err := s.Lending.FindLoan(ctx, tr, coop, shared.ID, meeting)
			if err != nil || v.Position.ArrearsMinor != 0 {
				t.Errorf("the group loan after the cover: arrears %d (%v), want current", v.Position.ArrearsMinor, err)
			}
		})

		t.Run("TheSameSheetTwiceChangesNothing", func(t *testing.T) {
			before := countRows(t, db, "entries", "book_id = ?", w.Cooperative.BookID)
			m, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, sheet)
			if err != nil || !m.Replayed {
				t.Fatalf("second recording: %+v, %v", m, err)
			}
			if after := countRows(t, db, "entries", "book_id = ?", w.Cooperative.BookID); after != before {
				t.Errorf("entries went from %d to %d on a replay", before, after)
			}
		})

		t.Run("ADifferentSheetForTheSameDayConflicts", func(t *testing.T) {
			other := meetings.SheetInput{Date: meeting, Lines: []meetings.SheetPayment{{MemberID: w.Members[1].ID, Attendance: meetings.Present, Wajib: "5000"}}}
			_, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, other)
			accountstest.WantCode(t, err, ledger.KindConflict, "meeting.already_recorded")
		})
	})
}

// TestJointLiabilityGroupCoversIndividualLoans marks a group as borrowing
// under joint liability from a day: before it, Dewi cannot pay Siti's own
// loan; from it, she covers Siti's installment at the meeting, the cover
// is recorded, and Siti's loan is current.
func TestJointLiabilityGroupCoversIndividualLoans(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		siti, dewi := w.Members[0], w.Members[1]
		loan := disbursed(t, w, flatLoan(w, 0)) // 312,000 due each 5th from February
		feb5, mar5 := ledger.NewDate(2026, 2, 5), ledger.NewDate(2026, 3, 5)
		g, err := s.Core.UpdateGroup(ctx, tr, coop, w.Group.ID, accounts.GroupInput{Name: w.Group.Name, JointLiabilitySince: mar5})
		if err != nil || g.JointLiabilitySince != mar5 || g.JointlyLiableOn(feb5) || !g.JointlyLiableOn(mar5) {
			t.Fatalf("the group marked from %s: %+v, %v", mar5, g, err)
		}
		covering := func(day ledger.Date, amount string) meetings.SheetInput {
			return meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{
				{MemberID: siti.ID, Attendance: meetings.Absent},
				{MemberID: dewi.ID, Attendance: meetings.Present, Loans: []meetings.SheetLoanPayment{{LoanID: loan.ID, Amount: amount, Covers: siti.ID}}},
			}}
		}
		_, err = s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, covering(feb5, "312000"))
		accountstest.WantCode(t, err, ledger.KindInvalid, "meeting.invalid")

		repay(t, w, loan.ID, "312000", feb5)
		if _, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, covering(mar5, "312000")); err != nil {
			t.Fatal(err)
		}
		if n := countRows(t, db, "loan_covers", "loan_id = ? AND covering_member_id = ? AND covered_member_id = ? AND amount_minor = ?",
			loan.ID, dewi.ID, siti.ID, 312000); n != 1 {
			t.Errorf("%d covers of Siti's loan by Dewi, want 1", n)
		}
		v, err := s.Lending.FindLoan(ctx, tr, coop, loan.ID, mar5)
		if err != nil || v.Position.ArrearsMinor != 0 || v.Position.OutstandingMinor != 600000 {
			t.Errorf("Siti's loan after the cover: %+v, %v; want current with 600,000 outstanding", v.Position, err)
		}
		// A cover must name whose loan it pays.
		unnamed := covering(ledger.NewDate(2026, 4, 5), "312000")
		unnamed.Lines[1].Loans[0].Covers = ""
		_, err = s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, unnamed)
		accountstest.WantCode(t, err, ledger.KindInvalid, "meeting.invalid")
	})
}

// TestCoversReadBack reads covers back the three ways people ask: the
// group's, a loan's, and a member's both ways (what she paid for others
// and what they paid for her), for the treasurer, the supervisor and the
// member herself, and for nobody else.
func TestCoversReadBack(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		siti, dewi := w.Members[0], w.Members[1]
		if _, err := s.Core.UpdateGroup(ctx, tr, coop, w.Group.ID, accounts.GroupInput{Name: w.Group.Name,
			JointLiabilitySince: ledger.NewDate(2026, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		own := disbursed(t, w, flatLoan(w, 0)) // Siti's, 312,000 due each 5th from February
		group := disbursed(t, w, groupLoan(w, flatLoan(w, 0)))
		record := func(day ledger.Date, lines ...meetings.SheetPayment) {
			t.Helper()
			if _, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, meetings.SheetInput{Date: day, Lines: lines}); err != nil {
				t.Fatal(err)
			}
		}
		pays := func(m accounts.Member, loan string, amount string, covers string) meetings.SheetPayment {
			return meetings.SheetPayment{MemberID: m.ID, Attendance: meetings.Present,
				Loans: []meetings.SheetLoanPayment{{LoanID: loan, Amount: amount, Covers: covers}}}
		}
		// February: Dewi covers Siti's own installment; March: Siti covers
		// Dewi's part of the group's.
		record(ledger.NewDate(2026, 2, 5), pays(dewi, own.ID, "312000", siti.ID), meetings.SheetPayment{MemberID: siti.ID, Attendance: meetings.Absent})
		record(ledger.NewDate(2026, 3, 5), pays(siti, group.ID, "150000", dewi.ID), meetings.SheetPayment{MemberID: dewi.ID, Attendance: meetings.Absent})

		type cover struct {
			Day, Covering, Covered string
			Loan                   int
			Amount                 int64
		}
		read := func(cs []meetings.CoverRecord) []cover {
			var out []cover
			for _, c := range cs {
				out = append(out, cover{c.HeldOn.String(), c.CoveringName, c.CoveredName, c.LoanNumber, c.AmountMinor})
			}
			return out
		}
		both := []cover{{"2026-02-05", dewi.Name, siti.Name, own.Number, 312000}, {"2026-03-05", siti.Name, dewi.Name, group.Number, 150000}}

		for _, reader := range []accounts.Actor{tr, w.Supervisor} {
			cs, cur, err := s.Meetings.FindCovers(ctx, reader, coop, meetings.CoverFilter{GroupID: w.Group.ID})
			if err != nil || cur.Code() != "IDR" {
				t.Fatalf("the group's covers: %v, %v", cur, err)
			}
			if diff := cmp.Diff(both, read(cs)); diff != "" {
				t.Errorf("the group's covers (-want +got):\n%s", diff)
			}
		}
		cs, _, err := s.Meetings.FindCovers(ctx, tr, coop, meetings.CoverFilter{LoanID: group.ID})
		if err != nil || !cmp.Equal(both[1:], read(cs)) {
			t.Errorf("the group loan's covers: %+v, %v", read(cs), err)
		}
		cs, _, err = s.Meetings.FindCovers(ctx, tr, coop, meetings.CoverFilter{From: ledger.NewDate(2026, 3, 1)})
		if err != nil || !cmp.Equal(both[1:], read(cs)) {
			t.Errorf("covers from March: %+v, %v", read(cs), err)
		}
		cs, _, err = s.Meetings.FindMemberCovers(ctx, w.MemberActor[0], coop, siti.ID, meetings.CoverFilter{})
		if err != nil || !cmp.Equal(both, read(cs)) {
			t.Errorf("Siti's covers, both ways: %+v, %v", read(cs), err)
		}

		_, _, err = s.Meetings.FindMemberCovers(ctx, w.MemberActor[1], coop, siti.ID, meetings.CoverFilter{})
		accountstest.WantCode(t, err, ledger.KindNotFound, "member.not_found")
		_, _, err = s.Meetings.FindCovers(ctx, w.MemberActor[0], coop, meetings.CoverFilter{})
		accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		_, _, err = s.Meetings.FindCovers(ctx, tr, coop, meetings.CoverFilter{From: ledger.NewDate(2026, 3, 1), To: ledger.NewDate(2026, 2, 1)})
		accountstest.WantCode(t, err, ledger.KindInvalid, "request.to")
	})
}
