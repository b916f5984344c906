package ledgertest

import (
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// RoundTrips is a Postgres connection pool whose every byte passes through
// a proxy that counts round trips on the wire: each exchange the client
// starts ends with exactly one ReadyForQuery message from the server, so
// counting those counts what a change in the driver or in the SQL really
// costs, not what the code appears to send.
type RoundTrips struct {
	DB *bun.DB
	n  atomic.Int64
}

// Count is the number of round trips so far, connecting included: compare
// two counts around the work being measured.
func (r *RoundTrips) Count() int64 { return r.n.Load() }

// NewRoundTrips opens a pool to a migrated Postgres database of its own
// through a counting proxy, as the server opens its pool.
func NewRoundTrips(t testing.TB) *RoundTrips {
	t.Helper()
	_, dbURL := NewPostgres(t)
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &RoundTrips{}
	target := u.Host
	var conns sync.WaitGroup
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer conns.Done()
				r.relay(client, target)
			}()
		}
	}()
	u.Host = ln.Addr().String()
	q := u.Query()
	q.Set("sslmode", "disable") // the counter reads the protocol in the clear
	u.RawQuery = q.Encode()
	db, err := ledger.OpenPostgres(u.String(), ledger.Timeouts{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		ln.Close()
		conns.Wait()
	})
	MustMigrate(t, db)
	r.DB = db
	return r
}

// relay copies one connection both ways, counting the server's
// ReadyForQuery messages.
func (r *RoundTrips) relay(client net.Conn, server string) {
	defer client.Close()
	up, err := net.Dial("tcp", server)
	if err != nil {
		return
	}
	defer up.Close()
	go func() {
		io.Copy(up, client)
		up.Close()
	}()
	// From the server, every message is a type byte and a length that
	// counts itself but not the type byte.
	var head [5]byte
	for {
		if _, err := io.ReadFull(up, head[:]); err != nil {
			return
		}
		if head[0] == 'Z' {
			r.n.Add(1)
		}
		if _, err := client.Write(head[:]); err != nil {
			return
		}
		body := int64(binary.BigEndian.Uint32(head[1:])) - 4
		if _, err := io.CopyN(client, up, body); err != nil {
			return
		}
	}
}
