package accounts

import (
	"strings"

	"github.com/lumbung/lumbung/ledger"
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

// Check reads the amount in the currency and the funds account, adding
// field errors for either.
func (in MoneyInput) Check(cur ledger.Currency, fields []ledger.FieldError) (amountMinor int64, funds string, _ []ledger.FieldError) {
	amountMinor, err := ledger.ParsePositiveMinor("amount", in.Amount, cur)
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	funds, err = in.FundsAccount()
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	return amountMinor, funds, fields
}

// FundsAccount is the chart account money comes in or goes out through.
func (in MoneyInput) FundsAccount() (string, error) {
	switch in.Via {
	case "", "cash":
		return CodeCash, nil
	case "bank":
		return CodeBank, nil
	}
	return "", ledger.InvalidField("money.invalid", "via", "cash or bank")
}

// Transfer is the two-line entry that moves amount from the credit account
// to the debit account, recorded by the actor.
func Transfer(a Actor, kind string, in MoneyInput, debit, credit string, amountMinor int64, cur ledger.Currency, meta map[string]string) ledger.EntryInput {
	amount := ledger.FromMinor(amountMinor, cur)
	return ledger.EntryInput{
		Kind: kind, Memo: strings.TrimSpace(in.Memo), Metadata: WithRequest(meta, in), EffectiveDate: in.Date,
		RecordedBy: a.UserID, IdempotencyKey: in.IdempotencyKey,
		Postings: []ledger.PostingInput{
			{Account: debit, Side: ledger.Debit, Amount: amount},
			{Account: credit, Side: ledger.Credit, Amount: amount},
		},
	}
}
