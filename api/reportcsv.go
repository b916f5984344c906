package api

import (
	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// The CSV layout of each report: one header row of column names (the JSON
// field names, so that a script reads both alike), then one row per line.
// Opening balances, totals and the surplus are rows of their own, labelled
// in a text column, so that the sheet adds up where a treasurer looks for
// the figure.

// statementCSV lays out an account statement: a member's savings, the cash
// book or the bank book.
func statementCSV(st ledger.Statement, style csvStyle) *csvSheet {
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
func sectionRows(s *csvSheet, name string, sec accounts.Section, cur ledger.Currency, totalLabel string) {
	for _, l := range sec.Lines {
		s.write(textCell(name), textCell(l.Code), textCell(l.Name), amountCell(l.AmountMinor, cur))
	}
	s.write(textCell(name), blankCell, textCell(totalLabel), amountCell(sec.TotalMinor, cur))
}

func balanceSheetCSV(bs accounts.BalanceSheet, style csvStyle) *csvSheet {
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

func incomeStatementCSV(is accounts.IncomeStatement, style csvStyle) *csvSheet {
	cur := is.Currency
	s := newCSVSheet(style)
	s.header("section", "code", "name", "amount")
	sectionRows(s, "income", is.Income, cur, "Total income")
	sectionRows(s, "expenses", is.Expenses, cur, "Total expenses")
	s.write(textCell("surplus"), blankCell, textCell("Surplus (SHU before distribution)"), amountCell(is.SurplusMinor, cur))
	return s
}

func trialBalanceCSV(tb ledger.TrialBalance, style csvStyle) *csvSheet {
	s := newCSVSheet(style)
	s.header("code", "name", "type", "currency", "debit", "credit")
	for _, l := range tb.Lines {
		a := l.Account
		s.write(textCell(a.Code), textCell(a.Name), textCell(string(a.Type)), textCell(a.Currency.Code()),
			amountCell(l.DebitMinor, a.Currency), amountCell(l.CreditMinor, a.Currency))
	}
	for _, cur := range trialBalanceCurrencies(tb) {
		s.write(blankCell, textCell("Total"), blankCell, textCell(cur.Code()),
			amountCell(tb.Debits[cur.Code()], cur), amountCell(tb.Credits[cur.Code()], cur))
	}
	return s
}

// loanPortfolioCSV lays out the portfolio as one measure per row, the
// ageing bands each on a row of their own.
func loanPortfolioCSV(p accounts.Portfolio, style csvStyle) *csvSheet {
	cur := p.Currency
	s := newCSVSheet(style)
	s.header("measure", "band", "loans", "amount", "ratio")
	money := func(measure string, minor int64) {
		s.write(textCell(measure), blankCell, blankCell, amountCell(minor, cur), blankCell)
	}
	s.write(textCell("active_loans"), blankCell, countCell(p.ActiveLoans), blankCell, blankCell)
	money("outstanding", p.OutstandingMinor)
	money("arrears", p.ArrearsMinor)
	for _, band := range accounts.AgeingBands {
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

// partnerPortfolioCSV lays out a row per facility, then a total row per
// currency.
func partnerPortfolioCSV(pp accounts.PartnerPortfolio, style csvStyle) *csvSheet {
	s := newCSVSheet(style)
	s.header("cooperative", "facility_id", "kind", "purpose", "currency", "committed", "received", "disbursed", "repaid",
		"outstanding", "par30", "par30_ratio", "loans_funded", "women_reached", "savings_mobilised", "self_reliance")
	for _, r := range pp.Facilities {
		cur, loans := r.Facility.Currency, r.Loans
		s.write(textCell(r.Cooperative.Name), textCell(r.Facility.ID), textCell(string(r.Facility.Kind)), textCell(r.Facility.Purpose),
			textCell(cur.Code()), amountCell(r.Facility.CommittedMinor, cur), amountCell(r.ReceivedMinor, cur),
			amountCell(loans.DisbursedMinor, cur), amountCell(loans.RepaidMinor, cur), amountCell(loans.OutstandingMinor, cur),
			amountCell(loans.PAR30Minor, cur), ratioCell(loans.PAR(loans.PAR30Minor)), countCell(r.LoansFunded),
			countCell(r.WomenReached), amountCell(r.SavingsMinor, cur), ratioCell(r.SelfReliance))
	}
	for _, t := range totalsByCurrency(pp.Facilities) {
		cur := t.cur
		s.write(textCell("Total"), blankCell, blankCell, blankCell, textCell(cur.Code()), amountCell(t.committedMinor, cur),
			amountCell(t.receivedMinor, cur), amountCell(t.disbursedMinor, cur), amountCell(t.repaidMinor, cur),
			amountCell(t.outstandingMinor, cur), amountCell(t.atRiskMinor, cur), ratioCell(t.par30()), blankCell,
			countCell(t.women), blankCell, blankCell)
	}
	return s
}
