package ledger

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

// Ledger is the engine over one database. It is safe for concurrent use.
type Ledger struct {
	db    *bun.DB
	now   func() time.Time
	queue writeQueue // entries waiting to be written together (batch.go)
}

// Option adjusts a Ledger made by New.
type Option func(*Ledger)

// WithClock sets the clock the engine reads today from (the default date
// of an entry, the limit on future dates): a test that closes a year runs
// on a day after it.
func WithClock(now func() time.Time) Option { return func(l *Ledger) { l.now = now } }

// New returns the engine over db, which must be migrated.
func New(db *bun.DB, opts ...Option) *Ledger {
	l := &Ledger{db: db, now: time.Now}
	for _, opt := range opts {
		opt(l)
	}
	return l
}

// DB returns the database the engine writes to, for the packages built on
// the ledger that keep their own tables beside it.
func (l *Ledger) DB() *bun.DB { return l.db }

// NewID returns a time-ordered UUID (version 7): unique without a central
// sequence, so IDs survive a move to a distributed SQL engine, and roughly
// ordered, so they index well.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// IsID reports whether s is an ID in the canonical form NewID makes.
// Anything else cannot name a row, and on Postgres would fail the UUID cast.
func IsID(s string) bool {
	u, err := uuid.Parse(s)
	return err == nil && u.String() == s
}
