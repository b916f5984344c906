package ledger

// The differences between Postgres and SQLite that the engine depends on,
// one function per behaviour. Errors are recognised by SQLSTATE, SQLite
// result code or constraint name, never by message text.

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/schema"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Postgres SQLSTATEs the engine acts on.
const (
	pgUniqueViolation      = "23505"
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
	pgQueryCanceled        = "57014" // statement_timeout, or a cancelled context
	pgLockNotAvailable     = "55P03" // lock_timeout
	pgAppendOnlyRefused    = "LB001" // raised by ledger_refuse_change(), see migrations
	pgClosedPeriodRefused  = "LB002" // raised by ledger_refuse_closed_period() and ledger_refuse_entry(), see migrations
	pgBalanceNotAsComputed = "LB004" // raised by ledger_refuse_entry(), see migrations
)

// lockedAccounts are the accounts entries touch, locked; whether the same
// statement saw an earlier entry of the book that may answer a request
// instead (one with its idempotency key, or a reversal of the entry it
// reverses); and the day the book is closed through, as committed when the
// statement began (nil: nothing closed). That day is not locked: the
// statement appending an entry checks it again under the book's lock.
type lockedAccounts struct {
	accounts      []accountRow
	earlier       bool
	closedThrough *Date
}

// lockAccounts selects a book's accounts with the given codes for update,
// ordered by ID: Postgres locks the rows in the order the query returns
// them, so two entries touching the same accounts take their locks in the
// same order and cannot deadlock, while entries on disjoint accounts do not
// wait for each other. On SQLite there are no row locks: the immediate
// transaction already holds the database's single write lock. The look
// for earlier entries with the given idempotency keys or reversing the
// given entries rides on the same statement, costing no round trip.
func lockAccounts(ctx context.Context, tx bun.IDB, bookID string, codes, keys, reversed []string) (lockedAccounts, error) {
	var rows []lockedRow
	var err error
	if tx.Dialect().Name() == dialect.PG {
		err = tx.NewRaw(pgLock.sql, pgLockArgs(bookID, codes, keys, reversed)...).Scan(ctx, &rows)
	} else {
		err = lockAccountsSQLite(tx, &rows, bookID, codes, keys, reversed).Scan(ctx)
	}
	if err != nil {
		return lockedAccounts{}, err
	}
	return lockedOf(rows), nil
}

// lockedRow is a row the locking statement answers, its columns in order.
type lockedRow struct {
	bun.BaseModel `bun:"table:ledger_accounts,alias:a"`

	ID            string   `bun:"id"`
	BookID        string   `bun:"book_id"`
	Code          string   `bun:"code"`
	Name          string   `bun:"name"`
	Type          Type     `bun:"type"`
	Currency      Currency `bun:"currency"`
	FloorMinor    *int64   `bun:"floor_minor"`
	CeilingMinor  *int64   `bun:"ceiling_minor"`
	BalanceMinor  int64    `bun:"balance_minor"`
	Earlier       bool     `bun:"earlier"`
	ClosedThrough *Date    `bun:"closed_through"`
}

// fields are a lockedRow's fields in the order of its columns, for a
// driver that scans by position (batch.go).
func (r *lockedRow) fields() []any {
	return []any{&r.ID, &r.BookID, &r.Code, &r.Name, &r.Type, &r.Currency, &r.FloorMinor, &r.CeilingMinor,
		&r.BalanceMinor, &r.Earlier, &r.ClosedThrough}
}

