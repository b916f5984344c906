package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
	"github.com/lumbung/lumbung/migrations/snapshot"
)

// smallWorld fills a migrated store with a cooperative, its people and
// users, savings deposits under idempotency keys, and a plain book.
func smallWorld(t *testing.T, db *bun.DB) *accountstest.World {
	t.Helper()
	w := accountstest.NewWorld(t, db)
	for i := range 12 {
		if _, err := w.Savings.Deposit(context.Background(), w.Treasurer, w.Cooperative.ID, savings.SavingsInput{
			MemberID: w.Members[i%2].ID, Type: accounts.Sukarela,
			MoneyInput: accounts.MoneyInput{Amount: fmt.Sprint(10000 + i), IdempotencyKey: fmt.Sprintf("setoran-%d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	postEntries(t, db)
	return w
}

// emptyStore makes a new, empty store of db's dialect and returns it with
// the environment that selects it.
func emptyStore(t *testing.T, like *bun.DB) (*bun.DB, map[string]string) {
	t.Helper()
	if like.Dialect().Name().String() == "pg" {
		db, url := ledgertest.NewPostgres(t)
		return db, storeEnv(t, url, "")
	}
	db, dir := ledgertest.NewSQLite(t)
	return db, storeEnv(t, "", dir)
}

// wantSameBooks compares every book of two stores: its accounts' balances
// and its entries, postings, sequence numbers and idempotency keys.
func wantSameBooks(t *testing.T, a, b *bun.DB) {
	t.Helper()
	ctx := context.Background()
	la, lb := ledger.New(a), ledger.New(b)
	books, err := la.FindBooks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	booksB, err := lb.FindBooks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same := cmpopts.EquateComparable(ledger.Date{}, ledger.Currency{})
	if diff := cmp.Diff(books, booksB, same); diff != "" {
		t.Fatalf("books differ (-from +to):\n%s", diff)
	}
	for _, book := range books {
		tbA, err := la.TrialBalance(ctx, book.ID, ledger.Date{})
		if err != nil {
			t.Fatal(err)
		}
		tbB, err := lb.TrialBalance(ctx, book.ID, ledger.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tbA, tbB, same); diff != "" {
			t.Errorf("book %s: trial balances differ (-from +to):\n%s", book.Name, diff)
		}
		if diff := cmp.Diff(allEntries(t, la, book.ID), allEntries(t, lb, book.ID), same); diff != "" {
			t.Errorf("book %s: entries differ (-from +to):\n%s", book.Name, diff)
		}
	}
}

func allEntries(t *testing.T, l *ledger.Ledger, bookID string) []ledger.Entry {
	t.Helper()
	var all []ledger.Entry
	f := ledger.EntryFilter{BookID: bookID, Limit: ledger.PageSizeMax}
	for {
		p, err := l.FindEntries(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Entries...)
		if p.Next == 0 {
			return all
		}
		f.Before = p.Next
	}
}

// wantLogin checks that a user signs in to db with her password.
func wantLogin(t *testing.T, db *bun.DB, login string) {
	t.Helper()
	s := accountstest.NewServices(ledger.New(db), services.Options{})
	if _, err := s.Identity.Login(context.Background(), login, accountstest.Password); err != nil {
		t.Errorf("%s cannot sign in to the new store: %v", login, err)
	}
}

func TestBackupCommand(t *testing.T) {
	t.Run("RestoreHoldsEveryBalanceAndEntry", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
			w := smallWorld(t, db)
			file := filepath.Join(t.TempDir(), "lumbung.jsonl.gz")
			r := lumbung(t, env, "backup", "-o", file)
			wantCode(t, r, exitOK)
			if !strings.HasPrefix(r.stdout, "backup written to "+file) {
				t.Errorf("stdout: got %q, want it to name the file", r.stdout)
			}
			if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("backup file: %v, %v; want it readable by its owner only (it holds password hashes)", info, err)
			}

			restored, restoredEnv := emptyStore(t, db)
			r = lumbung(t, restoredEnv, "restore", file)
			wantCode(t, r, exitOK)
			if !strings.HasSuffix(r.stdout, "ledger verified: no violations\n") {
				t.Errorf("stdout: got %q, want the restore verified", r.stdout)
			}
			wantSameBooks(t, db, restored)
			wantLogin(t, restored, w.Logins["treasurer"])

			r = lumbung(t, env, "restore", file) // into the store it came from
			wantCode(t, r, exitFailure)
			if !strings.Contains(r.stderr, "holds data") {
				t.Errorf("stderr: got %q, want the refusal to say the store holds data", r.stderr)
			}
		})
	})

	t.Run("UnderWritersRestoresOneMoment", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
			env := storeEnv(t, databaseURL, dataDir)
			wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
			w := smallWorld(t, db)
			var posted atomic.Int64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for writer := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						if _, err := w.Savings.Deposit(context.Background(), w.Treasurer, w.Cooperative.ID, savings.SavingsInput{
							MemberID: w.Members[writer].ID, Type: accounts.Sukarela,
							MoneyInput: accounts.MoneyInput{Amount: "2500", IdempotencyKey: fmt.Sprintf("rapat-%d-%d", writer, i)}}); err != nil {
							t.Error(err)
							return
						}
						posted.Add(1)
					}
				}()
			}
			time.Sleep(200 * time.Millisecond) // the treasurers are at work
			file := filepath.Join(t.TempDir(), "lumbung.jsonl.gz")
			before := posted.Load()
			r := lumbung(t, env, "backup", "-o", file)
			during := posted.Load() - before
			time.Sleep(200 * time.Millisecond)
			close(stop)
			wg.Wait()
			wantCode(t, r, exitOK)
			if during == 0 {
				t.Errorf("no deposit was recorded while the backup ran: it held the writers up")
			}

			restored, restoredEnv := emptyStore(t, db)
			r = lumbung(t, restoredEnv, "restore", file)
			wantCode(t, r, exitOK)
			got := allEntries(t, ledger.New(restored), w.Cooperative.BookID)
			all := allEntries(t, ledger.New(db), w.Cooperative.BookID)
			if len(got) == 0 || len(got) >= len(all) {
				t.Fatalf("restored %d of the book's %d entries: want the ones before the backup only", len(got), len(all))
			}
			if diff := cmp.Diff(all[len(all)-len(got):], got, cmpopts.EquateComparable(ledger.Date{}, ledger.Currency{})); diff != "" {
				t.Errorf("restored entries are not the book's first (-source +restored):\n%s", diff)
			}
		})
	})

	t.Run("NeedsAFile", func(t *testing.T) {
		env := storeEnv(t, "", "")
		wantCode(t, lumbung(t, env, "backup"), exitUsage)
		wantCode(t, lumbung(t, env, "restore"), exitUsage)
	})
}

