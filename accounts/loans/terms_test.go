package loans_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

func TestValidate(t *testing.T) {
	valid := idrTerms(loans.Declining, 1_000_000, "24", 12)
	if err := valid.Validate(); err != nil {
		t.Fatalf("Validate(valid terms) = %v", err)
	}
	for _, c := range []struct {
		name   string
		change func(*loans.Terms)
		fields []string
	}{
		{"RejectsZeroPrincipal", func(t *loans.Terms) { t.Principal = 0 }, []string{"principal"}},
		{"RejectsPrincipalAboveLimit", func(t *loans.Terms) { t.Principal = 1_000_000_000_000_001 }, []string{"principal"}},
		{"RejectsMissingCurrency", func(t *loans.Terms) { t.Currency = ledger.Currency{} }, []string{"currency"}},
		{"RejectsNegativeRate", func(t *loans.Terms) { t.AnnualRatePercent = decimal.RequireFromString("-1") }, []string{"annual_rate"}},
		{"RejectsRateAboveLimit", func(t *loans.Terms) { t.AnnualRatePercent = decimal.RequireFromString("200.01") }, []string{"annual_rate"}},
		{"RejectsRateWithTooManyDigits", func(t *loans.Terms) { t.AnnualRatePercent = decimal.RequireFromString("17.00001") }, []string{"annual_rate"}},
		{"RejectsZeroInstallments", func(t *loans.Terms) { t.Installments = 0 }, []string{"installments"}},
		{"RejectsInstallmentsAboveLimit", func(t *loans.Terms) { t.Installments = 521 }, []string{"installments"}},
		{"RejectsUnknownFrequency", func(t *loans.Terms) { t.Frequency = "daily" }, []string{"frequency"}},
		{"RejectsUnknownMethod", func(t *loans.Terms) { t.Method = "balloon" }, []string{"interest_method"}},
		{"RejectsNegativeGrace", func(t *loans.Terms) { t.GracePeriods = -1 }, []string{"grace_periods"}},
		{"RejectsGraceAsLongAsTheLoan", func(t *loans.Terms) { t.GracePeriods = 12 }, []string{"grace_periods"}},
		{"RejectsNegativeMultiple", func(t *loans.Terms) { t.InstallmentMultiple = -500 }, []string{"installment_multiple"}},
		{"RejectsMultipleAbovePrincipalShare", func(t *loans.Terms) { t.InstallmentMultiple = 83_334 }, []string{"installment_multiple"}},
		{"RejectsMissingDisbursementDate", func(t *loans.Terms) { t.DisbursedOn = ledger.Date{} }, []string{"disbursed_on"}},
		{"ReportsEveryBadField", func(t *loans.Terms) {
			t.Principal, t.Installments, t.Method = -5, 0, ""
		}, []string{"principal", "installments", "interest_method"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			terms := valid
			c.change(&terms)
			err := terms.Validate()
			e := ledger.AsError(err)
			if e == nil || e.Kind != ledger.KindInvalid {
				t.Fatalf("Validate() = %v, want a KindInvalid *ledger.Error", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if diff := cmp.Diff(c.fields, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			if _, err := loans.Build(terms); ledger.KindOf(err) != ledger.KindInvalid {
				t.Errorf("Build() = %v, want KindInvalid", err)
			}
		})
	}
}

func TestDueDate(t *testing.T) {
	t.Run("MonthlyClampsToMonthEndFromTheDisbursementDay", func(t *testing.T) {
		disbursed := ledger.NewDate(2026, time.January, 31)
		var got []string
		for k := 1; k <= 13; k++ {
			got = append(got, loans.DueDate(disbursed, loans.Monthly, k).String())
		}
		want := []string{
			"2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31",
			"2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31",
			"2027-02-28",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("due dates (-want +got):\n%s", diff)
		}
	})

	t.Run("MonthlyReachesLeapDay", func(t *testing.T) {
		got := loans.DueDate(ledger.NewDate(2027, time.December, 30), loans.Monthly, 2).String()
		if got != "2028-02-29" {
			t.Errorf("due date = %s, want 2028-02-29", got)
		}
	})

	t.Run("WeeklyKeepsTheWeekday", func(t *testing.T) {
		disbursed := ledger.NewDate(2026, time.March, 5) // a Thursday
		for k := 1; k <= 60; k++ {
			due := loans.DueDate(disbursed, loans.Weekly, k)
			if due.Time().Weekday() != time.Thursday || due.DaysSince(disbursed) != 7*k {
				t.Fatalf("installment %d due %s (%s), want a Thursday %d days on",
					k, due, due.Time().Weekday(), 7*k)
			}
		}
	})

	t.Run("FortnightlyIsFourteenDays", func(t *testing.T) {
		disbursed := ledger.NewDate(2026, time.December, 24)
		if got := loans.DueDate(disbursed, loans.Fortnightly, 2).String(); got != "2027-01-21" {
			t.Errorf("second due date = %s, want 2027-01-21", got)
		}
	})
}

func TestPeriodicRate(t *testing.T) {
	for _, c := range []struct {
		annual string
		f      loans.Frequency
		want   string
	}{
		{"24", loans.Monthly, "0.02"},
		{"26", loans.Weekly, "0.005"},
		{"26", loans.Fortnightly, "0.01"},
		// 17/1200 to 28 fraction digits.
		{"17", loans.Monthly, "0.0141666666666666666666666667"},
	} {
		got := loans.PeriodicRate(decimal.RequireFromString(c.annual), c.f)
		if !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("PeriodicRate(%s, %s) = %s, want %s", c.annual, c.f, got, c.want)
		}
	}
}
