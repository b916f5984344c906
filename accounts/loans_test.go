package accounts_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// loanWorld is a cooperative whose grant facility has received its capital,
// ready to lend.
func loanWorld(t *testing.T, db *bun.DB) *accountstest.World {
	t.Helper()
	w := accountstest.NewWorld(t, db)
	if _, err := w.Capital.ReceiveTranche(context.Background(), w.Treasurer, w.Cooperative.ID, w.Facility.ID,
		accounts.MoneyInput{Amount: "10000000", Date: ledger.NewDate(2026, 1, 2)}); err != nil {
		t.Fatal(err)
	}
	return w
}

// flatLoan: Rp 1,200,000 over 4 monthly installments at 12 % flat a year:
// interest 12,000 a month, principal 300,000 a month.
func flatLoan(w *accountstest.World, memberIndex int) lending.LoanApplication {
	return lending.LoanApplication{MemberID: w.Members[memberIndex].ID, FacilityID: w.Facility.ID, Principal: "1200000",
		AnnualRate: "12", Method: loans.Flat, Frequency: loans.Monthly, Installments: 4, Fee: "12000", Penalty: "5000"}
}

// groupLoan turns an application into one of the group's, its principal
// shared equally among the world's members (the first takes what does not
// divide).
func groupLoan(w *accountstest.World, in lending.LoanApplication) lending.LoanApplication {
	principal := decimal.RequireFromString(in.Principal).IntPart()
	n := int64(len(w.Members))
	in.MemberID, in.GroupID, in.Shares = "", w.Group.ID, nil
	for i, m := range w.Members {
		part := principal / n
		if i == 0 {
			part += principal % n
		}
		in.Shares = append(in.Shares, lending.ShareInput{MemberID: m.ID, Principal: strconv.FormatInt(part, 10)})
	}
	return in
}

