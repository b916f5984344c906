package loans_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// TestShareSchedules/SplitsToTheRupiah works a group loan of 1 000 000 in
// three installments among shares of 250 000, 250 000 and 500 000 by hand:
// the units the running floors leave over go to the largest share, then to
// the lower ID of the equal ones, and each total comes out exact.
func TestShareSchedules(t *testing.T) {
	t.Run("SplitsToTheRupiah", func(t *testing.T) {
		group := []loans.Installment{{Number: 1, PrincipalMinor: 333334, InterestMinor: 10000},
			{Number: 2, PrincipalMinor: 333333, InterestMinor: 10000}, {Number: 3, PrincipalMinor: 333333, InterestMinor: 10000}}
		shares := []loans.Share{{MemberID: "b", PrincipalMinor: 250000}, {MemberID: "a", PrincipalMinor: 250000}, {MemberID: "c", PrincipalMinor: 500000}}
		got, err := loans.ShareSchedules(group, 1000000, shares)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][][2]int64{
			// running principal 333334: floors 83333, 83333, 166667 = 333333, one left -> c (largest)
			// running 666667: floors 166666, 166666, 333333 = 666665, two left -> c, then a (lower ID)
			// running 1000000: exact 250000, 250000, 500000
			// interest running 10000: 2500, 2500, 5000; 20000: 5000, 5000, 10000; 30000: 7500, 7500, 15000
			"b": {{83333, 2500}, {83333, 2500}, {83334, 2500}},
			"a": {{83333, 2500}, {83334, 2500}, {83333, 2500}},
			"c": {{166668, 5000}, {166666, 5000}, {166666, 5000}},
		}
		for _, s := range got {
			var parts [][2]int64
			for _, inst := range s.Installments {
				parts = append(parts, [2]int64{inst.PrincipalMinor, inst.InterestMinor})
			}
			if diff := cmp.Diff(want[s.MemberID], parts); diff != "" {
				t.Errorf("%s's parts (-want +got):\n%s", s.MemberID, diff)
			}
		}
	})
	t.Run("RefusesSharesThatDoNotSum", func(t *testing.T) {
		group := []loans.Installment{{Number: 1, PrincipalMinor: 100}}
		for _, shares := range [][]loans.Share{{{MemberID: "a", PrincipalMinor: 99}}, {{MemberID: "a", PrincipalMinor: 101}, {MemberID: "b", PrincipalMinor: -1}}, nil} {
			if _, err := loans.ShareSchedules(group, 100, shares); ledger.KindOf(err) != ledger.KindInvalid {
				t.Errorf("shares %v: err %v, want invalid", shares, err)
			}
		}
	})
	t.Run("EveryScheduleSumsBothWays", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 2))
		for i := range 300 {
			m := methods[i%len(methods)]
			principal := int64(100000 + rng.IntN(20000000))
			terms := idrTerms(m, principal, fmt.Sprint(6+rng.IntN(30)), 4+rng.IntN(48))
			terms.Frequency = frequencies[i%len(frequencies)]
			sched := mustBuild(t, terms)
			shares := randomShares(rng, principal)
			got, err := loans.ShareSchedules(sched.Installments, principal, shares)
			if err != nil {
				t.Fatalf("%+v with shares %v: %v", terms, shares, err)
			}
			checkSums(t, sched.Installments, shares, got)
		}
	})
}

// randomShares splits a principal into 2 to 30 positive shares.
func randomShares(rng *rand.Rand, principal int64) []loans.Share {
	n := 2 + rng.IntN(29)
	shares := make([]loans.Share, n)
	left := principal
	for j := range shares {
		part := left / int64(n-j)
		if j < n-1 {
			part = 1000 + rng.Int64N(2*part-1000)
			part = min(part, left-int64(n-j-1)*1000)
		} else {
			part = left
		}
		shares[j] = loans.Share{MemberID: fmt.Sprintf("m%02d", rng.IntN(100)*100+j), PrincipalMinor: part}
		left -= part
	}
	return shares
}

func checkSums(t *testing.T, group []loans.Installment, shares []loans.Share, got []loans.ShareSchedule) {
	t.Helper()
	var interest int64
	for _, inst := range group {
		interest += inst.InterestMinor
	}
	var interestParts int64
	for i, s := range got {
		var p int64
		for _, inst := range s.Installments {
			if inst.PrincipalMinor < 0 || inst.InterestMinor < 0 {
				t.Fatalf("%s: a negative part %+v", s.MemberID, inst)
			}
			p += inst.PrincipalMinor
			interestParts += inst.InterestMinor
		}
		if p != shares[i].PrincipalMinor || s.Installments[len(group)-1].BalanceMinor != 0 {
			t.Fatalf("%s: principal parts sum to %d, share %d", s.MemberID, p, shares[i].PrincipalMinor)
		}
	}
	if interestParts != interest {
		t.Fatalf("interest parts sum to %d, the group's interest %d", interestParts, interest)
	}
	for k, inst := range group {
		var p, in int64
		for _, s := range got {
			p += s.Installments[k].PrincipalMinor
			in += s.Installments[k].InterestMinor
		}
		if p != inst.PrincipalMinor || in != inst.InterestMinor {
			t.Fatalf("installment %d: parts %d + %d, group %d + %d", k+1, p, in, inst.PrincipalMinor, inst.InterestMinor)
		}
	}
}
