package snapshot_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
	"github.com/lumbung/lumbung/migrations"
	"github.com/lumbung/lumbung/migrations/snapshot"
)

func TestMain(m *testing.M) { ledgertest.Main(m) }

// store makes a new, empty, unmigrated store of the dialect named.
func store(t *testing.T, dialectName string) *bun.DB {
	t.Helper()
	if dialectName == "postgres" {
		db, _ := ledgertest.NewPostgres(t)
		return db
	}
	db, _ := ledgertest.NewSQLite(t)
	return db
}

func migrated(t *testing.T, dialectName string) *bun.DB {
	t.Helper()
	db := store(t, dialectName)
	ledgertest.MustMigrate(t, db)
	return db
}

// book fills db with one book: accounts with a floor, entries with
// idempotency keys, a reversal (a row referencing a row of its own table)
// and a closed period (whose trigger would refuse the old postings on
// load). It returns the book's ID.
func book(t *testing.T, db *bun.DB, entries int) string {
	t.Helper()
	ctx := context.Background()
	l := ledger.New(db)
	b := ledgertest.MustBook(t, l, "IDR")
	ledgertest.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "1100", Type: ledger.Asset})
	ledgertest.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "2110", Type: ledger.Liability, NonNegative: true})
	start := ledger.NewDate(2025, time.January, 6)
	var first ledger.Entry
	for i := range entries {
		in := ledgertest.Transfer("1100", "2110", fmt.Sprint(1000+i))
		in.EffectiveDate = start.AddDays(i % 60)
		in.IdempotencyKey = fmt.Sprintf("setoran-%d", i)
		in.Memo = "Setoran sukarela — Ibu Siti ✓"
		e, err := l.Post(ctx, b.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = e
		}
	}
	if _, err := l.Reverse(ctx, b.ID, first.ID, ledger.ReversalInput{RecordedBy: "ledgertest", IdempotencyKey: "koreksi-0",
		EffectiveDate: start.AddDays(70)}); err != nil {
		t.Fatal(err)
	}
	if err := l.InTx(ctx, func(tx bun.Tx) error { return ledger.ClosePeriodTx(ctx, tx, b.ID, start.AddDays(30)) }); err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func mustWrite(t *testing.T, db *bun.DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := snapshot.Write(context.Background(), db, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustRestore(t *testing.T, db *bun.DB, file []byte) snapshot.Summary {
	t.Helper()
	s, err := snapshot.Restore(context.Background(), db, bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// lines returns a snapshot's lines, unzipped.
func lines(t *testing.T, file []byte) []string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// rows returns a snapshot's row lines: all but the header and the trailer.
func rows(t *testing.T, file []byte) []string {
	t.Helper()
	ls := lines(t, file)
	return ls[1 : len(ls)-1]
}

// balances lists every account's balance in db, by book and code.
func balances(t *testing.T, db *bun.DB, bookID string) map[string]int64 {
	t.Helper()
	tb, err := ledger.New(db).TrialBalance(context.Background(), bookID, ledger.Date{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, line := range tb.Lines {
		out[line.Account.Code] = line.Account.BalanceMinor
	}
	return out
}

func TestRestore(t *testing.T) {
	for _, pair := range [][2]string{{"sqlite", "postgres"}, {"postgres", "sqlite"}} {
		t.Run("RoundTripsExactlyThrough_"+pair[1]+"_From_"+pair[0], func(t *testing.T) {
			t.Parallel()
			src := migrated(t, pair[0])
			bookID := book(t, src, 40)
			first := mustWrite(t, src)

			other := store(t, pair[1])
			s := mustRestore(t, other, first)
			if s.Rows == 0 || s.Tables == 0 {
				t.Fatalf("restore summary %+v: want rows and tables", s)
			}
			ledgertest.MustVerify(t, other, bookID)
			if diff := cmp.Diff(balances(t, src, bookID), balances(t, other, bookID)); diff != "" {
				t.Errorf("balances after the move (-%s +%s):\n%s", pair[0], pair[1], diff)
			}

			back := store(t, pair[0])
			mustRestore(t, back, mustWrite(t, other))
			if diff := cmp.Diff(rows(t, first), rows(t, mustWrite(t, back))); diff != "" {
				t.Errorf("rows after %s -> %s -> %s differ (-before +after):\n%s", pair[0], pair[1], pair[0], diff)
			}
		})
	}

	t.Run("RefusesAStoreHoldingData", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
			ledgertest.MustMigrate(t, db)
			book(t, db, 3)
			file := mustWrite(t, db)
			_, err := snapshot.Restore(context.Background(), db, bytes.NewReader(file))
			if err == nil || !strings.Contains(err.Error(), "holds data") {
				t.Fatalf("restore over data: got %v, want a refusal naming the table that holds data", err)
			}
			if diff := cmp.Diff(rows(t, file), rows(t, mustWrite(t, db))); diff != "" {
				t.Errorf("the refused restore changed the store:\n%s", diff)
			}
		})
	})

	t.Run("RefusesADamagedFileAndLeavesTheStoreEmpty", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
			ledgertest.MustMigrate(t, db)
			book(t, db, 3)
			ls := lines(t, mustWrite(t, db))
			ls[1] = strings.Replace(ls[1], `"IDR"`, `"USD"`, 1) // the book's currency, changed
			target := store(t, dialectOf(db))
			_, err := snapshot.Restore(context.Background(), target, bytes.NewReader(gzipped(t, strings.Join(ls, "\n")+"\n")))
			if err == nil || !strings.Contains(err.Error(), "checksum") {
				t.Fatalf("restore of a damaged file: got %v, want a checksum mismatch", err)
			}
			if got := rows(t, mustWrite(t, target)); len(got) != 0 {
				t.Errorf("the refused restore left %d rows, want none", len(got))
			}
		})
	})
}

