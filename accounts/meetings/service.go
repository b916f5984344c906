package meetings

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
)

// Service records a group's weekly meeting and tells what each member owes
// at the next. It is safe for concurrent use.
type Service struct {
	core    *accounts.Service
	savings *savings.Service
	lending *lending.Service
	db      *bun.DB
	ledger  *ledger.Ledger
	now     func() time.Time
}

// New returns the meetings service, which records a meeting's deposits and
// repayments through the savings and lending services.
func New(core *accounts.Service, sv *savings.Service, ln *lending.Service) *Service {
	return &Service{core: core, savings: sv, lending: ln, db: core.DB(), ledger: core.Ledger(), now: core.Now}
}
