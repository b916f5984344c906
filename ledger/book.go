package ledger

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Book is one cooperative's ledger: its accounts and its journal.
type Book struct {
	ID            string
	Name          string
	Currency      Currency
	ClosedThrough Date // nothing dated on or before it can be posted; zero: nothing closed
	CreatedAt     time.Time
}

type bookRow struct {
	bun.BaseModel `bun:"table:books"`

	ID            string    `bun:"id,pk"`
	Name          string    `bun:"name"`
	Currency      Currency  `bun:"currency"`
	LastSequence  int64     `bun:"last_sequence"`
	ClosedThrough *Date     `bun:"closed_through"`
	CreatedAt     time.Time `bun:"created_at"`
}

func (r bookRow) book() Book {
	b := Book{ID: r.ID, Name: r.Name, Currency: r.Currency, CreatedAt: r.CreatedAt}
	if r.ClosedThrough != nil {
		b.ClosedThrough = *r.ClosedThrough
	}
	return b
}

// BookInput is what creating a book takes.
type BookInput struct {
	Name     string
	Currency string
}

const nameLengthMax = 200

// CreateBook creates an empty book. Errors: KindInvalid for a missing name
// or an unknown currency.
func (l *Ledger) CreateBook(ctx context.Context, in BookInput) (b Book, err error) {
	defer Wrap(&err, "CreateBook(%q)", in.Name)
	err = inTx(ctx, l.db, func(tx bun.Tx) error {
		b, err = CreateBookTx(ctx, tx, in, l.now())
		return err
	})
	return b, err
}

// CreateBookTx creates a book inside the caller's transaction, for services
// that create a book together with rows of their own.
func CreateBookTx(ctx context.Context, tx bun.IDB, in BookInput, now time.Time) (Book, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" || len(name) > nameLengthMax {
		return Book{}, InvalidField("book.name", "name", "required, at most 200 characters")
	}
	cur, err := ParseCurrency(in.Currency)
	if err != nil {
		return Book{}, err
	}
	row := bookRow{ID: NewID(), Name: name, Currency: cur, CreatedAt: now.UTC()}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Book{}, err
	}
	return row.book(), nil
}

// FindBookByID returns a book. Errors: KindNotFound.
func (l *Ledger) FindBookByID(ctx context.Context, id string) (b Book, err error) {
	defer Wrap(&err, "FindBookByID(%q)", id)
	row, err := findBookRow(ctx, l.db, id)
	if err != nil {
		return Book{}, err
	}
	return row.book(), nil
}

func findBookRow(ctx context.Context, db bun.IDB, id string) (bookRow, error) {
	var row bookRow
	if !IsID(id) {
		return row, NotFound("book.not_found", "no such book")
	}
	err := db.NewSelect().Model(&row).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return row, NotFound("book.not_found", "no such book")
	}
	return row, err
}
