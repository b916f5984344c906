package render

import (
	"strconv"

	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
)

// The PDF layout of each report offered as PDF.

// StatementPDF lays out an account's statement under a title: a member's
// savings statement, the cash book, the bank book. Movements are shown as
// money in and money out of the account, not as debits and credits: the
// cooperative's bookkeeping sides mean nothing to the woman reading her
// savings, and a cash book reads the same way.
func StatementPDF(title string, st ledger.Statement, coop string, generatedOn ledger.Date) *PDF {
	a := st.Account
	money := func(minor int64) string { return pdfMoney(minor, a.Currency) }
	r := newPDFReport(title, coop, []string{
		"Account: " + a.Code + "  " + a.Name,
		"Period: " + st.From.String() + " to " + st.To.String(),
		"Amounts in " + a.Currency.Code(),
	}, generatedOn)
	r.table(pdfColumn{"Date", 24, false}, pdfColumn{"Description", 76, false}, pdfColumn{"In", 26, true},
		pdfColumn{"Out", 26, true}, pdfColumn{"Balance", 28, true})
	r.row(st.From.String(), "Opening balance", "", "", money(st.OpeningMinor))
	var inMinor, outMinor int64
	for _, l := range st.Lines {
		description := l.Memo
		if description == "" {
			description = l.Kind
		}
		in, out := "", ""
		if change := a.Type.Effect(l.Side, l.AmountMinor); change >= 0 {
			inMinor += change
			in = money(change)
		} else {
			outMinor -= change
			out = money(-change)
		}
		r.row(l.EffectiveDate.String(), description, in, out, money(l.BalanceMinor))
	}
	r.total(st.To.String(), "Closing balance", money(inMinor), money(outMinor), money(st.ClosingMinor))
	return r
}

// accountColumns are the columns of a financial statement's sections.
var accountColumns = []pdfColumn{{"Code", 24, false}, {"Account", 118, false}, {"Amount", 38, true}}

// sectionPDF draws a financial statement's section as a table of its lines
// and its total.
func sectionPDF(r *PDF, heading string, sec reports.Section, cur ledger.Currency, totalLabel string) {
	r.heading(heading)
	r.table(accountColumns...)
	if len(sec.Lines) == 0 {
		r.row("", "(none)", "")
	}
	for _, l := range sec.Lines {
		r.row(l.Code, l.Name, pdfMoney(l.AmountMinor, cur))
	}
	r.total("", totalLabel, pdfMoney(sec.TotalMinor, cur))
}

func BalanceSheetPDF(bs reports.BalanceSheet, coop string, generatedOn ledger.Date) *PDF {
	cur := bs.Currency
	r := newPDFReport("Balance sheet (neraca)", coop, []string{
		"As of " + bs.AsOf.String(),
		"Amounts in " + cur.Code(),
	}, generatedOn)
	sectionPDF(r, "Assets", bs.Assets, cur, "Total assets")
	sectionPDF(r, "Liabilities", bs.Liabilities, cur, "Total liabilities")
	sectionPDF(r, "Equity", bs.Equity, cur, "Total equity")
	r.heading("Liabilities and equity")
	r.table(accountColumns...)
	r.row("", "Liabilities", pdfMoney(bs.Liabilities.TotalMinor, cur))
	r.row("", "Equity", pdfMoney(bs.Equity.TotalMinor, cur))
	r.row("", "Surplus not yet distributed (SHU)", pdfMoney(bs.SurplusMinor, cur))
	r.total("", "Total liabilities and equity", pdfMoney(bs.Liabilities.TotalMinor+bs.Equity.TotalMinor+bs.SurplusMinor, cur))
	return r
}

func IncomeStatementPDF(is reports.IncomeStatement, coop string, generatedOn ledger.Date) *PDF {
	cur := is.Currency
	r := newPDFReport("Income statement", coop, []string{
		"Period: " + is.From.String() + " to " + is.To.String(),
		"Amounts in " + cur.Code(),
	}, generatedOn)
	sectionPDF(r, "Income", is.Income, cur, "Total income")
	sectionPDF(r, "Expenses", is.Expenses, cur, "Total expenses")
	r.heading("Result")
	r.table(accountColumns...)
	r.total("", "Surplus (SHU before distribution)", pdfMoney(is.SurplusMinor, cur))
	return r
}

// ageingBars are the ageing bands as a reader names them, coloured from
// green (paying on time) to dark red (more than 90 days late).
var ageingBars = map[string]pdfBar{
	"current": {label: "On time", rgb: [3]int{76, 153, 92}},
	"1-30":    {label: "1-30 days late", rgb: [3]int{222, 184, 65}},
	"31-60":   {label: "31-60 days late", rgb: [3]int{230, 134, 50}},
	"61-90":   {label: "61-90 days late", rgb: [3]int{206, 82, 58}},
	"over_90": {label: "Over 90 days late", rgb: [3]int{150, 38, 38}},
}

