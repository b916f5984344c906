package loans

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/ledger"
)

// Installment is one repayment due. BalanceMinor is the principal still
// outstanding after it is paid.
type Installment struct {
	Number         int // 1 for the first installment
	DueDate        ledger.Date
	PrincipalMinor int64
	InterestMinor  int64
	TotalMinor     int64 // PrincipalMinor + InterestMinor
	BalanceMinor   int64
}

// Schedule is a loan's repayment plan.
type Schedule struct {
	Terms               Terms
	Installments        []Installment
	TotalPrincipalMinor int64 // always Terms.Principal
	TotalInterestMinor  int64
	// EffectiveAnnualRatePercent is set for flat loans only: the rate a
	// member really pays on the balance she still owes, two decimals.
	EffectiveAnnualRatePercent *decimal.Decimal
}

// plan is what a method decides for each installment.
type plan struct {
	// interest is installment k's interest, given the principal outstanding
	// before it.
	interest func(k int, outstandingMinor int64) (int64, error)
	// total is the total a regular installment (neither a grace installment
	// nor the last) aims at, already rounded to the installment multiple,
	// given its interest. Principal is this total less the interest.
	total func(interestMinor int64) (int64, error)
	// interestTotalMinor is the total interest the method promises, checked
	// against the sum of the installments; -1 when the method promises none
	// beyond the sum of its installments.
	interestTotalMinor int64
}

// Build lays out the schedule of a loan. Errors: KindInvalid (from
// Validate) for bad terms; KindInternal when the schedule would not add up,
// which is a bug — a wrong schedule is never returned.
func Build(t Terms) (Schedule, error) {
	if err := t.Validate(); err != nil {
		return Schedule{}, err
	}
	r := exactRate(t.AnnualRatePercent, t.Frequency)
	var p plan
	var err error
	switch t.Method {
	case Declining:
		p, err = decliningPlan(t, r)
	case EqualPrincipal:
		p, err = equalPrincipalPlan(t, r)
	case Flat:
		p, err = flatPlan(t, r)
	}
	if err != nil {
		return Schedule{}, err
	}
	rows, err := amortize(t, p)
	if err != nil {
		return Schedule{}, err
	}
	if err := paysUntilTheEnd(rows); err != nil {
		return Schedule{}, err
	}
	s := Schedule{Terms: t, Installments: rows}
	for _, row := range rows {
		s.TotalPrincipalMinor += row.PrincipalMinor
		s.TotalInterestMinor += row.InterestMinor
	}
	if err := check(s, p.interestTotalMinor); err != nil {
		return Schedule{}, err
	}
	if t.Method == Flat {
		rate, err := effectiveAnnualRatePercent(t.Principal, rows, t.Frequency)
		if err != nil {
			return Schedule{}, err
		}
		s.EffectiveAnnualRatePercent = &rate
	}
	return s, nil
}

// amortize walks the installments. Grace installments repay no principal.
// A regular installment repays its total less its interest, clamped so
// that rounding the total to the multiple never makes principal negative
// nor repays more than is outstanding. The last installment repays
// whatever is still outstanding: it absorbs every remainder of rounding
// and of clamping, so principal always sums to the loan's principal.
func amortize(t Terms, p plan) ([]Installment, error) {
	rows := make([]Installment, 0, t.Installments)
	outstanding := t.Principal
	for k := 1; k <= t.Installments; k++ {
		interest, err := p.interest(k, outstanding)
		if err != nil {
			return nil, err
		}
		var principal int64
		switch {
		case k == t.Installments:
			principal = outstanding
		case k <= t.GracePeriods:
			principal = 0
		default:
			total, err := p.total(interest)
			if err != nil {
				return nil, err
			}
			principal = min(max(total-interest, 0), outstanding)
		}
		outstanding -= principal
		rows = append(rows, Installment{
			Number: k, DueDate: DueDate(t.DisbursedOn, t.Frequency, k),
			PrincipalMinor: principal, InterestMinor: interest,
			TotalMinor: principal + interest, BalanceMinor: outstanding,
		})
	}
	return rows, nil
}

// interestOnBalance charges each period's interest on the principal
// outstanding before the installment, rounded half-to-even to the minor
// unit. During grace periods that is the full principal.
func interestOnBalance(r *big.Rat) func(int, int64) (int64, error) {
	return func(_ int, outstandingMinor int64) (int64, error) {
		return roundHalfEven(times(outstandingMinor, r, 1), 1)
	}
}

// decliningPlan: equal installments A over the m = n − g periods after
// grace, A the exact annuity rounded half-to-even to the installment
// multiple once for the whole loan. Principal is A less the period's
// interest, so principal grows as the balance and its interest fall.
func decliningPlan(t Terms, r *big.Rat) (plan, error) {
	a, err := roundHalfEven(annuity(t.Principal, r, t.Installments-t.GracePeriods), t.multipleMinor())
	if err != nil {
		return plan{}, err
	}
	level := func(int64) (int64, error) { return a, nil }
	return plan{interest: interestOnBalance(r), total: level, interestTotalMinor: -1}, nil
}

