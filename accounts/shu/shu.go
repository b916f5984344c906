package shu

import (
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/ledger"
)

// SHU (sisa hasil usaha) is a cooperative's surplus for a year: what its
// income left after its expenses. At the year end the members divide it by
// the percentages their by-laws set: to the reserve (cadangan), to members
// by their capital (jasa modal, in proportion to their simpanan pokok and
// wajib at the year's end), to members by their participation (jasa
// anggota, in proportion to the loan interest they paid in the year), and
// to the other funds the by-laws name (education, social, the board).
//
// The rounding rules, in minor units, none of which drops a unit:
//
//   - each pool is the surplus times its percentage, rounded down;
//   - what that rounding leaves of the surplus goes to the reserve;
//   - a member pool is shared by the largest-remainder method (SplitPool);
//   - a member pool nobody has a basis for (no member holds capital, or
//     none paid interest) goes to the reserve: it has nobody to go to.

// Shares are the percentages a cooperative's by-laws divide its SHU by:
// decimal strings with at most two fraction digits, from 0 to 100, summing
// to exactly 100. An empty string is 0.
type Shares struct {
	Reserve       string      // cadangan
	Capital       string      // jasa modal
	Participation string      // jasa anggota
	Other         []FundShare // the other funds the by-laws name
}

// FundShare is another fund the SHU is divided to, kept in an account of
// its own that the year end opens when it is absent. The code says what the
// fund is: 2400.NN a fund owed out of the cooperative (education, social,
// the board's and staff's share: a liability until spent), 3700.NN a fund
// the cooperative keeps (a development fund: equity).
type FundShare struct {
	Code    string
	Name    string
	Percent string
}

// fundsMax bounds the other funds: by-laws name a handful.
const fundsMax = 10

// fundNameLengthMax is the longest fund name, as any name in Lumbung.
const fundNameLengthMax = 200

