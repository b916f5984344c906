package render

import (
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
)

// The CSV layout of each report: one header row of column names in the
// reader's language (in English, the JSON field names, so that a script
// asks for lang=en and reads both alike), then one row per line. Amounts
// and dates stay in the forms a spreadsheet reads as numbers and dates.
// Opening balances, totals and the surplus are rows of their own, labelled
// in a text column, so that the sheet adds up where a treasurer looks for
// the figure.

// StatementCSV lays out account statements: a member's savings, the cash
// book or the bank book. Several statements (all of a member's savings)
// follow one another with the account's code in a first column, so that a
// sheet filtered by account still reads whole; one statement has no such
// column.
func StatementCSV(style CSVStyle, lang Lang, sts ...ledger.Statement) *Sheet {
	w := lang.words()
	s := newCSVSheet(style)
	several := len(sts) > 1
	row := func(code string, cells ...cell) {
		if several {
			cells = append([]cell{textCell(code)}, cells...)
		}
		s.write(cells...)
	}
	header := []string{w.ColDate, w.ColSequence, w.ColEntryID, w.ColKind, w.ColMemo, w.ColSide, w.ColAmount, w.ColBalance}
	if several {
		header = append([]string{w.ColCode}, header...)
	}
	s.header(header...)
	for _, st := range sts {
		cur, code := st.Account.Currency, st.Account.Code
		row(code, textCell(st.From.String()), blankCell, blankCell, blankCell, textCell(w.OpeningBalance), blankCell, blankCell,
			amountCell(st.OpeningMinor, cur))
		for _, l := range st.Lines {
			row(code, textCell(l.EffectiveDate.String()), countCell(l.Sequence), textCell(l.EntryID), textCell(lang.csvKind(l.Kind)), textCell(l.Memo),
				textCell(side(w, l.Side)), amountCell(l.AmountMinor, cur), amountCell(l.BalanceMinor, cur))
		}
		row(code, textCell(st.To.String()), blankCell, blankCell, blankCell, textCell(w.ClosingBalance), blankCell, blankCell,
			amountCell(st.ClosingMinor, cur))
	}
	return s
}

// LoanStatementCSV lays out a loan's statement, one row per entry that
// moved it; amounts are signed: principal lent and penalty charged are
// positive, what was repaid or written off negative.
func LoanStatementCSV(st lending.LoanStatement, style CSVStyle, lang Lang) *Sheet {
	cur, w := st.Loan.Terms.Currency, lang.words()
	s := newCSVSheet(style)
	s.header(w.ColDate, w.ColSequence, w.ColEntryID, w.ColKind, w.ColMemo, w.ColPrincipal, w.ColInterest, w.ColPenalty, w.ColOwedAfter)
	s.write(textCell(st.From.String()), blankCell, blankCell, blankCell, textCell(w.OpeningBalance), blankCell, blankCell, blankCell,
		amountCell(st.OpeningMinor, cur))
	for _, l := range st.Lines {
		s.write(textCell(l.EffectiveDate.String()), countCell(l.Sequence), textCell(l.EntryID), textCell(lang.csvKind(l.Kind)), textCell(l.Memo),
			amountCell(l.PrincipalMinor, cur), amountCell(l.InterestMinor, cur), amountCell(l.PenaltyMinor, cur),
			amountCell(l.OutstandingMinor, cur))
	}
	s.write(textCell(st.To.String()), blankCell, blankCell, blankCell, textCell(w.ClosingBalance), blankCell, blankCell, blankCell,
		amountCell(st.ClosingMinor, cur))
	return s
}

// sectionRows writes a financial statement's section: its lines, then its
// total.
func sectionRows(s *Sheet, lang Lang, name string, sec reports.Section, cur ledger.Currency, totalLabel string) {
	for _, l := range sec.Lines {
		s.write(textCell(name), textCell(l.Code), textCell(lang.accountName(l.Code, l.Name)), amountCell(l.AmountMinor, cur))
	}
	s.write(textCell(name), blankCell, textCell(totalLabel), amountCell(sec.TotalMinor, cur))
}

// side is a posting's side as the language writes it.
func side(w *words, s ledger.Side) string {
	if s == ledger.Credit {
		return w.Credit
	}
	return w.Debit
}