// lockAccountsSQLite is lockAccounts' statement on SQLite (on PostgreSQL:
// pgLock), scanning into rows.
func lockAccountsSQLite(tx bun.IDB, rows *[]lockedRow, bookID string, codes, keys, reversed []string) *bun.SelectQuery {
	earlier := func(column string, values []string) schema.QueryWithArgs {
		if len(values) == 0 {
			return bun.SafeQuery("false")
		}
		return bun.SafeQuery("EXISTS (SELECT 1 FROM entries e WHERE e.book_id = ? AND e."+column+" IN (?))", bookID, bun.List(values))
	}
	q := tx.NewSelect().Model(rows).
		ColumnExpr("a.id, a.book_id, a.code, a.name, a.type, a.currency, a.floor_minor, a.ceiling_minor, a.balance_minor").
		ColumnExpr("? OR ? AS earlier", earlier("idempotency_key", keys), earlier("reverses_id", reversed)).
		ColumnExpr("(SELECT b.closed_through FROM books b WHERE b.id = ?) AS closed_through", bookID).
		Where("a.book_id = ?", bookID).
		Where("a.code IN (?)", bun.List(codes)).
		OrderExpr("a.id")
	return q
}

func lockedOf(rows []lockedRow) lockedAccounts {
	locked := lockedAccounts{accounts: make([]accountRow, len(rows))}
	for i, r := range rows {
		locked.accounts[i] = accountRow{ID: r.ID, BookID: r.BookID, Code: r.Code, Name: r.Name, Type: r.Type, Currency: r.Currency,
			FloorMinor: r.FloorMinor, CeilingMinor: r.CeilingMinor, BalanceMinor: r.BalanceMinor}
		locked.earlier = locked.earlier || r.Earlier
		locked.closedThrough = r.ClosedThrough
	}
	return locked
}

// nonEmpty is the string as a list of at most one, for lockAccounts.
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// lockBook reads a book and holds its row until the transaction ends, the
// lock every entry takes as it is appended (appendEntry): no entry can be posted to the book until
// then. FOR NO KEY UPDATE leaves rows that merely reference the book (a new
// account) free to be written. On SQLite the immediate transaction already
// holds the database's single write lock.
func lockBook(ctx context.Context, tx bun.Tx, bookID string) (bookRow, error) {
	var row bookRow
	if !IsID(bookID) {
		return row, NotFound("book.not_found", "no such book")
	}
	q := tx.NewSelect().Model(&row).Where("id = ?", bookID)
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("NO KEY UPDATE")
	}
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return row, NotFound("book.not_found", "no such book")
	}
	return row, err
}

// IsUniqueViolation reports whether err is a violation of the named unique
// constraint. SQLite does not report constraint names in a structured way,
// so there the caller's table is the only context: a unique violation on
// SQLite is matched by its result code and the caller knows which key it
// just inserted.
func IsUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == pgUniqueViolation && pgErr.ConstraintName == constraint
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		return liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE ||
			liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// isRetryable reports whether err is transient contention that a fresh
// attempt of the whole transaction can succeed past.
func isRetryable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == pgSerializationFailure || pgErr.Code == pgDeadlockDetected
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

// isPGError reports whether err is PostgreSQL's error with the SQLSTATE.
func isPGError(err error, code string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == code
}

// IsAppendOnlyRefusal reports whether err is the database refusing to
// change or remove a journal entry or posting.
func IsAppendOnlyRefusal(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == pgAppendOnlyRefused
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		return liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_TRIGGER
	}
	return false
}

// IsClosedPeriodRefusal reports whether err is the database refusing a
// posting dated in a closed period. SQLite reports every trigger refusal
// with one result code, so there the caller's write is the only context,
// as with IsUniqueViolation.
func IsClosedPeriodRefusal(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == pgClosedPeriodRefused
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		return liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_TRIGGER
	}
	return false
}

// IsTimeout reports whether err is a statement that ran out of time: the
// context's deadline, PostgreSQL's statement or lock timeout, or SQLite
// interrupted at the context's deadline. Such a request failed whole and
// changed nothing; it may be tried again.
func IsTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == pgQueryCanceled || pgErr.Code == pgLockNotAvailable
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		return liteErr.Code()&0xff == sqlite3.SQLITE_INTERRUPT
	}
	return false
}
