package loans

import (
	"math/big"
	"sort"

	"github.com/lumbung/lumbung/ledger"
)

// Share is one member's part of a group loan's principal under joint
// liability (tanggung renteng): what she borrowed of what the group
// borrowed.
type Share struct {
	MemberID       string
	PrincipalMinor int64
}

// ShareSchedule is a member's own schedule of a group loan: her part of
// each of the group's installments.
type ShareSchedule struct {
	Share
	Installments []Installment
}

// ShareSchedules splits a group loan's schedule among its members' shares,
// which must sum to the loan's principal. The rounding rule, the only one
// for shares (README, "Group loans"), applied to principal and to interest
// separately:
//
//   - her running part through installment k is the group's running amount
//     through k times her share over the principal, rounded down to the
//     minor unit;
//   - the minor units those roundings leave over at k go one each to the
//     largest shares, ties to the lower member ID;
//   - her installment k is her running part through k less her running
//     part through k-1.
//
// Through the last installment the group's running principal is the whole
// principal, so her principal parts sum to her share exactly and her
// interest parts to her share of the interest; each installment's parts
// sum to the group's installment. No minor unit is lost or made.
// Errors: KindInvalid (shares.invalid) when the shares do not sum to the
// principal, or a share is so small that a part would fall below zero.
func ShareSchedules(group []Installment, principalMinor int64, shares []Share) ([]ShareSchedule, error) {
	var sum int64
	for _, s := range shares {
		if s.PrincipalMinor <= 0 {
			return nil, ledger.InvalidField("shares.invalid", "shares", "every share is more than zero")
		}
		sum += s.PrincipalMinor
	}
	if sum != principalMinor || len(shares) == 0 {
		return nil, ledger.InvalidField("shares.invalid", "shares", "the shares sum to the principal")
	}
	order := make([]int, len(shares)) // who takes the left-over units first
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		sa, sb := shares[order[a]], shares[order[b]]
		if sa.PrincipalMinor != sb.PrincipalMinor {
			return sa.PrincipalMinor > sb.PrincipalMinor
		}
		return sa.MemberID < sb.MemberID
	})
	out := make([]ShareSchedule, len(shares))
	for i, s := range shares {
		out[i] = ShareSchedule{Share: s, Installments: make([]Installment, len(group))}
	}
	var groupPrincipal, groupInterest int64
	prevP, prevI := make([]int64, len(shares)), make([]int64, len(shares))
	for k, inst := range group {
		groupPrincipal += inst.PrincipalMinor
		groupInterest += inst.InterestMinor
		runP := runningParts(groupPrincipal, principalMinor, shares, order)
		runI := runningParts(groupInterest, principalMinor, shares, order)
		for i := range shares {
			p, in := runP[i]-prevP[i], runI[i]-prevI[i]
			if p < 0 || in < 0 {
				return nil, ledger.InvalidField("shares.invalid", "shares", "a share is too small to be split over the schedule")
			}
			balance := shares[i].PrincipalMinor - runP[i]
			out[i].Installments[k] = Installment{Number: inst.Number, DueDate: inst.DueDate, PrincipalMinor: p, InterestMinor: in,
				TotalMinor: p + in, BalanceMinor: balance}
		}
		prevP, prevI = runP, runI
	}
	return out, nil
}

// runningParts splits a running group amount by the shares: each floor of
// amount × share / principal, computed exactly, then the left-over units
// one each in the given order.
func runningParts(amountMinor, principalMinor int64, shares []Share, order []int) []int64 {
	parts := make([]int64, len(shares))
	left := amountMinor
	p := big.NewInt(principalMinor)
	for i, s := range shares {
		q := new(big.Int).Mul(big.NewInt(amountMinor), big.NewInt(s.PrincipalMinor))
		parts[i] = q.Quo(q, p).Int64() // at most amountMinor: fits
		left -= parts[i]
	}
	// left < len(shares): each floor dropped less than one unit.
	for j := 0; left > 0; j++ {
		parts[order[j]]++
		left--
	}
	return parts
}
