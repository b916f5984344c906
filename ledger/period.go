package ledger

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// Closed periods. A book's journal is closed through a day when its year is
// closed: from then on no entry effective on or before that day can be
// posted, a reversal included, so that the figures a cooperative reported
// and distributed for a closed year never change under it. A correction
// to a closed year is an entry dated in the open period.
//
// The rule is held three times: postTx checks it in Go on every entry (it
// reads the day with the book's sequence number, under the lock that
// ClosePeriodTx takes too); a trigger on postings refuses an insert dated
// in a closed period (SQLSTATE LB002 on Postgres), whatever wrote it; and
// closing only ever moves forward.

// errPeriodClosed is the refusal of an entry dated on or before the day
// the book is closed through.
func errPeriodClosed(closedThrough Date) error {
	return Conflict("period.closed",
		"the books are closed through %s; date the entry after it", closedThrough)
}

// checkOpen refuses an entry effective on or before closedThrough (nil:
// nothing is closed).
func checkOpen(effective Date, closedThrough *Date) error {
	if closedThrough != nil && !effective.After(*closedThrough) {
		return errPeriodClosed(*closedThrough)
	}
	return nil
}

// closedOr answers an entry refused for its balances (a floor) with the
// closed period instead, when its date is in one: the floor may change
// tomorrow, the closed period never reopens. It reads the book only on this
// failure branch, keeping the query off the path of entries that post.
func closedOr(ctx context.Context, tx bun.IDB, bookID string, effective Date, refusal error) error {
	row, err := findBookRow(ctx, tx, bookID)
	if err != nil {
		return refusal
	}
	if closed := checkOpen(effective, row.ClosedThrough); closed != nil {
		return closed
	}
	return refusal
}

// ClosePeriodTx closes a book's journal through a day, inside the caller's
// transaction: when it commits, nothing dated on or before the day can be
// posted to the book. Closing only moves forward.
//
// Errors: KindInvalid for a zero day; KindNotFound for an unknown book;
// KindConflict (period.closed) when the book is already closed through
// that day or a later one.
func ClosePeriodTx(ctx context.Context, tx bun.Tx, bookID string, through Date) (err error) {
	defer Wrap(&err, "ClosePeriodTx(%s, %s)", bookID, through)
	if through.IsZero() {
		return InvalidField("period.invalid", "through", "required")
	}
	if !IsID(bookID) {
		return NotFound("book.not_found", "no such book")
	}
	// The UPDATE takes the book row's lock, the one every posting takes
	// for its sequence number: an entry being posted either commits before
	// the close, or waits and then reads the new day.
	res, err := tx.NewUpdate().Table("books").
		Set("closed_through = ?", through).
		Where("id = ?", bookID).
		Where("(closed_through IS NULL OR closed_through < ?)", through).
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	row, err := findBookRow(ctx, tx, bookID)
	if err != nil {
		return err
	}
	if row.ClosedThrough == nil {
		return fmt.Errorf("ledger: book %s is not closed, yet closing it through %s changed no row", bookID, through)
	}
	return Conflict("period.closed",
		"the books are already closed through %s; a period closes only forward", *row.ClosedThrough)
}

// LockBookTx returns a book and holds it for the rest of the caller's
// transaction: until the transaction ends no entry can be posted to the
// book by anyone else, so that what the caller reads of the book's
// balances stays true while it posts on them (a year end). Take it before
// any other write in the transaction: an entry being posted elsewhere may
// hold account locks while it waits for the book, and the retry of InTx
// resolves the rare deadlock that follows. Errors: KindNotFound.
func LockBookTx(ctx context.Context, tx bun.Tx, bookID string) (b Book, err error) {
	defer Wrap(&err, "LockBookTx(%s)", bookID)
	row, err := lockBook(ctx, tx, bookID)
	if err != nil {
		return Book{}, err
	}
	return row.book(), nil
}
