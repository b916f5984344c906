package ledger

// Group commit on PostgreSQL: entries posted at the same time are written
// together, in one transaction with one commit, whether of one book or of
// several. Every entry of a book takes the book's row to get its number,
// and holds it to the commit, so a book writes one transaction at a time
// whatever the number of clients; written one by one, each would wait for
// the commits of all those ahead of it. Together, they share one message
// locking the accounts, one with every entry's statement and the COMMIT,
// and one flush of the log; entries of different books share them too,
// which is most of what an entry costs PostgreSQL when each book has one
// client.
//
// Each entry keeps its own checks and its own answer: the checks are made
// in order, each against the balances the entries before it leave, and an
// entry refused fails alone. An entry the database refuses while writing
// (a key a concurrent writer committed first) aborts the transaction; it
// is answered alone, and the others are written again without it.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// batchEntriesMax bounds the entries of one transaction: enough for every
// client of a busy book to share a commit, few enough that the first of
// them does not wait long for the last.
const batchEntriesMax = 32

// writersMax bounds the batches written at once. A book is in one batch
// at a time, so its entries keep their order; a batch waiting on one
// book's lock (a meeting sheet being recorded) delays only the books
// written with it, while the other writers go on.
const writersMax = 4

// postRequest is one entry waiting to be written, checked and hashed by
// Prepare; done receives its answer (buffered: the writer never waits).
type postRequest struct {
	ctx        context.Context
	bookID     string
	in         EntryInput
	hash       string
	reversesID string
	now        time.Time
	done       chan postResult
}

type postResult struct {
	entry Entry
	err   error
}

// writeQueue is the entries waiting, by book, the books being written, and
// the writers at work.
type writeQueue struct {
	mu      sync.Mutex
	waiting map[string][]*postRequest
	books   []string // with entries waiting, in the order the first came
	writing map[string]bool
	writers int
}

// postGrouped queues the entry and waits for its answer. An entry whose
// book no writer holds starts a writer, unless writersMax are at work:
// each takes what it can of what has queued, book by book, until nothing
// it may take is left.
func (l *Ledger) postGrouped(r *postRequest) (Entry, error) {
	r.done = make(chan postResult, 1)
	q := &l.queue
	q.mu.Lock()
	if q.waiting == nil {
		q.waiting, q.writing = map[string][]*postRequest{}, map[string]bool{}
	}
	if len(q.waiting[r.bookID]) == 0 {
		q.books = append(q.books, r.bookID)
	}
	q.waiting[r.bookID] = append(q.waiting[r.bookID], r)
	start := !q.writing[r.bookID] && q.writers < writersMax
	if start {
		q.writers++
	}
	q.mu.Unlock()
	if start {
		go l.write()
	}
	// The answer always comes, even past the caller's deadline: once its
	// entry is in a transaction, only the commit says whether it stands.
	res := <-r.done
	return res.entry, res.err
}

func (l *Ledger) write() {
	for {
		batch := l.queue.take()
		if batch == nil {
			return
		}
		l.writeBatch(batch)
		l.queue.release(batch)
	}
}

// take takes up to batchEntriesMax waiting entries of the books no other
// writer holds, oldest book first, and holds those books. With nothing to
// take, the writer stops.
func (q *writeQueue) take() []*postRequest {
	q.mu.Lock()
	defer q.mu.Unlock()
	var batch []*postRequest
	rest := q.books[:0]
	for _, book := range q.books {
		room := batchEntriesMax - len(batch)
		if q.writing[book] || room == 0 {
			rest = append(rest, book)
			continue
		}
		waiting := q.waiting[book]
		n := min(len(waiting), room)
		batch = append(batch, waiting[:n]...)
		q.writing[book] = true
		if n < len(waiting) {
			q.waiting[book] = slices.Clone(waiting[n:])
			rest = append(rest, book)
		} else {
			delete(q.waiting, book)
		}
	}
	clear(q.books[len(rest):])
	q.books = rest
	if len(batch) == 0 {
		q.writers--
	}
	return batch
}

// release lets other writers take the batch's books again.
func (q *writeQueue) release(batch []*postRequest) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, r := range batch {
		delete(q.writing, r.bookID)
	}
}

