package accounts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// coverWorld is a group under joint liability since 2026 with a group
// loan shared by Siti and Dewi, and Siti's own loan.
func coverWorld(t *testing.T, db *bun.DB) (*accountstest.World, lending.Loan, lending.Loan) {
	t.Helper()
	w := loanWorld(t, db)
	if _, err := w.Core.UpdateGroup(context.Background(), w.Treasurer, w.Cooperative.ID, w.Group.ID, accounts.GroupInput{
		Name: w.Group.Name, JointLiabilitySince: ledger.NewDate(2026, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	return w, disbursed(t, w, groupLoan(w, flatLoan(w, 0))), disbursed(t, w, flatLoan(w, 0))
}

// covered records a meeting on a day where Dewi pays amount for Siti
// toward a loan, Siti absent.
func covered(t *testing.T, w *accountstest.World, loanID, amount string, day ledger.Date) error {
	t.Helper()
	siti, dewi := w.Members[0], w.Members[1]
	_, err := w.Meetings.RecordCollection(context.Background(), w.Treasurer, w.Cooperative.ID, w.Group.ID, meetings.SheetInput{Date: day,
		Lines: []meetings.SheetPayment{{MemberID: dewi.ID, Attendance: meetings.Present,
			Loans: []meetings.SheetLoanPayment{{LoanID: loanID, Amount: amount, Covers: siti.ID}}},
			{MemberID: siti.ID, Attendance: meetings.Absent}}})
	return err
}

func balances(t *testing.T, w *accountstest.World) [3]int64 {
	t.Helper()
	l := w.Core.Ledger()
	return [3]int64{lt.MustBalance(t, l, w.Cooperative.BookID, accounts.CodeCoverReceivable),
		lt.MustBalance(t, l, w.Cooperative.BookID, accounts.CodeCoverPayable),
		lt.MustBalance(t, l, w.Cooperative.BookID, accounts.CodeSolidarityFund)}
}

func TestCoverDebts(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, group, own := coverWorld(t, db)
		tr, coop, siti := w.Treasurer, w.Cooperative.ID, w.Members[0]

		t.Run("ACoverIsOwedToWhoPaidIt", func(t *testing.T) {
			if err := covered(t, w, group.ID, "50000", ledger.NewDate(2026, 1, 12)); err != nil {
				t.Fatal(err)
			}
			if got := balances(t, w); got != [3]int64{50000, 50000, 0} {
				t.Errorf("cover accounts %v, want 50000 receivable owed to members", got)
			}
			cs, _, err := w.Meetings.FindMemberCovers(ctx, w.MemberActor[0], coop, siti.ID, meetings.CoverFilter{})
			if err != nil || len(cs) != 1 || cs[0].DebtTo != accounts.CoverDebtToMember || cs[0].OwedMinor() != 50000 {
				t.Errorf("her covers %+v, %v; want one of 50000 owed to Dewi", cs, err)
			}
		})

		t.Run("ConcurrentRepaymentsNeverSettleMoreThanSheOwes", func(t *testing.T) {
			var wg sync.WaitGroup
			results := make([]error, 8)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, results[i] = w.Meetings.RepayCovers(ctx, tr, coop, siti.ID, accounts.MoneyInput{Amount: "10000", Date: ledger.NewDate(2026, 1, 20)})
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range results {
				switch {
				case err == nil:
					ok++
				case ledger.CodeOf(err) != "cover.overpayment":
					t.Errorf("unexpected error: %v", err)
				}
			}
			if ok != 5 {
				t.Errorf("%d repayments of 10000 against 50000 owed succeeded, want 5", ok)
			}
			if got := balances(t, w); got != [3]int64{0, 0, 0} {
				t.Errorf("cover accounts %v after she repaid everything, want none", got)
			}
			lt.MustVerify(t, db, w.Cooperative.BookID, services.Checks()...)
		})

		t.Run("TheFundFormIsOwedToTheGroupAndRepaidInCash", func(t *testing.T) {
			fund := accounts.CoverDebtToFund
			if _, err := w.Core.UpdateCooperative(ctx, tr, coop, accounts.CooperativeSettings{CoverDebtTo: &fund}); err != nil {
				t.Fatal(err)
			}
			if err := covered(t, w, own.ID, "30000", ledger.NewDate(2026, 2, 2)); err != nil {
				t.Fatal(err)
			}
			if got := balances(t, w); got != [3]int64{30000, 0, 30000} {
				t.Errorf("cover accounts %v, want 30000 receivable owed to the fund", got)
			}
			cash := lt.MustBalance(t, w.Core.Ledger(), w.Cooperative.BookID, accounts.CodeCash)
			e, err := w.Meetings.RepayCovers(ctx, tr, coop, siti.ID, accounts.MoneyInput{Amount: "30000", Date: ledger.NewDate(2026, 2, 9)})
			if err != nil {
				t.Fatal(err)
			}
			if after := lt.MustBalance(t, w.Core.Ledger(), w.Cooperative.BookID, accounts.CodeCash); after != cash+30000 || e.Kind != meetings.KindCoverRepaid {
				t.Errorf("cash went from %d to %d on repaying the fund (%s), want 30000 more", cash, after, e.Kind)
			}
			if got := balances(t, w); got != [3]int64{0, 0, 30000} {
				t.Errorf("cover accounts %v, want the fund keeping 30000", got)
			}
		})

		t.Run("AnAmendedMeetingTakesItsCoverDebtBack", func(t *testing.T) {
			day := ledger.NewDate(2026, 2, 16)
			if err := covered(t, w, own.ID, "20000", day); err != nil {
				t.Fatal(err)
			}
			dewi := w.Members[1]
			_, err := w.Meetings.AmendCollection(ctx, tr, coop, w.Group.ID, day, meetings.SheetInput{Date: day,
				Lines: []meetings.SheetPayment{{MemberID: dewi.ID, Attendance: meetings.Present}, {MemberID: siti.ID, Attendance: meetings.Absent}}})
			if err != nil {
				t.Fatal(err)
			}
			if got := balances(t, w); got != [3]int64{0, 0, 30000} {
				t.Errorf("cover accounts %v after the cover was amended away, want only the fund's 30000", got)
			}
			repaidDay := ledger.NewDate(2026, 2, 23)
			if err := covered(t, w, own.ID, "20000", repaidDay); err != nil {
				t.Fatal(err)
			}
			if _, err := w.Meetings.RepayCovers(ctx, tr, coop, siti.ID, accounts.MoneyInput{Amount: "1"}); err != nil {
				t.Fatal(err)
			}
			_, err = w.Meetings.AmendCollection(ctx, tr, coop, w.Group.ID, repaidDay, meetings.SheetInput{Date: repaidDay,
				Lines: []meetings.SheetPayment{{MemberID: dewi.ID, Attendance: meetings.Present}}})
			accountstest.WantCode(t, err, ledger.KindConflict, "meeting.cover_repaid")
		})
	})
}

// TestCoversUnderConcurrentMeetings records covers at meetings of several
// days while the covered member repays at the desk, all at once: each
// repayment is refused or settles what was owed when it ran, and the
// cover accounts end equal to what is still owed.
func TestCoversUnderConcurrentMeetings(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, group, _ := coverWorld(t, db)
		siti := w.Members[0]
		const meetingsN, repaymentsN = 4, 4
		var wg sync.WaitGroup
		sheetErrs, repayErrs := make([]error, meetingsN), make([]error, repaymentsN)
		for i := range meetingsN {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sheetErrs[i] = covered(t, w, group.ID, "10000", ledger.NewDate(2026, 3, 2).AddDays(7*i))
			}()
		}
		for i := range repaymentsN {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, repayErrs[i] = w.Meetings.RepayCovers(ctx, w.Treasurer, w.Cooperative.ID, siti.ID,
					accounts.MoneyInput{Amount: "10000", Date: ledger.NewDate(2026, 4, 1)})
			}()
		}
		wg.Wait()
		for i, err := range sheetErrs {
			if err != nil {
				t.Errorf("meeting %d: %v", i, err)
			}
		}
		repaid := int64(0)
		for _, err := range repayErrs {
			switch {
			case err == nil:
				repaid += 10000
			case ledger.CodeOf(err) != "cover.overpayment":
				t.Errorf("unexpected error: %v", err)
			}
		}
		owed := meetingsN*10000 - repaid
		if got := balances(t, w); got != [3]int64{owed, owed, 0} {
			t.Errorf("cover accounts %v, want %d owed to members (%d repaid)", got, owed, repaid)
		}
		cs, _, err := w.Meetings.FindMemberCovers(ctx, w.Treasurer, w.Cooperative.ID, siti.ID, meetings.CoverFilter{})
		var left int64
		for _, c := range cs {
			left += c.OwedMinor()
		}
		if err != nil || left != owed {
			t.Errorf("her covers still owe %d (%v), the accounts %d", left, err, owed)
		}
		lt.MustVerify(t, db, w.Cooperative.BookID, services.Checks()...)
	})
}

