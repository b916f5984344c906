package reports

import "testing"

// TestStandardPlacesOnTheBoundExactly places ratios on and beside each
// bound: a bound belongs to the better band, and a quotient a float would
// round onto the bound (1 of 3 against 33.33 %) is placed by its exact value.
func TestStandardPlacesOnTheBoundExactly(t *testing.T) {
	lower := Standard{HealthyBP: 500, WatchBP: 1000}
	higher := Standard{HigherIsBetter: true, HealthyBP: 3333, WatchBP: 1000}
	for _, c := range []struct {
		name     string
		st       Standard
		num, den int64
		want     Band
	}{
		{"AtTheHealthyBound", lower, 5, 100, BandHealthy},
		{"JustPastIt", lower, 50001, 1000000, BandWatch},
		{"AtTheWatchBound", lower, 10, 100, BandWatch},
		{"PastTheWatchBound", lower, 100001, 1000000, BandUnhealthy},
		{"ZeroWhenLowerIsBetter", lower, 0, 100, BandHealthy},
		{"AThirdIsMoreThan33.33", higher, 1, 3, BandHealthy},
		{"JustUnderTheHealthyBound", higher, 3332, 10000, BandWatch},
		{"UnderTheWatchBound", higher, 999, 10000, BandUnhealthy},
		{"NegativeWhenHigherIsBetter", higher, -5, 100, BandUnhealthy},
	} {
		if got := c.st.place(c.num, c.den); got != c.want {
			t.Errorf("%s: %d/%d is %q, want %q", c.name, c.num, c.den, got, c.want)
		}
	}
}

// TestEveryRatioButSelfRelianceHasAStandard keeps the table whole: a ratio
// added without a yardstick, or a yardstick whose bands are upside down,
// fails here.
func TestEveryRatioButSelfRelianceHasAStandard(t *testing.T) {
	keys := []string{RatioNPL, RatioPAR30, RatioArrearsBeforeCover, RatioRepayment, RatioWriteOffs, RatioLiquidity, RatioLoansToSavings,
		RatioCapital, RatioSelfSufficiency, RatioReturnOnAssets}
	for _, k := range keys {
		st, ok := standards[k]
		switch {
		case !ok:
			t.Errorf("%s has no standard", k)
		case st.Source == "":
			t.Errorf("%s has no source", k)
		case st.HigherIsBetter && st.WatchBP > st.HealthyBP, !st.HigherIsBetter && st.WatchBP < st.HealthyBP:
			t.Errorf("%s: the watch bound %d is on the healthy side of %d", k, st.WatchBP, st.HealthyBP)
		}
	}
	if _, ok := standards[RatioSelfReliance]; ok {
		t.Error("self-reliance has a standard; it is each cooperative's own goal")
	}
	if len(standards) != len(keys) {
		t.Errorf("%d standards for %d ratios", len(standards), len(keys))
	}
}
