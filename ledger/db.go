package ledger

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// SQLiteFileName is the embedded database's file inside the data directory.
const SQLiteFileName = "lumbung.db"

const (
	// sqliteBusyTimeoutMillis is how long a SQLite connection waits for
	// another's write lock before reporting busy (then retried, see retry.go).
	sqliteBusyTimeoutMillis = 5000
	// postgresConnsMax bounds the pool; Postgres' default max_connections
	// is 100 and a server should leave room for migrations and psql.
	postgresConnsMax = 20
	// sqliteConnsMax bounds the pool: WAL readers run in parallel, writers
	// queue on the file lock whatever the pool size.
	sqliteConnsMax = 8
)

// Open connects to Postgres when databaseURL is set, and otherwise to the
// embedded SQLite file in dataDir, creating the directory if needed.
func Open(databaseURL, dataDir string) (*bun.DB, error) {
	if databaseURL != "" {
		return OpenPostgres(databaseURL)
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("ledger: create data directory: %w", err)
	}
	return OpenSQLite(filepath.Join(dataDir, SQLiteFileName))
}

// OpenPostgres connects through pgx's database/sql driver.
func OpenPostgres(databaseURL string) (*bun.DB, error) {
	sqldb, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return nil, fmt.Errorf("ledger: open postgres: %w", err)
	}
	sqldb.SetMaxOpenConns(postgresConnsMax)
	sqldb.SetMaxIdleConns(postgresConnsMax)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	return bun.NewDB(sqldb, pgdialect.New()), nil
}

// OpenSQLite opens (creating if absent) the SQLite file at path with the
// settings production uses; tests use the same function.
//
//   - WAL: readers do not block the writer, nor the writer readers.
//   - busy_timeout: a writer waits for the lock instead of failing at once.
//   - foreign_keys: SQLite leaves them off unless asked.
//   - synchronous NORMAL: with WAL, durable across application crashes;
//     a power cut may lose the last transactions but never corrupts.
//   - _txlock=immediate: every transaction takes the write lock when it
//     begins. A deferred transaction that reads and then writes cannot be
//     upgraded once another has written, and fails with "database is
//     locked" however long the busy timeout.
func OpenSQLite(path string) (*bun.DB, error) {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeoutMillis))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	dsn := "file:" + path + "?" + q.Encode()
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("ledger: open sqlite: %w", err)
	}
	sqldb.SetMaxOpenConns(sqliteConnsMax)
	sqldb.SetMaxIdleConns(sqliteConnsMax)
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}