func TestMoveCommand(t *testing.T) {
	t.Run("FromSQLiteToPostgres", func(t *testing.T) {
		t.Parallel()
		src, dir := ledgertest.NewSQLite(t)
		dst, url := ledgertest.NewPostgres(t)
		wantMove(t, src, storeEnv(t, "", dir), dst, url, storeEnv(t, url, ""))
	})
	t.Run("FromPostgresToSQLite", func(t *testing.T) {
		t.Parallel()
		src, url := ledgertest.NewPostgres(t)
		dst, dir := ledgertest.NewSQLite(t)
		wantMove(t, src, storeEnv(t, url, ""), dst, "sqlite:"+dir, storeEnv(t, "", dir))
	})
	t.Run("RefusesTheStoreItMovesFrom", func(t *testing.T) {
		dir := t.TempDir()
		wantCode(t, lumbung(t, storeEnv(t, "", dir), "move", "-to", "sqlite:"+dir), exitUsage)
		wantCode(t, lumbung(t, storeEnv(t, "", dir), "move", "-to", "mysql://db"), exitUsage)
	})
}

func wantMove(t *testing.T, src *bun.DB, env map[string]string, dst *bun.DB, to string, dstEnv map[string]string) {
	t.Helper()
	wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
	w := smallWorld(t, src)
	r := lumbung(t, env, "move", "-to", to)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.stdout, "ledger verified: no violations") || !strings.Contains(r.stdout, "trial balances equal in both stores") {
		t.Errorf("stdout: got %q, want the new store verified and its trial balances compared", r.stdout)
	}
	wantSameBooks(t, src, dst)
	wantLogin(t, dst, w.Logins["treasurer"])
	wantCode(t, lumbung(t, dstEnv, "verify"), exitOK)
	wantCode(t, lumbung(t, env, "move", "-to", to), exitFailure) // the new store is no longer empty
}

// TestScheduledBackups runs the server's backup loop fast: it writes
// backups, keeps only the newest, and what it keeps restores.
func TestScheduledBackups(t *testing.T) {
	db, _ := ledgertest.NewSQLite(t)
	ledgertest.MustMigrate(t, db)
	postEntries(t, db)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() {
		runBackups(ctx, db, BackupConfig{Dir: dir, Every: 20 * time.Millisecond, Keep: 2}, logger)
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	var backups []string
	for len(backups) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		backups = backupFiles(t, dir)
	}
	time.Sleep(200 * time.Millisecond) // a few more turns, each pruning
	cancel()
	<-done
	backups = backupFiles(t, dir)
	if len(backups) != 2 {
		t.Fatalf("backups kept: got %v, want the newest 2", backups)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("pruning removed a file that is not a backup: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, backups[1]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	restored, _ := ledgertest.NewSQLite(t)
	if _, err := snapshot.Restore(context.Background(), restored, f); err != nil {
		t.Fatal(err)
	}
	wantSameBooks(t, db, restored)
}

func backupFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), backupPrefix) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names
}