// writeBatch writes a batch and answers each of its entries.
func (l *Ledger) writeBatch(batch []*postRequest) {
	var live []*postRequest
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- postResult{err: err} // its caller has gone: nothing written
			continue
		}
		live = append(live, r)
	}
	ctx, cancel := batchContext(live)
	defer cancel()
	for attempt := 0; len(live) > 0; {
		results, failed, err := l.tryBatch(ctx, live)
		switch {
		case err == nil:
			for i, r := range live {
				r.done <- results[i]
			}
			return
		case failed >= 0 && !isRetryable(err):
			r := live[failed]
			e, err := l.settle(r, Entry{}, err)
			r.done <- postResult{entry: e, err: err}
			live = slices.Delete(live, failed, failed+1)
		case isRetryable(err) && attempt+1 < retryAttemptsMax:
			attempt++
			if waitErr := backoff(ctx, attempt); waitErr != nil {
				answerAll(live, waitErr)
				return
			}
		default:
			if isRetryable(err) {
				err = Unavailable("ledger.contention", "the ledger is busy; try again shortly", err)
			}
			answerAll(live, err)
			return
		}
	}
}

func answerAll(batch []*postRequest, err error) {
	for _, r := range batch {
		r.done <- postResult{err: err}
	}
}

// batchContext is the context a batch is written under: no caller's
// cancellation (one leaving must not fail the others' entries), but the
// latest of their deadlines, so that a stuck database still ends it.
func batchContext(batch []*postRequest) (context.Context, context.CancelFunc) {
	if len(batch) == 0 {
		return context.Background(), func() {}
	}
	ctx := context.WithoutCancel(batch[0].ctx)
	var latest time.Time
	for _, r := range batch {
		d, ok := r.ctx.Deadline()
		if !ok {
			return ctx, func() {}
		}
		if d.After(latest) {
			latest = d
		}
	}
	return context.WithDeadline(ctx, latest)
}

// planned is an entry of a batch that passed its checks, with its row and
// the balances it moves.
type planned struct {
	index    int // in the batch
	row      entryRow
	moves    []balanceMove
	postings []Posting
}

// bookBatch is the entries of a batch that go to one book, by their
// index in the batch, in the order they came.
type bookBatch struct {
	bookID  string
	indexes []int
}

// byBook splits a batch by book, the books in ID order: the order their
// accounts are locked in, and then their rows, as other batches and
// services' transactions lock a book's accounts before its row.
func byBook(batch []*postRequest) []bookBatch {
	var books []bookBatch
	at := map[string]int{}
	for i, r := range batch {
		j, ok := at[r.bookID]
		if !ok {
			j = len(books)
			at[r.bookID] = j
			books = append(books, bookBatch{bookID: r.bookID})
		}
		books[j].indexes = append(books[j].indexes, i)
	}
	slices.SortFunc(books, func(a, b bookBatch) int { return strings.Compare(a.bookID, b.bookID) })
	return books
}

// tryBatch runs one transaction for the batch: the accounts of every entry
// locked in one message, each entry checked in order, then every entry
// that passed written, with the COMMIT, in one message. It returns each
// entry's answer; or the index of the entry whose statement the database
// refused (the transaction is then rolled back) with that refusal; or,
// with failed -1, an error of the whole batch.
func (l *Ledger) tryBatch(ctx context.Context, batch []*postRequest) (results []postResult, failed int, err error) {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return nil, -1, err
	}
	defer conn.Close()
	committed := false
	defer func() {
		if !committed {
			// Should this fail, the driver drops the connection rather
			// than pool it inside a transaction.
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck
		}
	}()
	books := byBook(batch)
	locks := make([]lockRequest, len(books))
	// The append statements each entry will most likely need, prepared
	// before the locks: one balance moved per account.
	likely := make([]pgStatement, len(batch))
	for i, b := range books {
		locks[i].bookID = b.bookID
		for _, j := range b.indexes {
			r := batch[j]
			codes := postingCodes(r.in.Postings)
			likely[j] = pgAppend(len(codes), len(r.in.Postings))
			locks[i].codes = append(locks[i].codes, codes...)
			locks[i].keys = append(locks[i].keys, nonEmpty(r.in.IdempotencyKey)...)
			locks[i].reversed = append(locks[i].reversed, nonEmpty(r.reversesID)...)
		}
		slices.Sort(locks[i].codes)
		locks[i].codes = slices.Compact(locks[i].codes)
	}
	locked, err := beginLocked(ctx, conn, locks, likely)
	if err != nil {
		return nil, -1, err
	}
	results = make([]postResult, len(batch))
	var plans []planned
	replays := map[int]int{}
	for i, b := range books {
		requests := make([]*postRequest, len(b.indexes))
		for k, j := range b.indexes {
			requests[k] = batch[j]
		}
		answers := make([]postResult, len(requests))
		bookPlans, bookReplays, err := l.planBatch(ctx, conn, b.bookID, requests, locked[i], answers)
		if err != nil {
			return nil, -1, err
		}
		for k, answer := range answers {
			results[b.indexes[k]] = answer
		}
		for _, p := range bookPlans {
			p.index = b.indexes[p.index]
			plans = append(plans, p)
		}
		for k, original := range bookReplays {
			replays[b.indexes[k]] = b.indexes[original]
		}
	}
	if len(plans) == 0 {
		return results, -1, nil // nothing to write: the rollback ends the transaction
	}
	appends := make([]queuedAppend, len(plans))
	for i, p := range plans {
		appends[i] = queuedAppend{pgAppend(len(p.moves), len(p.postings)), pgAppendArgs(&p.row, p.moves, p.postings, true)}
	}
	written, err := appendAndCommit(ctx, conn, appends)
	if err != nil {
		if len(written) < len(plans) {
			return nil, plans[len(written)].index, err
		}
		return nil, -1, err
	}
	committed = true
	for i, p := range plans {
		p.row.Sequence, p.row.ChainHash = written[i].sequence, written[i].chainHash
		results[p.index] = postResult{entry: p.row.entry(p.postings)}
	}
	for i, j := range replays {
		e := results[j].entry
		e.Replayed = true
		results[i] = postResult{entry: e}
	}
	return results, -1, nil
}

