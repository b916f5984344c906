package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// A cooperative's financial statements and loan portfolio, and a group's
// books in total.

type reportLineJSON struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Amount string `json:"amount"`
}

type sectionJSON struct {
	Lines []reportLineJSON `json:"lines"`
	Total string           `json:"total"`
}

func toSection(sec reports.Section, cur ledger.Currency) sectionJSON {
	out := sectionJSON{Lines: []reportLineJSON{}, Total: ledger.FormatMinor(sec.TotalMinor, cur)}
	for _, l := range sec.Lines {
		out.Lines = append(out.Lines, reportLineJSON{Code: l.Code, Name: l.Name, Amount: ledger.FormatMinor(l.AmountMinor, cur)})
	}
	return out
}

type balanceSheetJSON struct {
	AsOf                      string      `json:"as_of"`
	Currency                  string      `json:"currency"`
	Assets                    sectionJSON `json:"assets"`
	Liabilities               sectionJSON `json:"liabilities"`
	Equity                    sectionJSON `json:"equity"`
	Surplus                   string      `json:"surplus"`
	TotalLiabilitiesAndEquity string      `json:"total_liabilities_and_equity"` // surplus included
}

func (s *server) balanceSheet(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	date, err := asOf(c)
	if err != nil {
		return err
	}
	bs, err := s.reports.BalanceSheet(c.UserContext(), actor(c), c.Params("coop"), date)
	if err != nil {
		return err
	}
	if f.kind != formatJSON {
		coop, err := s.cooperativeName(c)
		if err != nil {
			return err
		}
		d := download{report: "balance-sheet", owner: coop, date: bs.AsOf}
		if f.kind == formatCSV {
			return d.sendCSV(c, render.BalanceSheetCSV(bs, f.csv, f.lang))
		}
		return d.sendPDF(c, render.BalanceSheetPDF(bs, coop, today(), f.lang))
	}
	cur := bs.Currency
	return c.JSON(balanceSheetJSON{AsOf: bs.AsOf.String(), Currency: cur.Code(), Assets: toSection(bs.Assets, cur),
		Liabilities: toSection(bs.Liabilities, cur), Equity: toSection(bs.Equity, cur), Surplus: ledger.FormatMinor(bs.SurplusMinor, cur),
		TotalLiabilitiesAndEquity: ledger.FormatMinor(bs.Liabilities.TotalMinor+bs.Equity.TotalMinor+bs.SurplusMinor, cur)})
}

type incomeStatementJSON struct {
	From     string      `json:"from"`
	To       string      `json:"to"`
	Currency string      `json:"currency"`
	Income   sectionJSON `json:"income"`
	Expenses sectionJSON `json:"expenses"`
	Surplus  string      `json:"surplus"`
}

func (s *server) incomeStatement(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	from, to, err := period(c)
	if err != nil {
		return err
	}
	is, err := s.reports.IncomeStatement(c.UserContext(), actor(c), c.Params("coop"), from, to)
	if err != nil {
		return err
	}
	if f.kind != formatJSON {
		coop, err := s.cooperativeName(c)
		if err != nil {
			return err
		}
		d := download{report: "income-statement", owner: coop, date: is.To}
		if f.kind == formatCSV {
			return d.sendCSV(c, render.IncomeStatementCSV(is, f.csv, f.lang))
		}
		return d.sendPDF(c, render.IncomeStatementPDF(is, coop, today(), f.lang))
	}
	cur := is.Currency
	return c.JSON(incomeStatementJSON{From: is.From.String(), To: is.To.String(), Currency: cur.Code(),
		Income: toSection(is.Income, cur), Expenses: toSection(is.Expenses, cur), Surplus: ledger.FormatMinor(is.SurplusMinor, cur)})
}

type atRiskJSON struct {
	Outstanding string `json:"outstanding"`
	Ratio       string `json:"ratio"`
}

type portfolioJSON struct {
	AsOf          string       `json:"as_of"`
	Currency      string       `json:"currency"`
	ActiveLoans   int          `json:"active_loans"`
	Outstanding   string       `json:"outstanding"`
	Arrears       string       `json:"arrears"`
	Ageing        []ageingJSON `json:"ageing"`
	PAR30         atRiskJSON   `json:"par30"`
	PAR90         atRiskJSON   `json:"par90"`
	WrittenOff    string       `json:"written_off"`
	Disbursed     string       `json:"disbursed"`
	Repaid        string       `json:"repaid"`
	Due           string       `json:"due"`
	Collected     string       `json:"collected"`
	RepaymentRate string       `json:"repayment_rate"`
	// Risk before and after covers under joint liability (tanggung
	// renteng): PAR30AfterCover is par30 named for what it is, the lender's
	// risk once co-members' covers paid; ArrearsBeforeCover adds to the
	// arrears the covers not yet repaid, what the members themselves are
	// behind on.
	PAR30AfterCover    atRiskJSON `json:"par30_after_cover"`
	ArrearsBeforeCover atRiskJSON `json:"arrears_before_cover"`
	CoverDebt          string     `json:"cover_debt_outstanding"`
	CoveredInPeriod    string     `json:"covered_in_period"`
	CoveredSince       string     `json:"covered_since"`
}

