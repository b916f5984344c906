package loans_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

var (
	idr = ledger.MustCurrency("IDR")
	usd = ledger.MustCurrency("USD")

	methods     = []loans.Method{loans.Flat, loans.Declining, loans.EqualPrincipal}
	frequencies = []loans.Frequency{loans.Weekly, loans.Fortnightly, loans.Monthly}

	// dateEqual lets go-cmp compare ledger.Date, whose field is unexported.
	dateEqual = cmp.Comparer(func(a, b ledger.Date) bool { return a.Compare(b) == 0 })
)

// idrTerms is a monthly IDR loan disbursed on 15 January 2026.
func idrTerms(m loans.Method, principal int64, ratePercent string, n int) loans.Terms {
	return loans.Terms{
		Principal: principal, Currency: idr, AnnualRatePercent: decimal.RequireFromString(ratePercent),
		Installments: n, Frequency: loans.Monthly, Method: m,
		DisbursedOn: ledger.NewDate(2026, time.January, 15),
	}
}

func mustBuild(t *testing.T, terms loans.Terms) loans.Schedule {
	t.Helper()
	s, err := loans.Build(terms)
	if err != nil {
		t.Fatalf("Build(%+v): %v", terms, err)
	}
	return s
}

// row is an installment without its due date, for tables of amounts.
type row struct{ Principal, Interest, Total, Balance int64 }

func amounts(s loans.Schedule) []row {
	rows := make([]row, len(s.Installments))
	for i, in := range s.Installments {
		rows[i] = row{in.PrincipalMinor, in.InterestMinor, in.TotalMinor, in.BalanceMinor}
	}
	return rows
}

func TestBuild(t *testing.T) {
	t.Run("EveryMethodAndFrequencyRepaysPrincipalExactly", func(t *testing.T) {
		for _, m := range methods {
			for _, f := range frequencies {
				for _, v := range []struct {
					principal     int64
					rate          string
					n, grace      int
					multipleMinor int64
				}{
					{1_000_000, "24", 12, 0, 0},
					{1_234_567, "17.5", 25, 0, 500},
					{5_000_000, "36", 52, 4, 1000},
					{750_001, "0", 10, 2, 0},
					{999_999, "200", 1, 0, 0},
				} {
					terms := idrTerms(m, v.principal, v.rate, v.n)
					terms.Frequency, terms.GracePeriods, terms.InstallmentMultiple = f, v.grace, v.multipleMinor
					t.Run(fmt.Sprintf("%s/%s/%d", m, f, v.principal), func(t *testing.T) {
						assertRepaysPrincipal(t, mustBuild(t, terms))
					})
				}
			}
		}
	})

	t.Run("DecliningWorkedExample", func(t *testing.T) {
		// Rp 1,000,000 at 24 % a year, 12 monthly installments: r = 0.02,
		// A = 1,000,000 × 0.02 / (1 − 1.02^−12) = 94,559.5966… -> 94,560.
		// Each interest is 2 % of the balance before it, rounded half to
		// even; the last installment repays the 92,701 left, 5 less than A.
		s := mustBuild(t, idrTerms(loans.Declining, 1_000_000, "24", 12))
		want := []row{
			{74_560, 20_000, 94_560, 925_440},
			{76_051, 18_509, 94_560, 849_389},
			{77_572, 16_988, 94_560, 771_817},
			{79_124, 15_436, 94_560, 692_693},
			{80_706, 13_854, 94_560, 611_987},
			{82_320, 12_240, 94_560, 529_667},
			{83_967, 10_593, 94_560, 445_700},
			{85_646, 8_914, 94_560, 360_054},
			{87_359, 7_201, 94_560, 272_695},
			{89_106, 5_454, 94_560, 183_589},
			{90_888, 3_672, 94_560, 92_701},
			{92_701, 1_854, 94_555, 0},
		}
		if diff := cmp.Diff(want, amounts(s)); diff != "" {
			t.Errorf("schedule (-want +got):\n%s", diff)
		}
		if s.TotalPrincipalMinor != 1_000_000 || s.TotalInterestMinor != 134_715 {
			t.Errorf("totals = %d principal, %d interest; want 1000000, 134715",
				s.TotalPrincipalMinor, s.TotalInterestMinor)
		}
		if s.EffectiveAnnualRatePercent != nil {
			t.Errorf("effective rate = %s on a declining loan, want none", s.EffectiveAnnualRatePercent)
		}
	})

}