// planBatch checks each entry of the batch in order against the balances
// those before it leave, filling the answer of each entry refused. It
// returns the entries to write, and the entries that repeat an earlier one
// of the batch (the same idempotency key and request) by their index, with
// the index of the entry they repeat. An error is the whole batch's.
func (l *Ledger) planBatch(ctx context.Context, conn bun.IDB, bookID string, batch []*postRequest, locked lockedAccounts, results []postResult) (plans []planned, replays map[int]int, err error) {
	if len(locked.accounts) == 0 {
		// No account matched: either the book is unknown (not found) or no
		// code is in it (invalid, reported for each entry below).
		if _, err := findBookRow(ctx, conn, bookID); err != nil {
			if !isRefusal(err) {
				return nil, nil, err
			}
			for i := range results {
				results[i].err = err
			}
			return nil, nil, nil
		}
	}
	running := make(map[string]accountRow, len(locked.accounts))
	for _, a := range locked.accounts {
		running[a.Code] = a
	}
	byKey := map[string]int{}
	reversedHere := map[string]bool{}
	replays = map[int]int{}
	for i, r := range batch {
		key := r.in.IdempotencyKey
		if locked.earlier && (key != "" || r.reversesID != "") {
			e, answered, err := earlierEntries(ctx, conn, bookID, key, r.reversesID, r.hash)
			if err != nil && !isRefusal(err) {
				return nil, nil, err
			}
			if answered {
				results[i] = postResult{entry: e, err: err}
				continue
			}
		}
		if j, seen := byKey[key]; key != "" && seen {
			if batch[j].hash != r.hash {
				results[i].err = errKeyReused()
			} else {
				replays[i] = j
			}
			continue
		}
		if r.reversesID != "" && reversedHere[r.reversesID] {
			results[i].err = alreadyReversed()
			continue
		}
		var accounts []accountRow
		for _, code := range postingCodes(r.in.Postings) {
			if a, ok := running[code]; ok {
				accounts = append(accounts, a)
			}
		}
		slices.SortFunc(accounts, func(a, b accountRow) int { return strings.Compare(a.ID, b.ID) })
		row, moves, postings, err := planEntry(r, accounts, locked.closedThrough)
		if err != nil && (key != "" || r.reversesID != "") {
			// As postTx: the locking statement read the earlier entries
			// as they stood before it waited for the locks, so a retry
			// that waited for its original answers as its replay, not
			// with a refusal computed from the balances it left.
			e, answered, freshErr := earlierEntries(ctx, conn, bookID, key, r.reversesID, r.hash)
			if freshErr != nil && !isRefusal(freshErr) {
				return nil, nil, freshErr
			}
			if answered {
				results[i] = postResult{entry: e, err: freshErr}
				continue
			}
		}
		if err != nil {
			results[i].err = err
			continue
		}
		for _, m := range moves {
			a := running[codeOf(accounts, m.accountID)]
			a.BalanceMinor = m.after
			running[a.Code] = a
		}
		plans = append(plans, planned{index: i, row: row, moves: moves, postings: postings})
		if key != "" {
			byKey[key] = i
		}
		if r.reversesID != "" {
			reversedHere[r.reversesID] = true
		}
	}
	return plans, replays, nil
}

