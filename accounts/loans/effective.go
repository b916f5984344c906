package loans

import (
	"math"

	"github.com/shopspring/decimal"
)

// Bounds on the search for a flat loan's internal rate of return.
const (
	// irrBisectionsMax: each bisection halves the bracket; after 200 of them
	// a bracket of at most 2^16 is far below float64 resolution.
	irrBisectionsMax = 200
	// irrBracketDoublingsMax: the search starts at 100 % a period and
	// doubles the upper end while the loan still earns more; 16 doublings
	// reach 6,553,600 % a period, beyond any loan Validate accepts.
	irrBracketDoublingsMax = 16
)

// effectiveAnnualRatePercent is what a flat loan really costs: the
// periodic internal rate of return of its cash flows (the principal out at
// disbursement, each installment's total in at its period) times the
// periods in a year, as a percent rounded half-to-even to two decimals. A
// flat rate charges interest on principal already repaid, so this is about
// twice the quoted rate (17 % flat over 12 months is 30.03 %).
//
// The search runs on float64: the figure is shown, never booked, and
// float64's 15 significant digits are far more than its two decimals need.
func effectiveAnnualRatePercent(principalMinor int64, rows []Installment, f Frequency) (decimal.Decimal, error) {
	irr, err := periodicIRR(principalMinor, rows)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return decimal.NewFromFloat(irr * float64(periodsPerYear(f)) * 100).RoundBank(2), nil
}

// periodicIRR finds the rate x at which the installments, discounted by
// (1+x) per period, are worth the principal, by bisection. The present
// value falls as x rises (every installment is >= 0), so the root is
// unique once bracketed. At x = 0 the present value less the principal is
// the total interest: without interest the rate is zero.
func periodicIRR(principalMinor int64, rows []Installment) (float64, error) {
	excess := func(x float64) float64 { // present value less principal
		v := -float64(principalMinor)
		for _, row := range rows {
			v += float64(row.TotalMinor) / math.Pow(1+x, float64(row.Number))
		}
		return v
	}
	if excess(0) <= 0 {
		return 0, nil
	}
	lo, hi := 0.0, 1.0
	for i := 0; excess(hi) > 0; i++ {
		if i == irrBracketDoublingsMax {
			return 0, errBroken("internal rate of return above %g a period", hi)
		}
		lo, hi = hi, 2*hi
	}
	for range irrBisectionsMax {
		mid := lo + (hi-lo)/2
		if mid == lo || mid == hi { // the bracket is down to adjacent float64s
			break
		}
		if excess(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2, nil
}
