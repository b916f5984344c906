package books

import (
	"context"
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Entry kinds of the cooperative's own income and expenses.
const (
	KindExpense     = "expense"
	KindOtherIncome = "income.other"
)

// categoryLengthMax bounds an expense or income category ("transport",
// "ATK", "sewa tempat").
const categoryLengthMax = 64

// FlowInput records an expense paid or an income received. Account is a
// chart code of the right type (default: operating expenses, other income);
// Category groups it in reports.
type FlowInput struct {
	Account  string
	Category string
	accounts.MoneyInput
}

// RecordExpense pays an expense out of the cash box or the bank. Its
// treasurer only. Errors: KindInvalid (an account that is not an expense
// account too); KindConflict when the cash box or bank holds too little.
func (s *Service) RecordExpense(ctx context.Context, a accounts.Actor, cooperativeID string, in FlowInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "RecordExpense(%s)", cooperativeID)
	return s.recordFlow(ctx, a, cooperativeID, in, KindExpense, ledger.Expense, accounts.CodeOperatingExpenses)
}

// RecordIncome records income other than loan interest and fees (a
// donation, bank interest, rent). Its treasurer only. Errors: as RecordExpense.
func (s *Service) RecordIncome(ctx context.Context, a accounts.Actor, cooperativeID string, in FlowInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "RecordIncome(%s)", cooperativeID)
	return s.recordFlow(ctx, a, cooperativeID, in, KindOtherIncome, ledger.Income, accounts.CodeOtherIncome)
}

func (s *Service) recordFlow(ctx context.Context, a accounts.Actor, cooperativeID string, in FlowInput, kind string, typ ledger.Type, defaultCode string) (ledger.Entry, error) {
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	return s.core.Record(ctx, books, in.IdempotencyKey, kind, accounts.Subject{"category": strings.TrimSpace(in.Category), "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		return s.postFlow(ctx, a, coop, in, kind, typ, defaultCode)
	})
}

func (s *Service) postFlow(ctx context.Context, a accounts.Actor, coop accounts.Cooperative, in FlowInput, kind string, typ ledger.Type, defaultCode string) (ledger.Entry, error) {
	var fields []ledger.FieldError
	in.Category = strings.TrimSpace(in.Category)
	if in.Category == "" || len(in.Category) > categoryLengthMax {
		fields = append(fields, ledger.FieldError{Field: "category", Reason: "required, at most 64 characters"})
	}
	amount, funds, fields := in.Check(coop.Currency, fields)
	if in.Account == "" {
		in.Account = defaultCode
	}
	acct, err := s.ledger.FindAccountByCode(ctx, coop.BookID, in.Account)
	switch {
	case ledger.KindOf(err) == ledger.KindNotFound || (err == nil && (acct.Type != typ || acct.Owner != nil)):
		fields = append(fields, ledger.FieldError{Field: "account", Reason: "not an %s account of this cooperative", Args: []any{typ}})
	case err != nil:
		return ledger.Entry{}, err
	}
	if len(fields) > 0 {
		return ledger.Entry{}, accounts.Invalid(kind+".invalid", fields)
	}
	meta := map[string]string{"category": in.Category}
	if kind == KindExpense {
		return s.ledger.Post(ctx, coop.BookID, accounts.Transfer(a, kind, in.MoneyInput, in.Account, funds, amount, coop.Currency, meta))
	}
	return s.ledger.Post(ctx, coop.BookID, accounts.Transfer(a, kind, in.MoneyInput, funds, in.Account, amount, coop.Currency, meta))
}
