package loans

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// exactRate is the periodic rate as an exact fraction: annual percent /
// (100 × periods per year). Every amount of a schedule is computed with it
// in exact rational arithmetic and rounded once, by roundHalfEven: an
// amount exactly half a minor unit (or half a multiple) away from two
// candidates is then a true tie, never nudged to one side by a truncated
// rate.
func exactRate(annualPercent decimal.Decimal, f Frequency) *big.Rat {
	r := annualPercent.Rat()
	return r.Quo(r, new(big.Rat).SetInt64(100*periodsPerYear(f)))
}

// roundHalfEven is where a schedule rounds. It returns x, an exact amount
// in minor units, rounded to the nearest multiple of stepMinor, a tie going
// to the even multiple (banker's rounding): over the many installments of a
// cooperative's loans, ties then go up as often as down instead of always
// in the cooperative's favour. With stepMinor 1 it rounds to the currency's
// minor unit. Amounts of a schedule are never negative; one that is, or one
// beyond int64, is a bug.
func roundHalfEven(x *big.Rat, stepMinor int64) (int64, error) {
	if x.Sign() < 0 || stepMinor < 1 {
		return 0, errBroken("rounding %s to a multiple of %d", x.RatString(), stepMinor)
	}
	step := big.NewInt(stepMinor)
	den := new(big.Int).Mul(x.Denom(), step) // x / step = x.Num() / den
	q, rem := new(big.Int).QuoRem(x.Num(), den, new(big.Int))
	switch twice := rem.Lsh(rem, 1); twice.Cmp(den) {
	case 1:
		q.Add(q, big.NewInt(1))
	case 0:
		if q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
	}
	q.Mul(q, step)
	if !q.IsInt64() {
		return 0, errBroken("amount %s beyond int64", q)
	}
	return q.Int64(), nil
}

// annuity is the exact level installment that repays principal over m
// periods at rate r, interest charged on the outstanding balance:
// P·r / (1 − (1+r)^−m). With r = a/b this is
// P·a·(a+b)^m / (b·((a+b)^m − b^m)), computed on integers so that nothing is
// rounded before roundHalfEven. At r = 0 it is P/m.
func annuity(principalMinor int64, r *big.Rat, m int) *big.Rat {
	if r.Sign() == 0 {
		return big.NewRat(principalMinor, int64(m))
	}
	a, b := r.Num(), r.Denom()
	exp := big.NewInt(int64(m))
	grown := new(big.Int).Exp(new(big.Int).Add(a, b), exp, nil)
	base := new(big.Int).Exp(b, exp, nil)
	num := new(big.Int).Mul(big.NewInt(principalMinor), a)
	num.Mul(num, grown)
	den := new(big.Int).Sub(grown, base)
	den.Mul(den, b)
	return new(big.Rat).SetFrac(num, den)
}

// times is x·y·z as an exact fraction.
func times(x int64, y *big.Rat, z int64) *big.Rat {
	p := new(big.Rat).Mul(new(big.Rat).SetInt64(x), y)
	return p.Mul(p, new(big.Rat).SetInt64(z))
}
