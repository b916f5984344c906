package loadbench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// database is the bench's own PostgreSQL database, made on the server an
// admin URL names and dropped at the end.
type database struct {
	adminURL string
	name     string
	url      string // the database itself, reached directly
}

// createDatabase makes a database with a fresh name, so that a run never
// measures, nor harms, anything it did not make.
func createDatabase(ctx context.Context, adminURL string) (*database, error) {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return nil, fmt.Errorf("connect to the admin URL: %w", err)
	}
	defer conn.Close(ctx)
	db := &database{adminURL: adminURL, name: "lumbung_bench_" + randomHex(6)}
	u, err := url.Parse(adminURL)
	if err != nil {
		return nil, fmt.Errorf("admin URL: %w", err)
	}
	u.Path = "/" + db.name
	db.url = u.String()
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+db.name); err != nil {
		return nil, fmt.Errorf("create database %s: %w", db.name, err)
	}
	return db, nil
}

// dropTimeout bounds the drop at the end, which runs even when the run
// was interrupted.
const dropTimeout = 30 * time.Second

// drop removes the database, ending any connection still open to it.
func (db *database) drop() error {
	ctx, cancel := context.WithTimeout(context.Background(), dropTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, db.adminURL)
	if err != nil {
		return fmt.Errorf("drop database %s: %w", db.name, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE "+db.name+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", db.name, err)
	}
	return nil
}

// through returns the database's URL reached through a proxy at addr,
// without TLS: the proxy reads the wire protocol in the clear.
func (db *database) through(addr string) (string, error) {
	u, err := url.Parse(db.url)
	if err != nil {
		return "", err
	}
	u.Host = addr
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// upstream is the host:port of the PostgreSQL server.
func (db *database) upstream() (string, error) {
	cfg, err := pgx.ParseConfig(db.url)
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(cfg.Host, "/") {
		return "", errors.New("the admin URL names a Unix socket; the round-trip proxy needs host:port")
	}
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), nil
}
