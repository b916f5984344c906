package lending

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Portfolio figures, computed from the loans' schedules and ledger accounts
// as of a date: nothing here is kept beside the books.

// AgeingBands are the arrears ageing bands, in order: a loan's band is set
// by its days past due (see ageingBand).
var AgeingBands = []string{"current", "1-30", "31-60", "61-90", "over_90"}

// Portfolio is a set of loans' standing on a day.
type Portfolio struct {
	AsOf             ledger.Date
	Currency         ledger.Currency
	ActiveLoans      int
	OutstandingMinor int64
	ArrearsMinor     int64
	AgeingMinor      map[string]int64 // outstanding principal by ageing band
	AgeingLoans      map[string]int
	PAR30Minor       int64 // outstanding principal of loans more than 30 days late
	PAR90Minor       int64
	WrittenOffMinor  int64 // principal written off by the day
	DisbursedMinor   int64 // principal disbursed by the day
	RepaidMinor      int64 // principal repaid by the day
	DueMinor         int64 // principal and interest fallen due by the day
	CollectedMinor   int64 // of which paid
	CoverDebtMinor   int64 // covers paid on these loans by the day and not yet repaid by the covered members
	CoveredMinor     int64 // covers paid on these loans from January 1 of the day's year through the day
}

// PAR returns portfolio at risk: a bucket's outstanding principal over all
// outstanding principal, as a fraction (0 when nothing is outstanding).
// PAR30 counts the whole outstanding principal of every loan with any
// installment more than 30 days late, not only the late installments: that
// is the whole amount at risk.
func (p Portfolio) PAR(atRiskMinor int64) float64 {
	if p.OutstandingMinor == 0 {
		return 0
	}
	return float64(atRiskMinor) / float64(p.OutstandingMinor)
}

// RepaymentRate is what was collected against what fell due, as a fraction.
func (p Portfolio) RepaymentRate() float64 {
	if p.DueMinor == 0 {
		return 1
	}
	return float64(p.CollectedMinor) / float64(p.DueMinor)
}

// PortfolioOf computes the standing of the given loans on a day.
func (s *Service) PortfolioOf(ctx context.Context, bookID string, cur ledger.Currency, rows []loanRow, asOf ledger.Date) (Portfolio, error) {
	ps, err := s.PortfoliosOn(ctx, bookID, cur, rows, []ledger.Date{asOf})
	if err != nil {
		return Portfolio{}, err
	}
	return ps[0], nil
}

// PortfoliosOn computes the standing of the given loans on each of the
// days, ascending: out[i] on days[i]. Their schedules and balances are read
// in a few grouped queries whatever the number of loans and days (see
// loanBooksOn), then fed loan by loan to the pure rules, as loanBooks would
// have read them one loan at a time.
func (s *Service) PortfoliosOn(ctx context.Context, bookID string, cur ledger.Currency, rows []loanRow, days []ledger.Date) ([]Portfolio, error) {
	var lent []loanRow
	for _, r := range rows {
		if r.DisbursedOn != nil && !r.DisbursedOn.After(days[len(days)-1]) {
			lent = append(lent, r)
		}
	}
	books, err := s.loanBooksOn(ctx, s.db, bookID, lent, days)
	if err != nil {
		return nil, err
	}
	out := make([]Portfolio, len(days))
	for i, day := range days {
		out[i] = portfolioFrom(cur, lent, books[i], day)
	}
	return out, coverFiguresOn(ctx, s.db, lent, days, out)
}

// portfolioFrom computes the standing on a day of the loans disbursed by
// then, from their books on that day.
func portfolioFrom(cur ledger.Currency, rows []loanRow, books map[string]*loanBook, asOf ledger.Date) Portfolio {
	p := Portfolio{AsOf: asOf, Currency: cur, AgeingMinor: map[string]int64{}, AgeingLoans: map[string]int{}}
	for _, r := range rows {
		if r.DisbursedOn.After(asOf) {
			continue
		}
		lb := books[r.ID]
		schedule, paid := lb.schedule, lb.paid
		p.DisbursedMinor += r.PrincipalMinor
		writtenOff := isWrittenOffBy(r, asOf)
		if writtenOff {
			// Its principal left the books as a loss: the ledger's totals
			// count that loss as settled, which is neither repayment nor
			// collection. Only what was repaid counts as paid.
			p.WrittenOffMinor += r.PrincipalMinor - lb.repaidMinor
			paid.PrincipalMinor = lb.repaidMinor
		}
		p.RepaidMinor += paid.PrincipalMinor
		pos := PositionOn(schedule, r.PrincipalMinor, paid, asOf)
		due := dueBy(schedule, asOf)
		p.DueMinor += due
		p.CollectedMinor += due - (pos.PrincipalDueMinor + pos.InterestDueMinor)
		if writtenOff || pos.OutstandingMinor == 0 {
			continue // no longer in the portfolio: nothing outstanding, nothing at risk
		}
		p.ActiveLoans++
		p.OutstandingMinor += pos.OutstandingMinor
		p.ArrearsMinor += pos.ArrearsMinor
		band := ageingBand(pos.DaysPastDue)
		p.AgeingMinor[band] += pos.OutstandingMinor
		p.AgeingLoans[band]++
		if pos.DaysPastDue > 30 {
			p.PAR30Minor += pos.OutstandingMinor
		}
		if pos.DaysPastDue > 90 {
			p.PAR90Minor += pos.OutstandingMinor
		}
	}
	return p
}

