package render

import (
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
)

// The CSV layout of each report: one header row of column names (the JSON
// field names, so that a script reads both alike), then one row per line.
// Opening balances, totals and the surplus are rows of their own, labelled
// in a text column, so that the sheet adds up where a treasurer looks for
// the figure.

// StatementCSV lays out an account statement: a member's savings, the cash
// book or the bank book.
func StatementCSV(st ledger.Statement, style CSVStyle) *Sheet {
	cur := st.Account.Currency
	s := newCSVSheet(style)
	s.header("date", "sequence", "entry_id", "kind", "memo", "side", "amount", "balance")
	s.write(textCell(st.From.String()), blankCell, blankCell, blankCell, textCell("Opening balance"), blankCell, blankCell,
		amountCell(st.OpeningMinor, cur))
	for _, l := range st.Lines {
		s.write(textCell(l.EffectiveDate.String()), countCell(l.Sequence), textCell(l.EntryID), textCell(l.Kind), textCell(l.Memo),
			textCell(string(l.Side)), amountCell(l.AmountMinor, cur), amountCell(l.BalanceMinor, cur))
	}
	s.write(textCell(st.To.String()), blankCell, blankCell, blankCell, textCell("Closing balance"), blankCell, blankCell,
		amountCell(st.ClosingMinor, cur))
	return s
}

// sectionRows writes a financial statement's section: its lines, then its
// total.
func sectionRows(s *Sheet, name string, sec reports.Section, cur ledger.Currency, totalLabel string) {
	for _, l := range sec.Lines {
		s.write(textCell(name), textCell(l.Code), textCell(l.Name), amountCell(l.AmountMinor, cur))
	}
	s.write(textCell(name), blankCell, textCell(totalLabel), amountCell(sec.TotalMinor, cur))
}

func BalanceSheetCSV(bs reports.BalanceSheet, style CSVStyle) *Sheet {
	cur := bs.Currency
	s := newCSVSheet(style)
	s.header("section", "code", "name", "amount")
	sectionRows(s, "assets", bs.Assets, cur, "Total assets")
	sectionRows(s, "liabilities", bs.Liabilities, cur, "Total liabilities")
	sectionRows(s, "equity", bs.Equity, cur, "Total equity")
	s.write(textCell("surplus"), blankCell, textCell("Surplus not yet distributed (SHU)"), amountCell(bs.SurplusMinor, cur))
	s.write(textCell("total"), blankCell, textCell("Total liabilities and equity"),
		amountCell(bs.Liabilities.TotalMinor+bs.Equity.TotalMinor+bs.SurplusMinor, cur))
	return s
}

func IncomeStatementCSV(is reports.IncomeStatement, style CSVStyle) *Sheet {
	cur := is.Currency
	s := newCSVSheet(style)
	s.header("section", "code", "name", "amount")
	sectionRows(s, "income", is.Income, cur, "Total income")
	sectionRows(s, "expenses", is.Expenses, cur, "Total expenses")
	s.write(textCell("surplus"), blankCell, textCell("Surplus (SHU before distribution)"), amountCell(is.SurplusMinor, cur))
	return s
}

func TrialBalanceCSV(tb ledger.TrialBalance, style CSVStyle) *Sheet {
	s := newCSVSheet(style)
	s.header("code", "name", "type", "currency", "debit", "credit")
	for _, l := range tb.Lines {
		a := l.Account
		s.write(textCell(a.Code), textCell(a.Name), textCell(string(a.Type)), textCell(a.Currency.Code()),
			amountCell(l.DebitMinor, a.Currency), amountCell(l.CreditMinor, a.Currency))
	}
	for _, cur := range TrialBalanceCurrencies(tb) {
		s.write(blankCell, textCell("Total"), blankCell, textCell(cur.Code()),
			amountCell(tb.Debits[cur.Code()], cur), amountCell(tb.Credits[cur.Code()], cur))
	}
	return s
}

// LoanPortfolioCSV lays out the portfolio as one measure per row, the
// ageing bands each on a row of their own.
func LoanPortfolioCSV(p lending.Portfolio, style CSVStyle) *Sheet {
	cur := p.Currency
	s := newCSVSheet(style)
	s.header("measure", "band", "loans", "amount", "ratio")
	money := func(measure string, minor int64) {
		s.write(textCell(measure), blankCell, blankCell, amountCell(minor, cur), blankCell)
	}
	s.write(textCell("active_loans"), blankCell, countCell(p.ActiveLoans), blankCell, blankCell)
	money("outstanding", p.OutstandingMinor)
	money("arrears", p.ArrearsMinor)
	for _, band := range lending.AgeingBands {
		s.write(textCell("ageing"), textCell(band), countCell(p.AgeingLoans[band]), amountCell(p.AgeingMinor[band], cur), blankCell)
	}
	s.write(textCell("par30"), blankCell, blankCell, amountCell(p.PAR30Minor, cur), ratioCell(p.PAR(p.PAR30Minor)))
	s.write(textCell("par90"), blankCell, blankCell, amountCell(p.PAR90Minor, cur), ratioCell(p.PAR(p.PAR90Minor)))
	money("written_off", p.WrittenOffMinor)
	money("disbursed", p.DisbursedMinor)
	money("repaid", p.RepaidMinor)
	money("due", p.DueMinor)
	money("collected", p.CollectedMinor)
	s.write(textCell("repayment_rate"), blankCell, blankCell, blankCell, ratioCell(p.RepaymentRate()))
	return s
}

