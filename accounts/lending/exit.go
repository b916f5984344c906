package lending

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// KindMemberExit is the entry that settles a leaving member's savings.
const KindMemberExit = "member.exit"

// Exit settles a member who leaves the cooperative, in one entry: all her
// savings (pokok, wajib, sukarela) come out of her accounts; what she still
// owes on her loans (penalties, interest due, all principal outstanding) is
// paid from them, which closes those loans; the rest is paid to her. If her
// savings do not cover her debts she must settle the difference first.
// Errors: KindNotFound, KindForbidden; KindConflict when she has already
// left, when savings fall short of debts, or a loan is not yet disbursed.
func (s *Service) Exit(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, in accounts.MoneyInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "Exit(%s, %s)", cooperativeID, memberID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	funds, err := in.FundsAccount()
	if err != nil {
		return ledger.Entry{}, err
	}
	on := in.Date
	if on.IsZero() {
		on = ledger.DateOf(s.now().UTC())
	}
	return s.core.Record(ctx, books, in.IdempotencyKey, KindMemberExit, accounts.Subject{"member_id": memberID, "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			return s.exitTx(ctx, tx, books, memberID, in, funds, on)
		})
	})
}

func (s *Service) exitTx(ctx context.Context, tx bun.Tx, books accounts.Books, memberID string, in accounts.MoneyInput, funds string, on ledger.Date) (ledger.Entry, error) {
	coop, a := books.Cooperative(), books.Actor()
	m, err := books.Member(ctx, tx, memberID, accounts.MemberAlone)
	if err != nil {
		return ledger.Entry{}, err
	}
	if m.ExitedOn != nil {
		return ledger.Entry{}, ledger.Conflict("member.exited", "%s left the cooperative on %s", m.Name, m.ExitedOn)
	}
	entry, err := s.exitEntry(ctx, tx, coop, m, on)
	if err != nil {
		return ledger.Entry{}, err
	}
	entry.RecordedBy, entry.Memo, entry.IdempotencyKey = a.UserID, in.Memo, in.IdempotencyKey
	entry.Metadata = accounts.WithRequest(entry.Metadata, in)
	if err := appendPayout(&entry, funds, coop.Currency); err != nil {
		return ledger.Entry{}, err
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, entry)
	if err != nil {
		return ledger.Entry{}, err
	}
	_, err = tx.NewUpdate().Table("members").Set("exited_on = ?", on).Where("id = ?", m.ID).Exec(ctx)
	return e, err
}

// exitEntry debits her savings and credits her loans' accounts, closing
// each loan; appendPayout then balances the entry with the payout.
func (s *Service) exitEntry(ctx context.Context, tx bun.Tx, coop accounts.Cooperative, m accounts.Member, on ledger.Date) (ledger.EntryInput, error) {
	entry := ledger.EntryInput{Kind: KindMemberExit, EffectiveDate: on, Metadata: map[string]string{"member_id": m.ID}}
	codes := make([]string, 0, len(accounts.SavingsTypes))
	for _, t := range accounts.SavingsTypes {
		codes = append(codes, accounts.MemberAccountCode(t, m.Number))
	}
	accts, err := ledger.AccountsByCode(ctx, tx, coop.BookID, codes)
	if err != nil {
		return entry, err
	}
	for _, code := range codes {
		if b := accts[code].BalanceMinor; b > 0 {
			entry.Postings = append(entry.Postings, ledger.PostingInput{Account: code, Side: ledger.Debit, Amount: ledger.FromMinor(b, coop.Currency)})
		}
	}
	var loanIDs []string
	if err := tx.NewSelect().Table("loans").Column("id").Where("member_id = ? AND status IN (?)", m.ID,
		bun.List([]string{LoanApplied, LoanApproved, LoanDisbursed})).Scan(ctx, &loanIDs); err != nil {
		return entry, err
	}
	for _, id := range loanIDs {
		st, err := s.lockedLoanState(ctx, tx, coop, id)
		if err != nil {
			return entry, err
		}
		if st.row.Status != LoanDisbursed {
			return entry, ledger.Conflict("member.open_application", "loan %d is %s; decide on it before she leaves", st.row.Number, st.row.Status)
		}
		_, payoff, _ := Allocate(st.schedule, st.paid, on, 0)
		alloc, _, _ := Allocate(st.schedule, st.paid, on, payoff)
		// The repayment's credits to the loan's accounts, without its cash
		// line: her savings pay, not the cash box.
		pay := repayment(accounts.Actor{}, st.row, accounts.MoneyInput{}, accounts.CodeCash, on, alloc)
		entry.Postings = append(entry.Postings, pay.Postings[1:]...)
		if err := s.closeLoan(ctx, tx, &st.row, LoanClosed, on); err != nil {
			return entry, err
		}
	}
	return entry, nil
}

// appendPayout adds the cash paid to her: savings debited minus debts
// credited. Savings short of debts is a conflict.
func appendPayout(entry *ledger.EntryInput, funds string, cur ledger.Currency) error {
	var net int64
	for _, p := range entry.Postings {
		minor, err := ledger.ToMinor("amount", p.Amount, cur)
		if err != nil {
			return err
		}
		if p.Side == ledger.Debit {
			net += minor
		} else {
			net -= minor
		}
	}
	switch {
	case net < 0:
		return ledger.Conflict("member.exit_debt", "her savings fall %s short of what she owes; settle it first", ledger.FormatMinor(-net, cur))
	case net > 0:
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: funds, Side: ledger.Credit, Amount: ledger.FromMinor(net, cur)})
	case len(entry.Postings) == 0:
		return ledger.Conflict("member.exit_empty", "she has no savings and no debts; update her record instead")
	}
	return nil
}
