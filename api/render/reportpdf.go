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

// StatementPDF lays out account statements under a title: a member's
// savings statement (one of her savings, or all of them one after the
// other), the cash book, the bank book. Movements are shown as money in and
// money out of the account, not as debits and credits: the cooperative's
// bookkeeping sides mean nothing to the woman reading her savings, and a
// cash book reads the same way.
func StatementPDF(title StatementTitle, coop string, generatedOn ledger.Date, lang Lang, sts ...ledger.Statement) *PDF {
	w := lang.words()
	first := sts[0]
	details := []string{fmt.Sprintf(w.PeriodF, lang.Date(first.From), lang.Date(first.To)),
		fmt.Sprintf(w.AmountsInF, first.Account.Currency.Code())}
	if len(sts) == 1 {
		details = append([]string{fmt.Sprintf(w.AccountF, first.Account.Code, lang.accountName(first.Account.Code, first.Account.Name))}, details...)
	}
	r := newPDFReport(lang, title.in(w), coop, details, generatedOn)
	for _, st := range sts {
		if len(sts) > 1 {
			r.heading(st.Account.Code + " " + lang.accountName(st.Account.Code, st.Account.Name))
		}
		statementTable(r, st)
	}
	return r
}

// statementTable draws one account's movements between its opening and
// closing balances.
func statementTable(r *PDF, st ledger.Statement) {
	a, w, lang := st.Account, r.w, r.lang
	money := func(minor int64) string { return lang.Money(minor, a.Currency) }
	r.table(pdfColumn{heading: w.Date, widthMM: 33}, pdfColumn{heading: w.Description, widthMM: 61}, pdfColumn{heading: w.In, widthMM: 28, right: true},
		pdfColumn{heading: w.Out, widthMM: 28, right: true}, pdfColumn{heading: w.Balance, widthMM: 30, right: true})
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
}

// LoanStatementPDF lays out a loan's statement: each entry that moved it,
// with the principal lent or repaid, the interest paid, the penalty charged
// or paid, and the principal owed after it.
func LoanStatementPDF(st lending.LoanStatement, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	w, cur := lang.words(), st.Loan.Terms.Currency
	money := func(minor int64) string { return lang.Money(minor, cur) }
	signed := func(minor int64) string {
		if minor == 0 {
			return ""
		}
		if minor < 0 {
			return "-" + money(-minor)
		}
		return money(minor)
	}
	r := newPDFReport(lang, w.LoanStatement, coop, []string{
		fmt.Sprintf(w.LoanF, st.Loan.Number, st.Borrower),
		fmt.Sprintf(w.PeriodF, lang.Date(st.From), lang.Date(st.To)),
		fmt.Sprintf(w.AmountsInF, cur.Code()),
	}, generatedOn)
	r.table(pdfColumn{heading: w.Date, widthMM: 30}, pdfColumn{heading: w.Description, widthMM: 46}, pdfColumn{heading: w.Principal, widthMM: 27, right: true},
		pdfColumn{heading: w.Interest, widthMM: 24, right: true}, pdfColumn{heading: w.Penalty, widthMM: 23, right: true}, pdfColumn{heading: w.OwedAfter, widthMM: 30, right: true})
	r.row(lang.Date(st.From), w.OpeningBalance, "", "", "", money(st.OpeningMinor))
	var interest, penalty int64
	for _, l := range st.Lines {
		description := l.Memo
		if description == "" {
			description = lang.kind(l.Kind)
		}
		interest += l.InterestMinor
		penalty += l.PenaltyMinor
		r.row(lang.Date(l.EffectiveDate), description, signed(l.PrincipalMinor), signed(l.InterestMinor), signed(l.PenaltyMinor),
			money(l.OutstandingMinor))
	}
	r.total(lang.Date(st.To), w.ClosingBalance, signed(st.ClosingMinor-st.OpeningMinor), signed(interest), signed(penalty),
		money(st.ClosingMinor))
	return r
}