func TestBuildRounding(t *testing.T) {
	t.Run("InterestTiesRoundToEven", func(t *testing.T) {
		// At 2 % a month, Rp 1,025 earns 20.5 and Rp 1,075 earns 21.5; half
		// of 1,025 is 512.5 and half of 1,075 is 537.5. Each tie goes to the
		// even neighbour: 20 and 22, 512 and 538.
		for _, c := range []struct {
			principal int64
			want      []row
		}{
			{1_025, []row{{512, 20, 532, 513}, {513, 10, 523, 0}}},
			{1_075, []row{{538, 22, 560, 537}, {537, 11, 548, 0}}},
		} {
			s := mustBuild(t, idrTerms(loans.EqualPrincipal, c.principal, "24", 2))
			if diff := cmp.Diff(c.want, amounts(s)); diff != "" {
				t.Errorf("P = %d (-want +got):\n%s", c.principal, diff)
			}
		}
	})

	t.Run("InterestTiesAreExactWithRecurringRate", func(t *testing.T) {
		// 17 % a year monthly is 17/1200 = 0.014166…, which no decimal holds.
		// Rp 600 earns exactly 8.5 and Rp 1,800 exactly 25.5: true ties,
		// rounded to 8 and 26, not pushed up by a rate rounded to digits.
		for principal, want := range map[int64]int64{600: 8, 1_800: 26} {
			s := mustBuild(t, idrTerms(loans.Declining, principal, "17", 1))
			if got := s.Installments[0].InterestMinor; got != want {
				t.Errorf("interest on %d = %d, want %d", principal, got, want)
			}
		}
	})

	t.Run("InstallmentMultipleTiesRoundToEven", func(t *testing.T) {
		// Without interest, an equal-principal installment of half of P is
		// rounded to a multiple of Rp 500: 1,250 -> 1,000 and 1,750 -> 2,000
		// (ties to the even multiple), 1,251 -> 1,500; the last installment
		// repays the rest.
		for _, c := range []struct {
			principal, first, last int64
		}{{2_500, 1_000, 1_500}, {3_500, 2_000, 1_500}, {2_502, 1_500, 1_002}} {
			terms := idrTerms(loans.EqualPrincipal, c.principal, "0", 2)
			terms.InstallmentMultiple = 500
			s := mustBuild(t, terms)
			got := []int64{s.Installments[0].TotalMinor, s.Installments[1].TotalMinor}
			if diff := cmp.Diff([]int64{c.first, c.last}, got); diff != "" {
				t.Errorf("P = %d totals (-want +got):\n%s", c.principal, diff)
			}
		}
	})

}

func TestBuildGrace(t *testing.T) {
	t.Run("GraceInstallmentsPayInterestOnlyOnFullPrincipal", func(t *testing.T) {
		// Rp 1,200,000 at 24 % a year monthly: 24,000 a month on the full
		// principal for the balance methods; 1,200,000 × 0.02 × 12 / 12 =
		// 24,000 an installment for flat, whose interest runs over grace too.
		for _, m := range methods {
			terms := idrTerms(m, 1_200_000, "24", 12)
			terms.GracePeriods = 3
			s := mustBuild(t, terms)
			for _, in := range s.Installments[:3] {
				if got, want := (row{in.PrincipalMinor, in.InterestMinor, in.TotalMinor, in.BalanceMinor}),
					(row{0, 24_000, 24_000, 1_200_000}); got != want {
					t.Errorf("%s installment %d = %+v, want %+v", m, in.Number, got, want)
				}
			}
			if in := s.Installments[3]; in.PrincipalMinor == 0 {
				t.Errorf("%s installment 4 repays no principal", m)
			}
			assertRepaysPrincipal(t, s)
		}
	})

	t.Run("DecliningGraceThenAnnuityOverTheRest", func(t *testing.T) {
		// After 3 interest-only months, A over 9 months at 2 %:
		// 1,000,000 × 0.02 / (1 − 1.02^−9) = 122,515.4… -> 122,515.
		terms := idrTerms(loans.Declining, 1_000_000, "24", 12)
		terms.GracePeriods = 3
		got := amounts(mustBuild(t, terms))
		want := []row{{102_515, 20_000, 122_515, 897_485}, {120_115, 2_402, 122_517, 0}}
		if diff := cmp.Diff(want, []row{got[3], got[11]}); diff != "" {
			t.Errorf("installments 4 and 12 (-want +got):\n%s", diff)
		}
	})

}

