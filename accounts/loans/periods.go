package loans

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/ledger"
)

// rateDigits is the number of fraction digits PeriodicRate keeps: 17 % a
// year monthly is 0.0141666…, shown to 28 digits. Build does not compute
// with this rounded figure but with the exact fraction (exactRate), so
// that no digit of the rate is lost before an amount is rounded.
const rateDigits = 28

// periodsPerYear is how many installments of frequency f fall in a year:
// 52 weeks and 26 fortnights, not 365/7, because cooperatives quote weekly
// rates that way. It panics on a frequency Validate refuses: callers
// validate first, and a silent zero would be a loan without interest.
func periodsPerYear(f Frequency) int64 {
	switch f {
	case Weekly:
		return 52
	case Fortnightly:
		return 26
	case Monthly:
		return 12
	}
	panic(fmt.Sprintf("loans: unknown frequency %q", f))
}

// PeriodicRate is the rate per installment period as a fraction:
// annualPercent / 100 / periods per year, in one division rounded half
// away from zero (decimal.DivRound) at rateDigits fraction digits; the
// figure is for showing, so the 28th digit's tie rule does not matter.
// f must be a frequency Validate accepts.
func PeriodicRate(annualPercent decimal.Decimal, f Frequency) decimal.Decimal {
	return annualPercent.DivRound(decimal.NewFromInt(100*periodsPerYear(f)), rateDigits)
}

// DueDate is when installment number falls due: number periods after
// disbursement. Weekly and fortnightly installments keep the weekday of
// disbursement. Monthly ones keep its day of the month, clamped to the
// month's last day; the clamp starts from the day of disbursement each
// time, so a loan disbursed on 31 January is due on 28 February and then
// 31 March, not 28 March. f must be a frequency Validate accepts.
func DueDate(disbursedOn ledger.Date, f Frequency, number int) ledger.Date {
	switch f {
	case Weekly:
		return disbursedOn.AddDays(7 * number)
	case Fortnightly:
		return disbursedOn.AddDays(14 * number)
	case Monthly:
		return addMonthsClamped(disbursedOn, number)
	}
	panic(fmt.Sprintf("loans: unknown frequency %q", f))
}

func addMonthsClamped(d ledger.Date, months int) ledger.Date {
	year, month, day := d.Time().Date()
	// Day 1 of the target month never spills over into the next one.
	first := ledger.NewDate(year, month+time.Month(months), 1).Time()
	// Day 0 of the following month is the target month's last day.
	last := ledger.NewDate(first.Year(), first.Month()+1, 0).Time().Day()
	return ledger.NewDate(first.Year(), first.Month(), min(day, last))
}
