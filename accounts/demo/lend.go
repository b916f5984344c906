package demo

import (
	"context"
	"fmt"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// The demo's loan products. weeklyProduct is a cycle's loan: weekly group
// lending, 25 weeks, 24 % flat a year, installments rounded to Rp 500, a
// 1 % fee and a Rp 5,000 late penalty, from Rp 500,000 to Rp 3,000,000.
// firstProduct is the short, small loan a group starts with; groupProduct
// the loan a group takes as one under joint liability (tanggung renteng).
var (
	weeklyProduct = lending.LoanProductInput{Name: "Pinjaman Kelompok Mingguan", AnnualRate: "24", Method: loans.Flat,
		Frequency: loans.Weekly, Installments: 25, InstallmentMultiple: "500", FeePercent: "1", Penalty: "5000",
		PrincipalMin: "500000", PrincipalMax: "3000000"}
	firstProduct = lending.LoanProductInput{Name: "Pinjaman Perdana", AnnualRate: "24", Method: loans.Flat,
		Frequency: loans.Weekly, Installments: firstLoanInstallments, InstallmentMultiple: "500", FeePercent: "1", Penalty: "5000",
		PrincipalMin: "500000", PrincipalMax: "1000000"}
	groupProduct = lending.LoanProductInput{Name: "Pinjaman Usaha Bersama (tanggung renteng)", AnnualRate: "20", Method: loans.Flat,
		Frequency: loans.Weekly, Installments: 25, InstallmentMultiple: "1000", FeePercent: "1", Penalty: "10000",
		PrincipalMin: "2000000", PrincipalMax: "15000000"}
)

// firstLoanInstallments is the first loan's term in weeks.
const firstLoanInstallments = 12

// cycleWeeks is one loan cycle: 25 weekly installments, then the next
// loans the week after the last one.
const cycleWeeks = 26

// phases is, per group, how many weeks before today its latest cycle's
// loans were disbursed. The groups' cycles are staggered so that whatever
// the day the demo is made, today finds each group at its own point of a
// cycle: installments due, nothing near its end.
var phases = []int{10, 18, 4}

// The group loan: Melati's joint sewing business, taken some weeks before
// today and repaid in equal shares by four of its members, who cover for
// one another when one of them misses a meeting.
var (
	groupLoanGroup    = 1
	groupLoanWeeksAgo = 20
	groupLoanPayers   = []int{0, 1, 2, 3}
)

// cycle returns the product a group borrows under in a week, if the week
// starts one of its loan cycles: every cycleWeeks, counted back from the
// group's latest cycle; and, in week 1, a first short loan when the first
// full cycle starts late enough to leave room for it.
func (w *world) cycle(gi, week int) (lending.LoanProduct, bool) {
	latest := w.n - phases[gi]
	if week <= latest && (latest-week)%cycleWeeks == 0 {
		return w.product, true
	}
	first := (latest-1)%cycleWeeks + 1
	if week == 1 && first > firstLoanInstallments+1 {
		return w.firstProduct, true
	}
	return lending.LoanProduct{}, false
}

// lend disburses the loans of the cycles that start this week, and the
// group loan in its week.
func (w *world) lend(ctx context.Context, week int, day ledger.Date) error {
	for gi, g := range w.groups {
		facility := w.grant
		if gi == 2 {
			facility = w.loanFund
		}
		if gi == groupLoanGroup && week == w.n-groupLoanWeeksAgo {
			in := lending.LoanApplication{GroupID: g.ID, FacilityID: w.grant.ID, ProductID: w.groupProduct.ID,
				Principal: "6000000", Purpose: "usaha jahit bersama: dua mesin jahit dan kain"}
			for _, mi := range groupLoanPayers { // equal shares: 1,500,000 each
				in.Shares = append(in.Shares, lending.ShareInput{MemberID: w.members[g.ID][mi].ID, Principal: "1500000"})
			}
			if err := w.loan(ctx, in, day); err != nil {
				return fmt.Errorf("%s: %w", g.Name, err)
			}
		}
		product, ok := w.cycle(gi, week)
		if !ok {
			continue
		}
		for mi, m := range w.members[g.ID] {
			if !w.borrows(gi, mi, week) {
				continue
			}
			principal := []string{"1000000", "1500000", "2000000"}[(mi+week)%3]
			if product.ID == w.firstProduct.ID {
				principal = []string{"500000", "750000", "1000000"}[mi%3]
			}
			in := lending.LoanApplication{MemberID: m.ID, FacilityID: facility.ID, ProductID: product.ID, Principal: principal,
				Purpose: businesses[(gi*membersPerGroup+mi)%len(businesses)]}
			if err := w.loan(ctx, in, day); err != nil {
				return fmt.Errorf("%s: %w", m.Name, err)
			}
		}
	}
	return nil
}

// borrows reports whether a member takes a cycle's loan: not the defaulter
// after the loan she could not repay, nor the leaver in the cycle before
// she leaves.
func (w *world) borrows(gi, mi, week int) bool {
	switch {
	case w.is(gi, mi, defaulter):
		return week <= w.n-phases[defaulter.group]-cycleWeeks
	case w.is(gi, mi, leaver):
		return week <= w.n-cycleWeeks
	}
	return true
}

func (w *world) loan(ctx context.Context, in lending.LoanApplication, day ledger.Date) error {
	l, err := w.svc.Lending.ApplyLoan(ctx, w.treasurer, w.coop.ID, in)
	if err != nil {
		return err
	}
	if _, err := w.svc.Lending.ApproveLoan(ctx, w.approver, w.coop.ID, l.ID); err != nil {
		return err
	}
	_, _, err = w.svc.Lending.DisburseLoan(ctx, w.treasurer, w.coop.ID, l.ID, accounts.MoneyInput{Date: day})
	return err
}
