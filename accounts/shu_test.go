package accounts_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/ledger"
)

func TestSplitPool(t *testing.T) {
	claims := func(numbersAndBases ...int64) []shu.PoolClaim {
		var cs []shu.PoolClaim
		for i := 0; i < len(numbersAndBases); i += 2 {
			cs = append(cs, shu.PoolClaim{MemberNumber: int(numbersAndBases[i]), BasisMinor: numbersAndBases[i+1]})
		}
		return cs
	}
	for _, tc := range []struct {
		name   string
		pool   int64
		claims []shu.PoolClaim
		want   []int64
	}{
		// 14,999 × 3/8 = 5,624.625 and × 5/8 = 9,374.375: the unit left
		// goes to the larger remainder.
		{"LargestRemainderGetsTheUnitLeft", 14999, claims(1, 150000, 2, 250000), []int64{5625, 9374}},
		// 10 among four equal bases: 2.5 each; the two units left go to
		// the lowest member numbers, 2 and 4, wherever they stand.
		{"TiesGoToTheLowerMemberNumber", 10, claims(7, 1, 2, 1, 9, 1, 4, 1), []int64{2, 3, 2, 3}},
		{"ThirdsGoFirstToMemberOne", 100, claims(3, 5, 1, 5, 2, 5), []int64{33, 34, 33}},
		{"ExactSharesNeedNoUnitLeft", 900, claims(1, 1, 2, 2), []int64{300, 600}},
		{"ZeroBasisGetsNothing", 7, claims(1, 0, 2, 3), []int64{0, 7}},
		{"EmptyPoolGivesZeros", 0, claims(1, 4, 2, 6), []int64{0, 0}},
		{"HugeAmountsStayExact", math.MaxInt64, claims(1, math.MaxInt64, 2, math.MaxInt64), []int64{math.MaxInt64/2 + 1, math.MaxInt64 / 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := shu.SplitPool(tc.pool, tc.claims)
			if !ok {
				t.Fatal("reported no claims")
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("shares (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("ZeroBasesHaveNoClaim", func(t *testing.T) {
		for _, cs := range [][]shu.PoolClaim{nil, claims(1, 0, 2, 0)} {
			if got, ok := shu.SplitPool(500, cs); ok || got != nil {
				t.Errorf("SplitPool(500, %v) = %v, %v; want no shares, false", cs, got, ok)
			}
		}
	})

	t.Run("SumsExactlyAndStaysWithinAUnitOfTheExactShare", func(t *testing.T) {
		r := rand.New(rand.NewPCG(2026, 12))
		for range 500 {
			pool := r.Int64N(10_000_000_000)
			cs := make([]shu.PoolClaim, 1+r.IntN(40))
			for i := range cs {
				cs[i] = shu.PoolClaim{MemberNumber: r.IntN(1000), BasisMinor: r.Int64N(5_000_000)}
			}
			cs[0].BasisMinor++ // someone has a claim
			got, ok := shu.SplitPool(pool, cs)
			if !ok {
				t.Fatalf("no claims in %v", cs)
			}
			var sum, total int64
			for i := range cs {
				sum += got[i]
				total += cs[i].BasisMinor
			}
			if sum != pool {
				t.Fatalf("shares %v of %d sum to %d", got, pool, sum)
			}
			for i, c := range cs {
				floor := new(big.Int).Div(new(big.Int).Mul(big.NewInt(pool), big.NewInt(c.BasisMinor)), big.NewInt(total)).Int64()
				if got[i] != floor && got[i] != floor+1 {
					t.Fatalf("claim %d of %v: share %d, exact share rounds down to %d", i, cs, got[i], floor)
				}
			}
		}
	})
}

// byLaws are the percentages of the worked year: 25 % reserve, 30 % jasa
// modal, 25 % jasa anggota, and 20 % to three funds.
var byLaws = shu.Shares{Reserve: "25", Capital: "30", Participation: "25", Other: []shu.FundShare{
	{Code: "2400.01", Name: "Dana pendidikan", Percent: "5"},
	{Code: "2400.02", Name: "Dana sosial", Percent: "5"},
	{Code: "2400.03", Name: "Dana pengurus", Percent: "10"},
}}

func TestDistributeSHU(t *testing.T) {
	t.Run("WorkedYear", func(t *testing.T) {
		// A surplus of 49,999: pools 12,499 / 14,999 / 12,499 and funds
		// 2,499 / 2,499 / 4,999 sum to 49,994; the 5 left go to the reserve.
		claims := []shu.Claim{
			{MemberID: "dewi", MemberNumber: 2, CapitalBasisMinor: 250000, ParticipationBasisMinor: 12000},
			{MemberID: "siti", MemberNumber: 1, CapitalBasisMinor: 150000, ParticipationBasisMinor: 24000},
		}
		got, err := shu.Distribute(49999, byLaws, claims)
		if err != nil {
			t.Fatal(err)
		}
		want := shu.Distribution{SurplusMinor: 49999, ReserveMinor: 12504, CapitalMinor: 14999, ParticipationMinor: 12499,
			Funds: []shu.FundPool{
				{Code: "2400.01", Name: "Dana pendidikan", Percent: "5", AmountMinor: 2499},
				{Code: "2400.02", Name: "Dana sosial", Percent: "5", AmountMinor: 2499},
				{Code: "2400.03", Name: "Dana pengurus", Percent: "10", AmountMinor: 4999},
			},
			Members: []shu.MemberShare{
				// 14,999 × 150/400 = 5,624.625 → 5,625; 12,499 × 24/36 = 8,332.67 → 8,333.
				{Claim: claims[1], CapitalMinor: 5625, ParticipationMinor: 8333},
				// 14,999 × 250/400 = 9,374.375 → 9,374; 12,499 × 12/36 = 4,166.33 → 4,166.
				{Claim: claims[0], CapitalMinor: 9374, ParticipationMinor: 4166},
			}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("distribution (-want +got):\n%s", diff)
		}
	})

	t.Run("PoolsNobodyHasABasisForGoToTheReserve", func(t *testing.T) {
		// Nobody paid interest: the jasa anggota pool has nobody to go to.
		claims := []shu.Claim{{MemberID: "a", MemberNumber: 1, CapitalBasisMinor: 100}}
		got, err := shu.Distribute(1001, shu.Shares{Reserve: "40", Capital: "30.5", Participation: "29.5"}, claims)
		if err != nil {
			t.Fatal(err)
		}
		// Pools 400 / 305 / 295, 1 left: reserve 400 + 1 + 295.
		if got.ReserveMinor != 696 || got.CapitalMinor != 305 || got.ParticipationMinor != 0 || got.Members[0].TotalMinor() != 305 {
			t.Errorf("got reserve %d, capital %d, participation %d, member %d; want 696, 305, 0, 305",
				got.ReserveMinor, got.CapitalMinor, got.ParticipationMinor, got.Members[0].TotalMinor())
		}
	})

	t.Run("NoMembersLeavesEverythingToTheReserveAndFunds", func(t *testing.T) {
		got, err := shu.Distribute(100, byLaws, nil)
		if err != nil {
			t.Fatal(err)
		}
		var funds int64
		for _, f := range got.Funds {
			funds += f.AmountMinor
		}
		if got.ReserveMinor != 80 || funds != 20 || got.CapitalMinor != 0 || got.ParticipationMinor != 0 {
			t.Errorf("reserve %d, funds %d, capital %d, participation %d; want 80, 20, 0, 0",
				got.ReserveMinor, funds, got.CapitalMinor, got.ParticipationMinor)
		}
	})

	for _, tc := range []struct {
		name   string
		shares shu.Shares
		field  string
	}{
		{"RefusesSharesNotSummingTo100", shu.Shares{Reserve: "25", Capital: "30", Participation: "40"}, "shares"},
		{"RefusesMoreThanTwoDecimals", shu.Shares{Reserve: "25.125", Capital: "30", Participation: "44.875"}, "shares.reserve"},
		{"RefusesExponents", shu.Shares{Reserve: "1e2"}, "shares.reserve"},
		{"RefusesNegativePercentages", shu.Shares{Reserve: "-10", Capital: "60", Participation: "50"}, "shares.reserve"},
		{"RefusesAFundOutsideItsCodes", shu.Shares{Reserve: "50", Capital: "25", Participation: "20",
			Other: []shu.FundShare{{Code: "3500", Name: "Cadangan lagi", Percent: "5"}}}, "shares.other[0].code"},
		{"RefusesAFundTwice", shu.Shares{Reserve: "50", Capital: "20", Participation: "20",
			Other: []shu.FundShare{{Code: "3700.01", Name: "A", Percent: "5"}, {Code: "3700.01", Name: "B", Percent: "5"}}}, "shares.other[1].code"},
		{"RefusesAFundOfNothing", shu.Shares{Reserve: "50", Capital: "25", Participation: "25",
			Other: []shu.FundShare{{Code: "2400.01", Name: "Dana sosial", Percent: "0"}}}, "shares.other[0].percent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := shu.Distribute(1000, tc.shares, nil)
			e := ledger.AsError(err)
			if e == nil || e.Kind != ledger.KindInvalid || e.Code != "year_end.invalid" {
				t.Fatalf("got %v, want year_end.invalid", err)
			}
			if len(e.Fields) == 0 || e.Fields[0].Field != tc.field {
				t.Errorf("fields %+v, want %s first", e.Fields, tc.field)
			}
		})
	}
}