var (
	percentPattern  = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,2})?$`)
	fundCodePattern = regexp.MustCompile(`^(2400|3700)\.[0-9]{2}$`)
	hundred         = decimal.NewFromInt(100)
)

// fundPercent is a FundShare read and checked.
type fundPercent struct {
	code, name string
	percent    decimal.Decimal
}

// Percents are Shares read and checked.
type Percents struct {
	reserve, capital, participation decimal.Decimal
	funds                           []fundPercent
}

// Parse checks the percentages and reads them exactly.
func (sh Shares) Parse() (Percents, error) {
	var fields []ledger.FieldError
	percent := func(field, s string, positive bool) decimal.Decimal {
		s = strings.TrimSpace(s)
		if s == "" && !positive {
			return decimal.Zero
		}
		d, err := decimal.NewFromString(s)
		if !percentPattern.MatchString(s) || err != nil || d.GreaterThan(hundred) || (positive && !d.IsPositive()) {
			f := ledger.FieldError{Field: field, Reason: "a percentage from 0 to 100 with at most two decimals, such as 25 or 2.5"}
			if positive {
				f.Reason = "a percentage above 0, at most 100, with at most two decimals"
			}
			fields = append(fields, f)
			return decimal.Zero
		}
		return d
	}
	p := Percents{reserve: percent("shares.reserve", sh.Reserve, false),
		capital: percent("shares.capital", sh.Capital, false), participation: percent("shares.participation", sh.Participation, false)}
	if len(sh.Other) > fundsMax {
		fields = append(fields, ledger.FieldError{Field: "shares.other", Reason: "at most %d funds", Args: []any{fundsMax}})
	}
	seen := map[string]bool{}
	for i, f := range sh.Other {
		at := fmt.Sprintf("shares.other[%d].", i)
		code := strings.TrimSpace(f.Code)
		if !fundCodePattern.MatchString(code) || seen[code] {
			fields = append(fields, ledger.FieldError{Field: at + "code",
				Reason: "2400.NN for a fund owed out, 3700.NN for a fund kept; each fund once"})
		}
		seen[code] = true
		name := strings.TrimSpace(f.Name)
		if name == "" || len(name) > fundNameLengthMax {
			fields = append(fields, ledger.FieldError{Field: at + "name", Reason: "required, at most 200 characters"})
		}
		p.funds = append(p.funds, fundPercent{code: code, name: name, percent: percent(at+"percent", f.Percent, true)})
	}
	sum := p.reserve.Add(p.capital).Add(p.participation)
	for _, f := range p.funds {
		sum = sum.Add(f.percent)
	}
	if len(fields) == 0 && !sum.Equal(hundred) {
		fields = append(fields, ledger.FieldError{Field: "shares", Reason: "the percentages add up to %s, not 100", Args: []any{sum.String()}})
	}
	if len(fields) > 0 {
		return Percents{}, ledger.Invalid("year_end.invalid", "the request is not valid", fields...)
	}
	return p, nil
}

// Shares writes the percentages back in canonical form, as they are
// stored and fingerprinted.
func (p Percents) Shares() Shares {
	sh := Shares{Reserve: p.reserve.String(), Capital: p.capital.String(), Participation: p.participation.String()}
	for _, f := range p.funds {
		sh.Other = append(sh.Other, FundShare{Code: f.code, Name: f.name, Percent: f.percent.String()})
	}
	return sh
}

// poolOf is surplus × percent / 100, rounded down to the minor unit: the
// first rounding rule. What it leaves goes to the reserve (Distribute).
func poolOf(surplusMinor int64, percent decimal.Decimal) int64 {
	return decimal.NewFromInt(surplusMinor).Mul(percent).Shift(-2).Floor().IntPart()
}

// PoolClaim is one member's claim on a pool: her basis, and her member
// number, which breaks ties.
type PoolClaim struct {
	MemberNumber int
	BasisMinor   int64
}

// SplitPool shares poolMinor among the claims in proportion to their bases,
// exactly, by the largest-remainder method: each claim gets its exact share
// rounded down, then the units that rounding left go one each to the claims
// with the largest fractional remainders, a tie going to the lower member
// number. The shares, in the claims' order, sum to poolMinor. It reports
// false, with no shares, when the bases sum to zero: nobody has a claim.
// The arithmetic is exact (big integers), whatever the sizes. A negative
// pool or basis is the caller's bug and panics.
func SplitPool(poolMinor int64, claims []PoolClaim) ([]int64, bool) {
	if poolMinor < 0 {
		panic(fmt.Sprintf("accounts: SplitPool of a negative pool %d", poolMinor))
	}
	total := new(big.Int)
	for _, c := range claims {
		if c.BasisMinor < 0 {
			panic(fmt.Sprintf("accounts: SplitPool with a negative basis %d for member %d", c.BasisMinor, c.MemberNumber))
		}
		total.Add(total, big.NewInt(c.BasisMinor))
	}
	if total.Sign() == 0 {
		return nil, false
	}
	pool := big.NewInt(poolMinor)
	shares := make([]int64, len(claims))
	remainders := make([]*big.Int, len(claims))
	left := poolMinor
	for i, c := range claims {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(pool, big.NewInt(c.BasisMinor)), total, new(big.Int))
		shares[i], remainders[i] = q.Int64(), r
		left -= shares[i]
	}
	order := make([]int, len(claims))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		if c := remainders[order[a]].Cmp(remainders[order[b]]); c != 0 {
			return c > 0
		}
		return claims[order[a]].MemberNumber < claims[order[b]].MemberNumber
	})
	// The fractional parts sum to left, each below one: at least left
	// claims have a remainder, so left < len(claims).
	for k := int64(0); k < left; k++ {
		shares[order[k]]++
	}
	return shares, true
}

// Claim is a member's claim on the member pools of a year's SHU.
type Claim struct {
	MemberID                string
	MemberNumber            int
	CapitalBasisMinor       int64 // her simpanan pokok and wajib at the year's end
	ParticipationBasisMinor int64 // the interest she paid on her own loans in the year
}

// MemberShare is one member's share of a year's SHU.
type MemberShare struct {
	Claim
	CapitalMinor       int64 // jasa modal
	ParticipationMinor int64 // jasa anggota
}

// TotalMinor is what she receives.
func (m MemberShare) TotalMinor() int64 { return m.CapitalMinor + m.ParticipationMinor }

// FundPool is what one other fund receives.
type FundPool struct {
	Code        string
	Name        string
	Percent     string
	AmountMinor int64
}

// Distribution is a year's surplus divided. The parts sum to the surplus
// exactly.
type Distribution struct {
	SurplusMinor       int64
	ReserveMinor       int64 // its pool, the rounding remainder, and any member pool nobody had a basis for
	CapitalMinor       int64 // the jasa modal pool as shared among members; 0 when it went to the reserve
	ParticipationMinor int64 // the jasa anggota pool as shared among members; 0 when it went to the reserve
	Funds              []FundPool
	Members            []MemberShare // by member number
}

// Distribute divides a surplus by the shares among the reserve, the
// other funds and the members' claims, by the rounding rules above. It is
// the year end's whole rule, with no database. Errors: KindInvalid for
// shares that are not valid; a surplus not above zero or a negative basis
// is the caller's bug, reported as an internal error.
func Distribute(surplusMinor int64, shares Shares, claims []Claim) (Distribution, error) {
	p, err := shares.Parse()
	if err != nil {
		return Distribution{}, err
	}
	return p.Distribute(surplusMinor, claims)
}

// Distribute is the package Distribute on percentages already read; see
// the package comment for the rounding rules.
func (p Percents) Distribute(surplusMinor int64, claims []Claim) (Distribution, error) {
	if surplusMinor <= 0 {
		return Distribution{}, fmt.Errorf("accounts: no surplus to distribute (%d)", surplusMinor)
	}
	members := make([]MemberShare, len(claims))
	capital := make([]PoolClaim, len(claims))
	participation := make([]PoolClaim, len(claims))
	sorted := append([]Claim(nil), claims...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].MemberNumber < sorted[j].MemberNumber })
	for i, c := range sorted {
		if c.CapitalBasisMinor < 0 || c.ParticipationBasisMinor < 0 {
			return Distribution{}, fmt.Errorf("accounts: member %d has a negative basis", c.MemberNumber)
		}
		members[i].Claim = c
		capital[i] = PoolClaim{MemberNumber: c.MemberNumber, BasisMinor: c.CapitalBasisMinor}
		participation[i] = PoolClaim{MemberNumber: c.MemberNumber, BasisMinor: c.ParticipationBasisMinor}
	}
	d := Distribution{SurplusMinor: surplusMinor, ReserveMinor: poolOf(surplusMinor, p.reserve),
		CapitalMinor: poolOf(surplusMinor, p.capital), ParticipationMinor: poolOf(surplusMinor, p.participation), Members: members}
	pooled := d.ReserveMinor + d.CapitalMinor + d.ParticipationMinor
	for _, f := range p.funds {
		pool := FundPool{Code: f.code, Name: f.name, Percent: f.percent.String(), AmountMinor: poolOf(surplusMinor, f.percent)}
		d.Funds = append(d.Funds, pool)
		pooled += pool.AmountMinor
	}
	d.ReserveMinor += surplusMinor - pooled // the rounding remainder
	if shares, ok := SplitPool(d.CapitalMinor, capital); ok {
		for i := range members {
			members[i].CapitalMinor = shares[i]
		}
	} else {
		d.ReserveMinor, d.CapitalMinor = d.ReserveMinor+d.CapitalMinor, 0
	}
	if shares, ok := SplitPool(d.ParticipationMinor, participation); ok {
		for i := range members {
			members[i].ParticipationMinor = shares[i]
		}
	} else {
		d.ReserveMinor, d.ParticipationMinor = d.ReserveMinor+d.ParticipationMinor, 0
	}
	return d, d.check()
}

// check confirms the parts sum to the surplus: a difference is a bug in
// the rules above, never a distribution to post.
func (d Distribution) check() error {
	var capital, participation int64
	for _, m := range d.Members {
		capital += m.CapitalMinor
		participation += m.ParticipationMinor
	}
	funds := d.FundsMinor()
	if capital != d.CapitalMinor || participation != d.ParticipationMinor ||
		d.ReserveMinor+d.CapitalMinor+d.ParticipationMinor+funds != d.SurplusMinor || d.ReserveMinor < 0 {
		return fmt.Errorf("accounts: SHU of %d divided as reserve %d, capital %d (shared %d), participation %d (shared %d), funds %d",
			d.SurplusMinor, d.ReserveMinor, d.CapitalMinor, capital, d.ParticipationMinor, participation, funds)
	}
	return nil
}

// FundsMinor is what the other funds receive in all.
func (d Distribution) FundsMinor() int64 {
	var sum int64
	for _, f := range d.Funds {
		sum += f.AmountMinor
	}
	return sum
}