// equalPrincipalPlan: each regular installment aims to repay the same
// share, P/(n − g) rounded half-to-even to the minor unit, plus interest on
// the balance. The multiple applies to the installment total, as with the
// other methods, so that members pay round amounts: the total (share +
// interest) is rounded half-to-even to it, and principal, not interest,
// takes up the difference. Interest stays exactly what the balance earned.
func equalPrincipalPlan(t Terms, r *big.Rat) (plan, error) {
	share, err := roundHalfEven(big.NewRat(t.Principal, int64(t.Installments-t.GracePeriods)), 1)
	if err != nil {
		return plan{}, err
	}
	return plan{interest: interestOnBalance(r), total: shareTotal(share, t.multipleMinor()), interestTotalMinor: -1}, nil
}

func shareTotal(shareMinor, multipleMinor int64) func(int64) (int64, error) {
	return func(interestMinor int64) (int64, error) {
		return roundHalfEven(big.NewRat(shareMinor+interestMinor, 1), multipleMinor)
	}
}

// flatPlan: total interest is P × r × n, over all n installments including
// grace ones, because the principal is out with the member for the whole
// term and flat rates are quoted per period of the term; it is rounded
// half-to-even to the minor unit once. Each installment carries the same
// interest, total / n rounded half-to-even; the last carries what is left,
// so interest sums to the total exactly. Should the rounded share times
// n − 1 exceed the total (only when interest per installment is a few minor
// units), installments carry what is left, down to zero. Principal follows
// the equal-principal rule over the n − g regular installments, with the
// total rounded to the multiple.
func flatPlan(t Terms, r *big.Rat) (plan, error) {
	n := int64(t.Installments)
	interestTotal, err := roundHalfEven(times(t.Principal, r, n), 1)
	if err != nil {
		return plan{}, err
	}
	each, err := roundHalfEven(big.NewRat(interestTotal, n), 1)
	if err != nil {
		return plan{}, err
	}
	share, err := roundHalfEven(big.NewRat(t.Principal, n-int64(t.GracePeriods)), 1)
	if err != nil {
		return plan{}, err
	}
	interest := func(k int, _ int64) (int64, error) {
		left := max(interestTotal-int64(k-1)*each, 0) // what earlier installments left
		if k == t.Installments {
			return left, nil
		}
		return min(each, left), nil
	}
	return plan{interest: interest, total: shareTotal(share, t.multipleMinor()), interestTotalMinor: interestTotal}, nil
}

// check verifies what every schedule promises: n installments numbered in
// order, each total the sum of its parts, no negative amount, each balance
// the previous one less the principal repaid, principal summing to the
// loan's principal with nothing left outstanding, and interest summing to
// what the method promised. A failure is a bug in this package.
func check(s Schedule, interestTotalMinor int64) error {
	t := s.Terms
	if len(s.Installments) != t.Installments {
		return errBroken("%d installments for %d", len(s.Installments), t.Installments)
	}
	balance := t.Principal
	for i, row := range s.Installments {
		balance -= row.PrincipalMinor
		switch {
		case row.Number != i+1:
			return errBroken("installment %d numbered %d", i+1, row.Number)
		case row.PrincipalMinor < 0 || row.InterestMinor < 0 || row.BalanceMinor < 0:
			return errBroken("installment %d has a negative amount", row.Number)
		case row.TotalMinor != row.PrincipalMinor+row.InterestMinor:
			return errBroken("installment %d total is not principal plus interest", row.Number)
		case row.BalanceMinor != balance:
			return errBroken("installment %d balance %d, want %d", row.Number, row.BalanceMinor, balance)
		}
	}
	switch {
	case s.TotalPrincipalMinor != t.Principal || balance != 0:
		return errBroken("principal repaid %d of %d", s.TotalPrincipalMinor, t.Principal)
	case interestTotalMinor >= 0 && s.TotalInterestMinor != interestTotalMinor:
		return errBroken("interest %d, promised %d", s.TotalInterestMinor, interestTotalMinor)
	}
	return nil
}

// errBroken reports a schedule that does not add up: a bug, never the
// caller's mistake.
func errBroken(format string, args ...any) error {
	return &ledger.Error{Kind: ledger.KindInternal, Code: "loan.schedule_broken",
		Message: "the loan schedule does not add up", Err: fmt.Errorf(format, args...)}
}

// paysUntilTheEnd refuses terms whose rounded installments repay the loan
// before its last installment: a schedule whose last weeks ask for nothing,
// or for interest alone, is not one a member can be shown. It happens with
// an installment multiple that is large against the installment (weekly
// loans over many weeks rounded to Rp 1,000).
func paysUntilTheEnd(rows []Installment) error {
	for _, row := range rows[:len(rows)-1] {
		if row.BalanceMinor == 0 {
			return ledger.InvalidField("loan.invalid", "installment_multiple",
				"with this multiple the loan is repaid by installment %d of %d; choose a smaller multiple or fewer installments",
				row.Number, len(rows))
		}
	}
	return nil
}
