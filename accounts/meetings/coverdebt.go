package meetings

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// A cover under joint liability (tanggung renteng) is a debt: the covered
// member owes what a co-member paid for her, to that co-member or to her
// group's solidarity fund, as the cooperative chooses (CoverDebtTo). The
// debt is booked with the cover, in an entry of its own: the cover
// receivable (1350) against what is owed to members (2350) or to the
// funds (2360). Her later repayment of covers settles them oldest first.

// Entry kinds of cover debts.
const (
	KindCoverDebt   = "cover.debt"
	KindCoverRepaid = "cover.repaid"
)

// bookCover records a cover and books it as the covered member's debt, to
// whom the cooperative's setting says.
func (s *Service) bookCover(ctx context.Context, tx bun.Tx, books accounts.Books, cover coverRow, covering, covered accounts.Member, on ledger.Date) error {
	coop := books.Cooperative()
	debtTo, credit := accounts.CoverDebtToMember, accounts.CodeCoverPayable
	if coop.CoverDebtTo == accounts.CoverDebtToFund {
		debtTo, credit = accounts.CoverDebtToFund, accounts.CodeSolidarityFund
	}
	amount := ledger.FromMinor(cover.AmountMinor, coop.Currency)
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, ledger.EntryInput{Kind: KindCoverDebt, EffectiveDate: on, RecordedBy: books.Actor().UserID,
		Memo:     coop.Language.CoverDebtMemo(covering.Name, covered.Name),
		Metadata: map[string]string{"loan_id": cover.LoanID, "covering_member_id": covering.ID, "covered_member_id": covered.ID, "debt_to": debtTo},
		Postings: []ledger.PostingInput{{Account: accounts.CodeCoverReceivable, Side: ledger.Debit, Amount: amount},
			{Account: credit, Side: ledger.Credit, Amount: amount}}})
	if err != nil {
		return err
	}
	cover.DebtTo, cover.DebtEntryID = &debtTo, &e.ID
	_, err = tx.NewInsert().Model(&cover).Exec(ctx)
	return err
}

// settlementRow is one part of a repayment of covers: how much of which
// cover it settled, and the entry that booked it.
type settlementRow struct {
	bun.BaseModel `bun:"table:cover_settlements"`

	ID          string `bun:"id,pk"`
	CoverID     string `bun:"cover_id"`
	EntryID     string `bun:"entry_id"`
	AmountMinor int64  `bun:"amount_minor"`
}

// RepayCovers records a member's repayment of the covers co-members paid
// for her: it settles her covers still owed oldest first (by the day of the
// cover, then its entry), each in full before the next. What she owes a
// co-member is handed to that co-member at once, so that part moves no
// cash: the debt to her and the receivable close together; what she owes
// her group's fund comes into the cash box (or bank) and stays the fund's.
// Her cooperative's treasurer only. Errors: KindNotFound, KindForbidden,
// KindInvalid; KindConflict (cover.overpayment) for more than she owes.
func (s *Service) RepayCovers(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, in accounts.MoneyInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "RepayCovers(%s, %s)", cooperativeID, memberID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	amount, funds, fields := in.Check(coop.Currency, nil)
	if len(fields) > 0 {
		return ledger.Entry{}, accounts.Invalid("cover.invalid", fields)
	}
	subject := accounts.Subject{"member_id": memberID, "request": in.Fingerprint()}
	if in.Date.IsZero() {
		in.Date = ledger.DateOf(s.now().UTC())
	}
	return s.core.Record(ctx, books, in.IdempotencyKey, KindCoverRepaid, subject, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			m, err := books.Member(ctx, tx, memberID, accounts.MemberShared)
			if err != nil {
				return ledger.Entry{}, err
			}
			return s.settleTx(ctx, tx, books, m, in, amount, funds)
		})
	})
}

