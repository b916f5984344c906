package migrations_test

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/ledger/ledgertest"
	"github.com/lumbung/lumbung/migrations"
)

func TestMain(m *testing.M) { ledgertest.Main(m) }

// versions returns the versions of a dialect's migrations, sorted, and
// fails the test on a file that is not half of an up/down pair.
func versions(t *testing.T, name dialect.Name) []string {
	t.Helper()
	folder, err := migrations.Folder(name)
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(folder, "*")
	if err != nil {
		t.Fatal(err)
	}
	ups, downs := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		switch {
		case strings.HasSuffix(f, ".up.sql"):
			ups[strings.TrimSuffix(f, ".up.sql")] = true
		case strings.HasSuffix(f, ".down.sql"):
			downs[strings.TrimSuffix(f, ".down.sql")] = true
		default:
			t.Errorf("%s/%s: neither an up nor a down migration", name, f)
		}
	}
	if diff := cmp.Diff(ups, downs); diff != "" {
		t.Errorf("%s: up and down files do not pair (-up +down):\n%s", name, diff)
	}
	var vs []string
	for stem := range ups {
		version, _, _ := strings.Cut(stem, "_")
		vs = append(vs, version)
	}
	slices.Sort(vs)
	return vs
}

func TestFolders(t *testing.T) {
	t.Run("HoldTheSameVersionsInPairs", func(t *testing.T) {
		pg, lite := versions(t, dialect.PG), versions(t, dialect.SQLite)
		if len(pg) == 0 {
			t.Fatal("no migrations found")
		}
		if diff := cmp.Diff(pg, lite); diff != "" {
			t.Errorf("versions differ between dialects (-postgres +sqlite):\n%s", diff)
		}
	})
}

// ledgerTables are the engine's tables, which every fully migrated
// database holds.
var ledgerTables = []string{"books", "entries", "ledger_accounts", "postings"}

// migratorTables are bun's own bookkeeping, which stays when every
// migration has been rolled back.
var migratorTables = []string{"bun_migration_locks", "bun_migrations"}

func TestUpDown(t *testing.T) {
	t.Run("RoundTripsToTheSameSchema", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
			ctx := context.Background()
			if _, err := migrations.Up(ctx, db); err != nil {
				t.Fatal(err)
			}
			first := columns(t, db)
			for _, table := range ledgerTables {
				if !slices.Contains(tables(first), table) {
					t.Errorf("after up: no table %s among %v", table, tables(first))
				}
			}

			downAll(t, db)
			if diff := cmp.Diff(migratorTables, tables(columns(t, db))); diff != "" {
				t.Errorf("after down: tables left (-want +got):\n%s", diff)
			}

			if _, err := migrations.Up(ctx, db); err != nil {
				t.Fatalf("up after down: %v", err)
			}
			if diff := cmp.Diff(first, columns(t, db)); diff != "" {
				t.Errorf("schema after up, down, up differs from the first up (-first +again):\n%s", diff)
			}
		})
	})
}

// downAll rolls back group after group until none is applied. Each group is
// what one Up applied; the bound is one rollback per migration, since a
// group holds at least one.
func downAll(t *testing.T, db *bun.DB) {
	t.Helper()
	ctx := context.Background()
	limit := len(versions(t, db.Dialect().Name()))
	for range limit + 1 {
		group, err := migrations.Down(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if group.IsZero() {
			return
		}
	}
	t.Fatalf("still migrations to roll back after %d rollbacks", limit+1)
}

// columns describes the schema as sorted "table.column type" lines, in
// each dialect's own catalogue.
func columns(t *testing.T, db *bun.DB) []string {
	t.Helper()
	query := `SELECT table_name || '.' || column_name || ' ' || data_type
	            FROM information_schema.columns WHERE table_schema = current_schema()`
	if db.Dialect().Name() == dialect.SQLite {
		query = `SELECT m.name || '.' || c.name || ' ' || c.type
		           FROM sqlite_master m, pragma_table_info(m.name) c
		          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	}
	var cols []string
	if err := db.NewRaw(query).Scan(context.Background(), &cols); err != nil {
		t.Fatal(err)
	}
	slices.Sort(cols)
	return cols
}

// tables returns the distinct tables of columns' lines, sorted.
func tables(cols []string) []string {
	var ts []string
	for _, c := range cols {
		table, _, _ := strings.Cut(c, ".")
		if !slices.Contains(ts, table) {
			ts = append(ts, table)
		}
	}
	return ts
}
