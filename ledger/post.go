package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/schema"
)

// Post records a balanced entry in a book and moves the balances of its
// accounts, all in one transaction.
//
// Errors: KindInvalid for input that can never post (a bad field, an unknown
// account code, excess fraction digits, an unbalanced entry); KindNotFound
// for an unknown book; KindConflict when a floor-bound account would go
// below its floor, when the entry is dated in a closed period
// (period.closed), or when the idempotency key was used before for a
// different request; KindUnavailable when contention outlasts the retries.
// With an idempotency key already used for the same request, Post returns
// the original entry with Replayed set, and changes nothing.
func (l *Ledger) Post(ctx context.Context, bookID string, in EntryInput) (e Entry, err error) {
	defer Wrap(&err, "Post(%s, %s)", bookID, in.Kind)
	return l.post(ctx, bookID, in, "")
}

// ReversalInput is a request to reverse an entry. A zero EffectiveDate
// means the day the reversal is recorded: the original's period may be
// closed by then, and a correction belongs to the day it is made.
type ReversalInput struct {
	Memo           string
	EffectiveDate  Date
	RecordedBy     string
	IdempotencyKey string
	// DefaultMemo is written when Memo is empty, in the book's language.
	// The request is still the one without a memo (hashed with the
	// ledger's own default, as before), so a retry replays whatever the
	// language is by then.
	DefaultMemo string
}

// Reverse posts the mirror image of an entry (every posting on the other
// side), pointing back at it. An entry is reversed at most once and a
// reversal is never itself reversed: post a new entry instead.
//
// Errors: as Post, and KindNotFound for an unknown entry; KindInvalid
// (entry.reversal_date) when the reversal would be dated before the entry;
// KindConflict when the entry is a reversal or already reversed, or when
// undoing it would put an account below its floor (the money has since
// been withdrawn).
func (l *Ledger) Reverse(ctx context.Context, bookID, entryID string, in ReversalInput) (e Entry, err error) {
	defer Wrap(&err, "Reverse(%s, %s)", bookID, entryID)
	orig, err := l.FindEntryByID(ctx, bookID, entryID)
	if err != nil {
		return Entry{}, err
	}
	if orig.ReversesID != "" {
		return Entry{}, Conflict("entry.reversal_of_reversal",
			"entry #%d is itself a reversal and cannot be reversed; post a new entry instead", orig.Sequence)
	}
	if err := checkReversalDate(orig, in.EffectiveDate, DateOf(l.now().UTC())); err != nil {
		return Entry{}, err
	}
	return l.post(ctx, bookID, reversalOf(orig, in), orig.ID)
}

// ReverseTx reverses an entry inside the caller's transaction, for a
// service that undoes entries together with rows of its own (an amended
// meeting). The caller runs the transaction through InTx. Errors: as
// Reverse; a concurrent reversal of the same entry surfaces as a database
// error, and the retried transaction then answers it.
func (l *Ledger) ReverseTx(ctx context.Context, tx bun.Tx, bookID, entryID string, in ReversalInput) (e Entry, err error) {
	defer Wrap(&err, "ReverseTx(%s, %s)", bookID, entryID)
	orig, err := findEntry(ctx, tx, bookID, entryID)
	if err != nil {
		return Entry{}, err
	}
	if orig.ReversesID != "" {
		return Entry{}, Conflict("entry.reversal_of_reversal",
			"entry #%d is itself a reversal and cannot be reversed; post a new entry instead", orig.Sequence)
	}
	now := l.now().UTC()
	if err := checkReversalDate(orig, in.EffectiveDate, DateOf(now)); err != nil {
		return Entry{}, err
	}
	rev, hash, err := Prepare(bookID, reversalOf(orig, in), now)
	if err != nil {
		return Entry{}, err
	}
	return postTx(ctx, tx, bookID, rev, hash, orig.ID, now)
}

// checkReversalDate refuses a reversal dated before the entry it reverses,
// on the date it would get (today when none is given): a balance as of a
// day between the two would show the undoing without the thing undone.
func checkReversalDate(orig Entry, on, today Date) error {
	if on.IsZero() {
		on = today
	}
	if !on.Before(orig.EffectiveDate) {
		return nil
	}
	return InvalidField("entry.reversal_date", "effective_date",
		"on or after %s, the date of entry #%d it reverses", orig.EffectiveDate, orig.Sequence)
}

