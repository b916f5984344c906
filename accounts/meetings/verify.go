package meetings

import (
	"fmt"

	"github.com/lumbung/lumbung/ledger"
)

// Checks are the meeting rules lumbung verify checks after the fact. A
// meeting is read back from its payment rows, so each row must name an
// entry the books still hold (an amendment reverses the old entries and
// deletes their rows in one transaction) and move exactly the amount the
// row says was paid.
var Checks = []ledger.Check{
	{
		Name:       "meeting_payment_reversed",
		BookColumn: "e.book_id",
		Query: `SELECT e.book_id, mp.meeting_id, e.id, ''
		  FROM meeting_payments mp JOIN entries e ON e.id = mp.entry_id
		  JOIN entries r ON r.reverses_id = e.id
		 WHERE ?`,
		Detail: func(meeting, entry, _ string) string {
			return fmt.Sprintf("meeting %s: a payment names entry %s, which has been reversed", meeting, entry)
		},
	},
	{
		Name:       "meeting_payment_amount",
		BookColumn: "e.book_id",
		Query: `SELECT e.book_id, e.id, mp.amount_minor, SUM(p.amount_minor)
		  FROM meeting_payments mp JOIN entries e ON e.id = mp.entry_id
		  JOIN postings p ON p.entry_id = e.id AND p.side = 'debit'
		 WHERE ? GROUP BY e.book_id, e.id, mp.amount_minor
		HAVING SUM(p.amount_minor) <> mp.amount_minor`,
		Detail: func(entry, paid, posted string) string {
			return fmt.Sprintf("entry %s: the meeting sheet says %s was paid, the entry moves %s", entry, paid, posted)
		},
	},
}
