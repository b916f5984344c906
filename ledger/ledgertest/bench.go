package ledgertest

import (
	"database/sql"
	"testing"

	"github.com/uptrace/bun"
)

// Stores runs a benchmark once per store, "postgres" then "sqlite", each
// on a new migrated database of its own.
func Stores(b *testing.B, fn func(b *testing.B, db *bun.DB)) {
	b.Helper()
	b.Run("postgres", func(b *testing.B) {
		db, _ := NewPostgres(b)
		MustMigrate(b, db)
		fn(b, db)
	})
	b.Run("sqlite", func(b *testing.B) {
		db, _ := NewSQLite(b)
		MustMigrate(b, db)
		fn(b, db)
	})
}

// Drain reads a query's rows to the end, as a report reads them: for the
// plain SQL baselines the benchmarks set beside a report.
func Drain(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	values := make([]any, len(cols))
	for i := range values {
		values[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(values...); err != nil {
			return err
		}
	}
	return rows.Err()
}