// reversalOf builds the entry that undoes orig: the same accounts and
// amounts on the other side, the same kind and metadata (so that reports
// that group by them net the pair out).
func reversalOf(orig Entry, in ReversalInput) EntryInput {
	memo := in.Memo
	if memo == "" {
		memo = fmt.Sprintf("Reversal of entry #%d", orig.Sequence)
	}
	out := EntryInput{
		Kind: orig.Kind, Memo: memo, Metadata: orig.Metadata, EffectiveDate: in.EffectiveDate,
		RecordedBy: in.RecordedBy, IdempotencyKey: in.IdempotencyKey,
	}
	if in.Memo == "" {
		out.ShownMemo = in.DefaultMemo
	}
	for _, p := range orig.Postings {
		side := Debit
		if p.Side == Debit {
			side = Credit
		}
		out.Postings = append(out.Postings, PostingInput{Account: p.AccountCode, Side: side,
			Amount: FromMinor(p.AmountMinor, p.Currency)})
	}
	return out
}

// PostTx posts an entry inside the caller's transaction, for services that
// commit an entry together with rows of their own (a loan's disbursement
// with its schedule). The caller runs the transaction through InTx, so
// contention is retried as a whole. Errors: as Post; a reused idempotency
// key that another transaction commits concurrently surfaces as a database
// error, and the retried transaction then answers it.
func (l *Ledger) PostTx(ctx context.Context, tx bun.Tx, bookID string, in EntryInput) (e Entry, err error) {
	defer Wrap(&err, "PostTx(%s, %s)", bookID, in.Kind)
	now := l.now().UTC()
	in, hash, err := Prepare(bookID, in, now)
	if err != nil {
		return Entry{}, err
	}
	return postTx(ctx, tx, bookID, in, hash, "", now)
}

// Prepare checks an entry's input alone, as Post does before any database
// work, and returns it with its defaults filled and its request hash: for
// a writer of entries in bulk (the test federation) that must store
// exactly what Post would, without a second copy of these rules.
// Errors: KindInvalid, KindNotFound for a book ID that cannot exist.
func Prepare(bookID string, in EntryInput, now time.Time) (EntryInput, string, error) {
	if fields := in.validate(DateOf(now)); len(fields) > 0 {
		return in, "", Invalid("entry.invalid", "the entry is not valid", fields...)
	}
	if !IsID(bookID) {
		return in, "", NotFound("book.not_found", "no such book")
	}
	hash := in.hash() // before the default date, so that a retry tomorrow is the same request
	if in.EffectiveDate.IsZero() {
		in.EffectiveDate = DateOf(now)
	}
	if in.ShownMemo != "" {
		in.Memo, in.ShownMemo = in.ShownMemo, ""
	}
	return in, hash, nil
}

func (l *Ledger) post(ctx context.Context, bookID string, in EntryInput, reversesID string) (Entry, error) {
	now := l.now().UTC()
	in, hash, err := Prepare(bookID, in, now)
	if err != nil {
		return Entry{}, err
	}
	var e Entry
	err = inTx(ctx, l.db, func(tx bun.Tx) error {
		var err error
		e, err = postTx(ctx, tx, bookID, in, hash, reversesID, now)
		return err
	})
	switch {
	case err == nil:
		return e, nil
	case in.IdempotencyKey != "" && IsUniqueViolation(err, "entries_idempotency_key"):
		// A concurrent request with the same key committed first; its
		// transaction and ours were the same request, or a conflict.
		if prior, found, findErr := findEntryByKey(ctx, l.db, bookID, in.IdempotencyKey); findErr == nil && found {
			return replayOf(ctx, l.db, prior, hash)
		}
	case reversesID != "" && IsUniqueViolation(err, "entries_reverses_key"):
		return Entry{}, alreadyReversed()
	}
	return Entry{}, err
}

func alreadyReversed() error {
	return Conflict("entry.already_reversed", "the entry has already been reversed")
}