// TestRestoreVersions restores a snapshot taken at an older migration:
// into an empty store it loads at that version, and the store then
// migrates up with the data in it; a store already at a newer version is
// refused, as is a snapshot of a newer Lumbung.
func TestRestoreVersions(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
		ctx := context.Background()
		versions := allVersions(t, db)
		// The data is written by today's ledger at the older version, so
		// the newest migration must not be one the ledger's own tables need.
		older := versions[len(versions)-2]
		if _, err := migrations.UpThrough(ctx, db, older); err != nil {
			t.Fatal(err)
		}
		l := ledger.New(db)
		b := ledgertest.MustBook(t, l, "IDR")
		ledgertest.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "1100", Type: ledger.Asset})
		ledgertest.MustAccount(t, l, b.ID, ledger.AccountInput{Code: "2110", Type: ledger.Liability})
		ledgertest.MustPost(t, l, b.ID, "1100", "2110", "75000")
		file := mustWrite(t, db)

		newer := migrated(t, dialectOf(db))
		if _, err := snapshot.Restore(ctx, newer, bytes.NewReader(file)); err == nil || !strings.Contains(err.Error(), "migrations") {
			t.Errorf("restore into a store at a newer version: got %v, want a refusal naming the migrations", err)
		}

		empty := store(t, dialectOf(db))
		if s := mustRestore(t, empty, file); s.Migration != older {
			t.Errorf("restored at migration %s, want %s", s.Migration, older)
		}
		ledgertest.MustMigrate(t, empty)
		ledgertest.MustVerify(t, empty, b.ID)
		if diff := cmp.Diff(balances(t, db, b.ID), balances(t, empty, b.ID)); diff != "" {
			t.Errorf("balances after restoring and migrating up (-before +after):\n%s", diff)
		}

		future := strings.Replace(lines(t, file)[0], `"],"tables":`, `","29991231000000"],"tables":`, 1)
		_, err := snapshot.Restore(ctx, store(t, dialectOf(db)), bytes.NewReader(gzipped(t, future+"\n")))
		if err == nil || !strings.Contains(err.Error(), "older") {
			t.Errorf("restore of a newer Lumbung's snapshot: got %v, want a refusal saying this program is older", err)
		}
	})
}

func allVersions(t *testing.T, db *bun.DB) []string {
	t.Helper()
	folder, err := migrations.Folder(db.Dialect().Name())
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(folder, "*.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	var vs []string
	for _, f := range files {
		v, _, _ := strings.Cut(f, "_")
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs
}

func gzipped(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := io.WriteString(zw, text); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func dialectOf(db *bun.DB) string {
	if db.Dialect().Name().String() == "pg" {
		return "postgres"
	}
	return "sqlite"
}

// TestWrite takes a snapshot while treasurers go on posting, and restores
// it: the copy is one moment of the store, every entry and balance as
// they were then, and the writers were not held up meanwhile.
func TestWrite(t *testing.T) {
	t.Run("IsOneMomentWhileWritersGoOn", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
			ledgertest.MustMigrate(t, db)
			ctx := context.Background()
			bookID := book(t, db, 200)
			l := ledger.New(db)
			var posted atomic.Int64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for w := range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						in := ledgertest.Transfer("1100", "2110", "500")
						in.IdempotencyKey = fmt.Sprintf("writer-%d-%d", w, i)
						if _, err := l.Post(ctx, bookID, in); err != nil {
							t.Error(err)
							return
						}
						posted.Add(1)
					}
				}()
			}
			time.Sleep(300 * time.Millisecond) // the writers are under way
			before := posted.Load()
			var file bytes.Buffer
			_, err := snapshot.Write(ctx, db, &file)
			during := posted.Load() - before
			time.Sleep(300 * time.Millisecond)
			close(stop)
			wg.Wait()
			if err != nil {
				t.Fatal(err)
			}
			if during == 0 {
				t.Errorf("no entry was posted while the snapshot was taken: it held the writers up")
			}

			restored := store(t, dialectOf(db))
			mustRestore(t, restored, file.Bytes())
			ledgertest.MustVerify(t, restored, bookID)
			wantPrefix(t, l, ledger.New(restored), bookID)
		})
	})
}

// wantPrefix checks that the restored book's entries are the first of the
// source's, each the same, and none missing between them.
func wantPrefix(t *testing.T, src, restored *ledger.Ledger, bookID string) {
	t.Helper()
	got := entries(t, restored, bookID)
	want := entries(t, src, bookID)
	if len(got) == 0 || len(got) >= len(want) {
		t.Fatalf("restored %d entries of the source's %d: want some, and fewer than after the writers stopped", len(got), len(want))
	}
	if diff := cmp.Diff(want[:len(got)], got, cmpopts.EquateComparable(ledger.Date{}, ledger.Currency{})); diff != "" {
		t.Errorf("restored entries differ from the source's first (-source +restored):\n%s", diff)
	}
	if last := got[len(got)-1].Sequence; last != int64(len(got)) {
		t.Errorf("restored book's last entry is number %d of %d: the snapshot is not one moment", last, len(got))
	}
}

// entries lists a book's entries, oldest first.
func entries(t *testing.T, l *ledger.Ledger, bookID string) []ledger.Entry {
	t.Helper()
	var all []ledger.Entry
	f := ledger.EntryFilter{BookID: bookID}
	for {
		p, err := l.FindEntries(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Entries...)
		if p.Next == 0 {
			slices.Reverse(all)
			return all
		}
		f.Before = p.Next
	}
}
