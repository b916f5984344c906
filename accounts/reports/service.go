package reports

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// Service computes the read-only figures: statements, ratios, portfolios
// and each person's own view. It never writes. It is safe for concurrent
// use.
type Service struct {
	core    *accounts.Service
	lending *lending.Service
	db      *bun.DB
	ledger  *ledger.Ledger
	now     func() time.Time
}

// New returns the reports service, which reads the loans through the
// lending service.
func New(core *accounts.Service, ln *lending.Service) *Service {
	return &Service{core: core, lending: ln, db: core.DB(), ledger: core.Ledger(), now: core.Now}
}
