package lending

import "github.com/lumbung/lumbung/ledger"

// The pure rules of a loan's repayment, over its stored schedule and what
// the ledger says was paid. They take totals, not a payment history: the
// totals are ledger balances, so a reversed repayment re-allocates by
// itself, and the rules cannot drift from the books.

// Installment is one line of a loan's stored schedule.
type Installment struct {
	Number         int
	DueDate        ledger.Date
	PrincipalMinor int64
	InterestMinor  int64
}

// Paid is what has been paid on a loan so far, as the ledger holds it.
type Paid struct {
	PrincipalMinor   int64 // principal disbursed minus principal outstanding
	InterestMinor    int64 // the loan's interest income balance
	PenaltyOwedMinor int64 // penalties assessed and not yet paid
}

// Position is where a loan stands on a date.
type Position struct {
	OutstandingMinor  int64 // principal not yet repaid, due or not
	PrincipalDueMinor int64 // principal of installments due by the date, unpaid
	InterestDueMinor  int64 // interest of installments due by the date, unpaid
	PenaltyOwedMinor  int64
	ArrearsMinor      int64        // everything due and unpaid: principal, interest, penalties
	DaysPastDue       int          // days since the oldest unpaid installment fell due; 0 when current
	Next              *Installment // the first installment not fully paid
	NextDueMinor      int64        // what is left to pay of it
	PaidInstallments  int
}

// coverage walks the schedule applying the totals paid in order, oldest
// installment first, interest before principal, and calls visit with what
// remains unpaid of each installment. This order is the allocation rule;
// every other rule here reads the schedule through it.
func coverage(schedule []Installment, paid Paid, visit func(inst Installment, interestLeft, principalLeft int64)) {
	interest, principal := paid.InterestMinor, paid.PrincipalMinor
	for _, inst := range schedule {
		ci := min(interest, inst.InterestMinor)
		cp := min(principal, inst.PrincipalMinor)
		interest, principal = interest-ci, principal-cp
		visit(inst, inst.InterestMinor-ci, inst.PrincipalMinor-cp)
	}
}

// PositionOn computes a loan's position on a date.
func PositionOn(schedule []Installment, principalMinor int64, paid Paid, asOf ledger.Date) Position {
	p := Position{OutstandingMinor: principalMinor - paid.PrincipalMinor, PenaltyOwedMinor: paid.PenaltyOwedMinor}
	coverage(schedule, paid, func(inst Installment, interestLeft, principalLeft int64) {
		left := interestLeft + principalLeft
		if left == 0 {
			p.PaidInstallments++
			return
		}
		if p.Next == nil {
			next := inst
			p.Next, p.NextDueMinor = &next, left
		}
		if inst.DueDate.After(asOf) {
			return
		}
		p.InterestDueMinor += interestLeft
		p.PrincipalDueMinor += principalLeft
		if p.DaysPastDue == 0 && asOf.After(inst.DueDate) {
			p.DaysPastDue = asOf.DaysSince(inst.DueDate)
		}
	})
	p.ArrearsMinor = p.PrincipalDueMinor + p.InterestDueMinor + p.PenaltyOwedMinor
	return p
}

// Allocation splits a repayment between what it pays.
type Allocation struct {
	PenaltyMinor   int64
	InterestMinor  int64
	PrincipalMinor int64
}

// Allocate splits a repayment made on a date: penalties first, then, oldest
// installment first, the interest and principal of installments already
// due; what is left prepays principal of later installments, oldest first
// (interest is not charged before its period is due). It reports false when
// the amount exceeds everything that can be paid; payoff is the most.
func Allocate(schedule []Installment, paid Paid, on ledger.Date, amountMinor int64) (a Allocation, payoffMinor int64, ok bool) {
	left := amountMinor
	take := func(owed int64) int64 {
		x := min(left, owed)
		left -= x
		return x
	}
	a.PenaltyMinor = take(paid.PenaltyOwedMinor)
	payoffMinor = paid.PenaltyOwedMinor
	var future []int64 // principal left on installments not yet due, in order
	coverage(schedule, paid, func(inst Installment, interestLeft, principalLeft int64) {
		if inst.DueDate.After(on) {
			future = append(future, principalLeft)
			payoffMinor += principalLeft
			return
		}
		a.InterestMinor += take(interestLeft)
		a.PrincipalMinor += take(principalLeft)
		payoffMinor += interestLeft + principalLeft
	})
	for _, owed := range future {
		a.PrincipalMinor += take(owed)
	}
	return a, payoffMinor, left == 0
}
