// Package ledgertest runs tests against real databases: every test of the
// ledger, the services and the API runs once on Postgres and once on SQLite,
// through Each. Nothing here mocks a store.
//
// Postgres is reached at LUMBUNG_TEST_DATABASE_URL (default: the local
// server as user postgres). When it cannot be reached the Postgres subtests
// skip, unless LUMBUNG_TEST_POSTGRES=require, under which they fail: CI sets
// it so that half of the suite can never silently go missing.
//
// Each test package that uses Each calls Main from its TestMain, which
// creates one migrated Postgres database for the package and drops it when
// the package's tests end. Tests isolate themselves by making their own book.
package ledgertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/migrations"
)

const defaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var shared struct {
	sync.Mutex
	started bool    // Main was called
	db      *bun.DB // the package's migrated Postgres database
	err     error   // why it could not be made
	made    bool    // an attempt was made
}

// Main runs a test package and then drops the Postgres databases its tests
// created. Call it from TestMain: func TestMain(m *testing.M) { ledgertest.Main(m) }.
func Main(m *testing.M) {
	shared.Lock()
	shared.started = true
	shared.Unlock()
	code := m.Run()
	if shared.db != nil {
		shared.db.Close()
	}
	close(created)
	for name := range created {
		if err := dropDatabase(name); err != nil {
			fmt.Fprintf(os.Stderr, "ledgertest: drop %s: %v\n", name, err)
		}
	}
	os.Exit(code)
}

// Each runs fn as two parallel subtests, "postgres" and "sqlite", each on a
// migrated database. The Postgres database is shared by the package's tests;
// the SQLite one is a new file per test.
func Each(t *testing.T, fn func(t *testing.T, db *bun.DB)) {
	t.Helper()
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, sharedPostgres(t))
	})
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		db, _ := NewSQLite(t)
		MustMigrate(t, db)
		fn(t, db)
	})
}

// Dialects runs fn once per store with a fresh, empty, unmigrated database:
// for tests of migrations and of whole-program commands.
func Dialects(t *testing.T, fn func(t *testing.T, databaseURL, dataDir string, db *bun.DB)) {
	t.Helper()
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		db, dbURL := NewPostgres(t)
		fn(t, dbURL, "", db)
	})
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		db, dir := NewSQLite(t)
		fn(t, "", dir, db)
	})
}

// NewSQLite opens a new SQLite file in a temporary data directory with the
// production settings, and returns the database and the directory.
func NewSQLite(t testing.TB) (*bun.DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := ledger.OpenSQLite(filepath.Join(dir, ledger.SQLiteFileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dir
}

// NewPostgres creates an empty Postgres database for one test, dropped when
// the package ends, and returns it with its URL.
func NewPostgres(t testing.TB) (*bun.DB, string) {
	t.Helper()
	requireMain(t)
	dbURL, err := createDatabase()
	if err != nil {
		unreachable(t, err)
	}
	db, err := ledger.OpenPostgres(dbURL, ledger.Timeouts{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dbURL
}

// MustMigrate applies every migration to db.
func MustMigrate(t testing.TB, db *bun.DB) {
	t.Helper()
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatal(err)
	}
}

func sharedPostgres(t testing.TB) *bun.DB {
	t.Helper()
	requireMain(t)
	shared.Lock()
	defer shared.Unlock()
	if !shared.made {
		shared.made = true
		var dbURL string
		dbURL, shared.err = createDatabase()
		if shared.err == nil {
			shared.db, shared.err = ledger.OpenPostgres(dbURL, ledger.Timeouts{})
		}
		if shared.err == nil {
			_, shared.err = migrations.Up(context.Background(), shared.db)
		}
	}
	if shared.err != nil {
		unreachable(t, shared.err)
	}
	return shared.db
}

func requireMain(t testing.TB) {
	t.Helper()
	shared.Lock()
	started := shared.started
	shared.Unlock()
	if !started {
		t.Fatal("ledgertest: call ledgertest.Main(m) from the package's TestMain")
	}
}

// unreachable fails or skips a test that cannot get a Postgres database.
func unreachable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("LUMBUNG_TEST_POSTGRES") == "require" {
		t.Fatalf("ledgertest: Postgres is required (LUMBUNG_TEST_POSTGRES=require) but not usable: %v", err)
	}
	t.Skipf("ledgertest: Postgres not reachable, skipping its half (set LUMBUNG_TEST_POSTGRES=require to fail instead): %v", err)
}

func adminURL() string {
	if u := os.Getenv("LUMBUNG_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return defaultAdminURL
}

// created receives the name of every database createDatabase makes, for
// Main to drop; buffered so that creating never waits on the shared lock.
var created = make(chan string, 1024)

// createDatabase makes a uniquely named database on the test server and
// records it for dropping.
func createDatabase() (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	name := "lumbung_test_" + hex.EncodeToString(b)
	admin, err := ledger.OpenPostgres(adminURL(), ledger.Timeouts{})
	if err != nil {
		return "", err
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	created <- name
	u, err := url.Parse(adminURL())
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

func dropDatabase(name string) error {
	admin, err := ledger.OpenPostgres(adminURL(), ledger.Timeouts{})
	if err != nil {
		return err
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}
