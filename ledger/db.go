package ledger

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
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

// Timeouts bound what one PostgreSQL statement may take, and how long it
// may wait for a row lock, so that a stuck statement cannot hold a
// connection and the locks it has for ever; zero leaves a bound unset.
// A server sets them; commands that read the whole database (verify,
// export) leave them unset. Settings already in the database URL win.
type Timeouts struct {
	Statement time.Duration
	Lock      time.Duration
}

// Open connects to Postgres when databaseURL is set, and otherwise to the
// embedded SQLite file in dataDir, creating the directory if needed.
func Open(databaseURL, dataDir string, t Timeouts) (*bun.DB, error) {
	if databaseURL != "" {
		return OpenPostgres(databaseURL, t)
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("ledger: create data directory: %w", err)
	}
	return OpenSQLite(filepath.Join(dataDir, SQLiteFileName))
}

// OpenPostgres connects through pgx's database/sql driver, every
// connection with the timeouts given.
func OpenPostgres(databaseURL string, t Timeouts) (*bun.DB, error) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("ledger: open postgres: %w", err)
	}
	for name, d := range map[string]time.Duration{"statement_timeout": t.Statement, "lock_timeout": t.Lock} {
		if _, set := cfg.RuntimeParams[name]; !set && d > 0 {
			cfg.RuntimeParams[name] = strconv.FormatInt(d.Milliseconds(), 10)
		}
	}
	// bun writes every value into the SQL text, so nearly every statement
	// is new to pgx: under its default mode each would cost a round trip
	// to prepare, one to run and later one to close. The simple protocol
	// sends the text and reads the result in one.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	sqldb := stdlib.OpenDB(*cfg)
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
//   - synchronous FULL: every commit is on the disk before it is
//     acknowledged, so a power cut loses no entry a treasurer was told is
//     recorded. NORMAL would survive a crash of the program but not of the
//     machine, and a village office's machine loses power.
//   - _txlock=immediate: every transaction takes the write lock when it
//     begins. A deferred transaction that reads and then writes cannot be
//     upgraded once another has written, and fails with "database is
//     locked" however long the busy timeout.
func OpenSQLite(path string) (*bun.DB, error) {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeoutMillis))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
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
