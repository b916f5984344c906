package savings

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Entry kinds of member savings.
const (
	KindSavingsDeposit    = "savings.deposit"
	KindSavingsWithdrawal = "savings.withdrawal"
)

// SavingsInput moves money into or out of one of a member's savings.
type SavingsInput struct {
	MemberID string
	Type     accounts.SavingsType
	accounts.MoneyInput
}

// Deposit records a member's payment into her savings. Pokok is paid once,
// up to the amount the cooperative sets.
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict when she
// has exited, or pokok would exceed the set amount.
func (s *Service) Deposit(ctx context.Context, a accounts.Actor, cooperativeID string, in SavingsInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "Deposit(%s, %s)", cooperativeID, in.MemberID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	return s.core.Record(ctx, books, in.IdempotencyKey, KindSavingsDeposit, accounts.Subject{"member_id": in.MemberID, "savings_type": string(in.Type), "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			m, amount, err := savingsMove(ctx, tx, books, in)
			if err != nil {
				return ledger.Entry{}, err
			}
			return s.DepositTx(ctx, tx, books, m, in.Type, amount, in.MoneyInput)
		})
	})
}

// DepositTx records a savings deposit inside the caller's transaction, for
// a service that records it with other work (the meeting's sheet).
// Pokok's amount is the ceiling of her pokok account, which the engine
// checks under the account's row lock: concurrent deposits cannot pass it
// together, as a check made before the lock could let them.
func (s *Service) DepositTx(ctx context.Context, tx bun.Tx, books accounts.Books, m accounts.Member, t accounts.SavingsType, amount int64, in accounts.MoneyInput) (ledger.Entry, error) {
	coop, a := books.Cooperative(), books.Actor()
	funds, err := in.FundsAccount()
	if err != nil {
		return ledger.Entry{}, err
	}
	code := accounts.MemberAccountCode(t, m.Number)
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, accounts.Transfer(a, KindSavingsDeposit, in, funds, code, amount, coop.Currency,
		map[string]string{"member_id": m.ID, "savings_type": string(t)}))
	if t != accounts.Pokok || ledger.CodeOf(err) != ledger.CodeAboveCeiling {
		return e, err
	}
	// The engine refused under the account's lock, still held: what she
	// has paid is read as it stands.
	accts, readErr := ledger.AccountsByCode(ctx, tx, coop.BookID, []string{code})
	if readErr != nil {
		return ledger.Entry{}, readErr
	}
	return ledger.Entry{}, ledger.Conflict("savings.pokok_exceeded",
		"simpanan pokok is %s; %s has paid %s", ledger.FormatMinor(*accts[code].CeilingMinor, coop.Currency),
		m.Name, ledger.FormatMinor(accts[code].BalanceMinor, coop.Currency))
}

// Withdraw pays a member out of her sukarela savings. Pokok and wajib are
// returned only when she leaves (Exit).
// Errors: as Deposit; KindInvalid for pokok or wajib; KindConflict when her
// sukarela savings (or the cash box) hold less than the amount.
func (s *Service) Withdraw(ctx context.Context, a accounts.Actor, cooperativeID string, in SavingsInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "Withdraw(%s, %s)", cooperativeID, in.MemberID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	return s.core.Record(ctx, books, in.IdempotencyKey, KindSavingsWithdrawal, accounts.Subject{"member_id": in.MemberID, "savings_type": string(in.Type), "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		if in.Type != accounts.Sukarela {
			return ledger.Entry{}, ledger.InvalidField("savings.invalid", "type", "only sukarela savings can be withdrawn; pokok and wajib are returned on exit")
		}
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			m, amount, err := savingsMove(ctx, tx, books, in)
			if err != nil {
				return ledger.Entry{}, err
			}
			funds, _ := in.FundsAccount()
			return s.ledger.PostTx(ctx, tx, coop.BookID, accounts.Transfer(a, KindSavingsWithdrawal, in.MoneyInput, accounts.MemberAccountCode(accounts.Sukarela, m.Number),
				funds, amount, coop.Currency, map[string]string{"member_id": m.ID, "savings_type": string(in.Type)}))
		})
	})
}

// savingsMove checks what deposits and withdrawals share: a member of the
// cooperative (not found otherwise: she is named in the path), still
// active, a savings type, an amount. It shares her row lock until the
// transaction ends, so that she cannot leave in between.
func savingsMove(ctx context.Context, tx bun.Tx, books accounts.Books, in SavingsInput) (accounts.Member, int64, error) {
	coop := books.Cooperative()
	m, err := books.Member(ctx, tx, in.MemberID, accounts.MemberShared)
	if err != nil {
		return accounts.Member{}, 0, err
	}
	var fields []ledger.FieldError
	if !accounts.IsSavingsType(in.Type) {
		fields = append(fields, ledger.FieldError{Field: "type", Reason: "pokok, wajib or sukarela"})
	}
	amount, _, fields := in.Check(coop.Currency, fields)
	if len(fields) > 0 {
		return accounts.Member{}, 0, accounts.Invalid("savings.invalid", fields)
	}
	if m.ExitedOn != nil {
		return accounts.Member{}, 0, ledger.Conflict("member.exited", "%s left the cooperative on %s", m.Name, m.ExitedOn)
	}
	return m, amount, nil
}
