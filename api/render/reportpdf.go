package render

import (
	"fmt"
	"strconv"

	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
)

// The PDF layout of each report offered as PDF, in the reader's language.

// StatementTitle names what a statement is of.
type StatementTitle int

const (
	SavingsStatement StatementTitle = iota // a member's savings
	CashBook                               // the cooperative's cash box (kas)
	BankBook                               // the cooperative's bank account
)

func (t StatementTitle) in(w *words) string {
	switch t {
	case CashBook:
		return w.CashBook
	case BankBook:
		return w.BankBook
	}
	return w.SavingsStatement
}

// StatementPDF lays out an account's statement under a title: a member's
// savings statement, the cash book, the bank book. Movements are shown as
// money in and money out of the account, not as debits and credits: the
// cooperative's bookkeeping sides mean nothing to the woman reading her
// savings, and a cash book reads the same way.
func StatementPDF(title StatementTitle, st ledger.Statement, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	a := st.Account
	w := lang.words()
	money := func(minor int64) string { return lang.Money(minor, a.Currency) }
	r := newPDFReport(lang, title.in(w), coop, []string{
		fmt.Sprintf(w.AccountF, a.Code, lang.accountName(a.Code, a.Name)),
		fmt.Sprintf(w.PeriodF, lang.Date(st.From), lang.Date(st.To)),
		fmt.Sprintf(w.AmountsInF, a.Currency.Code()),
	}, generatedOn)
	r.table(pdfColumn{w.Date, 33, false}, pdfColumn{w.Description, 61, false}, pdfColumn{w.In, 28, true},
		pdfColumn{w.Out, 28, true}, pdfColumn{w.Balance, 30, true})
	r.row(lang.Date(st.From), w.OpeningBalance, "", "", money(st.OpeningMinor))
	var inMinor, outMinor int64
	for _, l := range st.Lines {
		description := l.Memo
		if description == "" {
			description = lang.kind(l.Kind)
		}
		in, out := "", ""
		if change := a.Type.Effect(l.Side, l.AmountMinor); change >= 0 {
			inMinor += change
			in = money(change)
		} else {
			outMinor -= change
			out = money(-change)
		}
		r.row(lang.Date(l.EffectiveDate), description, in, out, money(l.BalanceMinor))
	}
	r.total(lang.Date(st.To), w.ClosingBalance, money(inMinor), money(outMinor), money(st.ClosingMinor))
	return r
}

// accountColumns are the columns of a financial statement's sections.
func accountColumns(w *words) []pdfColumn {
	return []pdfColumn{{w.Code, 24, false}, {w.Account, 116, false}, {w.Amount, 40, true}}
}

// sectionPDF draws a financial statement's section as a table of its lines
// and its total.
func sectionPDF(r *PDF, heading string, sec reports.Section, cur ledger.Currency, totalLabel string) {
	r.heading(heading)
	r.table(accountColumns(r.w)...)
	if len(sec.Lines) == 0 {
		r.row("", r.w.None, "")
	}
	for _, l := range sec.Lines {
		r.row(l.Code, r.lang.accountName(l.Code, l.Name), r.money(l.AmountMinor, cur))
	}
	r.total("", totalLabel, r.money(sec.TotalMinor, cur))
}

func BalanceSheetPDF(bs reports.BalanceSheet, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	cur, w := bs.Currency, lang.words()
	r := newPDFReport(lang, w.BalanceSheet, coop, []string{
		fmt.Sprintf(w.AsOfF, lang.Date(bs.AsOf)),
		fmt.Sprintf(w.AmountsInF, cur.Code()),
	}, generatedOn)
	sectionPDF(r, w.Assets, bs.Assets, cur, w.TotalAssets)
	sectionPDF(r, w.Liabilities, bs.Liabilities, cur, w.TotalLiabilities)
	sectionPDF(r, w.Equity, bs.Equity, cur, w.TotalEquity)
	r.heading(w.LiabilitiesAndEquity)
	r.table(accountColumns(w)...)
	r.row("", w.Liabilities, r.money(bs.Liabilities.TotalMinor, cur))
	r.row("", w.Equity, r.money(bs.Equity.TotalMinor, cur))
	r.row("", w.SurplusUndistributed, r.money(bs.SurplusMinor, cur))
	r.total("", w.TotalLiabilitiesAndEquity, r.money(bs.Liabilities.TotalMinor+bs.Equity.TotalMinor+bs.SurplusMinor, cur))
	return r
}