func TestBuildMultiplesAndCurrencies(t *testing.T) {
	t.Run("InstallmentsAreMultiplesExceptTheLast", func(t *testing.T) {
		for _, multiple := range []int64{500, 1_000} {
			for _, m := range methods {
				for _, f := range frequencies {
					terms := idrTerms(m, 2_345_678, "19.5", 24)
					terms.Frequency, terms.InstallmentMultiple = f, multiple
					s := mustBuild(t, terms)
					for _, in := range s.Installments[:len(s.Installments)-1] {
						if in.TotalMinor%multiple != 0 {
							t.Errorf("%s %s multiple %d: installment %d total %d",
								m, f, multiple, in.Number, in.TotalMinor)
						}
					}
					assertRepaysPrincipal(t, s)
				}
			}
		}
	})

	t.Run("CentsKeptForTwoDigitCurrency", func(t *testing.T) {
		// USD 1,000.00 at 12 % a year monthly: r = 0.01, A = 88.8488 -> 88.85;
		// interest on 921.15 is 9.2115 -> 9.21.
		terms := idrTerms(loans.Declining, 100_000, "12", 12)
		terms.Currency = usd
		s := mustBuild(t, terms)
		got := amounts(s)
		want := []row{{7_885, 1_000, 8_885, 92_115}, {7_964, 921, 8_885, 84_151}, {8_796, 88, 8_884, 0}}
		if diff := cmp.Diff(want, []row{got[0], got[1], got[11]}); diff != "" {
			t.Errorf("installments 1, 2 and 12 (-want +got):\n%s", diff)
		}
		if got := ledger.FormatMinor(s.Installments[0].TotalMinor, usd); got != "88.85" {
			t.Errorf("first installment = %s, want 88.85", got)
		}
		if got := ledger.FormatMinor(s.TotalInterestMinor, usd); got != "66.19" {
			t.Errorf("total interest = %s, want 66.19", got)
		}
	})

}

