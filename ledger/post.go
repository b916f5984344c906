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
	r := &postRequest{ctx: ctx, bookID: bookID, in: in, hash: hash, reversesID: reversesID, now: now}
	if l.db.Dialect().Name() == dialect.PG {
		return l.postGrouped(r)
	}
	var e Entry
	err = inTx(ctx, l.db, func(tx bun.Tx) error {
		var err error
		e, err = postTx(ctx, tx, bookID, in, hash, reversesID, now)
		return err
	})
	return l.settle(r, e, err)
}

// settle answers a request from the outcome of writing it. A refusal the
// database made while writing is answered as the engine would have
// answered it before: a key a concurrent request committed first is that
// request's replay (or a conflict), a second reversal is refused as such,
// and a period closed meanwhile is named with its day, read now that the
// refused transaction is gone.
func (l *Ledger) settle(r *postRequest, e Entry, err error) (Entry, error) {
	switch {
	case err == nil:
		return e, nil
	case r.in.IdempotencyKey != "" && IsUniqueViolation(err, "entries_idempotency_key"):
		if prior, found, findErr := findEntryByKey(r.ctx, l.db, r.bookID, r.in.IdempotencyKey); findErr == nil && found {
			return replayOf(r.ctx, l.db, prior, r.hash)
		}
	case r.reversesID != "" && IsUniqueViolation(err, "entries_reverses_key"):
		return Entry{}, alreadyReversed()
	case isPGError(err, pgClosedPeriodRefused):
		if book, findErr := findBookRow(r.ctx, l.db, r.bookID); findErr == nil && book.ClosedThrough != nil {
			return Entry{}, errPeriodClosed(*book.ClosedThrough)
		}
	case isPGError(err, pgBalanceNotAsComputed):
		return Entry{}, errBalanceNotAsComputed()
	}
	return Entry{}, err
}

func alreadyReversed() error {
	return Conflict("entry.already_reversed", "the entry has already been reversed")
}

