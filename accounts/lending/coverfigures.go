package lending

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Risk before and after covers. A portfolio's arrears and PAR are what the
// lender is owed: after covers, since a co-member's cover paid the
// installment. What the group carries for its members is the covers not
// yet repaid; a member's own arrears before cover are the arrears plus
// those (ArrearsBeforeCoverMinor).

// coverEvent is a cover (positive) or a repayment of covers (negative) on
// one of a portfolio's loans, on a day.
type coverEvent struct {
	LoanID      string      `bun:"loan_id"`
	On          ledger.Date `bun:"on_day"`
	AmountMinor int64       `bun:"amount_minor"`
	Booked      bool        `bun:"booked"` // a cover booked as a debt; false for one from before covers were debts
}

// coverFiguresOn sets, on each day's portfolio, the covers still owed on
// its loans and the covers paid on them since January 1 of the day's year.
func coverFiguresOn(ctx context.Context, db bun.IDB, rows []loanRow, days []ledger.Date, out []Portfolio) error {
	for start := 0; start < len(rows); start += loanBatchMax {
		batch := rows[start:min(start+loanBatchMax, len(rows))]
		ids := make([]string, len(batch))
		for i, r := range batch {
			ids[i] = r.ID
		}
		var covers, repaid []coverEvent
		err := db.NewSelect().TableExpr("loan_covers AS c").Join("JOIN entries AS e ON e.id = c.entry_id").
			ColumnExpr("c.loan_id, e.effective_date AS on_day, c.amount_minor, c.debt_to IS NOT NULL AS booked").
			Where("c.loan_id IN (?)", bun.List(ids)).Scan(ctx, &covers)
		if err != nil {
			return err
		}
		err = db.NewSelect().TableExpr("cover_settlements AS s").Join("JOIN loan_covers AS c ON c.id = s.cover_id").
			Join("JOIN entries AS e ON e.id = s.entry_id").
			ColumnExpr("c.loan_id, e.effective_date AS on_day, s.amount_minor, TRUE AS booked").
			Where("c.loan_id IN (?)", bun.List(ids)).Scan(ctx, &repaid)
		if err != nil {
			return err
		}
		for i, day := range days {
			yearStart := ledger.NewDate(day.Time().Year(), time.January, 1)
			for _, c := range covers {
				if c.On.After(day) {
					continue
				}
				if c.Booked {
					out[i].CoverDebtMinor += c.AmountMinor
				}
				if !c.On.Before(yearStart) {
					out[i].CoveredMinor += c.AmountMinor
				}
			}
			for _, r := range repaid {
				if !r.On.After(day) {
					out[i].CoverDebtMinor -= r.AmountMinor
				}
			}
		}
	}
	return nil
}

// ArrearsBeforeCoverMinor is what the members themselves are behind on:
// the arrears the lender is owed, plus the covers co-members paid for
// them that they have not yet repaid.
func (p Portfolio) ArrearsBeforeCoverMinor() int64 { return p.ArrearsMinor + p.CoverDebtMinor }

// CoveredSince is the first day of the period CoveredMinor counts: January
// 1 of the portfolio's day's year.
func (p Portfolio) CoveredSince() ledger.Date {
	return ledger.NewDate(p.AsOf.Time().Year(), time.January, 1)
}
