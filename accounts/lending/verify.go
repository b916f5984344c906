package lending

import (
	"fmt"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Checks are the lending rules lumbung verify checks after the fact: the
// principal a facility's loans still owe is no more than it received
// (checked before each disbursement under the facility's row lock).
var Checks = []ledger.Check{
	{
		Name:       "facility_lending",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, f.id, f.received_minor, SUM(a.balance_minor)
		  FROM facilities f JOIN cooperatives c ON c.id = f.cooperative_id
		  JOIN loans l ON l.facility_id = f.id AND l.status = '` + LoanDisbursed + `'
		  JOIN ledger_accounts a ON a.book_id = c.book_id AND a.owner_kind = '` + OwnerLoan + `'
		       AND a.owner_id = CAST(l.id AS TEXT) AND a.code LIKE '` + accounts.CodeLoansReceivable + `.%'
		 WHERE ? GROUP BY c.book_id, f.id, f.received_minor
		HAVING SUM(a.balance_minor) > f.received_minor`,
		Detail: func(facility, received, outstanding string) string {
			return fmt.Sprintf("facility %s: its loans owe %s of principal, more than the %s it received", facility, outstanding, received)
		},
	},
	{
		Name:       "share_payment_amount",
		BookColumn: "e.book_id",
		Query: `SELECT e.book_id, e.id, sp.amount_minor, SUM(p.amount_minor)
		  FROM loan_share_payments sp JOIN entries e ON e.id = sp.entry_id
		  JOIN postings p ON p.entry_id = e.id AND p.side = 'debit'
		 WHERE ? GROUP BY e.book_id, e.id, sp.amount_minor
		HAVING SUM(p.amount_minor) <> sp.amount_minor`,
		Detail: func(entry, paid, posted string) string {
			return fmt.Sprintf("entry %s: its share payment says %s was paid, the entry moves %s", entry, paid, posted)
		},
	},
	{
		Name:       "share_payment_reversed",
		BookColumn: "e.book_id",
		Query: `SELECT e.book_id, sp.loan_id, e.id, ''
		  FROM loan_share_payments sp JOIN entries e ON e.id = sp.entry_id
		  JOIN entries r ON r.reverses_id = e.id
		 WHERE ?`,
		Detail: func(loan, entry, _ string) string {
			return fmt.Sprintf("loan %s: a share payment names entry %s, which has been reversed", loan, entry)
		},
	},
}
