package accounts

import (
	"fmt"

	"github.com/lumbung/lumbung/ledger"
)

// Checks are the cooperative rules lumbung verify checks after the fact,
// beside the ledger's own invariants: each "never beyond" rule that is
// checked before the write under a lock, and held by the schema where it
// can be, is confirmed here against the postings. Pokok's amount is the
// ceiling of each member's pokok account, which the ledger's "ceiling"
// check confirms; pokok_ceiling confirms that each ceiling is the
// cooperative's amount.
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
	{
		Name:       "facility_lending",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, f.id, f.received_minor, SUM(a.balance_minor)
		  FROM facilities f JOIN cooperatives c ON c.id = f.cooperative_id
		  JOIN loans l ON l.facility_id = f.id AND l.status = '` + LoanDisbursed + `'
		  JOIN ledger_accounts a ON a.book_id = c.book_id AND a.owner_kind = '` + OwnerLoan + `'
		       AND a.owner_id = CAST(l.id AS TEXT) AND a.code LIKE '` + CodeLoansReceivable + `.%'
		 WHERE ? GROUP BY c.book_id, f.id, f.received_minor
		HAVING SUM(a.balance_minor) > f.received_minor`,
		Detail: func(facility, received, outstanding string) string {
			return fmt.Sprintf("facility %s: its loans owe %s of principal, more than the %s it received", facility, outstanding, received)
		},
	},
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
