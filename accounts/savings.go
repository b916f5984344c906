package accounts

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Entry kinds of member savings.
const (
	KindSavingsDeposit    = "savings.deposit"
	KindSavingsWithdrawal = "savings.withdrawal"
)

// MoneyInput is the common part of every money movement a treasurer
// records: an amount (a decimal string in the cooperative's currency), the
// day it happened (zero: today), a memo, whether it went through the cash
// box or the bank, and an idempotency key that makes a retry safe.
type MoneyInput struct {
	Amount         string
	Date           ledger.Date
	Memo           string
	Via            string // "cash" (default) or "bank"
	IdempotencyKey string
}

// check reads the amount in the currency and the funds account, adding
// field errors for either.
func (in MoneyInput) check(cur ledger.Currency, fields []ledger.FieldError) (amountMinor int64, funds string, _ []ledger.FieldError) {
	amountMinor, err := ledger.ParsePositiveMinor("amount", in.Amount, cur)
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	funds, err = in.fundsAccount()
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	return amountMinor, funds, fields
}

// fundsAccount is the chart account money comes in or goes out through.
func (in MoneyInput) fundsAccount() (string, error) {
	switch in.Via {
	case "", "cash":
		return CodeCash, nil
	case "bank":
		return CodeBank, nil
	}
	return "", ledger.InvalidField("money.invalid", "via", "cash or bank")
}

// SavingsInput moves money into or out of one of a member's savings.
type SavingsInput struct {
	MemberID string
	Type     SavingsType
	MoneyInput
}

// Deposit records a member's payment into her savings. Pokok is paid once,
// up to the amount the cooperative sets.
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict when she
// has exited, or pokok would exceed the set amount.
func (s *Service) Deposit(ctx context.Context, a Actor, cooperativeID string, in SavingsInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "Deposit(%s, %s)", cooperativeID, in.MemberID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	return s.keyed(ctx, coop.BookID, in.IdempotencyKey, KindSavingsDeposit, subject{"member_id": in.MemberID, "savings_type": string(in.Type), "request": in.fingerprint()}, func() (ledger.Entry, error) {
		return s.entryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			m, amount, err := savingsMove(ctx, tx, coop, in)
			if err != nil {
				return ledger.Entry{}, err
			}
			return s.depositTx(ctx, tx, a, coop, m, in.Type, amount, in.MoneyInput)
		})
	})
}

// depositTx records a savings deposit inside the caller's transaction.
// Pokok's amount is the ceiling of her pokok account, which the engine
// checks under the account's row lock: concurrent deposits cannot pass it
// together, as a check made before the lock could let them.
func (s *Service) depositTx(ctx context.Context, tx bun.Tx, a Actor, coop Cooperative, m Member, t SavingsType, amount int64, in MoneyInput) (ledger.Entry, error) {
	funds, err := in.fundsAccount()
	if err != nil {
		return ledger.Entry{}, err
	}
	code := MemberAccountCode(t, m.Number)
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, transfer(a, KindSavingsDeposit, in, funds, code, amount, coop.Currency,
		map[string]string{"member_id": m.ID, "savings_type": string(t)}))
	if t != Pokok || ledger.CodeOf(err) != ledger.CodeAboveCeiling {
		return e, err
	}
	// The engine refused under the account's lock, still held: what she
	// has paid is read as it stands.
	accts, readErr := ledger.AccountsByCode(ctx, tx, coop.BookID, []string{code})
	if readErr != nil {
		return ledger.Entry{}, readErr
	}
	return ledger.Entry{}, ledger.Conflict("savings.pokok_exceeded", fmt.Sprintf(
		"simpanan pokok is %s; %s has paid %s", ledger.FormatMinor(*accts[code].CeilingMinor, coop.Currency),
		m.Name, ledger.FormatMinor(accts[code].BalanceMinor, coop.Currency)))
}

// Withdraw pays a member out of her sukarela savings. Pokok and wajib are
// returned only when she leaves (Exit).
// Errors: as Deposit; KindInvalid for pokok or wajib; KindConflict when her
// sukarela savings (or the cash box) hold less than the amount.
func (s *Service) Withdraw(ctx context.Context, a Actor, cooperativeID string, in SavingsInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "Withdraw(%s, %s)", cooperativeID, in.MemberID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	return s.keyed(ctx, coop.BookID, in.IdempotencyKey, KindSavingsWithdrawal, subject{"member_id": in.MemberID, "savings_type": string(in.Type), "request": in.fingerprint()}, func() (ledger.Entry, error) {
		if in.Type != Sukarela {
			return ledger.Entry{}, ledger.InvalidField("savings.invalid", "type", "only sukarela savings can be withdrawn; pokok and wajib are returned on exit")
		}
		return s.entryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			m, amount, err := savingsMove(ctx, tx, coop, in)
			if err != nil {
				return ledger.Entry{}, err
			}
			funds, _ := in.fundsAccount()
			return s.ledger.PostTx(ctx, tx, coop.BookID, transfer(a, KindSavingsWithdrawal, in.MoneyInput, MemberAccountCode(Sukarela, m.Number),
				funds, amount, coop.Currency, map[string]string{"member_id": m.ID, "savings_type": string(in.Type)}))
		})
	})
}

// savingsMove checks what deposits and withdrawals share: a member of the
// cooperative (not found otherwise: she is named in the path), still
// active, a savings type, an amount. It shares her row lock until the
// transaction ends, so that she cannot leave in between.
func savingsMove(ctx context.Context, tx bun.Tx, coop Cooperative, in SavingsInput) (Member, int64, error) {
	m, err := findMember(ctx, tx, coop.ID, in.MemberID, memberShare)
	if err != nil {
		return Member{}, 0, err
	}
	var fields []ledger.FieldError
	if !isSavingsType(in.Type) {
		fields = append(fields, ledger.FieldError{Field: "type", Reason: "pokok, wajib or sukarela"})
	}
	amount, _, fields := in.check(coop.Currency, fields)
	if len(fields) > 0 {
		return Member{}, 0, Invalid("savings.invalid", fields)
	}
	if m.ExitedOn != nil {
		return Member{}, 0, ledger.Conflict("member.exited", m.Name+" left the cooperative on "+m.ExitedOn.String())
	}
	return m, amount, nil
}

func isSavingsType(t SavingsType) bool { return t == Pokok || t == Wajib || t == Sukarela }

// transfer is the two-line entry that moves amount from the credit account
// to the debit account, recorded by the actor.
func transfer(a Actor, kind string, in MoneyInput, debit, credit string, amountMinor int64, cur ledger.Currency, meta map[string]string) ledger.EntryInput {
	amount := ledger.FromMinor(amountMinor, cur)
	return ledger.EntryInput{
		Kind: kind, Memo: strings.TrimSpace(in.Memo), Metadata: withRequest(meta, in), EffectiveDate: in.Date,
		RecordedBy: a.UserID, IdempotencyKey: in.IdempotencyKey,
		Postings: []ledger.PostingInput{
			{Account: debit, Side: ledger.Debit, Amount: amount},
			{Account: credit, Side: ledger.Credit, Amount: amount},
		},
	}
}