// disbursed applies, approves and disburses a loan on 2026-01-05.
func disbursed(t *testing.T, w *accountstest.World, in lending.LoanApplication) lending.Loan {
	t.Helper()
	ctx, s, coop := context.Background(), w.Services, w.Cooperative.ID
	l, err := s.Lending.ApplyLoan(ctx, w.Treasurer, coop, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lending.ApproveLoan(ctx, w.Approver, coop, l.ID); err != nil {
		t.Fatal(err)
	}
	l, _, err = s.Lending.DisburseLoan(ctx, w.Treasurer, coop, l.ID, accounts.MoneyInput{Date: ledger.NewDate(2026, 1, 5)})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func repay(t *testing.T, w *accountstest.World, loanID, amount string, on ledger.Date) lending.Repayment {
	t.Helper()
	r, err := w.Lending.RepayLoan(context.Background(), w.Treasurer, w.Cooperative.ID, loanID, accounts.MoneyInput{Amount: amount, Date: on})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLoanLifecycle(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()

		t.Run("ApplicantCannotApproveHerOwnRecord", func(t *testing.T) {
			w := loanWorld(t, db)
			l, err := w.Lending.ApplyLoan(ctx, w.Treasurer, w.Cooperative.ID, flatLoan(w, 0))
			if err != nil {
				t.Fatal(err)
			}
			_, err = w.Lending.ApproveLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID)
			accountstest.WantCode(t, err, ledger.KindForbidden, "loan.self_approval")
			_, _, err = w.Lending.DisburseLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID, accounts.MoneyInput{})
			accountstest.WantCode(t, err, ledger.KindConflict, "loan.status")
		})

		t.Run("DisbursementTakesTheFeeAndFixesTheSchedule", func(t *testing.T) {
			w := loanWorld(t, db)
			l := disbursed(t, w, flatLoan(w, 0))
			book := w.Cooperative.BookID
			if got := lt.MustBalance(t, w.Core.Ledger(), book, accounts.CodeFeeIncome); got != 12000 {
				t.Errorf("fee income %d, want 12000", got)
			}
			if got := lt.MustBalance(t, w.Core.Ledger(), book, accounts.CodeCash); got != 10000000-1200000+12000 {
				t.Errorf("cash %d, want the tranche less the principal plus the fee", got)
			}
			if len(l.Schedule) != 4 || l.Schedule[0].DueDate != ledger.NewDate(2026, 2, 5) || l.Schedule[0].InterestMinor != 12000 {
				t.Errorf("schedule %+v", l.Schedule)
			}
		})

		t.Run("FacilityLendsOnlyWhatItReceived", func(t *testing.T) {
			w := loanWorld(t, db)
			big := flatLoan(w, 0)
			big.Principal = "10000001"
			l, err := w.Lending.ApplyLoan(ctx, w.Treasurer, w.Cooperative.ID, big)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Lending.ApproveLoan(ctx, w.Approver, w.Cooperative.ID, l.ID); err != nil {
				t.Fatal(err)
			}
			_, _, err = w.Lending.DisburseLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID, accounts.MoneyInput{})
			accountstest.WantCode(t, err, ledger.KindConflict, "facility.insufficient")
		})

		t.Run("RepaymentPaysPenaltiesThenInterestThenPrincipalOldestFirst", func(t *testing.T) {
			w := loanWorld(t, db)
			l := disbursed(t, w, flatLoan(w, 0))
			// Both of the first two installments are late on 2026-03-10.
			pen, err := w.Lending.AssessPenalties(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 3, 10))
			if err != nil || pen == nil {
				t.Fatalf("penalties: %v, %v", pen, err)
			}
			// 330,000 pays both penalties (10,000), all of installment 1
			// (12,000 + 300,000) and 8,000 of installment 2's interest.
			r := repay(t, w, l.ID, "330000", ledger.NewDate(2026, 3, 10))
			want := lending.Allocation{PenaltyMinor: 10000, InterestMinor: 20000, PrincipalMinor: 300000}
			if r.Allocation != want {
				t.Errorf("allocation %+v, want %+v", r.Allocation, want)
			}
			p := r.Loan.Position
			if p.DaysPastDue != 5 || p.ArrearsMinor != 304000 || p.Next.Number != 2 {
				t.Errorf("after paying: %d days past due, arrears %d, next #%d; want 5, 304000, #2", p.DaysPastDue, p.ArrearsMinor, p.Next.Number)
			}
			again, err := w.Lending.AssessPenalties(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 3, 11))
			if err != nil || again != nil {
				t.Errorf("a second assessment charged again: %v, %v", again, err)
			}
		})

		t.Run("ReversedRepaymentReallocates", func(t *testing.T) {
			w := loanWorld(t, db)
			l := disbursed(t, w, flatLoan(w, 0))
			r := repay(t, w, l.ID, "312000", ledger.NewDate(2026, 2, 5))
			if r.Loan.Position.PaidInstallments != 1 {
				t.Fatalf("paid installments %d, want 1", r.Loan.Position.PaidInstallments)
			}
			// Reversed as of the day it was recorded: the money never came.
			if _, err := w.Books.ReverseEntry(ctx, w.Treasurer, w.Cooperative.ID, r.Entry.ID, ledger.ReversalInput{EffectiveDate: ledger.NewDate(2026, 2, 5)}); err != nil {
				t.Fatal(err)
			}
			v, err := w.Lending.FindLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 2, 6))
			if err != nil {
				t.Fatal(err)
			}
			if v.Position.PaidInstallments != 0 || v.Position.DaysPastDue != 1 || v.Position.OutstandingMinor != 1200000 {
				t.Errorf("after the reversal: %+v", v.Position)
			}
		})

		t.Run("PayoffClosesAndForgivesInterestNotYetDue", func(t *testing.T) {
			w := loanWorld(t, db)
			l := disbursed(t, w, flatLoan(w, 0))
			v, err := w.Lending.FindLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID, ledger.NewDate(2026, 2, 5))
			if err != nil {
				t.Fatal(err)
			}
			if v.PayoffMinor != 1212000 {
				t.Fatalf("payoff %d, want all principal plus the first month's interest, 1212000", v.PayoffMinor)
			}
			_, err = w.Lending.RepayLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID, accounts.MoneyInput{Amount: "1212001", Date: ledger.NewDate(2026, 2, 5)})
			accountstest.WantCode(t, err, ledger.KindConflict, "loan.overpayment")
			r := repay(t, w, l.ID, "1212000", ledger.NewDate(2026, 2, 5))
			if r.Loan.Status != lending.LoanClosed {
				t.Errorf("status %s after payoff, want closed", r.Loan.Status)
			}
		})

		t.Run("WriteOffMovesOutstandingToLosses", func(t *testing.T) {
			w := loanWorld(t, db)
			l := disbursed(t, w, flatLoan(w, 0))
			repay(t, w, l.ID, "312000", ledger.NewDate(2026, 2, 5))
			if _, err := w.Lending.WriteOff(ctx, w.Treasurer, w.Cooperative.ID, l.ID, accounts.MoneyInput{Date: ledger.NewDate(2026, 6, 30)}); err != nil {
				t.Fatal(err)
			}
			if got := lt.MustBalance(t, w.Core.Ledger(), w.Cooperative.BookID, accounts.CodeLoanLosses); got != 900000 {
				t.Errorf("loan losses %d, want the 900000 outstanding", got)
			}
			_, err := w.Lending.RepayLoan(ctx, w.Treasurer, w.Cooperative.ID, l.ID, accounts.MoneyInput{Amount: "1"})
			accountstest.WantCode(t, err, ledger.KindConflict, "loan.status")
		})

		t.Run("MemberSeesHerLoanButNotAnothers", func(t *testing.T) {
			w := loanWorld(t, db)
			l := disbursed(t, w, flatLoan(w, 0))
			if _, err := w.Lending.FindLoan(ctx, w.MemberActor[0], w.Cooperative.ID, l.ID, ledger.Date{}); err != nil {
				t.Errorf("her own loan: %v", err)
			}
			_, err := w.Lending.FindLoan(ctx, w.MemberActor[1], w.Cooperative.ID, l.ID, ledger.Date{})
			accountstest.WantCode(t, err, ledger.KindNotFound, "loan.not_found")
		})

		t.Run("ExitReturnsSavingsNetOfDebts", func(t *testing.T) {
			w := loanWorld(t, db)
			s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
			siti := w.Members[0]
			for typ, amount := range map[accounts.SavingsType]string{accounts.Pokok: "50000", accounts.Wajib: "100000", accounts.Sukarela: "1300000"} {
				if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: typ, MoneyInput: accounts.MoneyInput{Amount: amount, Date: ledger.NewDate(2026, 1, 3)}}); err != nil {
					t.Fatal(err)
				}
			}
			l := disbursed(t, w, flatLoan(w, 0))
			e, err := s.Lending.Exit(ctx, tr, coop, siti.ID, accounts.MoneyInput{Date: ledger.NewDate(2026, 2, 5)})
			if err != nil {
				t.Fatal(err)
			}
			var paidOut int64
			for _, p := range e.Postings {
				if p.AccountCode == accounts.CodeCash {
					paidOut = p.AmountMinor
				}
			}
			// Savings 1,450,000 less the payoff 1,212,000.
			if paidOut != 238000 {
				t.Errorf("paid out %d, want 238000", paidOut)
			}
			v, err := s.Lending.FindLoan(ctx, tr, coop, l.ID, ledger.Date{})
			if err != nil || v.Status != lending.LoanClosed {
				t.Errorf("her loan after exit: %s, %v", v.Status, err)
			}
			_, err = s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: siti.ID, Type: accounts.Sukarela, MoneyInput: accounts.MoneyInput{Amount: "1"}})
			accountstest.WantCode(t, err, ledger.KindConflict, "member.exited")
		})
	})
}
