package meetings

import (
	"fmt"

	"github.com/lumbung/lumbung/accounts"
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
	{
		Name:       "cover_debt_receivable",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, a.balance_minor, ` + coversOwed("") + `, ''
		  FROM cooperatives c JOIN ledger_accounts a ON a.book_id = c.book_id AND a.code = '` + accounts.CodeCoverReceivable + `'
		 WHERE ? AND a.balance_minor <> ` + coversOwed(""),
		Detail: func(balance, owed, _ string) string {
			return fmt.Sprintf("the cover receivable holds %s; the covers still owed sum to %s", balance, owed)
		},
	},
	{
		Name:       "cover_debt_to_members",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, a.balance_minor, ` + coversOwed(accounts.CoverDebtToMember) + `, ''
		  FROM cooperatives c JOIN ledger_accounts a ON a.book_id = c.book_id AND a.code = '` + accounts.CodeCoverPayable + `'
		 WHERE ? AND a.balance_minor <> ` + coversOwed(accounts.CoverDebtToMember),
		Detail: func(balance, owed, _ string) string {
			return fmt.Sprintf("the covers owed to members hold %s; the covers still owed to co-members sum to %s", balance, owed)
		},
	},
	{
		Name:       "cover_settled",
		BookColumn: "c.book_id",
		Query: `SELECT c.book_id, lc.id, lc.settled_minor, COALESCE(SUM(cs.amount_minor), 0)
		  FROM loan_covers lc JOIN loans l ON l.id = lc.loan_id JOIN cooperatives c ON c.id = l.cooperative_id
		  LEFT JOIN cover_settlements cs ON cs.cover_id = lc.id
		 WHERE ? GROUP BY c.book_id, lc.id, lc.settled_minor
		HAVING lc.settled_minor <> COALESCE(SUM(cs.amount_minor), 0)`,
		Detail: func(cover, settled, repaid string) string {
			return fmt.Sprintf("cover %s: %s is marked repaid, its repayments sum to %s", cover, settled, repaid)
		},
	},
}

// coversOwed is the SQL sum of what the covered members of cooperative c
// still owe of their covers, to anyone or to whom debtTo names.
func coversOwed(debtTo string) string {
	to := "lc.debt_to IS NOT NULL"
	if debtTo != "" {
		to = "lc.debt_to = '" + debtTo + "'"
	}
	return `COALESCE((SELECT SUM(lc.amount_minor - lc.settled_minor) FROM loan_covers lc JOIN loans l ON l.id = lc.loan_id
		 WHERE l.cooperative_id = c.id AND ` + to + `), 0)`
}