func BalanceSheetCSV(bs reports.BalanceSheet, style CSVStyle, lang Lang) *Sheet {
	cur, w := bs.Currency, lang.words()
	s := newCSVSheet(style)
	s.header(w.ColSection, w.ColCode, w.ColName, w.ColAmount)
	sectionRows(s, lang, w.ColSectionAssets, bs.Assets, cur, w.TotalAssets)
	sectionRows(s, lang, w.ColSectionLiabilities, bs.Liabilities, cur, w.TotalLiabilities)
	sectionRows(s, lang, w.ColSectionEquity, bs.Equity, cur, w.TotalEquity)
	s.write(textCell(w.ColSectionSurplus), blankCell, textCell(w.SurplusUndistributed), amountCell(bs.SurplusMinor, cur))
	s.write(textCell(w.ColSectionTotal), blankCell, textCell(w.TotalLiabilitiesAndEquity),
		amountCell(bs.Liabilities.TotalMinor+bs.Equity.TotalMinor+bs.SurplusMinor, cur))
	return s
}

func IncomeStatementCSV(is reports.IncomeStatement, style CSVStyle, lang Lang) *Sheet {
	cur, w := is.Currency, lang.words()
	s := newCSVSheet(style)
	s.header(w.ColSection, w.ColCode, w.ColName, w.ColAmount)
	sectionRows(s, lang, w.ColSectionIncome, is.Income, cur, w.TotalIncome)
	sectionRows(s, lang, w.ColSectionExpenses, is.Expenses, cur, w.TotalExpenses)
	s.write(textCell(w.ColSectionSurplus), blankCell, textCell(w.SurplusBeforeShare), amountCell(is.SurplusMinor, cur))
	return s
}

func TrialBalanceCSV(tb ledger.TrialBalance, style CSVStyle, lang Lang) *Sheet {
	w := lang.words()
	s := newCSVSheet(style)
	s.header(w.ColCode, w.ColName, w.ColType, w.ColCurrency, w.ColDebit, w.ColCredit)
	for _, l := range tb.Lines {
		a := l.Account
		s.write(textCell(a.Code), textCell(lang.accountName(a.Code, a.Name)), textCell(accountType(w, a.Type)), textCell(a.Currency.Code()),
			amountCell(l.DebitMinor, a.Currency), amountCell(l.CreditMinor, a.Currency))
	}
	for _, cur := range TrialBalanceCurrencies(tb) {
		s.write(blankCell, textCell(w.Total), blankCell, textCell(cur.Code()),
			amountCell(tb.Debits[cur.Code()], cur), amountCell(tb.Credits[cur.Code()], cur))
	}
	return s
}

// LoanPortfolioCSV lays out the portfolio as one measure per row, the
// ageing bands each on a row of their own.
func LoanPortfolioCSV(p lending.Portfolio, style CSVStyle, lang Lang) *Sheet {
	cur, w := p.Currency, lang.words()
	s := newCSVSheet(style)
	s.header(w.ColMeasure, w.ColBand, w.ColLoans, w.ColAmount, w.ColRatio)
	money := func(measure string, minor int64) {
		s.write(textCell(measure), blankCell, blankCell, amountCell(minor, cur), blankCell)
	}
	s.write(textCell(w.MeasureActiveLoans), blankCell, countCell(p.ActiveLoans), blankCell, blankCell)
	money(w.MeasureOutstanding, p.OutstandingMinor)
	money(w.MeasureArrears, p.ArrearsMinor)
	for _, band := range lending.AgeingBands {
		s.write(textCell(w.MeasureAgeing), textCell(band), countCell(p.AgeingLoans[band]), amountCell(p.AgeingMinor[band], cur), blankCell)
	}
	s.write(textCell(w.MeasurePAR30), blankCell, blankCell, amountCell(p.PAR30Minor, cur), ratioCell(p.PAR(p.PAR30Minor)))
	s.write(textCell(w.MeasurePAR90), blankCell, blankCell, amountCell(p.PAR90Minor, cur), ratioCell(p.PAR(p.PAR90Minor)))
	money(w.MeasureWrittenOff, p.WrittenOffMinor)
	money(w.MeasureDisbursed, p.DisbursedMinor)
	money(w.MeasureRepaid, p.RepaidMinor)
	money(w.MeasureDue, p.DueMinor)
	money(w.MeasureCollected, p.CollectedMinor)
	s.write(textCell(w.MeasureRepaymentRate), blankCell, blankCell, blankCell, ratioCell(p.RepaymentRate()))
	return s
}

