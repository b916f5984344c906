package snapshot

import (
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"github.com/uptrace/bun"
)

// Summary says what a snapshot holds.
type Summary struct {
	Migration string // the last migration applied to the store
	Tables    int
	Rows      int64
}

// Write takes a snapshot of db and writes it to w. Every table is read in
// one read transaction, so the snapshot is one moment of the store however
// long it takes, and the services go on writing meanwhile. Errors: a
// column of a type that cannot be carried, and the database's own.
func Write(ctx context.Context, db *bun.DB, w io.Writer) (s Summary, err error) {
	tx, err := db.BeginTx(ctx, readTxOptions(db))
	if err != nil {
		return Summary{}, fmt.Errorf("snapshot: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a read-only transaction has nothing to undo
	h, tables, err := describe(ctx, tx)
	if err != nil {
		return Summary{}, err
	}
	zw := gzip.NewWriter(w)
	lw := newLineWriter(zw)
	if err := lw.line(h); err != nil {
		return Summary{}, err
	}
	for i, t := range tables {
		if err := writeRows(ctx, tx, t, h.Tables[i].Rows, lw); err != nil {
			return Summary{}, err
		}
		s.Rows += h.Tables[i].Rows
	}
	if err := lw.finish(); err != nil {
		return Summary{}, err
	}
	if err := zw.Close(); err != nil {
		return Summary{}, err
	}
	s.Tables = len(tables)
	if n := len(h.Migrations); n > 0 {
		s.Migration = h.Migrations[n-1]
	}
	return s, nil
}

// describe reads the header of a snapshot of the store tx sees.
func describe(ctx context.Context, tx bun.Tx) (header, []table, error) {
	tables, err := readSchema(ctx, tx)
	if err != nil {
		return header{}, nil, err
	}
	applied, err := appliedMigrations(ctx, tx)
	if err != nil {
		return header{}, nil, err
	}
	h := header{Format: formatName, Version: formatVersion, Dialect: tx.Dialect().Name().String(),
		TakenAt: time.Now().UTC(), Migrations: applied}
	for _, t := range tables {
		th := tableHeader{Name: t.name}
		for _, c := range t.columns {
			th.Columns = append(th.Columns, columnHeader{Name: c.name, Kind: c.kind})
		}
		if err := tx.NewRaw("SELECT COUNT(*) FROM "+quote(t.name)).Scan(ctx, &th.Rows); err != nil {
			return header{}, nil, fmt.Errorf("snapshot: count %s: %w", t.name, err)
		}
		h.Tables = append(h.Tables, th)
	}
	return h, tables, nil
}

// appliedMigrations lists the names of the migrations applied, oldest
// first.
func appliedMigrations(ctx context.Context, tx bun.Tx) ([]string, error) {
	var names []string
	if err := tx.NewRaw("SELECT name FROM bun_migrations ORDER BY name").Scan(ctx, &names); err != nil {
		return nil, fmt.Errorf("snapshot: read the applied migrations (is the store migrated?): %w", err)
	}
	return names, nil
}

// writeRows writes a table's rows, in primary key order, and checks they
// are as many as counted in the same transaction.
func writeRows(ctx context.Context, tx bun.Tx, t table, counted int64, lw *lineWriter) error {
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = c.name
	}
	query := "SELECT " + quoteAll(names) + " FROM " + quote(t.name)
	if len(t.key) > 0 {
		query += " ORDER BY " + quoteAll(t.key)
	}
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("snapshot: read %s: %w", t.name, err)
	}
	defer rows.Close()
	dest := make([]any, len(t.columns))
	for i, c := range t.columns {
		dest[i] = scanTarget(c.kind)
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("snapshot: read %s: %w", t.name, err)
		}
		values := make([]any, len(t.columns))
		for i, c := range t.columns {
			if values[i], err = encode(c.kind, scanned(dest[i])); err != nil {
				return fmt.Errorf("snapshot: %s.%s: %w", t.name, c.name, err)
			}
		}
		if err := lw.line(values); err != nil {
			return err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("snapshot: read %s: %w", t.name, err)
	}
	if n != counted {
		return fmt.Errorf("snapshot: %s: read %d rows where %d were counted in the same transaction", t.name, n, counted)
	}
	return nil
}

// scanTarget is where a value of kind k is scanned.
func scanTarget(k kind) any {
	switch k {
	case kindInt:
		return new(sql.NullInt64)
	case kindTimestamp, kindDate:
		return new(sql.NullTime)
	case kindBytes:
		return new([]byte)
	case kindBool:
		return new(sql.NullBool)
	default:
		return new(sql.NullString)
	}
}

// scanned is the value scanTarget received, nil for NULL.
func scanned(dest any) any {
	switch d := dest.(type) {
	case *sql.NullInt64:
		if d.Valid {
			return d.Int64
		}
	case *sql.NullTime:
		if d.Valid {
			return d.Time
		}
	case *[]byte:
		if *d != nil {
			return *d
		}
	case *sql.NullBool:
		if d.Valid {
			return d.Bool
		}
	case *sql.NullString:
		if d.Valid {
			return d.String
		}
	}
	return nil
}