// postTx does the work of one posting attempt. The order of the steps is
// the lock order: account rows (sorted by ID), then the book's row.
func postTx(ctx context.Context, tx bun.Tx, bookID string, in EntryInput, hash, reversesID string, now time.Time) (Entry, error) {
	locked, err := lockAccounts(ctx, tx, bookID, postingCodes(in.Postings), in.IdempotencyKey, reversesID)
	if err != nil {
		return Entry{}, err
	}
	accounts := locked.accounts
	if len(accounts) == 0 {
		// No account matched: either the book is unknown (not found) or no
		// code is in it (invalid, reported by resolvePostings below). The
		// book is looked up only here, keeping a query off the hot path.
		if _, err := findBookRow(ctx, tx, bookID); err != nil {
			return Entry{}, err
		}
	}
	if locked.earlier {
		if e, answered, err := earlierEntries(ctx, tx, bookID, in.IdempotencyKey, reversesID, hash); answered {
			return e, err
		}
	}
	postings, err := resolvePostings(in.Postings, accounts)
	if err != nil {
		return Entry{}, err
	}
	if err := checkBalanced(postings); err != nil {
		return Entry{}, err
	}
	balances, err := nextBalances(accounts, postings)
	if err != nil {
		// On Postgres the locking statement read the earlier entries as
		// they stood before it waited for the locks: a request that waited
		// for its own retry now sees the entry the retry committed, and
		// answers as its replay, not with a floor error computed from the
		// balances that entry left.
		if e, answered, err := earlierEntries(ctx, tx, bookID, in.IdempotencyKey, reversesID, hash); answered {
			return e, err
		}
		return Entry{}, closedOr(ctx, tx, bookID, in.EffectiveDate, err)
	}
	return appendEntry(ctx, tx, bookID, in, hash, reversesID, accounts, balances, postings, now)
}

// earlierEntries answers a request from the book's earlier entries, read
// afresh: the replay of the entry with the same idempotency key, or the
// refusal of a second reversal. answered is false when neither applies.
func earlierEntries(ctx context.Context, tx bun.Tx, bookID, key, reversesID, hash string) (e Entry, answered bool, err error) {
	if key != "" {
		prior, found, err := findEntryByKey(ctx, tx, bookID, key)
		if err != nil || found {
			if err == nil {
				e, err = replayOf(ctx, tx, prior, hash)
			}
			return e, true, err
		}
	}
	if reversesID != "" {
		n, err := tx.NewSelect().Table("entries").Where("reverses_id = ?", reversesID).Count(ctx)
		if err != nil || n > 0 {
			if err == nil {
				err = alreadyReversed()
			}
			return Entry{}, true, err
		}
	}
	return Entry{}, false, nil
}

// postingCodes returns the distinct account codes of the postings.
func postingCodes(ps []PostingInput) []string {
	seen := map[string]bool{}
	var codes []string
	for _, p := range ps {
		if !seen[p.Account] {
			seen[p.Account] = true
			codes = append(codes, p.Account)
		}
	}
	return codes
}

// resolvePostings turns input postings into postings on known accounts,
// converting each amount through the money door in its account's currency.
func resolvePostings(in []PostingInput, accounts []accountRow) ([]Posting, error) {
	byCode := make(map[string]accountRow, len(accounts))
	for _, a := range accounts {
		byCode[a.Code] = a
	}
	var fields []FieldError
	out := make([]Posting, len(in))
	for i, p := range in {
		a, ok := byCode[p.Account]
		if !ok {
			fields = append(fields, FieldError{Field: fmt.Sprintf("postings[%d].account", i), Reason: "no account %s in this book", Args: []any{p.Account}})
			continue
		}
		cur := a.Currency
		field := fmt.Sprintf("postings[%d].amount", i)
		minor, err := ToMinor(field, p.Amount, cur)
		if err != nil {
			fields = append(fields, AsError(err).Fields...)
			continue
		}
		out[i] = Posting{Line: i, AccountID: a.ID, AccountCode: a.Code, Side: p.Side, AmountMinor: minor, Currency: cur}
	}
	if len(fields) > 0 {
		return nil, Invalid("entry.invalid", "the entry is not valid", fields...)
	}
	return out, nil
}

