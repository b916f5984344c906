package ledger

import (
	"context"
)

// statementLinesMax bounds one statement: a member's savings account moves
// at most a few times a week, so a year is a few hundred lines; a cash book
// for a busy month stays well inside it. Longer periods are asked for in
// parts.
const statementLinesMax = 10000

// StatementLine is one posting on an account, with the balance after it.
type StatementLine struct {
	EntryID       string
	Sequence      int64
	EffectiveDate Date
	Kind          string
	Memo          string
	Side          Side
	AmountMinor   int64
	BalanceMinor  int64 // the account's balance after this line, on its normal side
}

// Statement is an account's movements over a period, with the balance
// before the first day and after the last.
type Statement struct {
	Account      Account
	From, To     Date
	OpeningMinor int64
	Lines        []StatementLine
	ClosingMinor int64
}

// AccountStatement returns the movements of an account with effective dates
// from..to (both included), oldest first. Errors: KindInvalid for a period
// that ends before it starts, or holds more lines than one statement does.
func (l *Ledger) AccountStatement(ctx context.Context, a Account, from, to Date) (st Statement, err error) {
	defer Wrap(&err, "AccountStatement(%s, %s, %s)", a.ID, from, to)
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return Statement{}, InvalidField("statement.period", "to", "the period needs a start and an end, the end not before the start")
	}
	st = Statement{Account: a, From: from, To: to}
	if st.OpeningMinor, err = l.BalanceAsOf(ctx, a, from.AddDays(-1)); err != nil {
		return Statement{}, err
	}
	var rows []struct {
		EntryID       string `bun:"entry_id"`
		Sequence      int64  `bun:"sequence"`
		EffectiveDate Date   `bun:"effective_date"`
		Kind          string `bun:"kind"`
		Memo          string `bun:"memo"`
		Side          Side   `bun:"side"`
		AmountMinor   int64  `bun:"amount_minor"`
	}
	err = l.db.NewSelect().TableExpr("postings AS p").
		Join("JOIN entries AS e ON e.id = p.entry_id").
		ColumnExpr("p.entry_id, p.sequence, p.effective_date, e.kind, e.memo, p.side, p.amount_minor").
		Where("p.account_id = ? AND p.effective_date >= ? AND p.effective_date <= ?", a.ID, from, to).
		OrderExpr("p.effective_date, p.sequence, p.line").
		Limit(statementLinesMax+1).
		Scan(ctx, &rows)
	if err != nil {
		return Statement{}, err
	}
	if len(rows) > statementLinesMax {
		return Statement{}, InvalidField("statement.too_long", "to",
			"more than %d movements; ask for a shorter period", statementLinesMax)
	}
	balance := st.OpeningMinor
	for _, r := range rows {
		balance += a.Type.Effect(r.Side, r.AmountMinor)
		st.Lines = append(st.Lines, StatementLine{EntryID: r.EntryID, Sequence: r.Sequence, EffectiveDate: r.EffectiveDate,
			Kind: r.Kind, Memo: r.Memo, Side: r.Side, AmountMinor: r.AmountMinor, BalanceMinor: balance})
	}
	st.ClosingMinor = balance
	return st, nil
}
