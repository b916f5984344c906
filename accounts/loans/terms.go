package loans

import (
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/ledger"
)

// Method is how interest is charged and principal repaid.
type Method string

const (
	// Flat charges interest on the original principal for every period of
	// the term, spread evenly over the installments (bunga flat).
	Flat Method = "flat"
	// Declining charges interest on the outstanding balance and keeps the
	// installments equal: an annuity (bunga anuitas).
	Declining Method = "declining"
	// EqualPrincipal repays the same principal every installment and charges
	// interest on the outstanding balance, so installments fall over the
	// term (bunga efektif).
	EqualPrincipal Method = "equal_principal"
)

// Frequency is how often an installment falls due.
type Frequency string

const (
	Weekly      Frequency = "weekly"
	Fortnightly Frequency = "fortnightly"
	Monthly     Frequency = "monthly"
)

// Limits on loan terms. Each keeps a schedule small enough to show a member
// and keeps every sum far inside int64.
const (
	// installmentsMax is ten years of weekly installments.
	installmentsMax = 520
	// annualRatePercentMax is well above any rate a cooperative charges; a
	// larger figure is a typing mistake (1700 for 17).
	annualRatePercentMax = 200
	// annualRateDigitsMax is the number of fraction digits a rate may have:
	// 17.25 and 1.5 are rates people agree on, 17.123456 is not.
	annualRateDigitsMax = 4
	// principalMinorMax bounds the principal. At the rate and count limits,
	// interest is at most about 87 times the principal (200 % a year over
	// 520 months), so every total stays below 9e16, far inside int64.
	principalMinorMax = 1_000_000_000_000_000
)

// Terms are what a loan was agreed on. Field names in errors are those of
// the JSON API.
type Terms struct {
	Principal         int64 // minor units, > 0
	Currency          ledger.Currency
	AnnualRatePercent decimal.Decimal // 17 for 17 % a year
	Installments      int             // n, including the grace installments
	Frequency         Frequency
	Method            Method
	// GracePeriods is the number of interest-only installments at the start
	// of the term; fewer than Installments.
	GracePeriods int
	// InstallmentMultiple, in minor units, is what installment totals are
	// rounded to (Rp 500 so that members pay in notes and coins at hand);
	// 0 means the currency's minor unit.
	InstallmentMultiple int64
	DisbursedOn         ledger.Date
}

// Validate reports every field of t that is wrong, as one KindInvalid
// error with a FieldError per field, or nil.
func (t Terms) Validate() error {
	fields := t.validateAmounts(nil)
	fields = t.validateShape(fields)
	if len(fields) > 0 {
		return ledger.Invalid("loan.invalid", "the loan terms are not valid", fields...)
	}
	return nil
}

func (t Terms) validateAmounts(fields []ledger.FieldError) []ledger.FieldError {
	add := func(field, reason string, args ...any) {
		fields = append(fields, ledger.FieldError{Field: field, Reason: reason, Args: args})
	}
	switch {
	case t.Principal <= 0:
		add("principal", "must be greater than zero")
	case t.Principal > principalMinorMax:
		add("principal", "too large")
	}
	if t.Currency.IsZero() {
		add("currency", "required")
	}
	rate := t.AnnualRatePercent
	switch {
	case rate.IsNegative():
		add("annual_rate", "must not be negative")
	case rate.GreaterThan(decimal.NewFromInt(annualRatePercentMax)):
		add("annual_rate", "at most %d percent a year", annualRatePercentMax)
	case !rate.Equal(rate.Truncate(annualRateDigitsMax)):
		add("annual_rate", "at most %d digits after the point", annualRateDigitsMax)
	}
	return fields
}

func (t Terms) validateShape(fields []ledger.FieldError) []ledger.FieldError {
	add := func(field, reason string, args ...any) {
		fields = append(fields, ledger.FieldError{Field: field, Reason: reason, Args: args})
	}
	n, g := t.Installments, t.GracePeriods
	nOK := n >= 1 && n <= installmentsMax
	if !nOK {
		add("installments", "between 1 and %d", installmentsMax)
	}
	if !knownFrequency(t.Frequency) {
		add("frequency", "one of weekly, fortnightly, monthly")
	}
	if t.Method != Flat && t.Method != Declining && t.Method != EqualPrincipal {
		add("interest_method", "one of flat, declining, equal_principal")
	}
	gOK := g >= 0 && (!nOK || g < n)
	if !gOK {
		add("grace_periods", "at least 0 and fewer than the installments")
	}
	// A multiple above the principal repaid per installment would round
	// installments to nothing and leave the whole loan to the last one.
	switch m := n - g; {
	case t.InstallmentMultiple < 0:
		add("installment_multiple", "must not be negative")
	case nOK && gOK && t.Principal > 0 && t.InstallmentMultiple > t.Principal/int64(m):
		add("installment_multiple", "larger than the principal repaid per installment")
	}
	if t.DisbursedOn.IsZero() {
		add("disbursed_on", "required")
	}
	return fields
}

func knownFrequency(f Frequency) bool {
	return f == Weekly || f == Fortnightly || f == Monthly
}

// multipleMinor is the step installment totals are rounded to.
func (t Terms) multipleMinor() int64 {
	if t.InstallmentMultiple == 0 {
		return 1
	}
	return t.InstallmentMultiple
}
