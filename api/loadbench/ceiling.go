package loadbench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/lumbung/lumbung/ledger"
)

// serverConnsMax is the size of the server's pool of PostgreSQL
// connections; the ceiling gets a pool of the same size.
const serverConnsMax = 20

// ceiling writes entries the way the server stores them, with nothing
// around the writes: no HTTP, no validation, no idempotency lookup, no
// read-back. It writes into its own books.
type ceiling struct {
	pool  *pgxpool.Pool
	books []book
}

// openCeiling opens a pool on the database and fills in each book's ID,
// which the API does not show.
func openCeiling(ctx context.Context, databaseURL string, books []book) (*ceiling, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("ceiling: %w", err)
	}
	// pgx prepares each statement once per connection and then sends only
	// its name and arguments (QueryExecModeCacheStatement, its default).
	cfg.MaxConns, cfg.MinConns = serverConnsMax, serverConnsMax
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("ceiling: %w", err)
	}
	for i := range books {
		if err := pool.QueryRow(ctx, `SELECT book_id FROM cooperatives WHERE id = $1`, books[i].coopID).Scan(&books[i].bookID); err != nil {
			pool.Close()
			return nil, fmt.Errorf("ceiling: the book of cooperative %s: %w", books[i].coopID, err)
		}
	}
	return &ceiling{pool: pool, books: books}, nil
}

// transferMinor is transferAmount in minor units.
const transferMinor = 1000

var idr = ledger.MustCurrency(benchCurrency)

// post writes one entry moving transferMinor from the credit account to
// the debit account of b (indices into its accounts), with the column
// values the server gives a transfer posted through the API.
func (c *ceiling) post(ctx context.Context, b *book, debit, credit int, key string) (err error) {
	tx, err := c.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(ctx) //nolint:errcheck // the write's error is the one to report
		}
	}()
	if err := updateBalances(ctx, tx, b, debit, credit); err != nil {
		return err
	}
	seq, prev, err := nextSequence(ctx, tx, b.bookID)
	if err != nil {
		return err
	}
	if err := insertEntry(ctx, tx, b, debit, credit, key, seq, prev); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// updateBalances moves the two balances in account ID order, the order
// in which the server locks them: two entries on the same pair then queue
// instead of deadlocking.
func updateBalances(ctx context.Context, tx pgx.Tx, b *book, debit, credit int) error {
	first, second := debit, credit
	if b.accountIDs[second] < b.accountIDs[first] {
		first, second = second, first
	}
	for _, i := range []int{first, second} {
		delta := ledger.Asset.Effect(ledger.Debit, transferMinor)
		if i == credit {
			delta = ledger.Asset.Effect(ledger.Credit, transferMinor)
		}
		if _, err := tx.Exec(ctx, `UPDATE ledger_accounts SET balance_minor = balance_minor + $1 WHERE id = $2`,
			delta, b.accountIDs[i]); err != nil {
			return err
		}
	}
	return nil
}

// nextSequence takes the book's next sequence number, holding the book's
// row to the commit as the server does, with the chain hash of the book's
// last entry, which the row keeps.
func nextSequence(ctx context.Context, tx pgx.Tx, bookID string) (int64, string, error) {
	var seq int64
	var prev *string
	if err := tx.QueryRow(ctx,
		`UPDATE books SET last_sequence = last_sequence + 1 WHERE id = $1 RETURNING last_sequence, last_chain_hash`,
		bookID).Scan(&seq, &prev); err != nil {
		return 0, "", err
	}
	if prev == nil {
		return seq, "", nil
	}
	return seq, *prev, nil
}

// insertEntry inserts the entry, chained to prev, records its chain hash
// on the book in the same statement, and inserts its two postings.
func insertEntry(ctx context.Context, tx pgx.Tx, b *book, debit, credit int, key string, seq int64, prev string) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	day := ledger.DateOf(now)
	entryID := ledger.NewID()
	requestHash := sha256.Sum256([]byte(key)) // stands in for the hash of the request
	chain := ledger.ChainHash(prev, ledger.ChainEntry{BookID: b.bookID, Sequence: seq, ID: entryID,
		Kind: transferKind, EffectiveDate: day, RecordedAt: now, MemoDigest: ledger.Digest(""),
		RecordedByDigest: ledger.Digest(b.treasurerID), KeyDigest: ledger.Digest(key),
		Postings: []ledger.Posting{
			{Line: 0, AccountCode: b.codes[debit], Side: ledger.Debit, AmountMinor: transferMinor, Currency: idr},
			{Line: 1, AccountCode: b.codes[credit], Side: ledger.Credit, AmountMinor: transferMinor, Currency: idr},
		}})
	if _, err := tx.Exec(ctx,
		`WITH e AS (
		   INSERT INTO entries (id, book_id, sequence, kind, memo, metadata, effective_date,
		          recorded_at, recorded_by, idempotency_key, request_hash, reverses_id, chain_hash)
		   VALUES ($1, $2, $3, $4, '', '{}', $5, $6, $7, $8, $9, NULL, $10) RETURNING chain_hash)
		 UPDATE books SET last_chain_hash = (SELECT chain_hash FROM e) WHERE id = $2`,
		entryID, b.bookID, seq, transferKind, day.String(), now, b.treasurerID, key, hex.EncodeToString(requestHash[:]), chain); err != nil {
		return err
	}
	_, err := tx.Exec(ctx,
		`INSERT INTO postings (entry_id, line, book_id, account_id, side, amount_minor, currency, sequence, effective_date)
		 VALUES ($1, 0, $2, $3, 'debit', $5, $6, $7, $8),
		        ($1, 1, $2, $4, 'credit', $5, $6, $7, $8)`,
		entryID, b.bookID, b.accountIDs[debit], b.accountIDs[credit], transferMinor, benchCurrency, seq, day.String())
	return err
}

func (c *ceiling) close() { c.pool.Close() }
