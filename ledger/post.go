package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
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
// the lock order: account rows (sorted by ID), then the book's sequence.
func postTx(ctx context.Context, tx bun.Tx, bookID string, in EntryInput, hash, reversesID string, now time.Time) (Entry, error) {
	accounts, err := lockAccounts(ctx, tx, bookID, postingCodes(in.Postings))
	if err != nil {
		return Entry{}, err
	}
	if len(accounts) == 0 {
		// No account matched: either the book is unknown (not found) or no
		// code is in it (invalid, reported by resolvePostings below). The
		// book is looked up only here, keeping a query off the hot path.
		if _, err := findBookRow(ctx, tx, bookID); err != nil {
			return Entry{}, err
		}
	}
	// The checks against earlier entries come after the locks: on Postgres
	// each statement sees what committed before it began, so a request that
	// waited for a lock now sees the entry its rival just committed (the
	// same key, the same reversal) and answers as a replay or a conflict,
	// not with a misleading floor error computed from the rival's balances.
	if in.IdempotencyKey != "" {
		prior, found, err := findEntryByKey(ctx, tx, bookID, in.IdempotencyKey)
		if err != nil {
			return Entry{}, err
		}
		if found {
			return replayOf(ctx, tx, prior, hash)
		}
	}
	if reversesID != "" {
		n, err := tx.NewSelect().Table("entries").Where("reverses_id = ?", reversesID).Count(ctx)
		if err != nil {
			return Entry{}, err
		}
		if n > 0 {
			return Entry{}, alreadyReversed()
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
		return Entry{}, closedOr(ctx, tx, bookID, in.EffectiveDate, err)
	}
	if err := updateBalances(ctx, tx, accounts, balances); err != nil {
		return Entry{}, err
	}
	// The closed-period check rides on the sequence UPDATE ... RETURNING
	// every entry already makes, under the lock ClosePeriodTx also takes:
	// no extra query, no extra lock, and no close can slip in between.
	seq, closedThrough, prevHash, err := lockBookSequence(ctx, tx, bookID)
	if err != nil {
		return Entry{}, err
	}
	if err := checkOpen(in.EffectiveDate, closedThrough); err != nil {
		return Entry{}, err
	}
	prev := ""
	if prevHash != nil {
		prev = *prevHash
	} else if seq > 1 {
		if prev, err = previousChainHash(ctx, tx, bookID, seq); err != nil {
			return Entry{}, err
		}
	}
	return insertEntry(ctx, tx, bookID, seq, prev, in, hash, reversesID, postings, now)
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

// updateBalances writes the new balances as increments and reads each back:
// an increment that lands anywhere but the computed balance means a lock
// was not held, which is a bug, and the transaction is abandoned.
func updateBalances(ctx context.Context, tx bun.Tx, accounts []accountRow, next map[string]int64) error {
	for _, a := range accounts {
		delta := next[a.ID] - a.BalanceMinor
		if delta == 0 {
			continue
		}
		var got int64
		err := tx.NewUpdate().Table("ledger_accounts").
			Set("balance_minor = balance_minor + ?", delta).
			Where("id = ?", a.ID).
			Returning("balance_minor").
			Scan(ctx, &got)
		if err != nil {
			return err
		}
		if got != next[a.ID] {
			return fmt.Errorf("ledger: balance of %s is %d after the update, want %d: account row was not locked", a.ID, got, next[a.ID])
		}
	}
	return nil
}

// insertEntry writes the entry and its postings with the entry's chain hash,
// which follows prevHash (chain.go).
func insertEntry(ctx context.Context, tx bun.Tx, bookID string, seq int64, prevHash string, in EntryInput, hash, reversesID string, postings []Posting, now time.Time) (Entry, error) {
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
		ID: NewID(), BookID: bookID, Sequence: seq, Kind: in.Kind, Memo: in.Memo, Metadata: string(metaJSON),
		EffectiveDate: in.EffectiveDate, RecordedAt: now.Truncate(time.Microsecond), RecordedBy: in.RecordedBy, RequestHash: hash,
	}
	if in.IdempotencyKey != "" {
		row.IdempotencyKey = &in.IdempotencyKey
	}
	if reversesID != "" {
		row.ReversesID = &reversesID
	}
	row.ChainHash = ChainHash(prevHash, ChainOf(row.entry(postings)))
	// RETURNING NULL: without it bun asks for the nullable columns back,
	// which costs the driver a prepare round-trip while the book's sequence
	// lock is held.
	if _, err := tx.NewInsert().Model(&row).Returning("NULL").Exec(ctx); err != nil {
		return Entry{}, err
	}
	rows := make([]postingRow, len(postings))
	for i, p := range postings {
		rows[i] = postingRow{EntryID: row.ID, Line: p.Line, BookID: bookID, AccountID: p.AccountID, Side: p.Side,
			AmountMinor: p.AmountMinor, Currency: p.Currency.Code(), Sequence: seq, EffectiveDate: in.EffectiveDate}
	}
	if _, err := tx.NewInsert().Model(&rows).Returning("NULL").Exec(ctx); err != nil {
		return Entry{}, err
	}
	return row.entry(postings), nil
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

// previousChainHash reads the chain hash of the entry before seq when the
// sequence statement saw none. On Postgres that statement reads entries
// with the snapshot it began with: when it waited for the book's lock, the
// entry whose commit released the lock is newer than that snapshot, though
// committed. A new statement sees it. (SQLite's writer holds the database
// from the start of its transaction and never waits here.)
func previousChainHash(ctx context.Context, tx bun.Tx, bookID string, seq int64) (string, error) {
	var prev *string
	err := tx.NewSelect().Table("entries").Column("chain_hash").
		Where("book_id = ? AND sequence = ?", bookID, seq-1).Scan(ctx, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if prev == nil {
		// SealChains runs after every migration, before the server takes
		// requests; an unsealed entry here means it was skipped.
		return "", fmt.Errorf("ledger: entry #%d of book %s has no chain hash: run 'lumbung migrate' to seal the history", seq-1, bookID)
	}
	return *prev, nil
}
