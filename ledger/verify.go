package ledger

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// Violation is one broken invariant found by Verify.
type Violation struct {
	Check  string // which invariant: see the checks in Verify
	BookID string
	Detail string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: book %s: %s", v.Check, v.BookID, v.Detail)
}

// VerifyScope limits Verify to one book; the zero value verifies all.
type VerifyScope struct {
	BookID string
}

// verifyViolationsMax bounds what one check reports: a thousand copies of
// the same breakage say nothing the first hundred do not.
const verifyViolationsMax = 100

// Check is one invariant: a query that returns the offending rows as
// (book ID, three values) and runs unchanged on both dialects. "?" stands
// for the book filter on BookColumn. The detail sentence is built in Go, so
// no dialect's string concatenation or casts are needed. Services add
// checks of their own rules to Verify's.
type Check struct {
	Name       string
	BookColumn string
	Query      string
	Detail     func(a, b, c string) string
}

// checks are the engine's own invariants.
var checks = []Check{
	{
		Name:       "entry_balances",
		BookColumn: "p.book_id",
		Query: `SELECT p.book_id, p.entry_id, p.currency,
		       SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END)
		  FROM postings p WHERE ?
		 GROUP BY p.book_id, p.entry_id, p.currency
		HAVING SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END) <> 0`,
		Detail: func(entry, cur, net string) string {
			return fmt.Sprintf("entry %s: debits minus credits in %s is %s, not 0", entry, cur, net)
		},
	},
	{
		Name:       "entry_postings",
		BookColumn: "e.book_id",
		Query: `SELECT e.book_id, e.id, COUNT(p.line), ''
		  FROM entries e LEFT JOIN postings p ON p.entry_id = e.id
		 WHERE ? GROUP BY e.book_id, e.id HAVING COUNT(p.line) < 2`,
		Detail: func(entry, n, _ string) string {
			return fmt.Sprintf("entry %s has %s postings, fewer than 2", entry, n)
		},
	},
	{
		Name:       "posting_account",
		BookColumn: "p.book_id",
		Query: `SELECT p.book_id, p.entry_id, a.code, ''
		  FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
		 WHERE ? AND (a.book_id <> p.book_id OR a.currency <> p.currency)`,
		Detail: func(entry, code, _ string) string {
			return fmt.Sprintf("entry %s posts to account %s of another book or currency", entry, code)
		},
	},
	{
		// CreateAccount refuses such an account; one found here was written
		// behind the engine's back, and every sum of the book's balances
		// would add its minor units in at face value.
		Name:       "account_currency",
		BookColumn: "a.book_id",
		Query: `SELECT a.book_id, a.code, a.currency, b.currency
		  FROM ledger_accounts a JOIN books b ON b.id = a.book_id
		 WHERE ? AND a.currency <> b.currency`,
		Detail: func(code, cur, bookCur string) string {
			return fmt.Sprintf("account %s is kept in %s, not in the book's %s", code, cur, bookCur)
		},
	},
	{
		Name:       "balance_equals_postings",
		BookColumn: "a.book_id",
		Query: `SELECT a.book_id, a.code, a.balance_minor,
		       COALESCE(SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END), 0)
		       * CASE WHEN a.type IN ('asset', 'expense') THEN 1 ELSE -1 END
		  FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
		 WHERE ? GROUP BY a.book_id, a.id, a.code, a.type, a.balance_minor
		HAVING a.balance_minor <> COALESCE(SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END), 0)
		       * CASE WHEN a.type IN ('asset', 'expense') THEN 1 ELSE -1 END`,
		Detail: func(code, stored, summed string) string {
			return fmt.Sprintf("account %s: stored balance %s, sum of postings %s", code, stored, summed)
		},
	},
	{
		Name:       "trial_balance_zero",
		BookColumn: "a.book_id",
		Query: `SELECT a.book_id, a.currency,
		       SUM(CASE WHEN a.type IN ('asset', 'expense') THEN a.balance_minor ELSE -a.balance_minor END), ''
		  FROM ledger_accounts a WHERE ? GROUP BY a.book_id, a.currency
		HAVING SUM(CASE WHEN a.type IN ('asset', 'expense') THEN a.balance_minor ELSE -a.balance_minor END) <> 0`,
		Detail: func(cur, net, _ string) string {
			return fmt.Sprintf("trial balance in %s is off by %s", cur, net)
		},
	},
	{
		Name:       "floor",
		BookColumn: "a.book_id",
		Query: `SELECT a.book_id, a.code, a.balance_minor, a.floor_minor
		  FROM ledger_accounts a WHERE ? AND a.floor_minor IS NOT NULL AND a.balance_minor < a.floor_minor`,
		Detail: func(code, balance, floor string) string {
			return fmt.Sprintf("account %s: balance %s is below its floor %s", code, balance, floor)
		},
	},
	{
		Name:       "ceiling",
		BookColumn: "a.book_id",
		Query: `SELECT a.book_id, a.code, a.balance_minor, a.ceiling_minor
		  FROM ledger_accounts a WHERE ? AND a.ceiling_minor IS NOT NULL AND a.balance_minor > a.ceiling_minor`,
		Detail: func(code, balance, ceiling string) string {
			return fmt.Sprintf("account %s: balance %s is above its ceiling %s", code, balance, ceiling)
		},
	},
	{
		Name:       "sequence_gapless",
		BookColumn: "b.id",
		Query: `SELECT b.id, b.last_sequence, COUNT(e.id), COALESCE(MAX(e.sequence), 0)
		  FROM books b LEFT JOIN entries e ON e.book_id = b.id
		 WHERE ? GROUP BY b.id, b.last_sequence
		HAVING COUNT(e.id) <> COALESCE(MAX(e.sequence), 0) OR b.last_sequence <> COUNT(e.id)`,
		Detail: func(last, count, max string) string {
			return fmt.Sprintf("sequence: %s entries, highest number %s, book counter %s", count, max, last)
		},
	},
}