// nextBalances computes each touched account's balance after the postings,
// refusing any that would cross its floor or its ceiling, or leave int64.
// This is the check before the write, made under the accounts' row locks;
// the floor and ceiling CHECK constraints hold it in the schema and Verify
// confirms it after.
func nextBalances(accounts []accountRow, postings []Posting) (map[string]int64, error) {
	byID := make(map[string]accountRow, len(accounts))
	next := make(map[string]int64, len(accounts))
	for _, a := range accounts {
		byID[a.ID] = a
		next[a.ID] = a.BalanceMinor
	}
	for _, p := range postings {
		a := byID[p.AccountID]
		sum, ok := addMinor(next[a.ID], a.Type.Effect(p.Side, p.AmountMinor))
		if !ok {
			return nil, Conflict("account.balance_range", "account %s would exceed the largest balance the ledger holds", a.Code)
		}
		next[a.ID] = sum
	}
	for _, a := range accounts {
		if a.FloorMinor != nil && next[a.ID] < *a.FloorMinor {
			return nil, limitPassed(a, next[a.ID], *a.FloorMinor, CodeBelowFloor,
				"account %s (%s) holds %s %s; this entry would take it to %s, below its floor of %s")
		}
		if a.CeilingMinor != nil && next[a.ID] > *a.CeilingMinor {
			return nil, limitPassed(a, next[a.ID], *a.CeilingMinor, CodeAboveCeiling,
				"account %s (%s) holds %s %s; this entry would take it to %s, above its ceiling of %s")
		}
	}
	return next, nil
}

// Codes of the conflicts an account's limits raise; services that set a
// limit for a rule of their own answer them in that rule's words.
const (
	CodeBelowFloor   = "account.below_floor"
	CodeAboveCeiling = "account.above_ceiling"
)

// limitPassed is the refusal of a balance beyond an account's floor or
// ceiling; message takes the account's code, name, currency and balance,
// the balance it would have and the limit.
func limitPassed(a accountRow, next, limit int64, code, message string) error {
	cur := a.Currency
	return &Error{Kind: KindConflict, Code: code, Message: message,
		Args: []any{a.Code, a.Name, cur, FormatMinor(a.BalanceMinor, cur), FormatMinor(next, cur), FormatMinor(limit, cur)}}
}

// balanceChange is the SQL that adds each account's change to its stored
// balance, and the IDs of the accounts that change.
func balanceChange(accounts []accountRow, next map[string]int64) (set schema.QueryWithArgs, ids []string) {
	var delta strings.Builder
	var args []any
	for _, a := range accounts {
		if d := next[a.ID] - a.BalanceMinor; d != 0 {
			ids = append(ids, a.ID)
			delta.WriteString(" WHEN ? THEN ?")
			args = append(args, a.ID, d)
		}
	}
	if len(ids) == 0 {
		return bun.SafeQuery("balance_minor = balance_minor"), nil
	}
	return bun.SafeQuery("balance_minor = balance_minor + CASE id"+delta.String()+" END", args...), ids
}

// balanceRead is a balance as the update that changed it returned it.
type balanceRead struct {
	ID      string `bun:"id"`
	Balance int64  `bun:"balance_minor"`
}

// checkBalances compares the balances read back from the update with the
// ones computed under the locks: an increment that lands anywhere but the
// computed balance means a lock was not held, which is a bug, and the
// transaction is abandoned.
func checkBalances(got []balanceRead, ids []string, next map[string]int64) error {
	if len(got) != len(ids) {
		return fmt.Errorf("ledger: %d balances updated, want %d", len(got), len(ids))
	}
	for _, g := range got {
		if g.Balance != next[g.ID] {
			return fmt.Errorf("ledger: balance of %s is %d after the update, want %d: account row was not locked", g.ID, g.Balance, next[g.ID])
		}
	}
	return nil
}

// appendEntry gives the entry the book's next sequence number and its chain
// hash, and writes it with its postings. This is the one point where
// entries of the same book serialise (on the book's row), so it comes last,
// after every account lock: the book is held only from here to the commit.
// ClosePeriodTx takes the same row, so the closed day checked here is the
// one in force when the entry commits, and the chain hash follows the
// book's last entry, since no other entry of the book can commit meanwhile.
func appendEntry(ctx context.Context, tx bun.Tx, bookID string, in EntryInput, hash, reversesID string,
	accounts []accountRow, balances map[string]int64, postings []Posting, now time.Time) (Entry, error) {
	meta := in.Metadata
	if meta == nil {
		meta = map[string]string{}
	}
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return Entry{}, err
	}
	// The microsecond is what both stores keep of a time, and what the
	// chain hashes: truncated here, the time read back hashes the same.
	row := entryRow{
		ID: NewID(), BookID: bookID, Kind: in.Kind, Memo: in.Memo, Metadata: string(metaJSON),
		EffectiveDate: in.EffectiveDate, RecordedAt: now.Truncate(time.Microsecond), RecordedBy: in.RecordedBy, RequestHash: hash,
	}
	if in.IdempotencyKey != "" {
		row.IdempotencyKey = &in.IdempotencyKey
	}
	if reversesID != "" {
		row.ReversesID = &reversesID
	}
	set, changed := balanceChange(accounts, balances)
	var got []balanceRead
	if tx.Dialect().Name() == dialect.PG {
		got, err = appendEntryPG(ctx, tx, &row, set, changed, postings)
	} else {
		got, err = appendEntrySQLite(ctx, tx, &row, set, changed, postings)
	}
	if err == nil {
		err = checkBalances(got, changed, balances)
	}
	if err != nil {
		return Entry{}, err
	}
	return row.entry(postings), nil
}