// accountColumns are the columns of a financial statement's sections.
func accountColumns(w *words) []pdfColumn {
	return []pdfColumn{{heading: w.Code, widthMM: 24}, {heading: w.Account, widthMM: 116}, {heading: w.Amount, widthMM: 40, right: true}}
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

// dateBlank is the day of a statement's signatures, left to be written in
// by hand: the day the members' meeting approves it, not the day it is
// printed.
const dateBlank = "...................................."

// BalanceSheetPDF lays out the neraca as the members' annual meeting (RAT)
// receives it, signed by the board and the supervisor.
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
	r.signatures(dateBlank, ratSigners(w)...)
	return r
}

// IncomeStatementPDF lays out the income statement as the RAT receives
// it, signed as the balance sheet is.
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
	r.signatures(dateBlank, ratSigners(w)...)
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
		r.table(pdfColumn{heading: w.Cooperative, widthMM: 39}, pdfColumn{heading: w.Kind, widthMM: 18}, pdfColumn{heading: w.Committed, widthMM: 27, right: true},
			pdfColumn{heading: w.Received, widthMM: 27, right: true}, pdfColumn{heading: w.Outstanding, widthMM: 27, right: true}, pdfColumn{heading: "PAR30", widthMM: 15, right: true},
			pdfColumn{heading: w.WomenReached, widthMM: 27, right: true})
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
	journalsPDF(r, w, lang, pp.Facilities)
	return r
}

// journalsPDF names, per cooperative, the journal a partner's figures
// follow from and its newest signed checkpoint, so that the paper can be
// checked against the journal copy the partner downloads.
func journalsPDF(r *PDF, w *words, lang Lang, facilities []reports.FacilityReport) {
	seen := map[string]bool{}
	for _, f := range facilities {
		h := f.Journal
		if h == nil || seen[f.Cooperative.ID] {
			continue
		}
		if len(seen) == 0 {
			r.heading(w.JournalsHeading)
		}
		seen[f.Cooperative.ID] = true
		r.note(fmt.Sprintf(w.JournalHeadF, f.Cooperative.Name, h.Sequence, shortHash(h.ChainHash)))
		if c := h.Checkpoint; c != nil {
			r.note(fmt.Sprintf(w.JournalCheckpointF, c.Sequence, lang.Date(ledger.DateOf(c.TakenAt)), shortHash(ledger.KeyFingerprint(c.PublicKey))))
		} else {
			r.note(w.JournalNoCheckpoint)
		}
	}
}

// shortHash is the first 16 hex digits of a hash: enough for a person to
// compare by eye; the machine compares all 64.
func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	if h == "" {
		return "-"
	}
	return h
}