// planEntry makes the checks of one entry of a batch, as postTx makes
// them, against the accounts' balances as the batch has them so far.
func planEntry(r *postRequest, accounts []accountRow, closedThrough *Date) (entryRow, []balanceMove, []Posting, error) {
	postings, err := resolvePostings(r.in.Postings, accounts)
	if err != nil {
		return entryRow{}, nil, nil, err
	}
	if err := checkBalanced(postings); err != nil {
		return entryRow{}, nil, nil, err
	}
	// The closed period first: the floor may change tomorrow, the closed
	// period never reopens.
	if err := checkOpen(r.in.EffectiveDate, closedThrough); err != nil {
		return entryRow{}, nil, nil, err
	}
	next, err := nextBalances(accounts, postings)
	if err != nil {
		return entryRow{}, nil, nil, err
	}
	row, err := newEntryRow(r.bookID, r.in, r.hash, r.reversesID, r.now)
	if err != nil {
		return entryRow{}, nil, nil, err
	}
	return row, balanceMoves(accounts, next), postings, nil
}

func codeOf(accounts []accountRow, id string) string {
	for _, a := range accounts {
		if a.ID == id {
			return a.Code
		}
	}
	return ""
}

// isRefusal reports whether err is the engine's answer to a request (a
// refusal or a not-found), not a failure of the database.
func isRefusal(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// appended is what the database answered for an entry it wrote.
type appended struct {
	sequence  int64
	chainHash string
}

// lockRequest is what one book of a batch locks: its accounts with these
// codes, and the look for earlier entries with these keys or reversing
// these entries.
type lockRequest struct {
	bookID                string
	codes, keys, reversed []string
}

// beginLocked begins the batch's transaction and locks the accounts of all
// its entries, book by book in the order given (lockAccounts, in ID order:
// accounts before the book, as every writer), all in one message, after
// preparing the given append statements on the connection.
func beginLocked(ctx context.Context, conn bun.Conn, locks []lockRequest, appends []pgStatement) ([]lockedAccounts, error) {
	locked := make([]lockedAccounts, 0, len(locks))
	err := withPGX(conn, func(c *pgx.Conn) error {
		// Prepared before BEGIN: the first time on a connection costs a
		// round trip, which then holds no lock.
		for _, s := range appends {
			if err := s.prepare(ctx, c); err != nil {
				return err
			}
		}
		b := &pgx.Batch{}
		b.Queue("BEGIN")
		for _, lock := range locks {
			b.Queue(pgLock.run, pgLockArgs(lock.bookID, lock.codes, lock.keys, lock.reversed)...)
		}
		br := c.SendBatch(ctx, b)
		if _, err := br.Exec(); err != nil {
			return closing(br, err)
		}
		for range locks {
			rows, err := lockedRows(br)
			if err != nil {
				return closing(br, err)
			}
			locked = append(locked, lockedOf(rows))
		}
		return br.Close()
	})
	return locked, err
}

// lockedRows reads the answer of one locking statement of a batch.
func lockedRows(br pgx.BatchResults) ([]lockedRow, error) {
	found, err := br.Query()
	if err != nil {
		return nil, err
	}
	defer found.Close()
	var rows []lockedRow
	for found.Next() {
		var r lockedRow
		if err := found.Scan(r.fields()...); err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, found.Err()
}

// queuedAppend is one entry's append statement and its values.
type queuedAppend struct {
	statement pgStatement
	args      []any
}

// appendAndCommit sends the batch's append statements and the COMMIT in one
// message, and returns what each statement answered, up to the first the
// database refused: after a refusal PostgreSQL runs nothing more of the
// message, the COMMIT included.
func appendAndCommit(ctx context.Context, conn bun.Conn, appends []queuedAppend) ([]appended, error) {
	var written []appended
	err := withPGX(conn, func(c *pgx.Conn) error {
		b := &pgx.Batch{}
		for _, a := range appends {
			// Already prepared before BEGIN, unless the entry moves fewer
			// balances than it names accounts.
			if err := a.statement.prepare(ctx, c); err != nil {
				return err
			}
			b.Queue(a.statement.run, a.args...)
		}
		b.Queue("COMMIT")
		br := c.SendBatch(ctx, b)
		for range appends {
			var a appended
			var guard *bool
			if err := br.QueryRow().Scan(&a.sequence, &a.chainHash, &guard); err != nil {
				return closing(br, err)
			}
			written = append(written, a)
		}
		if _, err := br.Exec(); err != nil {
			return closing(br, err)
		}
		return br.Close()
	})
	return written, err
}

// closing closes a batch's results after its first error, which is the one
// to report: the others follow from it.
func closing(br pgx.BatchResults, err error) error {
	br.Close() //nolint:errcheck
	return err
}

// withPGX runs fn on the connection's pgx connection: database/sql has no
// way to send several statements in one message and read each answer.
func withPGX(conn bun.Conn, fn func(c *pgx.Conn) error) error {
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("ledger: a PostgreSQL connection through pgx is needed, not %T", driverConn)
		}
		return fn(c.Conn())
	})
}
