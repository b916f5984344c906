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
)

// Ratio is one health ratio on a day. It is undefined (Defined false) when
// its denominator is zero: a cooperative with no loans has no NPL ratio,
// which is not the same as an NPL ratio of zero.
type Ratio struct {
	Key              string
	Name             string
	Definition       string
	NumeratorMinor   int64
	DenominatorMinor int64
	Defined          bool
	Value            float64 // numerator over denominator, when defined
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
	if r.Defined {
		r.Value = float64(num) / float64(den)
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