// PlatformPortfolioPDF lays out the whole platform's portfolio for its
// admin, in each currency: the totals by partnership model, the outstanding
// principal by lateness, the totals by cooperative and, with a series, the
// months' outstanding principal and self-reliance.
func PlatformPortfolioPDF(asOf ledger.Date, totals, byModel, byCoop []reports.PortfolioTotal, series []reports.PortfolioPoint,
	generatedOn ledger.Date, lang Lang) *PDF {
	w := lang.words()
	r := newPDFReport(lang, w.PlatformPortfolio, "Lumbung", []string{fmt.Sprintf(w.AsOfF, lang.Date(asOf))}, generatedOn)
	if len(totals) == 0 {
		r.note(w.NoFacilities)
	}
	for _, t := range totals {
		cur := t.Currency
		r.heading(fmt.Sprintf(w.ByModelF, cur.Code()))
		r.table(pdfColumn{heading: w.Model, widthMM: 32}, pdfColumn{heading: w.Received, widthMM: 30, right: true}, pdfColumn{heading: w.Outstanding, widthMM: 30, right: true},
			pdfColumn{heading: "PAR30", widthMM: 16, right: true}, pdfColumn{heading: w.Repayment, widthMM: 22, right: true}, pdfColumn{heading: w.SelfReliance, widthMM: 22, right: true},
			pdfColumn{heading: w.WomenReached, widthMM: 28, right: true})
		row := func(label string, m reports.PortfolioTotal, total bool) {
			selfReliance := "-"
			if v, ok := m.SelfReliance(); ok {
				selfReliance = lang.percent(v)
			}
			cells := []string{label, r.money(m.ReceivedMinor, cur), r.money(m.Loans.OutstandingMinor, cur),
				lang.percent(m.Loans.PAR(m.Loans.PAR30Minor)), lang.percent(m.Loans.RepaymentRate()), selfReliance,
				strconv.Itoa(m.WomenReached)}
			if total {
				r.total(cells...)
				return
			}
			r.row(cells...)
		}
		for _, m := range byModel {
			if m.Currency.Code() == cur.Code() {
				row(modelName(w, m.Key), m, false)
			}
		}
		row(w.Total, t, true)
		bars := make([]pdfBar, 0, len(lending.AgeingBands))
		for _, band := range lending.AgeingBands {
			b := ageingBar(w, band)
			b.valueMinor = t.Loans.AgeingMinor[band]
			b.value = r.money(b.valueMinor, cur) + " (" + loansCount(w, t.Loans.AgeingLoans[band]) + ")"
			bars = append(bars, b)
		}
		r.barChart(fmt.Sprintf(w.OutstandingByLatenessF, cur.Code()), bars)
		totalsByCooperativePDF(r, byCoop, cur)
		seriesPDF(r, series, cur)
	}
	return r
}

// modelName is a partnership model as the language names it.
func modelName(w *words, model string) string {
	switch model {
	case "government":
		return w.ModelGovernment
	case "private":
		return w.ModelPrivate
	case "nonprofit":
		return w.ModelNonprofit
	case "multi_stakeholder":
		return w.ModelMultiStakeholder
	}
	return model
}

// totalsByCooperativePDF draws the totals of each cooperative in one
// currency, with PAR30 and PAR90 recomputed for each and self-reliance.
func totalsByCooperativePDF(r *PDF, byCoop []reports.PortfolioTotal, cur ledger.Currency) {
	w, lang := r.w, r.lang
	r.heading(fmt.Sprintf(w.ByCooperativeF, cur.Code()))
	r.table(pdfColumn{heading: w.Cooperative, widthMM: 44}, pdfColumn{heading: w.Outstanding, widthMM: 30, right: true}, pdfColumn{heading: "PAR30", widthMM: 16, right: true},
		pdfColumn{heading: "PAR90", widthMM: 16, right: true}, pdfColumn{heading: w.Repayment, widthMM: 24, right: true}, pdfColumn{heading: w.Savings, widthMM: 28, right: true},
		pdfColumn{heading: w.SelfReliance, widthMM: 22, right: true})
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
	// Self-reliance is what a partnership works towards: the members'
	// savings growing against the capital partners put in.
	points := make([]pdfPoint, 0, len(months))
	for _, t := range months {
		v, ok := t.SelfReliance()
		points = append(points, pdfPoint{label: t.Label, value: v, defined: ok})
	}
	r.lineChart(fmt.Sprintf(w.SelfRelianceByMonthF, cur.Code()), points)
	r.table(pdfColumn{heading: w.Month, widthMM: 22}, pdfColumn{heading: w.Disbursed, widthMM: 34, right: true}, pdfColumn{heading: w.Outstanding, widthMM: 34, right: true},
		pdfColumn{heading: "PAR30", widthMM: 18, right: true}, pdfColumn{heading: "PAR90", widthMM: 18, right: true}, pdfColumn{heading: w.Repayment, widthMM: 26, right: true}, pdfColumn{heading: w.SelfReliance, widthMM: 28, right: true})
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
