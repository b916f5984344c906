package ledger

// The posting path's two PostgreSQL statements: the one that locks an
// entry's accounts and the one that appends it. Their text is fixed and
// what changes is sent as parameters. The batch writer (batch.go) prepares
// the append once per connection and then sends only EXECUTE with the
// values, still on the simple protocol bun's SQL uses, so PostgreSQL parses
// and plans it once per connection rather than on every entry: planning
// alone took about a third of its time. A service's own transaction
// (PostTx) sends the same texts with the values written in, through bun,
// which cannot reach its connection.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgStatement is a statement written with bun's ? placeholders, each cast
// to its type so that PostgreSQL can prepare it without seeing the values.
type pgStatement struct {
	name     string // of the prepared statement on each connection; empty: sent as text
	sql      string
	numbered string // sql with $1, $2, ... for bun's ?
	run      string // what the batch writer sends, with $n for pgx to fill in
}

// newPGStatement writes the statement's forms once: the batch writer
// sends them for every entry.
func newPGStatement(name, sql string) pgStatement {
	n := numbered(sql)
	s := pgStatement{name: name, sql: sql, numbered: n, run: n}
	if name != "" {
		params := make([]string, strings.Count(sql, "?"))
		for i := range params {
			params[i] = "$" + strconv.Itoa(i+1)
		}
		s.run = "EXECUTE " + name + "(" + strings.Join(params, ", ") + ")"
	}
	return s
}

// prepare makes the statement known to the connection. pgx remembers what
// it has prepared on each connection: after the first time this costs no
// round trip.
func (s pgStatement) prepare(ctx context.Context, c *pgx.Conn) error {
	if s.name == "" {
		return nil
	}
	_, err := c.Prepare(ctx, s.name, s.numbered)
	return err
}

