package snapshot

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// schemaOf reads the table list of a migrated store.
func schemaOf(t *testing.T, db *bun.DB) map[string]table {
	t.Helper()
	ledgertest.MustMigrate(t, db)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, readTxOptions(db))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	tables, err := readSchema(ctx, tx)
	if err != nil {
		t.Fatalf("%s: %v", db.Dialect().Name(), err)
	}
	byName := map[string]table{}
	for _, tb := range tables {
		byName[tb.name] = tb
	}
	return byName
}

// sample is one value written as a column of kind k carries it, chosen to
// suit the column of kind other it pairs with in the other store: a SQLite
// TEXT column beside a PostgreSQL TIMESTAMPTZ holds a timestamp.
func sample(k, other kind) json.RawMessage {
	rich := k
	if k == kindText || k == kindInt {
		rich = other
	}
	switch {
	case k == kindText && rich == kindTimestamp:
		return json.RawMessage(`"2026-12-03 04:24:45.658417+00:00"`)
	case k == kindTimestamp:
		return json.RawMessage(`"2026-12-03T04:24:45.658417Z"`)
	case k == kindDate, k == kindText && rich == kindDate:
		return json.RawMessage(`"2025-12-31"`)
	case k == kindText:
		return json.RawMessage(`"Kelompok Mawar ✓"`)
	case k == kindInt && rich == kindBool:
		return json.RawMessage(`1`)
	case k == kindInt:
		return json.RawMessage(`-9223372036854775808`)
	case k == kindBool:
		return json.RawMessage(`true`)
	default:
		return json.RawMessage(`"AQL/"`)
	}
}

// TestEveryColumnTravels reads both stores' schemas, as migrated now, and
// checks that every table and column of one is in the other, of a kind a
// value of the other's column goes into unchanged, both ways. A migration
// that adds a column of a type a snapshot cannot carry, or to one dialect
// only, fails here.
func TestEveryColumnTravels(t *testing.T) {
	pgDB, _ := ledgertest.NewPostgres(t)
	liteDB, _ := ledgertest.NewSQLite(t)
	pg, lite := schemaOf(t, pgDB), schemaOf(t, liteDB)
	names := func(m map[string]table) []string {
		var out []string
		for n := range m {
			out = append(out, n)
		}
		return out
	}
	if diff := cmp.Diff(names(pg), names(lite), cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Fatalf("tables differ (-postgres +sqlite):\n%s", diff)
	}
	for name, pgTable := range pg {
		liteTable := lite[name]
		if len(pgTable.columns) != len(liteTable.columns) {
			t.Errorf("%s: %d columns on postgres, %d on sqlite", name, len(pgTable.columns), len(liteTable.columns))
		}
		for _, pc := range pgTable.columns {
			var lc *column
			for i := range liteTable.columns {
				if liteTable.columns[i].name == pc.name {
					lc = &liteTable.columns[i]
				}
			}
			if lc == nil {
				t.Errorf("%s.%s: on postgres, not on sqlite", name, pc.name)
				continue
			}
			wantTravels(t, name+"."+pc.name, pc.kind, lc.kind)
			wantTravels(t, name+"."+pc.name, lc.kind, pc.kind)
		}
	}
}

// wantTravels checks that a value of a column of kind from arrives in a
// column of kind to as the same value written natively there.
func wantTravels(t *testing.T, col string, from, to kind) {
	t.Helper()
	got, err := decode(sample(from, to), from, to)
	if err != nil {
		t.Errorf("%s: %s -> %s: %v", col, from, to, err)
		return
	}
	want, err := decode(sample(to, from), to, to)
	if err != nil {
		t.Errorf("%s: %s -> %s: %v", col, to, to, err)
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: %s -> %s changes the value (-want +got):\n%s", col, from, to, diff)
	}
}

func TestKindsRefuseFloats(t *testing.T) {
	for _, typ := range []string{"double precision", "real", "money"} {
		if _, err := postgresKind(typ); err == nil {
			t.Errorf("postgres %s: carried; want refused", typ)
		}
	}
	for _, typ := range []string{"REAL", "FLOAT", "DOUBLE", "", "ANY"} {
		if _, err := sqliteKind(typ); err == nil {
			t.Errorf("sqlite %q: carried; want refused", typ)
		}
	}
}

func TestDecodeRefusesWhatDoesNotFit(t *testing.T) {
	for _, tc := range []struct {
		raw      string
		from, to kind
	}{
		{`2`, kindInt, kindBool},
		{`"yesterday"`, kindText, kindTimestamp},
		{`"31-12-2025"`, kindText, kindDate},
		{`"2025-12-31"`, kindDate, kindInt},
		{`1.5`, kindInt, kindInt},
		{`"not base64!"`, kindBytes, kindBytes},
	} {
		if v, err := decode(json.RawMessage(tc.raw), tc.from, tc.to); err == nil {
			t.Errorf("decode %s from %s to %s: got %v, want an error", tc.raw, tc.from, tc.to, v)
		}
	}
}

// TestResetSequences loads rows with their own serial numbers into a
// PostgreSQL table, as a restore does, and expects the next row the store
// numbers itself to come after them.
func TestResetSequences(t *testing.T) {
	db, _ := ledgertest.NewPostgres(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE numbered (id BIGSERIAL PRIMARY KEY, note TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	var next int64
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO numbered (id, note) VALUES (41, 'restored'), (42, 'restored')"); err != nil {
			return err
		}
		if err := resetSequences(ctx, tx, []table{{name: "numbered"}}); err != nil {
			return err
		}
		return tx.NewRaw("INSERT INTO numbered (note) VALUES ('new') RETURNING id").Scan(ctx, &next)
	})
	if err != nil {
		t.Fatal(err)
	}
	if next != 43 {
		t.Errorf("the next row's id: got %d, want 43", next)
	}
}