// Verify checks the ledger's invariants (the SQL checks above, then each
// book's hash chain, recomputed in Go: check entry_chain; then every signed
// checkpoint against the journal: check checkpoint), and the extra checks of the
// services, over the database (or one book) and returns every violation
// found, at most verifyViolationsMax per check. An error means the checks
// could not run, not that the ledger is unsound.
func Verify(ctx context.Context, db bun.IDB, scope VerifyScope, extra ...Check) (vs []Violation, err error) {
	defer Wrap(&err, "Verify(%q)", scope.BookID)
	if scope.BookID != "" && !IsID(scope.BookID) {
		return nil, NotFound("book.not_found", "no such book")
	}
	for _, c := range append(checks[:len(checks):len(checks)], extra...) {
		filter := bun.SafeQuery("1 = 1")
		if scope.BookID != "" {
			filter = bun.SafeQuery(c.BookColumn+" = ?", scope.BookID)
		}
		found, err := runCheck(ctx, db, c.Query, filter)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		for _, f := range found {
			vs = append(vs, Violation{Check: c.Name, BookID: f[0], Detail: c.Detail(f[1], f[2], f[3])})
		}
	}
	broken, err := verifyChains(ctx, db, scope)
	if err != nil {
		return nil, fmt.Errorf("entry_chain: %w", err)
	}
	unsound, err := verifyCheckpoints(ctx, db, scope)
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	return append(append(vs, broken...), unsound...), nil
}

func runCheck(ctx context.Context, db bun.IDB, query string, filter schema.QueryWithArgs) ([][4]string, error) {
	rows, err := db.QueryContext(ctx, fmt.Sprintf("%s LIMIT %d", query, verifyViolationsMax), filter)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found [][4]string
	for rows.Next() {
		var f [4]string
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3]); err != nil {
			return nil, err
		}
		found = append(found, f)
	}
	return found, rows.Err()
}
