package reports

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

// Service computes the read-only figures: statements, ratios, portfolios
// and each person's own view. It never writes. It is safe for concurrent
// use.
type Service struct {
	core     *accounts.Service
	lending  *lending.Service
	yearEnd  *yearend.Service
	meetings *meetings.Service
	db       *bun.DB
	ledger   *ledger.Ledger
	now      func() time.Time
}

// New returns the reports service, which reads the loans, the SHU slips
// and the meetings through their own services.
func New(core *accounts.Service, ln *lending.Service, ye *yearend.Service, mt *meetings.Service) *Service {
	return &Service{core: core, lending: ln, yearEnd: ye, meetings: mt, db: core.DB(), ledger: core.Ledger(), now: core.Now}
}