// TestGroupLoanRepaymentsByShare checks that a repayment of a group loan
// names a member who holds a share, and that concurrent repayments by its
// members never pay it beyond its payoff.
func TestGroupLoanRepaymentsByShare(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, group, _ := coverWorld(t, db)
		tr, coop := w.Treasurer, w.Cooperative.ID
		rina, err := w.Core.CreateMember(ctx, tr, coop, accounts.MemberInput{GroupID: w.Group.ID, Name: "Rina Wati", Gender: "female"})
		if err != nil {
			t.Fatal(err)
		}
		money := accounts.MoneyInput{Amount: "1000", Date: ledger.NewDate(2026, 1, 10)}
		_, err = w.Lending.RepayLoan(ctx, tr, coop, group.ID, money)
		accountstest.WantCode(t, err, ledger.KindInvalid, "loan.invalid")
		_, err = w.Lending.RepayLoanBy(ctx, tr, coop, group.ID, lending.Payer{MemberID: rina.ID}, money)
		accountstest.WantCode(t, err, ledger.KindInvalid, "loan.invalid")

		v, err := w.Lending.FindLoan(ctx, tr, coop, group.ID, ledger.NewDate(2026, 1, 10))
		if err != nil {
			t.Fatal(err)
		}
		part := v.PayoffMinor / 4
		var wg sync.WaitGroup
		results := make([]error, 6)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				m := w.Members[i%2]
				_, results[i] = w.Lending.RepayLoanBy(ctx, tr, coop, group.ID, lending.Payer{MemberID: m.ID},
					accounts.MoneyInput{Amount: fmt.Sprint(part), Date: ledger.NewDate(2026, 1, 10)})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range results {
			switch {
			case err == nil:
				ok++
			case ledger.CodeOf(err) != "loan.overpayment" && ledger.CodeOf(err) != "loan.status":
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 4 {
			t.Errorf("%d repayments of a quarter of the payoff succeeded, want 4", ok)
		}
		v, err = w.Lending.FindLoan(ctx, tr, coop, group.ID, ledger.NewDate(2026, 1, 10))
		if err != nil {
			t.Fatal(err)
		}
		var paid int64
		for _, sv := range v.ShareViews {
			paid += sv.PaidMinor
		}
		if paid != 4*part {
			t.Errorf("the shares were credited %d, want the %d repaid", paid, 4*part)
		}
		lt.MustVerify(t, db, w.Cooperative.BookID, services.Checks()...)
	})
}