func IncomeStatementPDF(is reports.IncomeStatement, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	cur, w := is.Currency, lang.words()
	r := newPDFReport(lang, w.IncomeStatement, coop, []string{
		fmt.Sprintf(w.PeriodF, lang.Date(is.From), lang.Date(is.To)),
		fmt.Sprintf(w.AmountsInF, cur.Code()),
	}, generatedOn)
	sectionPDF(r, w.Income, is.Income, cur, w.TotalIncome)
	sectionPDF(r, w.Expenses, is.Expenses, cur, w.TotalExpenses)
	r.heading(w.Result)
	r.table(accountColumns(w)...)
	r.total("", w.SurplusBeforeShare, r.money(is.SurplusMinor, cur))
	return r
}

// ageingBar is an ageing band as a reader names it, coloured from green
// (paying on time) to dark red (more than 90 days late).
func ageingBar(w *words, band string) pdfBar {
	switch band {
	case "current":
		return pdfBar{label: w.OnTime, rgb: [3]int{76, 153, 92}}
	case "1-30":
		return pdfBar{label: w.Late1To30, rgb: [3]int{222, 184, 65}}
	case "31-60":
		return pdfBar{label: w.Late31To60, rgb: [3]int{230, 134, 50}}
	case "61-90":
		return pdfBar{label: w.Late61To90, rgb: [3]int{206, 82, 58}}
	case "over_90":
		return pdfBar{label: w.LateOver90, rgb: [3]int{150, 38, 38}}
	}
	return pdfBar{label: band, rgb: [3]int{120, 120, 120}}
}

// PartnerPortfolioPDF lays out a partner's portfolio: per currency, a table
// of its facilities with their total, a chart of the outstanding principal
// by how late its loans are, its totals by cooperative, and, when a series
// was asked for, a chart of the outstanding principal month by month.
func PartnerPortfolioPDF(pp reports.PartnerPortfolio, totals, byCoop []reports.PortfolioTotal, series []reports.PortfolioPoint,
	generatedOn ledger.Date, lang Lang) *PDF {
	w := lang.words()
	r := newPDFReport(lang, w.PartnerPortfolio, pp.Partner.Name, []string{
		fmt.Sprintf(w.AsOfF, lang.Date(pp.AsOf)),
		fmt.Sprintf(w.FacilitiesF, len(pp.Facilities)),
	}, generatedOn)
	if len(totals) == 0 {
		r.note(w.NoFacilities)
	}
	for _, t := range totals {
		cur := t.Currency
		money := func(minor int64) string { return r.money(minor, cur) }
		r.heading(fmt.Sprintf(w.FacilitiesInF, cur.Code()))
		r.table(pdfColumn{w.Cooperative, 43, false}, pdfColumn{w.Kind, 14, false}, pdfColumn{w.Committed, 27, true},
			pdfColumn{w.Received, 27, true}, pdfColumn{w.Outstanding, 27, true}, pdfColumn{"PAR30", 15, true},
			pdfColumn{w.WomenReached, 27, true})
		for _, f := range pp.Facilities {
			if f.Facility.Currency.Code() != cur.Code() {
				continue
			}
			r.row(f.Cooperative.Name, facilityKind(w, string(f.Facility.Kind)), money(f.Facility.CommittedMinor), money(f.ReceivedMinor),
				money(f.Loans.OutstandingMinor), lang.percent(f.Loans.PAR(f.Loans.PAR30Minor)), strconv.Itoa(f.WomenReached))
		}
		r.total(w.Total, "", money(t.CommittedMinor), money(t.ReceivedMinor), money(t.Loans.OutstandingMinor),
			lang.percent(t.Loans.PAR(t.Loans.PAR30Minor)), strconv.Itoa(t.WomenReached))
		bars := make([]pdfBar, 0, len(lending.AgeingBands))
		for _, band := range lending.AgeingBands {
			b := ageingBar(w, band)
			b.valueMinor = t.Loans.AgeingMinor[band]
			b.value = money(b.valueMinor) + " (" + loansCount(w, t.Loans.AgeingLoans[band]) + ")"
			bars = append(bars, b)
		}
		r.barChart(fmt.Sprintf(w.OutstandingByLatenessF, cur.Code()), bars)
		totalsByCooperativePDF(r, byCoop, cur)
		seriesPDF(r, series, cur)
	}
	return r
}

