package ledger

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// Type is an account's place in the accounting equation.
type Type string

const (
	Asset     Type = "asset"
	Liability Type = "liability"
	Equity    Type = "equity"
	Income    Type = "income"
	Expense   Type = "expense"
)

// Side is the side of an account a posting moves.
type Side string

const (
	Debit  Side = "debit"
	Credit Side = "credit"
)

// ParseType accepts the five account types.
func ParseType(s string) (Type, bool) {
	switch t := Type(s); t {
	case Asset, Liability, Equity, Income, Expense:
		return t, true
	}
	return "", false
}

// ParseSide accepts "debit" and "credit".
func ParseSide(s string) (Side, bool) {
	switch sd := Side(s); sd {
	case Debit, Credit:
		return sd, true
	}
	return "", false
}

// NormalSide is the side on which the type's balance grows: assets and
// expenses on the debit side, liabilities, equity and income on the credit.
func (t Type) NormalSide() Side {
	if t == Asset || t == Expense {
		return Debit
	}
	return Credit
}

// Effect is what a posting of amount on side does to a balance kept on the
// normal side of type t: it grows on the normal side and shrinks on the other.
func (t Type) Effect(side Side, amountMinor int64) int64 {
	if side == t.NormalSide() {
		return amountMinor
	}
	return -amountMinor
}

// Owner points an account at what it belongs to outside the ledger (a
// member's savings, a loan, a partner facility). The ledger stores it and
// never interprets it.
type Owner struct {
	Kind string
	ID   string
}

// Account is a ledger account with its current balance.
type Account struct {
	ID           string
	BookID       string
	Code         string
	Name         string
	Type         Type
	Currency     Currency
	Owner        *Owner
	FloorMinor   *int64 // the balance may never go below this; nil: no floor
	CeilingMinor *int64 // the balance may never go above this; nil: no ceiling
	BalanceMinor int64  // on the normal side
	CreatedAt    time.Time
}

type accountRow struct {
	bun.BaseModel `bun:"table:ledger_accounts"`

	ID           string    `bun:"id,pk"`
	BookID       string    `bun:"book_id"`
	Code         string    `bun:"code"`
	Name         string    `bun:"name"`
	Type         Type      `bun:"type"`
	Currency     Currency  `bun:"currency"`
	OwnerKind    *string   `bun:"owner_kind"`
	OwnerID      *string   `bun:"owner_id"`
	FloorMinor   *int64    `bun:"floor_minor"`
	CeilingMinor *int64    `bun:"ceiling_minor"`
	BalanceMinor int64     `bun:"balance_minor"`
	CreatedAt    time.Time `bun:"created_at"`
}

func (r accountRow) account() Account {
	a := Account{
		ID: r.ID, BookID: r.BookID, Code: r.Code, Name: r.Name, Type: r.Type,
		Currency: r.Currency, FloorMinor: r.FloorMinor,
		CeilingMinor: r.CeilingMinor, BalanceMinor: r.BalanceMinor, CreatedAt: r.CreatedAt,
	}
	if r.OwnerKind != nil && r.OwnerID != nil {
		a.Owner = &Owner{Kind: *r.OwnerKind, ID: *r.OwnerID}
	}
	return a
}

// AccountInput is what creating an account takes. An empty Currency means
// the book's currency, the only one its accounts may be kept in.
// NonNegative puts a floor of zero under the balance; CeilingMinor, when
// set, a ceiling over it.
type AccountInput struct {
	Code         string
	Name         string
	Type         Type
	Currency     string
	Owner        *Owner
	NonNegative  bool
	CeilingMinor *int64
}

// accountCodePattern keeps codes printable and easy to type at a meeting:
// "1100", "2110-0007", "loan.0042".
var accountCodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// validate checks the input alone, before any database work.
func (in AccountInput) validate() []FieldError {
	var fields []FieldError
	if !accountCodePattern.MatchString(in.Code) {
		fields = append(fields, FieldError{Field: "code", Reason: "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"})
	}
	if name := strings.TrimSpace(in.Name); name == "" || len(name) > nameLengthMax {
		fields = append(fields, FieldError{Field: "name", Reason: "required, at most 200 characters"})
	}
	if _, ok := ParseType(string(in.Type)); !ok {
		fields = append(fields, FieldError{Field: "type", Reason: "one of asset, liability, equity, income, expense"})
	}
	if in.Owner != nil && (in.Owner.Kind == "" || in.Owner.ID == "") {
		fields = append(fields, FieldError{Field: "owner", Reason: "an owner needs both a kind and an ID"})
	}
	if in.CeilingMinor != nil && *in.CeilingMinor < 0 {
		fields = append(fields, FieldError{Field: "ceiling", Reason: "a ceiling is zero or more"})
	}
	return fields
}