// TestVerifyFindsCoversApartFromTheBooks: a cover marked repaid without a
// repayment leaves the cover accounts holding more than the covers owe,
// and verify says so, each way.
func TestVerifyFindsCoversApartFromTheBooks(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, group, _ := coverWorld(t, db)
		if err := covered(t, w, group.ID, "40000", ledger.NewDate(2026, 1, 12)); err != nil {
			t.Fatal(err)
		}
		scope := ledger.VerifyScope{BookID: w.Cooperative.BookID}
		if vs, err := ledger.Verify(ctx, db, scope, meetings.Checks...); err != nil || len(vs) != 0 {
			t.Fatalf("a cover as recorded: %v %v", vs, err)
		}
		// The test database is shared by tests running in parallel: the
		// row is this cooperative's own.
		tamper := func(settled int64) {
			t.Helper()
			if _, err := db.NewRaw("UPDATE loan_covers SET settled_minor = ? WHERE loan_id = ?", settled, group.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		tamper(15000)
		vs, err := ledger.Verify(ctx, db, scope, meetings.Checks...)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, v := range vs {
			found[v.Check] = true
		}
		if len(vs) != 3 || !found["cover_debt_receivable"] || !found["cover_debt_to_members"] || !found["cover_settled"] {
			t.Fatalf("violations %+v, want one of each cover check", vs)
		}
		tamper(0) // put back, so that the world's own check at the end passes
	})
}