// postTx does the work of one posting attempt. The order of the steps is
// the lock order: account rows (sorted by ID), then the book's row.
func postTx(ctx context.Context, tx bun.IDB, bookID string, in EntryInput, hash, reversesID string, now time.Time) (Entry, error) {
	locked, err := lockAccounts(ctx, tx, bookID, postingCodes(in.Postings), nonEmpty(in.IdempotencyKey), nonEmpty(reversesID))
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
func earlierEntries(ctx context.Context, tx bun.IDB, bookID, key, reversesID, hash string) (e Entry, answered bool, err error) {
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

// appendEntry moves the balances, gives the entry the book's next sequence
// number and its chain hash, and writes it with its postings. The book's
// row is where entries of the same book serialise, so it is taken last,
// after every account lock: the book is held only from here to the commit.
// ClosePeriodTx takes the same row, so the closed day checked here is the
// one in force when the entry commits, and the chain hash follows the
// book's last entry, since no other entry of the book can commit meanwhile.
func appendEntry(ctx context.Context, tx bun.IDB, bookID string, in EntryInput, hash, reversesID string,
	accounts []accountRow, balances map[string]int64, postings []Posting, now time.Time) (Entry, error) {
	row, err := newEntryRow(bookID, in, hash, reversesID, now)
	if err != nil {
		return Entry{}, err
	}
	moves := balanceMoves(accounts, balances)
	if tx.Dialect().Name() == dialect.PG {
		err = appendEntryPG(ctx, tx, &row, moves, postings)
	} else {
		err = appendEntrySQLite(ctx, tx, &row, moves, postings)
	}
	if err != nil {
		return Entry{}, err
	}
	return row.entry(postings), nil
}

// newEntryRow is the row of an entry still to be numbered and chained.
func newEntryRow(bookID string, in EntryInput, hash, reversesID string, now time.Time) (entryRow, error) {
	meta := in.Metadata
	if meta == nil {
		meta = map[string]string{}
	}
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return entryRow{}, err
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
	return row, nil
}

// balanceMove is one account's change of balance and the balance it must
// have after it.
type balanceMove struct {
	accountID string
	delta     int64
	after     int64
}

func balanceMoves(accounts []accountRow, next map[string]int64) []balanceMove {
	var moves []balanceMove
	for _, a := range accounts {
		if d := next[a.ID] - a.BalanceMinor; d != 0 {
			moves = append(moves, balanceMove{accountID: a.ID, delta: d, after: next[a.ID]})
		}
	}
	return moves
}

// moveBalances is the SQL of one UPDATE moving every balance, with the IDs
// it changes.
func moveBalances(moves []balanceMove) (set, which schema.QueryWithArgs) {
	var delta strings.Builder
	var deltaArgs []any
	ids := make([]string, len(moves))
	for i, m := range moves {
		ids[i] = m.accountID
		delta.WriteString(" WHEN ? THEN ?")
		deltaArgs = append(deltaArgs, m.accountID, m.delta)
	}
	return bun.SafeQuery("balance_minor = balance_minor + CASE id"+delta.String()+" END", deltaArgs...),
		bun.SafeQuery("id IN (?)", bun.List(ids))
}

// appendEntrySQLite moves the balances and reads each back, takes the next
// number, hashes the entry in Go and writes it. SQLite's writer holds the
// whole database from the start of its transaction, and its statements
// cost no round trip.
func appendEntrySQLite(ctx context.Context, tx bun.IDB, row *entryRow, moves []balanceMove, postings []Posting) error {
	if len(moves) > 0 {
		set, which := moveBalances(moves)
		var got []struct {
			ID      string `bun:"id"`
			Balance int64  `bun:"balance_minor"`
		}
		err := tx.NewUpdate().Table("ledger_accounts").Set(set.Query, set.Args...).Where(which.Query, which.Args...).
			Returning("id, balance_minor").Scan(ctx, &got)
		if err != nil {
			return err
		}
		after := make(map[string]int64, len(moves))
		for _, m := range moves {
			after[m.accountID] = m.after
		}
		if len(got) != len(moves) {
			return errBalanceNotAsComputed()
		}
		for _, g := range got {
			if g.Balance != after[g.ID] {
				return errBalanceNotAsComputed()
			}
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
		return err
	}
	if err := checkOpen(row.EffectiveDate, closedThrough); err != nil {
		return err
	}
	if prev == nil && row.Sequence > 1 {
		return errUnsealed(row.BookID)
	}
	prevHash := ""
	if prev != nil {
		prevHash = *prev
	}
	row.ChainHash = ChainHash(prevHash, ChainOf(row.entry(postings)))
	if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
		return err
	}
	rows := postingRows(row, postings)
	if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
		return err
	}
	_, err = tx.NewUpdate().Table("books").Set("last_chain_hash = ?", row.ChainHash).Where("id = ?", row.BookID).Exec(ctx)
	return err
}

// errBalanceNotAsComputed abandons an entry whose balances did not land
// where the computation under the accounts' locks put them: a lock was not
// held, which is a bug.
func errBalanceNotAsComputed() error {
	return errors.New("ledger: a balance is not the one computed under its lock after the update: account row was not locked")
}

// appendEntryPG does all of it in one statement (pgAppend), within the
// caller's transaction. A closed period matches no book row: nothing is
// written, and the refusal is answered here with the closed day.
func appendEntryPG(ctx context.Context, tx bun.IDB, row *entryRow, moves []balanceMove, postings []Posting) error {
	var sequence *int64
	var chainHash *string
	var guard *bool
	err := tx.NewRaw(pgAppend(len(moves), len(postings)).sql, pgAppendArgs(row, moves, postings, false)...).Scan(ctx, &sequence, &chainHash, &guard)
	switch {
	case isPGError(err, pgBalanceNotAsComputed):
		return errBalanceNotAsComputed()
	case err != nil:
		return err
	case sequence == nil:
		// No book row matched: an unknown book, or a closed period.
		book, err := findBookRow(ctx, tx, row.BookID)
		if err != nil {
			return err
		}
		return checkOpen(row.EffectiveDate, book.ClosedThrough)
	}
	row.Sequence, row.ChainHash = *sequence, *chainHash
	return nil
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

func errKeyReused() error {
	return Conflict("entry.idempotency_key_reused", "this idempotency key was already used for a different entry")
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
		return Entry{}, errKeyReused()
	}
	entries, err := loadEntries(ctx, db, []entryRow{prior})
	if err != nil {
		return Entry{}, err
	}
	entries[0].Replayed = true
	return entries[0], nil
}
