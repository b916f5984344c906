package accounts

import (
	"fmt"

	"github.com/lumbung/lumbung/ledger"
)

// Checks are the root's rules lumbung verify checks after the fact, beside
// the ledger's own invariants and those of the services (capital.Checks,
// lending.Checks): each "never beyond" rule that is checked before the
// write under a lock, and held by the schema where it can be, is confirmed
// against the postings. Pokok's amount is the ceiling of each member's
// pokok account, which the ledger's "ceiling" check confirms;
// pokok_ceiling confirms that each ceiling is the cooperative's amount.
var Checks = []ledger.Check{
	{
		Name:       "pokok_ceiling",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, a.code, COALESCE(a.ceiling_minor, -1), c.pokok_minor
		  FROM ledger_accounts a JOIN cooperatives c ON c.book_id = a.book_id
		 WHERE ? AND a.owner_kind = '` + OwnerMember + `' AND a.code LIKE '` + pokokCodePrefix + `%'
		   AND COALESCE(a.ceiling_minor, 0) <> c.pokok_minor`,
		Detail: func(code, ceiling, pokok string) string {
			return fmt.Sprintf("account %s: its ceiling is %s (-1: none), the cooperative's pokok %s (0: none)", code, ceiling, pokok)
		},
	},
}