// PortfolioRow is one row of a portfolio sheet: a facility, or a total of
// facilities by scope ("total", "cooperative", "model", "month").
type PortfolioRow struct {
	scope, name, facilityID, kind, purpose string
	cur                                    ledger.Currency
	committedMinor, receivedMinor          int64
	loans                                  lending.Portfolio
	loansFunded, women                     int
	savingsMinor                           int64
	selfReliance                           float64
	selfReliant                            bool // selfReliance is defined
}

func TotalRows(scope string, ts []reports.PortfolioTotal) []PortfolioRow {
	rows := make([]PortfolioRow, len(ts))
	for i, t := range ts {
		rows[i] = PortfolioRow{scope: scope, name: t.Label, cur: t.Currency, committedMinor: t.CommittedMinor,
			receivedMinor: t.ReceivedMinor, loans: t.Loans, loansFunded: t.LoansFunded, women: t.WomenReached, savingsMinor: t.SavingsMinor}
		rows[i].selfReliance, rows[i].selfReliant = t.SelfReliance()
	}
	return rows
}

// SeriesRows are the month-end totals, named by month.
func SeriesRows(ps []reports.PortfolioPoint) []PortfolioRow {
	var out []PortfolioRow
	for _, p := range ps {
		for _, r := range TotalRows("month", p.Totals) {
			r.name = p.Month
			out = append(out, r)
		}
	}
	return out
}

// PortfolioTotalsCSV lays out a portfolio as one row per facility or total,
// its scope in the first column, so that a spreadsheet filters each part.
func PortfolioTotalsCSV(style CSVStyle, parts ...[]PortfolioRow) *Sheet {
	s := newCSVSheet(style)
	s.header("scope", "name", "facility_id", "kind", "purpose", "currency", "committed", "received", "disbursed", "repaid",
		"outstanding", "par30", "par30_ratio", "par90", "par90_ratio", "repayment_rate", "written_off", "loans_funded",
		"women_reached", "savings_mobilised", "self_reliance")
	for _, part := range parts {
		for _, r := range part {
			cur, l := r.cur, r.loans
			selfReliance := blankCell
			if r.selfReliant {
				selfReliance = ratioCell(r.selfReliance)
			}
			s.write(textCell(r.scope), textCell(r.name), textCell(r.facilityID), textCell(r.kind), textCell(r.purpose),
				textCell(cur.Code()), amountCell(r.committedMinor, cur), amountCell(r.receivedMinor, cur),
				amountCell(l.DisbursedMinor, cur), amountCell(l.RepaidMinor, cur), amountCell(l.OutstandingMinor, cur),
				amountCell(l.PAR30Minor, cur), ratioCell(l.PAR(l.PAR30Minor)), amountCell(l.PAR90Minor, cur),
				ratioCell(l.PAR(l.PAR90Minor)), ratioCell(l.RepaymentRate()), amountCell(l.WrittenOffMinor, cur),
				countCell(r.loansFunded), countCell(r.women), amountCell(r.savingsMinor, cur), selfReliance)
		}
	}
	return s
}

// PartnerPortfolioCSV lays out a partner's facilities, its totals, its
// totals by cooperative and, when asked, by month.
func PartnerPortfolioCSV(pp reports.PartnerPortfolio, totals, byCoop []reports.PortfolioTotal, series []reports.PortfolioPoint,
	style CSVStyle) *Sheet {
	facilities := make([]PortfolioRow, len(pp.Facilities))
	for i, r := range pp.Facilities {
		facilities[i] = PortfolioRow{scope: "facility", name: r.Cooperative.Name, facilityID: r.Facility.ID, kind: string(r.Facility.Kind),
			purpose: r.Facility.Purpose, cur: r.Facility.Currency, committedMinor: r.Facility.CommittedMinor,
			receivedMinor: r.ReceivedMinor, loans: r.Loans, loansFunded: r.LoansFunded, women: r.WomenReached,
			savingsMinor: r.SavingsMinor, selfReliance: r.SelfReliance, selfReliant: r.ExternalMinor != 0}
	}
	return PortfolioTotalsCSV(style, facilities, TotalRows("total", totals), TotalRows("cooperative", byCoop), SeriesRows(series))
}
