package capital

import (
	"fmt"

	"github.com/lumbung/lumbung/ledger"
)

// Checks are the capital rules lumbung verify checks after the fact: what
// each facility counts as received is what its tranches brought, and never
// beyond its commitment (checked before each tranche under the facility's
// row lock, and held by the schema).
var Checks = []ledger.Check{
	{
		Name:       "facility_received",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, f.id, f.received_minor,
		       COALESCE(SUM(CASE WHEN e.kind = '` + KindTranche + `' THEN p.amount_minor END), 0)
		  FROM facilities f JOIN cooperatives c ON c.id = f.cooperative_id
		  LEFT JOIN ledger_accounts a ON a.book_id = c.book_id AND a.code = f.account_code
		  LEFT JOIN postings p ON p.account_id = a.id AND p.side = 'credit'
		  LEFT JOIN entries e ON e.id = p.entry_id
		 WHERE ? GROUP BY c.book_id, f.id, f.received_minor
		HAVING f.received_minor <> COALESCE(SUM(CASE WHEN e.kind = '` + KindTranche + `' THEN p.amount_minor END), 0)`,
		Detail: func(facility, received, tranches string) string {
			return fmt.Sprintf("facility %s: counts %s received, its tranches credited %s", facility, received, tranches)
		},
	},
	{
		Name:       "facility_commitment",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, f.id, f.received_minor, f.committed_minor
		  FROM facilities f JOIN cooperatives c ON c.id = f.cooperative_id
		 WHERE ? AND f.received_minor > f.committed_minor`,
		Detail: func(facility, received, committed string) string {
			return fmt.Sprintf("facility %s: received %s, beyond its commitment of %s", facility, received, committed)
		},
	},
}
