package accounts

import (
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Service is the cooperative world's one entry point. It is safe for
// concurrent use.
type Service struct {
	db      *bun.DB
	ledger  *ledger.Ledger
	now     func() time.Time
	bookIDs sync.Map // cooperative ID -> its book's ID, which never changes (policy.go)
}

// Option adjusts a Service made by New.
type Option func(*Service)

// WithClock sets the clock the service reads today from. Pass the same
// clock to the ledger (ledger.WithClock): a test that closes a year runs on
// a day after it.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// New returns the service over a migrated database.
func New(l *ledger.Ledger, opts ...Option) *Service {
	s := &Service{db: l.DB(), ledger: l, now: time.Now}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Ledger returns the engine the service posts through.
func (s *Service) Ledger() *ledger.Ledger { return s.ledger }

// DB returns the database the services read and write.
func (s *Service) DB() *bun.DB { return s.db }

// Now returns the time by the services' clock (WithClock).
func (s *Service) Now() time.Time { return s.now() }

// Limits on names and free text.
const (
	NameLengthMax  = 200
	phoneLengthMax = 32
	textLengthMax  = 200
)

// CleanName trims a name and checks its length, adding a field error.
func CleanName(field, s string, fields *[]ledger.FieldError) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > NameLengthMax {
		*fields = append(*fields, ledger.FieldError{Field: field, Reason: "required, at most 200 characters"})
	}
	return s
}

// Invalid is the error of a request whose fields are not valid.
func Invalid(code string, fields []ledger.FieldError) error {
	return ledger.Invalid(code, "the request is not valid", fields...)
}

// NoRows reports whether err is database/sql's "no rows".
func NoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