// owedCover is a cover still owed, as settlement reads it.
type owedCover struct {
	ID           string `bun:"id"`
	DebtTo       string `bun:"debt_to"`
	AmountMinor  int64  `bun:"amount_minor"`
	SettledMinor int64  `bun:"settled_minor"`
}

// settleTx settles a member's covers with amount, oldest first, holding
// the rows of her covers still owed until the transaction ends: two
// repayments of hers take turns, and the second sees what the first
// settled. On SQLite the immediate transaction already holds the
// database's write lock.
func (s *Service) settleTx(ctx context.Context, tx bun.Tx, books accounts.Books, m accounts.Member, in accounts.MoneyInput, amount int64, funds string) (ledger.Entry, error) {
	coop := books.Cooperative()
	var owed []owedCover
	q := tx.NewSelect().TableExpr("loan_covers AS c").Join("JOIN entries AS e ON e.id = c.entry_id").
		ColumnExpr("c.id, c.debt_to, c.amount_minor, c.settled_minor").
		Where("c.covered_member_id = ? AND c.debt_to IS NOT NULL AND c.settled_minor < c.amount_minor", m.ID).
		OrderExpr("e.effective_date, e.sequence, c.id")
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE OF c")
	}
	if err := q.Scan(ctx, &owed); err != nil {
		return ledger.Entry{}, err
	}
	var total int64
	for _, c := range owed {
		total += c.AmountMinor - c.SettledMinor
	}
	if amount > total {
		return ledger.Entry{}, ledger.Conflict("cover.overpayment", "%s owes %s in covers; %s is more",
			m.Name, ledger.FormatMinor(total, coop.Currency), ledger.FormatMinor(amount, coop.Currency))
	}
	var parts []settlementRow
	var toMembers, toFund int64
	left := amount
	for _, c := range owed {
		if left == 0 {
			break
		}
		part := min(left, c.AmountMinor-c.SettledMinor)
		left -= part
		parts = append(parts, settlementRow{ID: ledger.NewID(), CoverID: c.ID, AmountMinor: part})
		if c.DebtTo == accounts.CoverDebtToFund {
			toFund += part
		} else {
			toMembers += part
		}
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, settlement(books, m, in, funds, amount, toMembers, toFund))
	if err != nil {
		return ledger.Entry{}, err
	}
	for i := range parts {
		parts[i].EntryID = e.ID
		if _, err := tx.NewUpdate().Table("loan_covers").Set("settled_minor = settled_minor + ?", parts[i].AmountMinor).
			Where("id = ?", parts[i].CoverID).Exec(ctx); err != nil {
			return ledger.Entry{}, err
		}
	}
	_, err = tx.NewInsert().Model(&parts).Exec(ctx)
	return e, err
}

// settlement is the entry of a repayment of covers: the receivable closes
// by the whole amount, against the debts to co-members (paid to them at
// once) and the cash that came in for the fund.
func settlement(books accounts.Books, m accounts.Member, in accounts.MoneyInput, funds string, amount, toMembers, toFund int64) ledger.EntryInput {
	coop := books.Cooperative()
	cur := coop.Currency
	memo := in.Memo
	if memo == "" {
		memo = coop.Language.CoverRepaidMemo(m.Name)
	}
	entry := ledger.EntryInput{Kind: KindCoverRepaid, Memo: memo, EffectiveDate: in.Date, RecordedBy: books.Actor().UserID,
		IdempotencyKey: in.IdempotencyKey, Metadata: accounts.WithRequest(map[string]string{"member_id": m.ID}, in),
		Postings: []ledger.PostingInput{{Account: accounts.CodeCoverReceivable, Side: ledger.Credit, Amount: ledger.FromMinor(amount, cur)}}}
	if toMembers > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: accounts.CodeCoverPayable, Side: ledger.Debit, Amount: ledger.FromMinor(toMembers, cur)})
	}
	if toFund > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: funds, Side: ledger.Debit, Amount: ledger.FromMinor(toFund, cur)})
	}
	return entry
}
