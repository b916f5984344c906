package accounts_test

import (
	"context"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestFourEyes: with write-offs under four eyes, a treasurer's write-off
// reaches the books only through another treasurer's approval, and an
// approval sent from two devices at once writes the loan off once.
func TestFourEyes(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop := w.Services, w.Cooperative.ID
		loan := disbursed(t, w, flatLoan(w, 0))
		actions := []string{string(accounts.ApproveWriteOff), string(accounts.ApproveYearEnd)}
		if _, err := s.Core.UpdateCooperative(ctx, w.Treasurer, coop, accounts.CooperativeSettings{SecondApproval: &actions}); err != nil {
			t.Fatal(err)
		}
		in := accounts.MoneyInput{Memo: "macet", Date: ledger.NewDate(2026, 6, 1)}
		if _, err := s.Lending.WriteOff(ctx, w.Treasurer, coop, loan.ID, in); ledger.CodeOf(err) != "approval.required" {
			t.Fatalf("a write-off sent straight: %v, want approval.required", err)
		}
		ap, err := s.Approvals.RequestWriteOff(ctx, w.Treasurer, coop, approvals.WriteOff{LoanID: loan.ID, Input: in})
		if err != nil || ap.Status != approvals.Pending {
			t.Fatalf("request: %+v, %v", ap, err)
		}
		again, err := s.Approvals.RequestWriteOff(ctx, w.Treasurer, coop, approvals.WriteOff{LoanID: loan.ID, Input: in})
		if err != nil || again.ID != ap.ID {
			t.Fatalf("the same request again: %+v, %v; want %s", again, err, ap.ID)
		}
		if _, err := s.Approvals.Approve(ctx, w.Treasurer, coop, ap.ID); ledger.KindOf(err) != ledger.KindForbidden {
			t.Fatalf("approved by the one who asked: %v", err)
		}

		var wg sync.WaitGroup
		results := make([]error, 3)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = s.Approvals.Approve(ctx, w.Approver, coop, ap.ID)
			}()
		}
		wg.Wait()
		succeeded := 0
		for _, err := range results {
			switch {
			case err == nil:
				succeeded++
			case ledger.KindOf(err) != ledger.KindConflict:
				t.Fatalf("concurrent approvals: %v", err)
			}
		}
		if succeeded == 0 {
			t.Fatal("no concurrent approval succeeded")
		}
		decided, err := s.Approvals.FindApprovals(ctx, w.Supervisor, coop, approvals.Approved)
		if err != nil || len(decided) != 1 || decided[0].DecidedBy != w.Approver.UserID || decided[0].Result == "" {
			t.Fatalf("approved: %+v, %v", decided, err)
		}
		l, err := s.Lending.FindLoan(ctx, w.Treasurer, coop, loan.ID, ledger.Date{})
		if err != nil || l.Status != lending.LoanWrittenOff {
			t.Fatalf("the loan: %s, %v", l.Status, err)
		}
		var writeOffs int64
		writeOffs, err = db.NewSelect().Table("entries").Where("book_id = ? AND kind = ?", w.Cooperative.BookID, lending.KindLoanWriteOff).Count(ctx)
		if err != nil || writeOffs != 1 {
			t.Fatalf("%d write-off entries, %v; want 1", writeOffs, err)
		}
		events, _, err := s.Core.FindAudit(ctx, w.Supervisor, coop, accounts.AuditFilter{SubjectKind: "approval", SubjectID: ap.ID}, accounts.Page{})
		if err != nil || len(events) != 2 || events[0].Action != "approval.request" || events[1].Action != "approval.approved" {
			t.Fatalf("the approval's record: %+v, %v", events, err)
		}
	})
}