func isWrittenOffBy(r loanRow, asOf ledger.Date) bool {
	return r.Status == LoanWrittenOff && r.ClosedOn != nil && !r.ClosedOn.After(asOf)
}

// dueBy sums the principal and interest of the installments due by a day.
func dueBy(schedule []Installment, asOf ledger.Date) int64 {
	var due int64
	for _, inst := range schedule {
		if !inst.DueDate.After(asOf) {
			due += inst.PrincipalMinor + inst.InterestMinor
		}
	}
	return due
}

func ageingBand(daysPastDue int) string {
	switch {
	case daysPastDue == 0:
		return "current"
	case daysPastDue <= 30:
		return "1-30"
	case daysPastDue <= 60:
		return "31-60"
	case daysPastDue <= 90:
		return "61-90"
	default:
		return "over_90"
	}
}

// loanBook is what a portfolio reads of one loan: its schedule, what was
// paid by a day (as loanBooks reads it), and for a written-off loan the
// principal repaid before the write-off.
type loanBook struct {
	schedule    []Installment
	paid        Paid
	repaidMinor int64
}

// loanBatchMax bounds the loans one query names, so that a statement stays
// a few tens of kilobytes however large the portfolio.
const loanBatchMax = 1000

// loanBooksOn reads the books of loans of one book, through db, on each of
// the days, ascending: out[i] on days[i]. Per loanBatchMax loans, their
// schedules are read once and shared by every day, their accounts'
// balances once for all the days (ledger.AccountsOnDays); the interest year
// ends closed out of them and the repayments of those written off are read
// for each day. It is the one reader of what loans were paid: one loan's
// (loanBooks) and a portfolio's alike; a loan not disbursed has paid nothing.
func (s *Service) loanBooksOn(ctx context.Context, db bun.IDB, bookID string, rows []loanRow, days []ledger.Date) ([]map[string]*loanBook, error) {
	out := make([]map[string]*loanBook, len(days))
	for i := range out {
		out[i] = make(map[string]*loanBook, len(rows))
	}
	for start := 0; start < len(rows); start += loanBatchMax {
		batch := rows[start:min(start+loanBatchMax, len(rows))]
		schedules, err := schedulesOf(ctx, db, batch)
		if err != nil {
			return nil, err
		}
		for _, books := range out {
			for _, r := range batch {
				books[r.ID] = &loanBook{schedule: schedules[r.ID]}
			}
		}
		if err := loanBalancesOn(ctx, db, bookID, batch, days, out); err != nil {
			return nil, err
		}
		if err := interestClosedOn(ctx, db, bookID, batch, days, out); err != nil {
			return nil, err
		}
		if err := principalRepaidOn(ctx, db, bookID, batch, days, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// schedulesOf reads the loans' stored schedules, each in installment order.
func schedulesOf(ctx context.Context, db bun.IDB, rows []loanRow) (map[string][]Installment, error) {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	// Plain rows.Scan: a portfolio reads tens of thousands of installments,
	// and scanning them is the bulk of its work.
	q, err := db.QueryContext(ctx, "SELECT loan_id, number, due_date, principal_minor, interest_minor FROM loan_installments "+
		"WHERE loan_id IN (?) ORDER BY loan_id, number", bun.List(ids))
	if err != nil {
		return nil, err
	}
	defer q.Close()
	out := make(map[string][]Installment, len(rows))
	for q.Next() {
		var loanID string
		var inst Installment
		if err := q.Scan(&loanID, &inst.Number, &inst.DueDate, &inst.PrincipalMinor, &inst.InterestMinor); err != nil {
			return nil, err
		}
		out[loanID] = append(out[loanID], inst)
	}
	return out, q.Err()
}

// loanBalancesOn sets what was paid on each loan by each day, from its
// accounts' balances, as loanBooks does: settled principal is the principal
// less its account's balance; interest paid is its interest account's
// balance; penalties owed are its penalty account's.
func loanBalancesOn(ctx context.Context, db bun.IDB, bookID string, rows []loanRow, days []ledger.Date, out []map[string]*loanBook) error {
	codes := make([]string, 0, 3*len(rows))
	for _, r := range rows {
		c := loanCodes(r.Number)
		codes = append(codes, c.Principal, c.Penalty, c.Interest)
	}
	accts, err := ledger.AccountsOnDays(ctx, db, bookID, days, ledger.Accounts{Codes: codes})
	if err != nil {
		return err
	}
	for i, onDay := range accts {
		balance := make(map[string]int64, len(onDay))
		for _, a := range onDay {
			balance[a.Code] = a.BalanceMinor
		}
		for _, r := range rows {
			if r.DisbursedOn == nil {
				continue // not lent yet: nothing paid
			}
			c := loanCodes(r.Number)
			out[i][r.ID].paid = Paid{PrincipalMinor: r.PrincipalMinor - balance[c.Principal],
				InterestMinor: balance[c.Interest], PenaltyOwedMinor: balance[c.Penalty]}
		}
	}
	return nil
}

// interestClosedOn adds to each loan's interest paid what year ends dated
// by each day took out of its interest account into the SHU, as loanBooks
// does: the loan still counts that interest as paid.
func interestClosedOn(ctx context.Context, db bun.IDB, bookID string, rows []loanRow, days []ledger.Date, out []map[string]*loanBook) error {
	codes := make([]string, len(rows))
	for i, r := range rows {
		codes[i] = loanCodes(r.Number).Interest
	}
	closed, err := ledger.ClosedOutOn(ctx, db, bookID, accounts.KindYearClose, days, codes)
	if err != nil {
		return err
	}
	for d := range days {
		for i, r := range rows {
			out[d][r.ID].paid.InterestMinor += closed[d][codes[i]]
		}
	}
	return nil
}

// principalRepaidOn sets, for each loan written off by a day, the principal
// repayments credited to it by then: the credits to its principal account
// other than its write-off.
func principalRepaidOn(ctx context.Context, db bun.IDB, bookID string, rows []loanRow, days []ledger.Date, out []map[string]*loanBook) error {
	var codes []string
	for _, r := range rows {
		if isWrittenOffBy(r, days[len(days)-1]) {
			codes = append(codes, loanCodes(r.Number).Principal)
		}
	}
	if len(codes) == 0 {
		return nil
	}
	repaid, err := ledger.CreditsLessDebitsOn(ctx, db, bookID, codes, []string{KindLoanWriteOff, KindLoanDisbursement}, days)
	if err != nil {
		return err
	}
	for d, day := range days {
		for _, r := range rows {
			if isWrittenOffBy(r, day) {
				out[d][r.ID].repaidMinor = repaid[d][loanCodes(r.Number).Principal]
			}
		}
	}
	return nil
}

// LoanPortfolio returns the cooperative's loan portfolio on a day (zero:
// today), with arrears ageing and portfolio at risk. Its treasurer only.
func (s *Service) LoanPortfolio(ctx context.Context, a accounts.Actor, cooperativeID string, asOf ledger.Date) (p Portfolio, err error) {
	defer ledger.Wrap(&err, "LoanPortfolio(%s, %s)", cooperativeID, asOf)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return Portfolio{}, err
	}
	coop := books.Cooperative()
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	rows, err := s.LoansWhere(ctx, func(q *bun.SelectQuery) *bun.SelectQuery { return q.Where("cooperative_id = ?", cooperativeID) })
	if err != nil {
		return Portfolio{}, err
	}
	return s.PortfolioOf(ctx, coop.BookID, coop.Currency, rows, asOf)
}

// loansMax bounds one portfolio's loans: a cooperative of thousands of
// members lends a few thousand loans a year.
const loansMax = 100000

func (s *Service) LoansWhere(ctx context.Context, where func(*bun.SelectQuery) *bun.SelectQuery) ([]loanRow, error) {
	var rows []loanRow
	q := where(s.db.NewSelect().Model(&rows).Where("disbursed_on IS NOT NULL")).OrderExpr("number").Limit(loansMax + 1)
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	if len(rows) > loansMax {
		return nil, ledger.Invalid("portfolio.too_large", "more loans than one report covers")
	}
	return rows, nil
}

// Add sums another set of loans' figures into p.
func (p *Portfolio) Add(q Portfolio) {
	p.ActiveLoans += q.ActiveLoans
	p.OutstandingMinor += q.OutstandingMinor
	p.ArrearsMinor += q.ArrearsMinor
	p.PAR30Minor += q.PAR30Minor
	p.PAR90Minor += q.PAR90Minor
	p.WrittenOffMinor += q.WrittenOffMinor
	p.DisbursedMinor += q.DisbursedMinor
	p.RepaidMinor += q.RepaidMinor
	p.DueMinor += q.DueMinor
	p.CollectedMinor += q.CollectedMinor
	p.CoverDebtMinor += q.CoverDebtMinor
	p.CoveredMinor += q.CoveredMinor
	for _, band := range AgeingBands {
		p.AgeingMinor[band] += q.AgeingMinor[band]
		p.AgeingLoans[band] += q.AgeingLoans[band]
	}
}
