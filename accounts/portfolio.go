package accounts

import (
	"context"

	"github.com/uptrace/bun"

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

// portfolioOf computes the standing of the given loans on a day.
func (s *Service) portfolioOf(ctx context.Context, bookID string, cur ledger.Currency, rows []loanRow, asOf ledger.Date) (Portfolio, error) {
	p := Portfolio{AsOf: asOf, Currency: cur, AgeingMinor: map[string]int64{}, AgeingLoans: map[string]int{}}
	for _, r := range rows {
		if r.DisbursedOn == nil || r.DisbursedOn.After(asOf) {
			continue
		}
		schedule, paid, err := s.loanBooks(ctx, s.db, bookID, r, asOf)
		if err != nil {
			return Portfolio{}, err
		}
		p.DisbursedMinor += r.PrincipalMinor
		writtenOff := r.Status == LoanWrittenOff && r.ClosedOn != nil && !r.ClosedOn.After(asOf)
		if writtenOff {
			// Its principal left the books as a loss: the ledger's totals
			// count that loss as settled, which is neither repayment nor
			// collection. Only what was repaid counts as paid.
			repaid, err := s.principalRepaid(ctx, bookID, r, asOf)
			if err != nil {
				return Portfolio{}, err
			}
			p.WrittenOffMinor += r.PrincipalMinor - repaid
			paid.PrincipalMinor = repaid
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
	return p, nil
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

// principalRepaid is the principal repayments credited to a loan by a day:
// the credits to its principal account other than its write-off.
func (s *Service) principalRepaid(ctx context.Context, bookID string, r loanRow, asOf ledger.Date) (int64, error) {
	var repaid int64
	err := s.db.NewSelect().TableExpr("postings AS p").
		Join("JOIN entries AS e ON e.id = p.entry_id").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("COALESCE(SUM(CASE WHEN p.side = 'credit' THEN p.amount_minor ELSE -p.amount_minor END), 0)").
		Where("a.book_id = ? AND a.code = ? AND e.kind <> ? AND e.kind <> ? AND p.effective_date <= ?",
			bookID, loanCodes(r.Number).Principal, KindLoanWriteOff, KindLoanDisbursement, asOf).
		Scan(ctx, &repaid)
	return repaid, err
}

// LoanPortfolio returns the cooperative's loan portfolio on a day (zero:
// today), with arrears ageing and portfolio at risk. Its treasurer only.
func (s *Service) LoanPortfolio(ctx context.Context, a Actor, cooperativeID string, asOf ledger.Date) (p Portfolio, err error) {
	defer wrap(&err, "LoanPortfolio(%s, %s)", cooperativeID, asOf)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return Portfolio{}, err
	}
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	rows, err := s.loansWhere(ctx, func(q *bun.SelectQuery) *bun.SelectQuery { return q.Where("cooperative_id = ?", cooperativeID) })
	if err != nil {
		return Portfolio{}, err
	}
	return s.portfolioOf(ctx, coop.BookID, coop.Currency, rows, asOf)
}

// loansMax bounds one portfolio's loans: a cooperative of thousands of
// members lends a few thousand loans a year.
const loansMax = 100000

func (s *Service) loansWhere(ctx context.Context, where func(*bun.SelectQuery) *bun.SelectQuery) ([]loanRow, error) {
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
