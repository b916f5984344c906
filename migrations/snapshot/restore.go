package snapshot

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/migrations"
)

// insertRowsMax bounds the rows one INSERT statement carries: large enough
// that a store of a hundred thousand entries loads in seconds, small enough
// that a statement stays well inside both dialects' limits.
const insertRowsMax = 200

// Restore loads a snapshot into db, which must be empty: it is migrated to
// the snapshot's migration version and then filled in one transaction,
// committed only when every table's rows and the trailer's checksum are
// right. The schema's triggers are suspended while it loads (see
// suspendTriggers); run the ledger's verify after it. Errors: a file that
// is not a snapshot, is damaged or was taken at a migration this program
// does not have; a store that holds data or is at another migration
// version; and the database's own.
func Restore(ctx context.Context, db *bun.DB, r io.Reader) (s Summary, err error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return Summary{}, fmt.Errorf("snapshot: not a snapshot (gzip): %w", err)
	}
	lr := newLineReader(zr)
	h, err := readHeader(lr)
	if err != nil {
		return Summary{}, err
	}
	s = Summary{Migration: h.Migrations[len(h.Migrations)-1], Tables: len(h.Tables)}
	// Refused before migrating: a store that holds data is left as it was.
	// The check that counts is repeated under the load's locks.
	if err := refuseData(ctx, db); err != nil {
		return Summary{}, err
	}
	if _, err := migrations.UpThrough(ctx, db, s.Migration); err != nil {
		return Summary{}, fmt.Errorf("snapshot: %w", err)
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		targets, err := prepareLoad(ctx, tx, h)
		if err != nil {
			return err
		}
		resume, err := suspendTriggers(ctx, tx, targets)
		if err != nil {
			return err
		}
		for i, th := range h.Tables {
			if err := loadTable(ctx, tx, th, targets[i], lr); err != nil {
				return err
			}
			s.Rows += th.Rows
		}
		if err := lr.checkTrailer(); err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		if err := resume(ctx); err != nil {
			return err
		}
		return resetSequences(ctx, tx, targets)
	})
	if err != nil {
		return Summary{}, err
	}
	return s, nil
}

// refuseData reports a table of the store that holds rows; a store never
// migrated has none.
func refuseData(ctx context.Context, db *bun.DB) error {
	return db.RunInTx(ctx, readTxOptions(db), func(ctx context.Context, tx bun.Tx) error {
		tables, err := readSchema(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			if err := refuseRows(ctx, tx, t.name); err != nil {
				return err
			}
		}
		return nil
	})
}

func refuseRows(ctx context.Context, tx bun.Tx, name string) error {
	var exists bool
	if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM "+quote(name)+")").Scan(ctx, &exists); err != nil {
		return fmt.Errorf("snapshot: read %s: %w", name, err)
	}
	if exists {
		return fmt.Errorf("snapshot: table %s holds data; restore only into an empty store", name)
	}
	return nil
}

func readHeader(lr *lineReader) (header, error) {
	line, err := lr.hashed()
	if err != nil {
		return header{}, fmt.Errorf("snapshot: read the header: %w", err)
	}
	var h header
	if err := json.Unmarshal(line, &h); err != nil || h.Format != formatName {
		return header{}, fmt.Errorf("snapshot: not a Lumbung snapshot")
	}
	if h.Version != formatVersion {
		return header{}, fmt.Errorf("snapshot: format version %d; this program reads version %d", h.Version, formatVersion)
	}
	if len(h.Migrations) == 0 {
		return header{}, fmt.Errorf("snapshot: taken of a store with no migrations applied")
	}
	return h, nil
}

// prepareLoad checks that the store is at the snapshot's migration version,
// has the snapshot's tables and columns, and is empty, with the tables
// locked; it returns the store's table for each of the header's.
func prepareLoad(ctx context.Context, tx bun.Tx, h header) ([]table, error) {
	applied, err := appliedMigrations(ctx, tx)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(applied, h.Migrations) {
		return nil, fmt.Errorf("snapshot: the store's migrations (%d, last %s) are not the snapshot's (%d, last %s); restore into an empty store",
			len(applied), last(applied), len(h.Migrations), last(h.Migrations))
	}
	tables, err := readSchema(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := lockForLoad(ctx, tx, tables); err != nil {
		return nil, fmt.Errorf("snapshot: lock the tables: %w", err)
	}
	if len(tables) != len(h.Tables) {
		return nil, fmt.Errorf("snapshot: the store has %d tables, the snapshot %d", len(tables), len(h.Tables))
	}
	targets := make([]table, len(h.Tables))
	for i, th := range h.Tables {
		j := slices.IndexFunc(tables, func(t table) bool { return t.name == th.Name })
		if j < 0 {
			return nil, fmt.Errorf("snapshot: the store has no table %s", th.Name)
		}
		if targets[i], err = matchColumns(th, tables[j]); err != nil {
			return nil, err
		}
		var exists bool
		if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM "+quote(th.Name)+")").Scan(ctx, &exists); err != nil {
			return nil, fmt.Errorf("snapshot: read %s: %w", th.Name, err)
		}
		if exists {
			return nil, fmt.Errorf("snapshot: table %s holds data; restore only into an empty store", th.Name)
		}
	}
	return targets, nil
}

// matchColumns returns the store's table with its columns in the
// snapshot's order, each with its own kind, after checking the two have
// the same columns.
func matchColumns(th tableHeader, t table) (table, error) {
	if len(th.Columns) != len(t.columns) {
		return table{}, fmt.Errorf("snapshot: table %s has %d columns in the store, %d in the snapshot", th.Name, len(t.columns), len(th.Columns))
	}
	matched := t
	matched.columns = make([]column, len(th.Columns))
	for i, ch := range th.Columns {
		j := slices.IndexFunc(t.columns, func(c column) bool { return c.name == ch.Name })
		if j < 0 {
			return table{}, fmt.Errorf("snapshot: the store's table %s has no column %s", th.Name, ch.Name)
		}
		matched.columns[i] = t.columns[j]
	}
	return matched, nil
}

func last(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return names[len(names)-1]
}