func TestBuildFlat(t *testing.T) {
	t.Run("FlatEffectiveRate", func(t *testing.T) {
		// Rp 1,200,000 at 17 % flat over 12 months: interest 204,000, so
		// 12 × 117,000. The monthly rate at which 12 × 117,000 is worth
		// 1,200,000 today, found by bisection in 50-digit decimal
		// arithmetic, is 0.02502180807015053…; × 12 × 100 = 30.02616968…%,
		// 30.03 at two decimals.
		s := mustBuild(t, idrTerms(loans.Flat, 1_200_000, "17", 12))
		for _, in := range s.Installments {
			if got, want := (row{in.PrincipalMinor, in.InterestMinor, in.TotalMinor, 0}),
				(row{100_000, 17_000, 117_000, 0}); got != want {
				t.Errorf("installment %d = %+v, want %+v", in.Number, got, want)
			}
		}
		if s.EffectiveAnnualRatePercent == nil {
			t.Fatal("no effective rate on a flat loan")
		}
		if got := s.EffectiveAnnualRatePercent.StringFixed(2); got != "30.03" {
			t.Errorf("effective annual rate = %s %%, want 30.03", got)
		}
	})

	t.Run("FlatInterestNeverNegativeWhenSharesRoundUp", func(t *testing.T) {
		// Rp 840 at 1 % flat over 10 months: 7 of interest, 0.7 -> 1 an
		// installment. Seven installments carry 1 and the rest none.
		s := mustBuild(t, idrTerms(loans.Flat, 840, "1", 10))
		var got []int64
		for _, in := range s.Installments {
			got = append(got, in.InterestMinor)
		}
		if diff := cmp.Diff([]int64{1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, got); diff != "" {
			t.Errorf("interest (-want +got):\n%s", diff)
		}
		assertRepaysPrincipal(t, s)
	})

}

func TestBuildLimits(t *testing.T) {
	t.Run("LimitsStayInsideInt64", func(t *testing.T) {
		for _, m := range methods {
			terms := idrTerms(m, 1_000_000_000_000_000, "200", 520)
			assertRepaysPrincipal(t, mustBuild(t, terms))
		}
	})

}

func TestBuildDueDates(t *testing.T) {
	t.Run("FollowFrequency", func(t *testing.T) {
		terms := idrTerms(loans.Flat, 1_000_000, "17", 3)
		terms.Frequency = loans.Fortnightly
		s := mustBuild(t, terms)
		var got []ledger.Date
		for _, in := range s.Installments {
			got = append(got, in.DueDate)
		}
		want := []ledger.Date{
			ledger.NewDate(2026, time.January, 29), ledger.NewDate(2026, time.February, 12),
			ledger.NewDate(2026, time.February, 26),
		}
		if diff := cmp.Diff(want, got, dateEqual); diff != "" {
			t.Errorf("due dates (-want +got):\n%s", diff)
		}
	})
}

// assertRepaysPrincipal checks what every schedule must hold, whatever its
// terms.
func assertRepaysPrincipal(t *testing.T, s loans.Schedule) {
	t.Helper()
	if len(s.Installments) != s.Terms.Installments {
		t.Fatalf("%d installments, want %d", len(s.Installments), s.Terms.Installments)
	}
	var principal, interest int64
	previous := s.Terms.Principal
	for _, in := range s.Installments {
		principal += in.PrincipalMinor
		interest += in.InterestMinor
		if in.PrincipalMinor < 0 || in.InterestMinor < 0 || in.TotalMinor < 0 || in.BalanceMinor < 0 {
			t.Errorf("installment %d has a negative amount: %+v", in.Number, in)
		}
		if in.BalanceMinor > previous || in.BalanceMinor != previous-in.PrincipalMinor {
			t.Errorf("installment %d balance %d after %d less %d", in.Number, in.BalanceMinor, previous, in.PrincipalMinor)
		}
		if in.TotalMinor != in.PrincipalMinor+in.InterestMinor {
			t.Errorf("installment %d total %d is not principal plus interest", in.Number, in.TotalMinor)
		}
		previous = in.BalanceMinor
	}
	if principal != s.Terms.Principal || s.TotalPrincipalMinor != principal || previous != 0 {
		t.Errorf("principal repaid %d (total %d), balance left %d; want %d and 0",
			principal, s.TotalPrincipalMinor, previous, s.Terms.Principal)
	}
	if s.TotalInterestMinor != interest {
		t.Errorf("total interest %d, installments sum to %d", s.TotalInterestMinor, interest)
	}
	if (s.EffectiveAnnualRatePercent != nil) != (s.Terms.Method == loans.Flat) {
		t.Errorf("%s loan: effective rate %v", s.Terms.Method, s.EffectiveAnnualRatePercent)
	}
}

func TestBuildRefusesAScheduleRepaidBeforeItsEnd(t *testing.T) {
	// Rp 600,000 flat at 24 % over 60 weeks, rounded to Rp 1,000: the
	// rounded installments repay the principal by week 59.
	terms := loans.Terms{Principal: 600000, Currency: ledger.MustCurrency("IDR"), AnnualRatePercent: decimal.NewFromInt(24),
		Installments: 60, Frequency: loans.Weekly, Method: loans.Flat, InstallmentMultiple: 1000, DisbursedOn: ledger.NewDate(2026, 1, 5)}
	_, err := loans.Build(terms)
	e := ledger.AsError(err)
	if e == nil || e.Kind != ledger.KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "installment_multiple" {
		t.Fatalf("got %v, want a refusal naming installment_multiple", err)
	}
	terms.InstallmentMultiple = 0
	if _, err := loans.Build(terms); err != nil {
		t.Errorf("without the multiple the same loan is refused: %v", err)
	}
}