// totalsByCooperativePDF draws the totals of each cooperative in one
// currency, with PAR30 and PAR90 recomputed for each and self-reliance.
func totalsByCooperativePDF(r *PDF, byCoop []reports.PortfolioTotal, cur ledger.Currency) {
	w, lang := r.w, r.lang
	r.heading(fmt.Sprintf(w.ByCooperativeF, cur.Code()))
	r.table(pdfColumn{w.Cooperative, 44, false}, pdfColumn{w.Outstanding, 30, true}, pdfColumn{"PAR30", 16, true},
		pdfColumn{"PAR90", 16, true}, pdfColumn{w.Repayment, 24, true}, pdfColumn{w.Savings, 28, true},
		pdfColumn{w.SelfReliance, 22, true})
	for _, t := range byCoop {
		if t.Currency.Code() != cur.Code() {
			continue
		}
		selfReliance := "-"
		if v, ok := t.SelfReliance(); ok {
			selfReliance = lang.percent(v)
		}
		r.row(t.Label, r.money(t.Loans.OutstandingMinor, cur), lang.percent(t.Loans.PAR(t.Loans.PAR30Minor)),
			lang.percent(t.Loans.PAR(t.Loans.PAR90Minor)), lang.percent(t.Loans.RepaymentRate()), r.money(t.MemberSavingsMinor, cur),
			selfReliance)
	}
}

// seriesColour is the bar colour of the monthly chart.
var seriesColour = [3]int{52, 120, 160}

// seriesPDF draws the outstanding principal at each month's end in one
// currency, then each month's figures in a table.
func seriesPDF(r *PDF, series []reports.PortfolioPoint, cur ledger.Currency) {
	w, lang := r.w, r.lang
	var bars []pdfBar
	var months []reports.PortfolioTotal
	for _, p := range series {
		for _, t := range p.Totals {
			if t.Currency.Code() == cur.Code() {
				t.Label = p.Month
				months = append(months, t)
				bars = append(bars, pdfBar{label: p.Month, valueMinor: t.Loans.OutstandingMinor,
					value: r.money(t.Loans.OutstandingMinor, cur), rgb: seriesColour})
			}
		}
	}
	if len(bars) == 0 {
		return
	}
	r.barChart(fmt.Sprintf(w.OutstandingByMonthF, cur.Code()), bars)
	r.table(pdfColumn{w.Month, 22, false}, pdfColumn{w.Disbursed, 34, true}, pdfColumn{w.Outstanding, 34, true},
		pdfColumn{"PAR30", 18, true}, pdfColumn{"PAR90", 18, true}, pdfColumn{w.Repayment, 26, true}, pdfColumn{w.SelfReliance, 28, true})
	for _, t := range months {
		selfReliance := "-"
		if v, ok := t.SelfReliance(); ok {
			selfReliance = lang.percent(v)
		}
		r.row(t.Label, r.money(t.Loans.DisbursedMinor, cur), r.money(t.Loans.OutstandingMinor, cur),
			lang.percent(t.Loans.PAR(t.Loans.PAR30Minor)), lang.percent(t.Loans.PAR(t.Loans.PAR90Minor)),
			lang.percent(t.Loans.RepaymentRate()), selfReliance)
	}
}

func loansCount(w *words, n int) string {
	if n == 1 {
		return w.OneLoan
	}
	return fmt.Sprintf(w.LoansF, n)
}
