package accountstest

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// The loans of a generated cooperative: disbursed, repaid week by week as
// the services split repayments, and now and then repaid late or written
// off.

// loanMetadata is the metadata of every entry about a loan.
func loanMetadata(l *genLoan, f accounts.Facility) map[string]string {
	return map[string]string{"loan_id": l.id.String(), "facility_id": f.ID, "member_id": l.member.id.String()}
}

// loanCode names a loan's account under a chart code, as the services do
// ("1300.L0007").
func loanCode(chartCode string, number int) string {
	return fmt.Sprintf("%s.L%04d", chartCode, number)
}

// disburse lends to a member: each loan is larger than her last. Her
// group's facility funds it, within what it has received and not lent.
// About one loan in ten has a spell of one to three missed weeks, and
// about one in seventy stops being repaid and is written off.
func (b *book) disburse(m *genMember, on ledger.Date) error {
	f := &b.facilities[m.group%len(b.facilities)]
	l := &genLoan{id: uuid.Must(uuid.NewV7()), number: len(b.loans) + 1, member: m, facility: m.group % len(b.facilities),
		principal: int64(1_000_000 + 500_000*m.cycle + 100_000*b.rng.IntN(5)), disbursedOn: on, status: lending.LoanDisbursed,
		lateFrom: -1, stopAt: -1}
	l.fee = l.principal / 100
	if l.principal > f.received-f.lent {
		return fmt.Errorf("facility %s cannot fund loan %d", f.facility.AccountCode, l.number)
	}
	switch r := b.rng.IntN(1000); {
	case r < 15:
		l.stopAt = 5 + b.rng.IntN(15)
	case r < 100:
		l.lateFrom, l.lateLength = 2+b.rng.IntN(18), 1+b.rng.IntN(3)
	}
	schedule, err := loans.Build(loans.Terms{Principal: l.principal, Currency: b.org.coop.Currency,
		AnnualRatePercent: decimal.NewFromInt(loanRatePercent), Installments: loanInstallments, Frequency: loans.Weekly,
		Method: loans.Flat, InstallmentMultiple: loanMultipleMinor, DisbursedOn: on})
	if err != nil {
		return err
	}
	for _, inst := range schedule.Installments {
		l.schedule = append(l.schedule, lending.Installment{Number: inst.Number, DueDate: inst.DueDate,
			PrincipalMinor: inst.PrincipalMinor, InterestMinor: inst.InterestMinor})
	}
	owner, created := l.id.String(), on.Time().Add(9*time.Hour)
	for i, acct := range []struct {
		chart, label string
		typ          ledger.Type
	}{{accounts.CodeLoansReceivable, "Pinjaman ", ledger.Asset}, {accounts.CodePenaltiesReceivable, "Denda ", ledger.Asset},
		{accounts.CodeInterestIncome, "Bunga ", ledger.Income}} {
		l.accts[i] = b.addAccount(genAccount{id: uuid.Must(uuid.NewV7()), code: loanCode(acct.chart, l.number), name: acct.label + m.name,
			typ: acct.typ, ownerKind: lending.OwnerLoan, ownerID: owner, floor: true, createdAt: created})
	}
	err = b.post(lending.KindLoanDisbursement, on, loanMetadata(l, f.facility),
		genPosting{l.accts[0], ledger.Debit, l.principal},
		genPosting{b.byCode[accounts.CodeCash], ledger.Credit, l.principal - l.fee},
		genPosting{b.byCode[accounts.CodeFeeIncome], ledger.Credit, l.fee})
	if err != nil {
		return err
	}
	f.lent += l.principal
	m.loan, m.cycle = l, m.cycle+1
	b.loans = append(b.loans, l)
	return nil
}

// repay records a member's payment at a meeting: everything due, split by
// lending.Allocate as RepayLoan splits it, unless this is a week she
// misses. A payment that settles the loan closes it; her next loan comes
// a week or two later. A loan more than 90 days late that she has stopped
// paying is written off, and she borrows no more.
func (b *book) repay(m *genMember, w int, on ledger.Date) error {
	l := m.loan
	installment := on.DaysSince(l.disbursedOn)/7 - 1
	pos := lending.PositionOn(l.schedule, l.principal, l.paid, on)
	if l.stopAt >= 0 && installment >= l.stopAt {
		if pos.DaysPastDue > 90 {
			return b.writeOff(l, on)
		}
		return nil
	}
	if l.lateFrom >= 0 && installment >= l.lateFrom && installment < l.lateFrom+l.lateLength {
		return nil
	}
	amount := pos.PrincipalDueMinor + pos.InterestDueMinor + pos.PenaltyOwedMinor
	if amount == 0 {
		return nil
	}
	alloc, payoff, ok := lending.Allocate(l.schedule, l.paid, on, amount)
	if !ok {
		return fmt.Errorf("loan %d: %d is more than its payoff %d", l.number, amount, payoff)
	}
	lines := []genPosting{{b.byCode[accounts.CodeCash], ledger.Debit, amount}}
	for _, part := range []struct {
		account int
		minor   int64
	}{{l.accts[1], alloc.PenaltyMinor}, {l.accts[2], alloc.InterestMinor}, {l.accts[0], alloc.PrincipalMinor}} {
		if part.minor > 0 {
			lines = append(lines, genPosting{part.account, ledger.Credit, part.minor})
		}
	}
	f := &b.facilities[l.facility]
	if err := b.post(lending.KindLoanRepayment, on, loanMetadata(l, f.facility), lines...); err != nil {
		return err
	}
	l.paid.PenaltyOwedMinor -= alloc.PenaltyMinor
	l.paid.InterestMinor += alloc.InterestMinor
	l.paid.PrincipalMinor += alloc.PrincipalMinor
	f.lent -= alloc.PrincipalMinor
	if amount == payoff {
		l.status, l.closedOn = lending.LoanClosed, &on
		m.loan, m.nextLoan = nil, w+1+b.rng.IntN(2)
	}
	return nil
}

// writeOff takes a loan's outstanding principal off the books as a loss.
// A generated federation assesses no penalties, so there are none to write
// off with it.
func (b *book) writeOff(l *genLoan, on ledger.Date) error {
	outstanding := l.principal - l.paid.PrincipalMinor
	f := &b.facilities[l.facility]
	err := b.post(lending.KindLoanWriteOff, on, loanMetadata(l, f.facility),
		genPosting{b.byCode[accounts.CodeLoanLosses], ledger.Debit, outstanding}, genPosting{l.accts[0], ledger.Credit, outstanding})
	if err != nil {
		return err
	}
	f.lent -= outstanding
	l.status, l.closedOn = lending.LoanWrittenOff, &on
	l.member.loan, l.member.nextLoan = nil, -1
	return nil
}
