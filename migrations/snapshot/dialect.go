package snapshot

// The differences between PostgreSQL and SQLite that taking and loading a
// snapshot depends on, one function per behaviour.

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// readTxOptions opens the read transaction a snapshot is taken in. On
// PostgreSQL, REPEATABLE READ READ ONLY sees one moment of the database for
// the whole transaction. On SQLite a read-only transaction begins deferred
// (the store's connections otherwise begin IMMEDIATE, taking the write
// lock): in WAL mode its first read fixes the moment it sees, and writers
// go on meanwhile.
func readTxOptions(db *bun.DB) *sql.TxOptions {
	if db.Dialect().Name() == dialect.PG {
		return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return &sql.TxOptions{ReadOnly: true}
}

// readCatalog reads every table's columns (in their order), primary key and
// foreign keys from the dialect's catalogue.
func readCatalog(ctx context.Context, tx bun.Tx) (map[string][]column, map[string][]string, []foreignKey, error) {
	if tx.Dialect().Name() == dialect.PG {
		return postgresCatalog(ctx, tx)
	}
	return sqliteCatalog(ctx, tx)
}

func postgresCatalog(ctx context.Context, tx bun.Tx) (map[string][]column, map[string][]string, []foreignKey, error) {
	cols := map[string][]column{}
	var rows []struct{ TableName, ColumnName, DataType string }
	if err := tx.NewRaw(`SELECT c.table_name, c.column_name, c.data_type
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		ORDER BY c.table_name, c.ordinal_position`).Scan(ctx, &rows); err != nil {
		return nil, nil, nil, fmt.Errorf("snapshot: read columns: %w", err)
	}
	for _, r := range rows {
		k, err := postgresKind(r.DataType)
		if err != nil && !slices.Contains(bookkeepingTables, r.TableName) {
			return nil, nil, nil, fmt.Errorf("snapshot: %s.%s: %w", r.TableName, r.ColumnName, err)
		}
		cols[r.TableName] = append(cols[r.TableName], column{name: r.ColumnName, kind: k})
	}
	var pks []struct{ TableName, ColumnName string }
	if err := tx.NewRaw(`SELECT c.relname AS table_name, a.attname AS column_name
		FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
		WHERE i.indisprimary AND n.nspname = current_schema()
		ORDER BY c.relname, k.ord`).Scan(ctx, &pks); err != nil {
		return nil, nil, nil, fmt.Errorf("snapshot: read primary keys: %w", err)
	}
	keys := map[string][]string{}
	for _, pk := range pks {
		keys[pk.TableName] = append(keys[pk.TableName], pk.ColumnName)
	}
	var fks []struct{ ID, Child, Parent, ChildColumn, ParentColumn string }
	if err := tx.NewRaw(`SELECT con.conname AS id, tc.relname AS child, pc.relname AS parent,
			ca.attname AS child_column, pa.attname AS parent_column
		FROM pg_constraint con
		JOIN pg_class tc ON tc.oid = con.conrelid
		JOIN pg_class pc ON pc.oid = con.confrelid
		JOIN pg_namespace n ON n.oid = tc.relnamespace
		CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(child_attnum, parent_attnum, ord)
		JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child_attnum
		JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent_attnum
		WHERE con.contype = 'f' AND n.nspname = current_schema()
		ORDER BY tc.relname, con.conname, k.ord`).Scan(ctx, &fks); err != nil {
		return nil, nil, nil, fmt.Errorf("snapshot: read foreign keys: %w", err)
	}
	out := make([]foreignKey, len(fks))
	for i, fk := range fks {
		out[i] = foreignKey{id: fk.ID, child: fk.Child, parent: fk.Parent, column: fk.ChildColumn, parentColumn: fk.ParentColumn}
	}
	return cols, keys, out, nil
}

func sqliteCatalog(ctx context.Context, tx bun.Tx) (map[string][]column, map[string][]string, []foreignKey, error) {
	var names []string
	if err := tx.NewRaw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`).
		Scan(ctx, &names); err != nil {
		return nil, nil, nil, fmt.Errorf("snapshot: read tables: %w", err)
	}
	cols, keys := map[string][]column{}, map[string][]string{}
	var fks []foreignKey
	for _, name := range names {
		var info []struct {
			Name, Type string
			PK         int
		}
		if err := tx.NewRaw(`SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, name).Scan(ctx, &info); err != nil {
			return nil, nil, nil, fmt.Errorf("snapshot: read columns of %s: %w", name, err)
		}
		pk := map[int]string{}
		for _, c := range info {
			k, err := sqliteKind(c.Type)
			if err != nil && !slices.Contains(bookkeepingTables, name) {
				return nil, nil, nil, fmt.Errorf("snapshot: %s.%s: %w", name, c.Name, err)
			}
			cols[name] = append(cols[name], column{name: c.Name, kind: k})
			if c.PK > 0 {
				pk[c.PK] = c.Name
			}
		}
		for i := 1; i <= len(pk); i++ {
			keys[name] = append(keys[name], pk[i])
		}
		var list []struct {
			ID          int
			Table, From string
			To          sql.NullString
		}
		if err := tx.NewRaw(`SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name).
			Scan(ctx, &list); err != nil {
			return nil, nil, nil, fmt.Errorf("snapshot: read foreign keys of %s: %w", name, err)
		}
		for _, fk := range list {
			// A foreign key naming no column references the parent's
			// primary key; Lumbung's name their columns, and a self
			// reference without one is read as the table's own key.
			to := fk.To.String
			if !fk.To.Valid && len(keys[fk.Table]) == 1 {
				to = keys[fk.Table][0]
			}
			fks = append(fks, foreignKey{id: fmt.Sprint(fk.ID), child: name, parent: fk.Table, column: fk.From, parentColumn: to})
		}
	}
	return cols, keys, fks, nil
}

// lockForLoad keeps every other writer out of the tables while a restore
// checks they are empty and fills them. On SQLite the transaction began
// IMMEDIATE and already holds the database's write lock.
func lockForLoad(ctx context.Context, tx bun.Tx, tables []table) error {
	if tx.Dialect().Name() != dialect.PG || len(tables) == 0 {
		return nil
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.name
	}
	_, err := tx.ExecContext(ctx, "LOCK TABLE "+quoteAll(names)+" IN ACCESS EXCLUSIVE MODE")
	return err
}

// suspendTriggers switches off the schema's own triggers while a snapshot
// loads and returns what switches them back on, within the same
// transaction. They guard the services' writes (no posting into a closed
// period, a loan's product must exist), and a snapshot holds history those
// writes made under the rules of their day, loaded in table order rather
// than the order they happened. What they protect is checked again by
// verify after the restore. PostgreSQL disables them per table (the
// restoring role must own the tables, as the one that migrated them does);
// SQLite cannot disable a trigger, so they are dropped and created again
// from their own SQL.
func suspendTriggers(ctx context.Context, tx bun.Tx, tables []table) (func(context.Context) error, error) {
	if tx.Dialect().Name() == dialect.PG {
		toggle := func(ctx context.Context, action string) error {
			for _, t := range tables {
				if _, err := tx.ExecContext(ctx, "ALTER TABLE "+quote(t.name)+" "+action+" TRIGGER USER"); err != nil {
					return fmt.Errorf("snapshot: %s triggers of %s: %w", action, t.name, err)
				}
			}
			return nil
		}
		if err := toggle(ctx, "DISABLE"); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { return toggle(ctx, "ENABLE") }, nil
	}
	var triggers []struct{ Name, SQL string }
	if err := tx.NewRaw(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).Scan(ctx, &triggers); err != nil {
		return nil, fmt.Errorf("snapshot: read triggers: %w", err)
	}
	for _, tr := range triggers {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+quote(tr.Name)); err != nil {
			return nil, fmt.Errorf("snapshot: drop trigger %s: %w", tr.Name, err)
		}
	}
	return func(ctx context.Context) error {
		for _, tr := range triggers {
			if _, err := tx.ExecContext(ctx, tr.SQL); err != nil {
				return fmt.Errorf("snapshot: create trigger %s again: %w", tr.Name, err)
			}
		}
		return nil
	}, nil
}

// resetSequences moves each PostgreSQL sequence behind a serial or identity
// column past the largest value loaded, so that the next row the store
// numbers itself does not collide with a restored one. SQLite numbers from
// the largest rowid and needs nothing.
func resetSequences(ctx context.Context, tx bun.Tx, tables []table) error {
	if tx.Dialect().Name() != dialect.PG {
		return nil
	}
	var serials []struct{ TableName, ColumnName string }
	if err := tx.NewRaw(`SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')
		ORDER BY table_name, column_name`).Scan(ctx, &serials); err != nil {
		return fmt.Errorf("snapshot: read sequences: %w", err)
	}
	for _, s := range serials {
		if !slices.ContainsFunc(tables, func(t table) bool { return t.name == s.TableName }) {
			continue
		}
		if _, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("+quote(s.ColumnName)+"), 0) + 1, false) FROM "+quote(s.TableName),
			quote(s.TableName), s.ColumnName); err != nil {
			return fmt.Errorf("snapshot: reset the sequence of %s.%s: %w", s.TableName, s.ColumnName, err)
		}
	}
	return nil
}