func toPortfolio(p lending.Portfolio) portfolioJSON {
	cur := p.Currency
	money := func(minor int64) string { return ledger.FormatMinor(minor, cur) }
	out := portfolioJSON{AsOf: p.AsOf.String(), Currency: cur.Code(), ActiveLoans: p.ActiveLoans,
		Outstanding: money(p.OutstandingMinor), Arrears: money(p.ArrearsMinor), Ageing: []ageingJSON{},
		PAR30:      atRiskJSON{Outstanding: money(p.PAR30Minor), Ratio: render.Ratio(p.PAR(p.PAR30Minor))},
		PAR90:      atRiskJSON{Outstanding: money(p.PAR90Minor), Ratio: render.Ratio(p.PAR(p.PAR90Minor))},
		WrittenOff: money(p.WrittenOffMinor), Disbursed: money(p.DisbursedMinor), Repaid: money(p.RepaidMinor),
		Due: money(p.DueMinor), Collected: money(p.CollectedMinor), RepaymentRate: render.Ratio(p.RepaymentRate()),
		PAR30AfterCover:    atRiskJSON{Outstanding: money(p.PAR30Minor), Ratio: render.Ratio(p.PAR(p.PAR30Minor))},
		ArrearsBeforeCover: atRiskJSON{Outstanding: money(p.ArrearsBeforeCoverMinor()), Ratio: render.Ratio(p.PAR(p.ArrearsBeforeCoverMinor()))},
		CoverDebt:          money(p.CoverDebtMinor), CoveredInPeriod: money(p.CoveredMinor), CoveredSince: p.CoveredSince().String()}
	for _, band := range lending.AgeingBands {
		out.Ageing = append(out.Ageing, ageingJSON{Band: band, Loans: p.AgeingLoans[band], Outstanding: money(p.AgeingMinor[band])})
	}
	return out
}

func (s *server) loanPortfolio(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV)
	if err != nil {
		return err
	}
	date, err := asOf(c)
	if err != nil {
		return err
	}
	p, err := s.lending.LoanPortfolio(c.UserContext(), actor(c), c.Params("coop"), date)
	if err != nil {
		return err
	}
	if f.kind == formatJSON {
		return c.JSON(toPortfolio(p))
	}
	return s.sendCooperativeCSV(c, "loan-portfolio", p.AsOf, render.LoanPortfolioCSV(p, f.csv, f.lang))
}

type groupRefJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type groupSavingsJSON struct {
	Pokok    string `json:"pokok"`
	Wajib    string `json:"wajib"`
	Sukarela string `json:"sukarela"`
}

type groupSummaryJSON struct {
	Group    groupRefJSON     `json:"group"`
	AsOf     string           `json:"as_of"`
	Currency string           `json:"currency"`
	Members  int              `json:"members"`
	Savings  groupSavingsJSON `json:"savings"`
	Loans    portfolioJSON    `json:"loans"`
}

func (s *server) groupSummary(c *fiber.Ctx) error {
	date, err := asOf(c)
	if err != nil {
		return err
	}
	gs, err := s.reports.FindGroupSummary(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), date)
	if err != nil {
		return err
	}
	cur := gs.Currency
	return c.JSON(groupSummaryJSON{Group: groupRefJSON{ID: gs.Group.ID, Name: gs.Group.Name}, AsOf: gs.AsOf.String(),
		Currency: cur.Code(), Members: gs.Members, Loans: toPortfolio(gs.Loans),
		Savings: groupSavingsJSON{Pokok: ledger.FormatMinor(gs.SavingsMinor[accounts.Pokok], cur),
			Wajib: ledger.FormatMinor(gs.SavingsMinor[accounts.Wajib], cur), Sukarela: ledger.FormatMinor(gs.SavingsMinor[accounts.Sukarela], cur)}})
}

type ageingJSON struct {
	Band        string `json:"band"`
	Loans       int    `json:"loans"`
	Outstanding string `json:"outstanding"`
}
