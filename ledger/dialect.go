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
	pgClosedPeriodRefused  = "LB002" // raised by ledger_refuse_closed_period(), see migrations
)

// lockAccounts selects a book's accounts with the given codes for update,
// ordered by ID: Postgres locks the rows in the order the query returns
// them, so two entries touching the same accounts take their locks in the
// same order and cannot deadlock, while entries on disjoint accounts do not
// wait for each other. On SQLite there are no row locks: the immediate
// transaction already holds the database's single write lock.
func lockAccounts(ctx context.Context, tx bun.Tx, bookID string, codes []string) ([]accountRow, error) {
	rows := make([]accountRow, 0, len(codes))
	q := tx.NewSelect().Model(&rows).
		Where("book_id = ?", bookID).
		Where("code IN (?)", bun.List(codes)).
		OrderExpr("id")
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	return rows, nil
}

// lockBookSequence takes the next sequence number of a book and reads the
// day its journal is closed through (nil: nothing closed) and the chain
// hash of the entry before the new one (nil for the book's first entry, or
// one written before entries were chained and not yet sealed). On Postgres
// the UPDATE holds the book row's lock until commit; this is the one point
// where entries of the same book serialise, so callers take it last, after
// every account lock, keeping the serialised span short and the lock order
// fixed. ClosePeriodTx takes the same lock, so the day read here is the one
// in force when the entry commits; and the previous hash is the one the
// chain must follow, since no other entry of the book can commit meanwhile.
// RETURNING reads the row as updated, so the previous entry's number is
// last_sequence - 1.
func lockBookSequence(ctx context.Context, tx bun.Tx, bookID string) (seq int64, closedThrough *Date, prevHash *string, err error) {
	err = tx.NewUpdate().Table("books").
		Set("last_sequence = last_sequence + 1").
		Where("id = ?", bookID).
		Returning("last_sequence, closed_through, "+
			"(SELECT e.chain_hash FROM entries e WHERE e.book_id = books.id AND e.sequence = books.last_sequence - 1)").
		Scan(ctx, &seq, &closedThrough, &prevHash)
	return seq, closedThrough, prevHash, err
}

// lockBook reads a book and holds its row until the transaction ends, the
// lock lockBookSequence takes: no entry can be posted to the book until
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
