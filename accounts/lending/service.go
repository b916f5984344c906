package lending

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Service is the lending service over the core's database, ledger and
// clock. It is safe for concurrent use.
type Service struct {
	core   *accounts.Service
	db     *bun.DB
	ledger *ledger.Ledger
	now    func() time.Time
}

// New returns the lending service.
func New(core *accounts.Service) *Service {
	return &Service{core: core, db: core.DB(), ledger: core.Ledger(), now: core.Now}
}