// PortfolioRow is one row of a portfolio sheet: a facility, or a total of
// facilities by scope ("total", "cooperative", "model", "month").
type PortfolioRow struct {
	scope                           Scope
	name, facilityID, kind, purpose string
	cur                             ledger.Currency
	committedMinor, receivedMinor   int64
	loans                           lending.Portfolio
	loansFunded, women              int
	savingsMinor                    int64
	selfReliance                    float64
	selfReliant                     bool // selfReliance is defined
}

// Scope is what a portfolio row totals.
type Scope int

const (
	ScopeFacility Scope = iota
	ScopeTotal
	ScopeCooperative
	ScopeModel // a partnership model
	ScopeMonth
)

func (sc Scope) in(w *words) string {
	return [...]string{ScopeFacility: w.ScopeFacility, ScopeTotal: w.ScopeTotal, ScopeCooperative: w.ScopeCooperative,
		ScopeModel: w.ScopeModel, ScopeMonth: w.ScopeMonth}[sc]
}

func TotalRows(scope Scope, ts []reports.PortfolioTotal) []PortfolioRow {
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
		for _, r := range TotalRows(ScopeMonth, p.Totals) {
			r.name = p.Month
			out = append(out, r)
		}
	}
	return out
}

// PortfolioTotalsCSV lays out a portfolio as one row per facility or total,
// its scope in the first column, so that a spreadsheet filters each part.
func PortfolioTotalsCSV(style CSVStyle, lang Lang, parts ...[]PortfolioRow) *Sheet {
	w := lang.words()
	s := newCSVSheet(style)
	s.header(w.ColScope, w.ColName, w.ColFacilityID, w.ColKind, w.ColPurpose, w.ColCurrency, w.ColCommitted, w.ColReceived,
		w.ColDisbursed, w.ColRepaid, w.ColOutstanding, w.ColPAR30, w.ColPAR30Ratio, w.ColPAR90, w.ColPAR90Ratio,
		w.ColRepaymentRate, w.ColWrittenOff, w.ColLoansFunded, w.ColWomenReached, w.ColSavingsMob, w.ColSelfReliance)
	for _, part := range parts {
		for _, r := range part {
			cur, l := r.cur, r.loans
			selfReliance := blankCell
			if r.selfReliant {
				selfReliance = ratioCell(r.selfReliance)
			}
			s.write(textCell(r.scope.in(w)), textCell(r.name), textCell(r.facilityID), textCell(facilityKind(w, r.kind)), textCell(r.purpose),
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
	style CSVStyle, lang Lang) *Sheet {
	facilities := make([]PortfolioRow, len(pp.Facilities))
	for i, r := range pp.Facilities {
		facilities[i] = PortfolioRow{scope: ScopeFacility, name: r.Cooperative.Name, facilityID: r.Facility.ID, kind: string(r.Facility.Kind),
			purpose: r.Facility.Purpose, cur: r.Facility.Currency, committedMinor: r.Facility.CommittedMinor,
			receivedMinor: r.ReceivedMinor, loans: r.Loans, loansFunded: r.LoansFunded, women: r.WomenReached,
			savingsMinor: r.SavingsMinor, selfReliance: r.SelfReliance, selfReliant: r.ExternalMinor != 0}
	}
	return PortfolioTotalsCSV(style, lang, facilities, TotalRows(ScopeTotal, totals), TotalRows(ScopeCooperative, byCoop), SeriesRows(series))
}

// accountType is a ledger account's type as the language names it.
func accountType(w *words, t ledger.Type) string {
	switch t {
	case ledger.Asset:
		return w.TypeAsset
	case ledger.Liability:
		return w.TypeLiability
	case ledger.Equity:
		return w.TypeEquity
	case ledger.Income:
		return w.TypeIncome
	case ledger.Expense:
		return w.TypeExpense
	}
	return string(t)
}