// appendEntrySQLite moves the balances, takes the next number, hashes the
// entry in Go and writes it. SQLite's writer holds the whole database from
// the start of its transaction, and its statements cost no round trip.
func appendEntrySQLite(ctx context.Context, tx bun.Tx, row *entryRow, set schema.QueryWithArgs, changed []string, postings []Posting) ([]balanceRead, error) {
	var got []balanceRead
	if len(changed) > 0 {
		err := tx.NewUpdate().Table("ledger_accounts").Set(set.Query, set.Args...).
			Where("id IN (?)", bun.List(changed)).Returning("id, balance_minor").Scan(ctx, &got)
		if err != nil {
			return nil, err
		}
	}
	var closedThrough *Date
	var prev *string
	err := tx.NewUpdate().Table("books").
		Set("last_sequence = last_sequence + 1").
		Where("id = ?", row.BookID).
		Returning("last_sequence, closed_through, last_chain_hash").
		Scan(ctx, &row.Sequence, &closedThrough, &prev)
	if err != nil {
		return nil, err
	}
	if err := checkOpen(row.EffectiveDate, closedThrough); err != nil {
		return nil, err
	}
	if prev == nil && row.Sequence > 1 {
		return nil, errUnsealed(row.BookID)
	}
	prevHash := ""
	if prev != nil {
		prevHash = *prev
	}
	row.ChainHash = ChainHash(prevHash, ChainOf(row.entry(postings)))
	if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
		return nil, err
	}
	rows := postingRows(row, postings)
	if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
		return nil, err
	}
	_, err = tx.NewUpdate().Table("books").Set("last_chain_hash = ?", row.ChainHash).Where("id = ?", row.BookID).Exec(ctx)
	return got, err
}

