package ledger

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOpenSQLiteSettingsOnEveryConnection holds every connection the pool
// may open at once and reads each one's settings: a pragma set on one
// connection only would leave the others to lose acknowledged entries in
// a power cut (synchronous), or to skip foreign keys.
func TestOpenSQLiteSettingsOnEveryConnection(t *testing.T) {
	ctx := context.Background()
	db, err := OpenSQLite(filepath.Join(t.TempDir(), SQLiteFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{"synchronous": "2", "journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000"}
	for i := range sqliteConnsMax {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close() // held until the end, so that each turn opens a new one
		for pragma, value := range want {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != value {
				t.Errorf("connection %d: PRAGMA %s is %s, want %s", i, pragma, got, value)
			}
		}
	}
	if got := db.Stats().OpenConnections; got != sqliteConnsMax {
		t.Errorf("%d connections were open, want %d", got, sqliteConnsMax)
	}
}
