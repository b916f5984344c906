package identity

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Service signs people in and keeps who may do what: users, their
// passwords, sessions and grants. It is safe for concurrent use.
type Service struct {
	db           *bun.DB
	core         *accounts.Service
	ledger       *ledger.Ledger
	now          func() time.Time
	passwordCost PasswordCost
}

// Option adjusts a Service made by New.
type Option func(*Service)

// WithPasswordCost sets the argon2id cost of new password hashes.
func WithPasswordCost(c PasswordCost) Option { return func(s *Service) { s.passwordCost = c } }

// New returns the identity service over the core's database and clock.
func New(core *accounts.Service, opts ...Option) *Service {
	s := &Service{db: core.DB(), core: core, ledger: core.Ledger(), now: core.Now, passwordCost: DefaultPasswordCost}
	for _, opt := range opts {
		opt(s)
	}
	return s
}