// appendEntryPG does all of it in one statement: the balances of the
// accounts already locked, then the book's row, the entry and its
// postings, so that the book is held for no round trip but the commit's.
// PostgreSQL computes the chain hash itself, from the canonical form Go
// writes around the sequence number (chainBodyAround) and the previous
// hash kept on the book's row: the UPDATE reads both as the last writer
// committed them, even after waiting for its lock. The same form hashed in
// Go is what Verify recomputes, so a difference between the two could not
// go unnoticed. A closed period matches no book row, and then no entry is
// written (the caller's transaction is abandoned with the refusal). A book
// with unsealed entries has no hash to follow: the hash comes out NULL and
// the schema refuses the entry (entries_require_chain).
//
// The answer is one row per changed balance, tagged with the account's ID,
// and one tagged "book" with the entry's number and chain hash.
func appendEntryPG(ctx context.Context, tx bun.Tx, row *entryRow, set schema.QueryWithArgs, changed []string, postings []Posting) ([]balanceRead, error) {
	before, after := chainBodyAround(ChainOf(row.entry(postings)))
	var values strings.Builder
	var valueArgs []any
	for i, p := range postings {
		if i > 0 {
			values.WriteString(", ")
		}
		values.WriteString("(?::int, ?::uuid, ?, ?::bigint)")
		valueArgs = append(valueArgs, p.Line, p.AccountID, p.Side, p.AmountMinor)
	}
	which := bun.SafeQuery("id IN (?)", bun.List(changed))
	if len(changed) == 0 {
		which = bun.SafeQuery("false")
	}
	var answer []struct {
		Tag   string  `bun:"tag"`
		N     int64   `bun:"n"`
		Chain *string `bun:"chain"`
	}
	err := tx.NewRaw(`WITH u AS (
		UPDATE ledger_accounts SET ? WHERE ? RETURNING id, balance_minor
	), b AS (
		UPDATE books SET last_sequence = last_sequence + 1,
		    last_chain_hash = encode(sha256(convert_to(
		        COALESCE(last_chain_hash, CASE WHEN last_sequence = 0 THEN '' END) || chr(10) || ? || (last_sequence + 1) || ?,
		        'UTF8')), 'hex')
		 WHERE id = ? AND (closed_through IS NULL OR closed_through < ?::date)
		RETURNING last_sequence, last_chain_hash
	), e AS (
		INSERT INTO entries (id, book_id, sequence, kind, memo, metadata, effective_date, recorded_at,
		                     recorded_by, idempotency_key, request_hash, reverses_id, chain_hash)
		SELECT ?::uuid, ?::uuid, b.last_sequence, ?, ?, ?, ?::date, ?::timestamptz, ?, ?, ?, ?::uuid, b.last_chain_hash FROM b
		RETURNING id, book_id, sequence, effective_date
	), p AS (
		INSERT INTO postings (entry_id, line, book_id, account_id, side, amount_minor, currency, sequence, effective_date)
		SELECT e.id, v.line, e.book_id, v.account_id, v.side, v.amount_minor, ?, e.sequence, e.effective_date
		  FROM e CROSS JOIN (VALUES `+values.String()+`) AS v (line, account_id, side, amount_minor)
	)
	SELECT 'book' AS tag, last_sequence AS n, last_chain_hash AS chain FROM b
	UNION ALL SELECT id::text, balance_minor, NULL FROM u`,
		append([]any{set, which,
			before, after, row.BookID, row.EffectiveDate,
			row.ID, row.BookID, row.Kind, row.Memo, row.Metadata, row.EffectiveDate, row.RecordedAt,
			row.RecordedBy, row.IdempotencyKey, row.RequestHash, row.ReversesID,
			postings[0].Currency.Code()}, valueArgs...)...).
		Scan(ctx, &answer)
	if err != nil {
		return nil, err
	}
	var got []balanceRead
	appended := false
	for _, a := range answer {
		if a.Tag == "book" && a.Chain != nil {
			row.Sequence, row.ChainHash, appended = a.N, *a.Chain, true
		} else {
			got = append(got, balanceRead{ID: a.Tag, Balance: a.N})
		}
	}
	if !appended {
		// No book row matched: an unknown book, or a closed period.
		book, err := findBookRow(ctx, tx, row.BookID)
		if err != nil {
			return nil, err
		}
		return nil, checkOpen(row.EffectiveDate, book.ClosedThrough)
	}
	return got, nil
}

func postingRows(row *entryRow, postings []Posting) []postingRow {
	rows := make([]postingRow, len(postings))
	for i, p := range postings {
		rows[i] = postingRow{EntryID: row.ID, Line: p.Line, BookID: row.BookID, AccountID: p.AccountID, Side: p.Side,
			AmountMinor: p.AmountMinor, Currency: p.Currency.Code(), Sequence: row.Sequence, EffectiveDate: row.EffectiveDate}
	}
	return rows
}

// errUnsealed refuses an entry after one that has no chain hash.
// SealChains runs after every migration, before the server takes requests;
// an unsealed entry here means it was skipped.
func errUnsealed(bookID string) error {
	return fmt.Errorf("ledger: book %s has entries without a chain hash: run 'lumbung migrate' to seal the history", bookID)
}

func findEntryByKey(ctx context.Context, db bun.IDB, bookID, key string) (entryRow, bool, error) {
	var row entryRow
	err := db.NewSelect().Model(&row).Where("book_id = ? AND idempotency_key = ?", bookID, key).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return row, false, nil
	}
	return row, err == nil, err
}

// replayOf answers a request whose idempotency key is already recorded.
func replayOf(ctx context.Context, db bun.IDB, prior entryRow, hash string) (Entry, error) {
	if prior.RequestHash != hash {
		return Entry{}, Conflict("entry.idempotency_key_reused",
			"this idempotency key was already used for a different entry")
	}
	entries, err := loadEntries(ctx, db, []entryRow{prior})
	if err != nil {
		return Entry{}, err
	}
	entries[0].Replayed = true
	return entries[0], nil
}
