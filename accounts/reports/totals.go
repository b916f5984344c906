package reports

import (
	"context"
	"sort"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// lending.Portfolio totals and breakdowns: facility reports summed by what a funder
// asks about (all of them, a cooperative, a partnership model), one total
// per currency, since amounts in different currencies never add up. Ratios
// are recomputed from the summed figures, never averaged.

// PortfolioTotal sums the facility reports of one key and currency.
type PortfolioTotal struct {
	Key      string // what it sums: a cooperative's ID, a partnership model, or "all"
	Label    string // the cooperative's name, the model, or "All facilities"
	Currency ledger.Currency
	// Facilities, LoansFunded and WomenReached count under each facility:
	// a woman reached under two facilities counts twice.
	Facilities, LoansFunded, WomenReached int
	CommittedMinor, ReceivedMinor         int64
	Loans                                 lending.Portfolio // the loans' figures, summed
	SavingsMinor                          int64             // savings mobilised, summed over the facilities
	// MemberSavingsMinor and ExternalMinor are the cooperatives' own
	// figures, each cooperative counted once however many facilities it
	// holds: the terms of self-reliance.
	MemberSavingsMinor, ExternalMinor int64
}

// SelfReliance is the members' savings over the external capital of the
// cooperatives summed; ok is false when they hold no external capital.
func (t PortfolioTotal) SelfReliance() (ratio float64, ok bool) {
	if t.ExternalMinor == 0 {
		return 0, false
	}
	return float64(t.MemberSavingsMinor) / float64(t.ExternalMinor), true
}

// SumPortfolio sums facility reports by the key and label each is given
// (all of them under one key, by cooperative, by model), a total per key
// and currency, ordered by label, key and currency code.
func SumPortfolio(reports []FacilityReport, keyOf func(FacilityReport) (key, label string)) []PortfolioTotal {
	return sumPortfolio(reports, keyOf, false)
}

// sumPortfolio is SumPortfolio; with ownCapital, a total's external
// capital is the capital its facilities hold, not their cooperatives'
// whole external capital.
func sumPortfolio(reports []FacilityReport, keyOf func(FacilityReport) (key, label string), ownCapital bool) []PortfolioTotal {
	type id struct{ key, currency string }
	sums := map[id]*PortfolioTotal{}
	counted := map[id]map[string]bool{} // the cooperatives whose own figures a total holds
	for _, r := range reports {
		key, label := keyOf(r)
		cur := r.Facility.Currency
		k := id{key, cur.Code()}
		t := sums[k]
		if t == nil {
			t = &PortfolioTotal{Key: key, Label: label, Currency: cur,
				Loans: lending.Portfolio{AsOf: r.Loans.AsOf, Currency: cur, AgeingMinor: map[string]int64{}, AgeingLoans: map[string]int{}}}
			sums[k], counted[k] = t, map[string]bool{}
		}
		t.Facilities++
		t.LoansFunded += r.LoansFunded
		t.WomenReached += r.WomenReached
		t.CommittedMinor += r.Facility.CommittedMinor
		t.ReceivedMinor += r.ReceivedMinor
		t.SavingsMinor += r.SavingsMinor
		t.Loans.Add(r.Loans)
		if ownCapital {
			t.ExternalMinor += r.CapitalMinor
		}
		if !counted[k][r.Cooperative.ID] {
			counted[k][r.Cooperative.ID] = true
			t.MemberSavingsMinor += r.MemberSavingsMinor
			if !ownCapital {
				t.ExternalMinor += r.ExternalMinor
			}
		}
	}
	out := make([]PortfolioTotal, 0, len(sums))
	for _, t := range sums {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Currency.Code() < b.Currency.Code()
	})
	return out
}

// All keys every report under one total.
func All(FacilityReport) (string, string) { return "all", "All facilities" }

// ByCooperative keys a report by the cooperative its facility funds.
func ByCooperative(r FacilityReport) (string, string) { return r.Cooperative.ID, r.Cooperative.Name }

// PortfolioPoint is a portfolio's totals at one month's end: the last day
// of the month, or today for the month under way.
type PortfolioPoint struct {
	Month  string // "2026-01"
	AsOf   ledger.Date
	Totals []PortfolioTotal
}

// Months is a run of calendar months, both ends included.
type Months struct {
	From, To time.Time // the first day of each month, UTC
}

// seriesMonthsMax bounds a series: five years of month ends.
const seriesMonthsMax = 60

// ParseMonths reads a run of months ("2026-01" to "2026-12"). Either end
// may be empty: to defaults to the month of asOf, from to eleven months
// before to, a year in all. Errors: KindInvalid naming the field.
func ParseMonths(from, to string, asOf ledger.Date) (Months, error) {
	parse := func(field, s string) (time.Time, error) {
		m, err := time.Parse("2006-01", s)
		if err != nil {
			return time.Time{}, ledger.InvalidField("request."+field, field, "a month of the form YYYY-MM")
		}
		return m, nil
	}
	var ms Months
	var err error
	if to == "" {
		y, m, _ := asOf.Time().Date()
		ms.To = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	} else if ms.To, err = parse("to", to); err != nil {
		return Months{}, err
	}
	if from == "" {
		ms.From = ms.To.AddDate(0, -11, 0)
	} else if ms.From, err = parse("from", from); err != nil {
		return Months{}, err
	}
	switch n := ms.count(); {
	case n < 1:
		return Months{}, ledger.InvalidField("request.from", "from", "a month on or before to")
	case n > seriesMonthsMax:
		return Months{}, ledger.InvalidField("request.from", "from", "at most %d months before to", seriesMonthsMax-1)
	}
	return ms, nil
}

func (ms Months) count() int {
	return (ms.To.Year()-ms.From.Year())*12 + int(ms.To.Month()-ms.From.Month()) + 1
}

// ends returns each month with the day it is reported on: its last day, or
// today for a month not yet over. Months that have not begun are left out.
func (ms Months) ends(today ledger.Date) (months []string, days []ledger.Date) {
	for m := ms.From; !m.After(ms.To); m = m.AddDate(0, 1, 0) {
		if ledger.DateOf(m).After(today) {
			break
		}
		end := ledger.DateOf(m.AddDate(0, 1, -1))
		if end.After(today) {
			end = today
		}
		months, days = append(months, m.Format("2006-01")), append(days, end)
	}
	return months, days
}

// seriesOf reports the facilities at each month's end and sums them all.
func (s *Service) seriesOf(ctx context.Context, fs []accounts.Facility, ms Months) ([]PortfolioPoint, error) {
	months, days := ms.ends(ledger.DateOf(s.now().UTC()))
	reports, err := s.facilityReportsOn(ctx, fs, days)
	if err != nil {
		return nil, err
	}
	out := make([]PortfolioPoint, len(months))
	for i, day := range days {
		out[i] = PortfolioPoint{Month: months[i], AsOf: day, Totals: SumPortfolio(reports[i], All)}
	}
	return out, nil
}
