package reports

import (
	"context"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// The health of a cooperative as a supervisor reads it: the ratios of the
// Indonesian savings-and-loan cooperative assessment and of microfinance
// practice, each from the balance sheet, the year's income statement and
// the loan portfolio on one day. Each ratio carries its numerator and
// denominator, so that whoever reads it can check it by hand.

// Ratio keys, stable on the wire.
const (
	RatioNPL             = "npl"
	RatioPAR30           = "par30"
	RatioRepayment       = "repayment_rate"
	RatioLiquidity       = "liquidity"
	RatioLoansToSavings  = "loans_to_savings"
	RatioSelfReliance    = "self_reliance"
	RatioCapital         = "capital_adequacy"
	RatioSelfSufficiency = "operational_self_sufficiency"
	RatioReturnOnAssets  = "return_on_assets"
	RatioWriteOffs       = "write_offs"
	// RatioArrearsBeforeCover is the members' own arrears before covers
	// under joint liability, beside PAR30's risk after them.
	RatioArrearsBeforeCover = "arrears_before_cover"
)

// Ratio is one health ratio on a day. It is undefined (Defined false) when
// its denominator is zero: a cooperative with no loans has no NPL ratio,
// which is not the same as an NPL ratio of zero. Every ratio is a plain
// quotient (unit UnitRatio: 0.05 is 5 %).
type Ratio struct {
	Key              string
	Name             string
	Definition       string
	NumeratorMinor   int64
	DenominatorMinor int64
	Defined          bool
	Value            float64 // numerator over denominator, when defined
	// Standard is the yardstick the ratio is read against; Band is where
	// the ratio falls on it, empty when the ratio is undefined or has no
	// standard (self-reliance: a cooperative sets its own goal).
	Standard *Standard
	Band     Band
}

// UnitRatio is the unit of every health ratio: numerator over
// denominator, 1 being 100 %.
const UnitRatio = "ratio"

// Band is how a ratio reads against its standard.
type Band string

const (
	BandHealthy   Band = "healthy"
	BandWatch     Band = "watch"
	BandUnhealthy Band = "unhealthy"
)

// Standard is the yardstick of one ratio, in basis points of the ratio
// (500 is 5 %) so that a ratio is placed by exact integer comparison of
// its numerator and denominator, never by a rounded float on a boundary.
// Healthy is the bound the source sets; Watch is the farther bound below
// which (or above which, when lower is better) the ratio is unhealthy.
// Where the source sets one bound only, the watch band is Lumbung's, and
// Source says so; the README's table lists every threshold.
type Standard struct {
	HigherIsBetter bool
	HealthyBP      int64
	WatchBP        int64
	Source         string
}

// Sources of the standards, cited in full once.
const (
	sourcePEARLS = "WOCCU, PEARLS Monitoring System (Toolkit Series No. 4, 2009)"
	sourceOJK    = "OJK, POJK 15/POJK.03/2017 (NPL above 5 % puts a bank under intensive supervision)"
	sourceSEEP   = "SEEP Network, Measuring Performance of Microfinance Institutions (2005): OSS above 100 % covers costs"
	// sourceLumbung marks a threshold no published standard sets for a
	// cooperative; the README gives the reason for each.
	sourceLumbung = "Lumbung"
)

// standards are the yardsticks by ratio key; the README's table gives the
// reason for each bound that is Lumbung's own.
var standards = map[string]Standard{
	RatioNPL:                {HealthyBP: 500, WatchBP: 1000, Source: sourceOJK},
	RatioPAR30:              {HealthyBP: 500, WatchBP: 1000, Source: sourcePEARLS + ", A1: delinquency at most 5 %"},
	RatioRepayment:          {HigherIsBetter: true, HealthyBP: 9500, WatchBP: 9000, Source: sourceLumbung},
	RatioWriteOffs:          {HealthyBP: 200, WatchBP: 500, Source: sourceLumbung},
	RatioArrearsBeforeCover: {HealthyBP: 500, WatchBP: 1000, Source: sourceLumbung},
	RatioLiquidity:          {HigherIsBetter: true, HealthyBP: 1500, WatchBP: 1000, Source: sourcePEARLS + ", L1: liquid assets at least 15 % of deposits"},
	RatioLoansToSavings:     {HealthyBP: 15000, WatchBP: 20000, Source: sourceLumbung},
	RatioCapital:            {HigherIsBetter: true, HealthyBP: 1000, WatchBP: 500, Source: sourcePEARLS + ", E9: institutional capital at least 10 % of assets"},
	RatioSelfSufficiency:    {HigherIsBetter: true, HealthyBP: 10000, WatchBP: 9000, Source: sourceSEEP},
	RatioReturnOnAssets:     {HigherIsBetter: true, HealthyBP: 100, WatchBP: 0, Source: sourceLumbung},
}

// place is the band of num/den on the standard, compared exactly:
// num/den >= bp/10000 is num*10000 >= bp*den (den > 0). The products fit
// an int64 for any balance under 9.2e14 minor units.
func (st Standard) place(num, den int64) Band {
	atLeast := func(bp int64) bool { return num*10000 >= bp*den }
	atMost := func(bp int64) bool { return num*10000 <= bp*den }
	switch {
	case st.HigherIsBetter && atLeast(st.HealthyBP), !st.HigherIsBetter && atMost(st.HealthyBP):
		return BandHealthy
	case st.HigherIsBetter && atLeast(st.WatchBP), !st.HigherIsBetter && atMost(st.WatchBP):
		return BandWatch
	}
	return BandUnhealthy
}

// Health is a cooperative's ratios on a day, in a fixed order.
type Health struct {
	AsOf     ledger.Date
	From     ledger.Date // the first day of the year the flows (income, expenses, write-offs) cover
	Currency ledger.Currency
	Ratios   []Ratio
}

func ratio(key, name, definition string, num, den int64) Ratio {
	r := Ratio{Key: key, Name: name, Definition: definition, NumeratorMinor: num, DenominatorMinor: den, Defined: den != 0}
	if st, ok := standards[key]; ok {
		r.Standard = &st
	}
	if r.Defined {
		r.Value = float64(num) / float64(den)
		if r.Standard != nil {
			// A negative denominator (a cooperative whose assets are
			// negative) flips the comparison; read it on the quotient's sign.
			if den < 0 {
				num, den = -num, -den
			}
			r.Band = r.Standard.place(num, den)
		}
	}
	return r
}

// FindHealth returns the cooperative's health ratios at the end of a day
// (zero: today); flows are counted from January 1 of that day's year. Its
// treasurer only. Errors: KindNotFound, KindForbidden.
func (s *Service) FindHealth(ctx context.Context, a accounts.Actor, cooperativeID string, asOf ledger.Date) (h Health, err error) {
	defer ledger.Wrap(&err, "FindHealth(%s, %s)", cooperativeID, asOf)
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	bs, err := s.BalanceSheet(ctx, a, cooperativeID, asOf)
	if err != nil {
		return Health{}, err
	}
	from := ledger.NewDate(asOf.Time().Year(), time.January, 1)
	is, err := s.IncomeStatement(ctx, a, cooperativeID, from, asOf)
	if err != nil {
		return Health{}, err
	}
	p, err := s.lending.LoanPortfolio(ctx, a, cooperativeID, asOf)
	if err != nil {
		return Health{}, err
	}
	start, err := s.lending.LoanPortfolio(ctx, a, cooperativeID, from.AddDays(-1))
	if err != nil {
		return Health{}, err
	}
	line := lineAmounts(bs.Assets, bs.Liabilities, bs.Equity)
	liquid := line[accounts.CodeCash] + line[accounts.CodeBank]
	owedOnDemand := line[accounts.CodeSukarela] + line[accounts.CodePayables] + line[accounts.CodeSHUFundsPayable]
	memberSavings := line[accounts.CodePokok] + line[accounts.CodeWajib] + line[accounts.CodeSukarela]
	external := line[accounts.CodePartnerLoans] + line[accounts.CodeGrants] + line[accounts.CodePartnerEquity]
	equity := bs.Equity.TotalMinor + bs.SurplusMinor
	h = Health{AsOf: asOf, From: from, Currency: bs.Currency, Ratios: []Ratio{
		ratio(RatioNPL, "Non-performing loans",
			"outstanding principal of loans with any installment more than 90 days late (macet), over all outstanding principal",
			p.PAR90Minor, p.OutstandingMinor),
		ratio(RatioPAR30, "Portfolio at risk, 30 days",
			"outstanding principal of loans with any installment more than 30 days late, over all outstanding principal",
			p.PAR30Minor, p.OutstandingMinor),
		ratio(RatioArrearsBeforeCover, "Arrears before cover",
			"arrears owed to the cooperative plus the covers co-members paid that the covered members have not yet repaid, over all outstanding principal",
			p.ArrearsBeforeCoverMinor(), p.OutstandingMinor),
		ratio(RatioRepayment, "Repayment rate",
			"principal and interest collected on installments fallen due, over all that fell due, since the loans began",
			p.CollectedMinor, p.DueMinor),
		ratio(RatioWriteOffs, "Write-offs",
			"principal written off since January 1, over the outstanding principal on December 31 before it",
			p.WrittenOffMinor-start.WrittenOffMinor, start.OutstandingMinor),
		ratio(RatioLiquidity, "Liquidity (cash ratio)",
			"cash and bank, over what members and others can ask for at once: sukarela savings, payables and SHU funds owed",
			liquid, owedOnDemand),
		ratio(RatioLoansToSavings, "Loans to member savings",
			"member loans receivable, over the members' simpanan pokok, wajib and sukarela",
			line[accounts.CodeLoansReceivable], memberSavings),
		ratio(RatioSelfReliance, "Self-reliance",
			"the members' simpanan pokok, wajib and sukarela, over the capital partners hold in the cooperative: loans, grants and equity",
			memberSavings, external),
		ratio(RatioCapital, "Capital adequacy",
			"equity, the year's surplus included, over total assets",
			equity, bs.Assets.TotalMinor),
		ratio(RatioSelfSufficiency, "Operational self-sufficiency",
			"income since January 1, over expenses since January 1",
			is.Income.TotalMinor, is.Expenses.TotalMinor),
		ratio(RatioReturnOnAssets, "Return on assets (rentabilitas)",
			"the surplus since January 1, over total assets",
			is.SurplusMinor, bs.Assets.TotalMinor),
	}}
	return h, nil
}

// lineAmounts indexes the statement sections' lines by chart code.
func lineAmounts(secs ...Section) map[string]int64 {
	out := map[string]int64{}
	for _, sec := range secs {
		for _, l := range sec.Lines {
			out[l.Code] += l.AmountMinor
		}
	}
	return out
}