// PartnerPortfolioPDF lays out a partner's portfolio: per currency, a table
// of its facilities with their total, a chart of the outstanding principal
// by how late its loans are, its totals by cooperative, and, when a series
// was asked for, a chart of the outstanding principal month by month.
func PartnerPortfolioPDF(pp reports.PartnerPortfolio, totals, byCoop []reports.PortfolioTotal, series []reports.PortfolioPoint,
	generatedOn ledger.Date) *PDF {
	r := newPDFReport("Partner portfolio", pp.Partner.Name, []string{
		"As of " + pp.AsOf.String(),
		"Facilities: " + strconv.Itoa(len(pp.Facilities)),
	}, generatedOn)
	if len(totals) == 0 {
		r.note("The partner funds no facilities yet.")
	}
	for _, t := range totals {
		cur := t.Currency
		money := func(minor int64) string { return pdfMoney(minor, cur) }
		r.heading("Facilities in " + cur.Code())
		r.table(pdfColumn{"Cooperative", 45, false}, pdfColumn{"Kind", 14, false}, pdfColumn{"Committed", 26, true},
			pdfColumn{"Received", 26, true}, pdfColumn{"Outstanding", 26, true}, pdfColumn{"PAR30", 15, true},
			pdfColumn{"Women reached", 28, true})
		for _, f := range pp.Facilities {
			if f.Facility.Currency.Code() != cur.Code() {
				continue
			}
			r.row(f.Cooperative.Name, string(f.Facility.Kind), money(f.Facility.CommittedMinor), money(f.ReceivedMinor),
				money(f.Loans.OutstandingMinor), pdfPercent(f.Loans.PAR(f.Loans.PAR30Minor)), strconv.Itoa(f.WomenReached))
		}
		r.total("Total", "", money(t.CommittedMinor), money(t.ReceivedMinor), money(t.Loans.OutstandingMinor),
			pdfPercent(t.Loans.PAR(t.Loans.PAR30Minor)), strconv.Itoa(t.WomenReached))
		bars := make([]pdfBar, 0, len(lending.AgeingBands))
		for _, band := range lending.AgeingBands {
			b, ok := ageingBars[band]
			if !ok {
				b = pdfBar{label: band, rgb: [3]int{120, 120, 120}}
			}
			b.valueMinor = t.Loans.AgeingMinor[band]
			b.value = money(b.valueMinor) + " (" + loansCount(t.Loans.AgeingLoans[band]) + ")"
			bars = append(bars, b)
		}
		r.barChart("Outstanding principal by days late, "+cur.Code(), bars)
		totalsByCooperativePDF(r, byCoop, cur)
		seriesPDF(r, series, cur)
	}
	return r
}

// totalsByCooperativePDF draws the totals of each cooperative in one
// currency, with PAR30 and PAR90 recomputed for each and self-reliance.
func totalsByCooperativePDF(r *PDF, byCoop []reports.PortfolioTotal, cur ledger.Currency) {
	money := func(minor int64) string { return pdfMoney(minor, cur) }
	r.heading("By cooperative, " + cur.Code())
	r.table(pdfColumn{"Cooperative", 50, false}, pdfColumn{"Outstanding", 28, true}, pdfColumn{"PAR30", 18, true},
		pdfColumn{"PAR90", 18, true}, pdfColumn{"Repayment", 22, true}, pdfColumn{"Savings", 24, true},
		pdfColumn{"Self-reliance", 20, true})
	for _, t := range byCoop {
		if t.Currency.Code() != cur.Code() {
			continue
		}
		selfReliance := "-"
		if v, ok := t.SelfReliance(); ok {
			selfReliance = pdfPercent(v)
		}
		r.row(t.Label, money(t.Loans.OutstandingMinor), pdfPercent(t.Loans.PAR(t.Loans.PAR30Minor)),
			pdfPercent(t.Loans.PAR(t.Loans.PAR90Minor)), pdfPercent(t.Loans.RepaymentRate()), money(t.MemberSavingsMinor), selfReliance)
	}
}

// seriesColour is the bar colour of the monthly chart.
var seriesColour = [3]int{52, 120, 160}

// seriesPDF draws the outstanding principal at each month's end in one
// currency, then each month's figures in a table.
func seriesPDF(r *PDF, series []reports.PortfolioPoint, cur ledger.Currency) {
	var bars []pdfBar
	var months []reports.PortfolioTotal
	for _, p := range series {
		for _, t := range p.Totals {
			if t.Currency.Code() == cur.Code() {
				t.Label = p.Month
				months = append(months, t)
				bars = append(bars, pdfBar{label: p.Month, valueMinor: t.Loans.OutstandingMinor,
					value: pdfMoney(t.Loans.OutstandingMinor, cur), rgb: seriesColour})
			}
		}
	}
	if len(bars) == 0 {
		return
	}
	r.barChart("Outstanding principal at each month's end, "+cur.Code(), bars)
	r.table(pdfColumn{"Month", 26, false}, pdfColumn{"Disbursed", 32, true}, pdfColumn{"Outstanding", 32, true},
		pdfColumn{"PAR30", 20, true}, pdfColumn{"PAR90", 20, true}, pdfColumn{"Repayment", 24, true}, pdfColumn{"Self-reliance", 26, true})
	for _, t := range months {
		selfReliance := "-"
		if v, ok := t.SelfReliance(); ok {
			selfReliance = pdfPercent(v)
		}
		r.row(t.Label, pdfMoney(t.Loans.DisbursedMinor, cur), pdfMoney(t.Loans.OutstandingMinor, cur),
			pdfPercent(t.Loans.PAR(t.Loans.PAR30Minor)), pdfPercent(t.Loans.PAR(t.Loans.PAR90Minor)),
			pdfPercent(t.Loans.RepaymentRate()), selfReliance)
	}
}

func loansCount(n int) string {
	if n == 1 {
		return "1 loan"
	}
	return strconv.Itoa(n) + " loans"
}