// CreateAccount adds an account to a book. Errors: KindInvalid for bad
// input or a currency other than the book's (account.currency),
// KindNotFound for an unknown book, KindConflict when the code is taken in
// the book.
func (l *Ledger) CreateAccount(ctx context.Context, bookID string, in AccountInput) (a Account, err error) {
	defer Wrap(&err, "CreateAccount(%s, %q)", bookID, in.Code)
	err = inTx(ctx, l.db, func(tx bun.Tx) error {
		a, err = CreateAccountTx(ctx, tx, bookID, in, l.now())
		return err
	})
	return a, err
}

// CreateAccountTx creates an account inside the caller's transaction.
func CreateAccountTx(ctx context.Context, tx bun.IDB, bookID string, in AccountInput, now time.Time) (Account, error) {
	if fields := in.validate(); len(fields) > 0 {
		return Account{}, Invalid("account.invalid", "the account is not valid", fields...)
	}
	book, err := findBookRow(ctx, tx, bookID)
	if err != nil {
		return Account{}, err
	}
	cur, err := accountCurrency(book, in.Currency)
	if err != nil {
		return Account{}, err
	}
	row := accountRow{
		ID: NewID(), BookID: bookID, Code: in.Code, Name: strings.TrimSpace(in.Name),
		Type: in.Type, Currency: cur, CreatedAt: now.UTC(),
	}
	if in.Owner != nil {
		row.OwnerKind, row.OwnerID = &in.Owner.Kind, &in.Owner.ID
	}
	if in.NonNegative {
		zero := int64(0)
		row.FloorMinor = &zero
	}
	row.CeilingMinor = in.CeilingMinor
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		if IsUniqueViolation(err, "ledger_accounts_code_key") {
			return Account{}, Conflict("account.code_taken", "account code %s is already used in this book", in.Code)
		}
		return Account{}, err
	}
	return row.account(), nil
}

// accountCurrency is the currency an account of the book is kept in: the
// book's. A book is one cooperative's books, and every figure read from
// them (balance sheet, SHU, a partner's portfolio) sums its accounts'
// minor units as one currency; an account in another would be added in at
// face value, and Lumbung keeps no exchange rates to do better.
func accountCurrency(book bookRow, code string) (Currency, error) {
	if code == "" {
		return book.Currency, nil
	}
	cur, err := ParseCurrency(code)
	if err != nil {
		return Currency{}, err
	}
	if cur != book.Currency {
		return Currency{}, InvalidField("account.currency", "currency",
			"this book is kept in %s; its accounts are too", book.Currency.Code())
	}
	return cur, nil
}

// FindAccountByCode returns an account of a book by its code, with its
// current balance. Errors: KindNotFound.
func (l *Ledger) FindAccountByCode(ctx context.Context, bookID, code string) (a Account, err error) {
	defer Wrap(&err, "FindAccountByCode(%s, %q)", bookID, code)
	var row accountRow
	if !IsID(bookID) {
		return Account{}, NotFound("account.not_found", "no such account")
	}
	err = l.db.NewSelect().Model(&row).Where("book_id = ? AND code = ?", bookID, code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, NotFound("account.not_found", "no account %s in this book", code)
	}
	if err != nil {
		return Account{}, err // an empty row has no currency to read
	}
	return row.account(), nil
}

// FindAccountByID returns an account of a book by its ID. Errors: KindNotFound.
func (l *Ledger) FindAccountByID(ctx context.Context, bookID, id string) (a Account, err error) {
	defer Wrap(&err, "FindAccountByID(%s, %s)", bookID, id)
	var row accountRow
	if !IsID(bookID) || !IsID(id) {
		return Account{}, NotFound("account.not_found", "no such account")
	}
	err = l.db.NewSelect().Model(&row).Where("book_id = ? AND id = ?", bookID, id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, NotFound("account.not_found", "no such account")
	}
	if err != nil {
		return Account{}, err // an empty row has no currency to read
	}
	return row.account(), nil
}