// numbered turns bun's ? placeholders into PostgreSQL's $1, $2, ...: the
// statements here hold no other question mark.
func numbered(sql string) string {
	var b strings.Builder
	n := 0
	for _, r := range sql {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}

// pgLock selects a book's accounts with the given codes for update,
// ordered by ID (see lockAccounts), with whether an entry of the book has
// one of the given idempotency keys or reverses one of the given entries,
// and the day the book is closed through. Those two are asked of the book
// rather than of each account's row, so that PostgreSQL asks them once
// (a batch locks dozens of accounts for dozens of keys). A reversal is
// looked up by what it reverses alone: that is unique across books
// (entries_reverses_key), and naming the book too led PostgreSQL to read
// every entry of the book to intersect the two. Its values: pgLockArgs.
//
// It is not prepared: its lists change length from batch to batch, and a
// prepared statement's plan is made for lists of unknown length. After a
// burst of large batches PostgreSQL chose that plan, which reads every
// account of the book with each row version a busy account left, and a
// single client then posted at a quarter of the ceiling. Sent with its
// values, it is planned for them (a fraction of a millisecond per batch).
var pgLock = newPGStatement("", `SELECT a.id, a.book_id, a.code, a.name, a.type, a.currency,
       a.floor_minor, a.ceiling_minor, a.balance_minor,
       EXISTS (SELECT 1 FROM entries e WHERE e.book_id = ?::uuid AND e.idempotency_key = ANY (?::text[]))
    OR EXISTS (SELECT 1 FROM entries e WHERE e.reverses_id = ANY (?::uuid[])) AS earlier,
       (SELECT b.closed_through FROM books b WHERE b.id = ?::uuid) AS closed_through
  FROM ledger_accounts AS a
 WHERE a.book_id = ?::uuid AND a.code = ANY (?::text[])
 ORDER BY a.id
   FOR UPDATE OF a`)

func pgLockArgs(bookID string, codes, keys, reversed []string) []any {
	return []any{bookID, pgTextArray(keys), pgTextArray(reversed), bookID, bookID, pgTextArray(codes)}
}

// pgAppend is the statement appending an entry whose accounts are already
// locked, for an entry moving moves balances with postings postings: it
// moves the balances, then takes the book's row, and writes the entry and
// its postings, so that the book is held for no round trip but the
// commit's. Its answer is the entry's number and chain hash (NULL when no
// book row matched). Its values: pgAppendArgs.
//
// The balances and postings are written as lists of values rather than
// arrays so that the plan PostgreSQL keeps for the statement knows how
// many rows each holds: told "an array", it guesses ten, and may then
// scan the accounts rather than look each one up. One statement is kept
// per shape up to pgAppendShapesMax of each (a connection keeps at most
// that many squared); a larger entry is sent as text.
//
// PostgreSQL computes the chain hash itself, from the canonical form Go
// writes around the sequence number (chainBodyAround) and the previous
// hash kept on the book's row: the UPDATE reads both as the last writer
// committed them, even after waiting for its lock. The same form hashed in
// Go is what Verify recomputes, so a difference between the two could not
// go unnoticed. A book with unsealed entries has no hash to follow: the
// hash comes out NULL and the schema refuses the entry
// (entries_require_chain).
//
// A balance read back other than computed fails the statement
// (ledger_refuse_entry, LB004). When its last value is true, a closed
// period fails it too (LB002) rather than write nothing: the batch writer
// sends it with others and the COMMIT in one message, where the COMMIT
// must never run after a refusal.
func pgAppend(moves, postings int) pgStatement {
	if moves <= pgAppendShapesMax && postings <= pgAppendShapesMax {
		return pgAppendShapes[moves][postings]
	}
	return newPGStatement("", pgAppendShape(moves, postings))
}

const pgAppendShapesMax = 6

var pgAppendShapes = func() (shapes [pgAppendShapesMax + 1][pgAppendShapesMax + 1]pgStatement) {
	for m := range shapes {
		for p := range shapes[m] {
			shapes[m][p] = newPGStatement(fmt.Sprintf("ledger_append_entry_%d_%d", m, p), pgAppendShape(m, p))
		}
	}
	return shapes
}()

// pgAppendShape is pgAppend's text.
func pgAppendShape(moves, postings int) string {
	balances := "UPDATE ledger_accounts SET balance_minor = balance_minor WHERE false RETURNING balance_minor, 0 AS after"
	if moves > 0 {
		when := strings.Repeat(" WHEN ?::uuid THEN ?::bigint", moves)
		balances = "UPDATE ledger_accounts SET balance_minor = balance_minor + CASE id" + when + " END" +
			" WHERE id IN (" + strings.TrimSuffix(strings.Repeat("?::uuid, ", moves), ", ") + ")" +
			" RETURNING balance_minor, CASE id" + when + " END AS after"
	}
	lines := strings.TrimSuffix(strings.Repeat("(?::int, ?::uuid, ?::text, ?::bigint), ", postings), ", ")
	return `WITH u AS (
	` + balances + `
), b AS (
	UPDATE books SET last_sequence = last_sequence + 1,
	    last_chain_hash = encode(sha256(convert_to(
	        COALESCE(last_chain_hash, CASE WHEN last_sequence = 0 THEN '' END) || chr(10) || ?::text || (last_sequence + 1) || ?::text,
	        'UTF8')), 'hex')
	 WHERE id = ?::uuid AND (closed_through IS NULL OR closed_through < ?::date)
	   AND CASE WHEN (SELECT count(*) FROM u) <> ` + strconv.Itoa(moves) + ` OR EXISTS (SELECT 1 FROM u WHERE balance_minor <> after)
	       THEN ledger_refuse_entry('` + pgBalanceNotAsComputed + `', 'a balance is not the one computed under its lock: account row was not locked')
	       ELSE true END
	RETURNING id, last_sequence, last_chain_hash
), e AS (
	INSERT INTO entries (id, book_id, sequence, kind, memo, metadata, effective_date, recorded_at,
	                     recorded_by, idempotency_key, request_hash, reverses_id, chain_hash)
	SELECT ?::uuid, b.id, b.last_sequence, ?::text, ?::text, ?::text, ?::date, ?::timestamptz,
	       ?::text, ?::text, ?::text, ?::uuid, b.last_chain_hash FROM b
	RETURNING id, book_id, sequence, effective_date
), p AS (
	INSERT INTO postings (entry_id, line, book_id, account_id, side, amount_minor, currency, sequence, effective_date)
	SELECT e.id, v.line, e.book_id, v.account_id, v.side, v.amount_minor, ?::text, e.sequence, e.effective_date
	  FROM e CROSS JOIN (VALUES ` + lines + `) AS v (line, account_id, side, amount_minor)
)
SELECT (SELECT last_sequence FROM b), (SELECT last_chain_hash FROM b),
       CASE WHEN ?::boolean AND NOT EXISTS (SELECT 1 FROM b)
            THEN ledger_refuse_entry('` + pgClosedPeriodRefused + `', 'the books are closed for the entry''s day') END`
}

func pgAppendArgs(row *entryRow, moves []balanceMove, postings []Posting, refuseClosed bool) []any {
	before, after := chainBodyAround(ChainOf(row.entry(postings)))
	day := row.EffectiveDate.String()
	args := make([]any, 0, 5*len(moves)+4*len(postings)+17)
	for _, m := range moves {
		args = append(args, m.accountID, m.delta)
	}
	for _, m := range moves {
		args = append(args, m.accountID)
	}
	for _, m := range moves {
		args = append(args, m.accountID, m.after)
	}
	args = append(args, before, after, row.BookID, day,
		row.ID, row.Kind, row.Memo, row.Metadata, day, row.RecordedAt.UTC().Format(time.RFC3339Nano),
		row.RecordedBy, orNull(row.IdempotencyKey), row.RequestHash, orNull(row.ReversesID),
		postings[0].Currency.Code())
	for _, p := range postings {
		args = append(args, int64(p.Line), p.AccountID, string(p.Side), p.AmountMinor)
	}
	return append(args, refuseClosed)
}

// pgTextArray writes values as a PostgreSQL array literal, each element
// quoted, for a parameter cast to text[] or uuid[].
func pgTextArray(values []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for _, r := range v {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// orNull is the string, or SQL NULL for none.
func orNull(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
