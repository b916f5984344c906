package ledgertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/ledger"
)

// MustBook creates a book in the currency.
func MustBook(t testing.TB, l *ledger.Ledger, currency string) ledger.Book {
	t.Helper()
	b, err := l.CreateBook(context.Background(), ledger.BookInput{Name: t.Name(), Currency: currency})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { MustVerify(t, l.DB(), b.ID) })
	return b
}

// MustAccount creates an account in a book.
func MustAccount(t testing.TB, l *ledger.Ledger, bookID string, in ledger.AccountInput) ledger.Account {
	t.Helper()
	if in.Name == "" {
		in.Name = in.Code
	}
	a, err := l.CreateAccount(context.Background(), bookID, in)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// MustPost posts a two-line entry moving amount from the credit account to
// the debit account.
func MustPost(t testing.TB, l *ledger.Ledger, bookID, debit, credit, amount string) ledger.Entry {
	t.Helper()
	e, err := l.Post(context.Background(), bookID, Transfer(debit, credit, amount))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Transfer is the input of a two-line entry debiting one account and
// crediting another with the same amount.
func Transfer(debit, credit, amount string) ledger.EntryInput {
	return ledger.EntryInput{
		Kind: "test.transfer", RecordedBy: "ledgertest",
		Postings: []ledger.PostingInput{
			{Account: debit, Side: ledger.Debit, Amount: decimal.RequireFromString(amount)},
			{Account: credit, Side: ledger.Credit, Amount: decimal.RequireFromString(amount)},
		},
	}
}

// MustBalance returns an account's current balance in minor units.
func MustBalance(t testing.TB, l *ledger.Ledger, bookID, code string) int64 {
	t.Helper()
	a, err := l.FindAccountByCode(context.Background(), bookID, code)
	if err != nil {
		t.Fatal(err)
	}
	return a.BalanceMinor
}

// SneakAccount writes an account row straight into the table, past every
// check CreateAccount makes, as a hand-edited database or a faulty import
// would: for tests of what Verify and the reports make of a row the engine
// refuses. Its balance is stored without postings behind it. The row is
// deleted when the test ends, before any Verify cleanup registered earlier
// runs.
func SneakAccount(t testing.TB, db bun.IDB, a ledger.Account) {
	t.Helper()
	ctx := context.Background()
	id := uuid.Must(uuid.NewV7()).String()
	var ownerKind, ownerID *string
	if a.Owner != nil {
		ownerKind, ownerID = &a.Owner.Kind, &a.Owner.ID
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO ledger_accounts
		    (id, book_id, code, name, type, currency, owner_kind, owner_id, balance_minor, created_at)
		    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, a.BookID, a.Code, a.Code, a.Type, a.Currency.Code(), ownerKind, ownerID, a.BalanceMinor, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.ExecContext(ctx, "DELETE FROM ledger_accounts WHERE id = ?", id); err != nil {
			t.Error(err)
		}
	})
}

// MustVerify fails the test on any broken ledger invariant in the book, or
// any broken rule of the extra checks a service adds.
func MustVerify(t testing.TB, db bun.IDB, bookID string, extra ...ledger.Check) {
	t.Helper()
	vs, err := ledger.Verify(context.Background(), db, ledger.VerifyScope{BookID: bookID}, extra...)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("ledger invariant broken: %s", v)
	}
}

// UniqueTag returns a short random tag for names that must be unique across
// tests sharing a database (logins, partner names).
func UniqueTag() string {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// Tamper runs statements against a table with its triggers out of the way,
// as someone with the database's keys could: for tests that the hash chain
// catches what the append-only triggers can no longer stop. Everything
// happens in one transaction, so tests sharing the database never see the
// table without its triggers (on Postgres ALTER TABLE locks it; on SQLite
// the transaction holds the one write lock).
func Tamper(t testing.TB, db *bun.DB, table string, statements ...string) {
	t.Helper()
	ctx := context.Background()
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if db.Dialect().Name() == dialect.PG {
			return tamperPostgres(ctx, tx, table, statements)
		}
		return tamperSQLite(ctx, tx, table, statements)
	})
	if err != nil {
		t.Fatalf("tamper with %s: %v", table, err)
	}
}

func tamperPostgres(ctx context.Context, tx bun.Tx, table string, statements []string) error {
	if _, err := tx.ExecContext(ctx, "ALTER TABLE "+table+" DISABLE TRIGGER USER"); err != nil {
		return err
	}
	for _, s := range statements {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, "ALTER TABLE "+table+" ENABLE TRIGGER USER")
	return err
}

// tamperSQLite drops the table's triggers and creates them again from
// their own SQL, kept in sqlite_master.
func tamperSQLite(ctx context.Context, tx bun.Tx, table string, statements []string) error {
	var triggers []struct {
		Name string `bun:"name"`
		SQL  string `bun:"sql"`
	}
	if err := tx.NewSelect().Table("sqlite_master").Column("name", "sql").
		Where("type = 'trigger' AND tbl_name = ?", table).Scan(ctx, &triggers); err != nil {
		return err
	}
	for _, tr := range triggers {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+tr.Name); err != nil {
			return err
		}
	}
	for _, s := range statements {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	for _, tr := range triggers {
		if _, err := tx.ExecContext(ctx, tr.SQL); err != nil {
			return err
		}
	}
	return nil
}