// AccountFilter narrows FindAccounts; zero fields do not filter.
type AccountFilter struct {
	BookID string // required
	Owner  *Owner
	Type   Type
}

// accountsMax bounds one listing of a book's chart. A cooperative of a few
// thousand members with a handful of accounts each stays well inside it.
const accountsMax = 20000

// FindAccounts lists a book's accounts ordered by code. Errors: KindInvalid
// when the book holds more accounts than one listing returns.
func (l *Ledger) FindAccounts(ctx context.Context, f AccountFilter) (as []Account, err error) {
	defer Wrap(&err, "FindAccounts(%s)", f.BookID)
	if !IsID(f.BookID) {
		return nil, nil
	}
	var rows []accountRow
	q := l.db.NewSelect().Model(&rows).Where("book_id = ?", f.BookID).OrderExpr("code").Limit(int64(accountsMax + 1))
	if f.Owner != nil {
		q = q.Where("owner_kind = ? AND owner_id = ?", f.Owner.Kind, f.Owner.ID)
	}
	if f.Type != "" {
		q = q.Where("type = ?", f.Type)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	if len(rows) > accountsMax {
		return nil, Invalid("account.too_many", "more accounts match than one listing returns; narrow the filter")
	}
	as = make([]Account, len(rows))
	for i, r := range rows {
		as[i] = r.account()
	}
	return as, nil
}

// AccountsByCode returns the book's accounts with the given codes, keyed by
// code, read through db: a service inside a transaction passes it, so that
// it reads what its own transaction sees without taking a second
// connection. Codes that do not exist are absent from the map.
func AccountsByCode(ctx context.Context, db bun.IDB, bookID string, codes []string) (map[string]Account, error) {
	out := make(map[string]Account, len(codes))
	if len(codes) == 0 || !IsID(bookID) {
		return out, nil
	}
	var rows []accountRow
	if err := db.NewSelect().Model(&rows).Where("book_id = ? AND code IN (?)", bookID, bun.List(codes)).Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.Code] = r.account()
	}
	return out, nil
}

// SetCeilingsTx sets the ceiling of every account of a book whose code
// starts with codePrefix, inside the caller's transaction; nil removes it.
// The rows are locked in ID order first, the order postings lock them in,
// so that a change of ceiling and an entry cannot deadlock, and the
// balances are read under those locks.
// Errors: KindConflict (CodeAboveCeiling) when an account already holds
// more than the new ceiling: it names the account, and nothing changes.
func SetCeilingsTx(ctx context.Context, tx bun.Tx, bookID, codePrefix string, ceilingMinor *int64) (err error) {
	defer Wrap(&err, "SetCeilingsTx(%s, %q)", bookID, codePrefix)
	if ceilingMinor != nil && *ceilingMinor < 0 {
		return InvalidField("account.invalid", "ceiling", "a ceiling is zero or more")
	}
	// Account codes hold no '%' but may hold '_', LIKE's one-character
	// wildcard, which the escape keeps literal.
	pattern := strings.ReplaceAll(codePrefix, "_", `\_`) + "%"
	where := func(q bun.QueryBuilder) bun.QueryBuilder {
		return q.Where(`book_id = ? AND code LIKE ? ESCAPE '\'`, bookID, pattern)
	}
	var rows []accountRow
	lock := tx.NewSelect().Model(&rows).ApplyQueryBuilder(where).OrderExpr("id")
	if tx.Dialect().Name() == dialect.PG {
		lock = lock.For("UPDATE")
	}
	if err := lock.Scan(ctx); err != nil || len(rows) == 0 {
		return err
	}
	for _, r := range rows {
		if ceilingMinor != nil && r.BalanceMinor > *ceilingMinor {
			return limitPassed(r, r.BalanceMinor, *ceilingMinor, CodeAboveCeiling,
				"account %s (%s) holds %s %s; the new ceiling would leave it at %s, above the ceiling of %s")
		}
	}
	_, err = tx.NewUpdate().Table("ledger_accounts").ApplyQueryBuilder(where).Set("ceiling_minor = ?", ceilingMinor).Exec(ctx)
	return err
}
