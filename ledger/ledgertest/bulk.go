package ledgertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Bulk is the size of what MustBulk writes: Accounts new accounts and
// Entries two-line entries among them, dated one after another from From
// to To.
type Bulk struct {
	Accounts int
	Entries  int
	From, To ledger.Date
}

// bulkRowsMax is how many rows one INSERT of MustBulk carries: a few
// hundred kilobytes of SQL.
const bulkRowsMax = 1000

// The rows MustBulk writes, as Post writes them.
type (
	bulkAccount struct {
		bun.BaseModel `bun:"table:ledger_accounts"`
		ID            string    `bun:"id"`
		BookID        string    `bun:"book_id"`
		Code          string    `bun:"code"`
		Name          string    `bun:"name"`
		Type          string    `bun:"type"`
		Currency      string    `bun:"currency"`
		BalanceMinor  int64     `bun:"balance_minor"`
		CreatedAt     time.Time `bun:"created_at"`
	}
	bulkEntry struct {
		bun.BaseModel `bun:"table:entries"`
		ID            string      `bun:"id"`
		BookID        string      `bun:"book_id"`
		Sequence      int64       `bun:"sequence"`
		Kind          string      `bun:"kind"`
		Memo          string      `bun:"memo"`
		Metadata      string      `bun:"metadata"`
		EffectiveDate ledger.Date `bun:"effective_date"`
		RecordedAt    time.Time   `bun:"recorded_at"`
		RecordedBy    string      `bun:"recorded_by"`
		RequestHash   string      `bun:"request_hash"`
		ChainHash     string      `bun:"chain_hash"`
	}
	bulkPosting struct {
		bun.BaseModel `bun:"table:postings"`
		EntryID       string      `bun:"entry_id"`
		Line          int         `bun:"line"`
		BookID        string      `bun:"book_id"`
		AccountID     string      `bun:"account_id"`
		Side          ledger.Side `bun:"side"`
		AmountMinor   int64       `bun:"amount_minor"`
		Currency      string      `bun:"currency"`
		Sequence      int64       `bun:"sequence"`
		EffectiveDate ledger.Date `bun:"effective_date"`
	}
)

// MustBulk adds accounts and entries to a book with multi-row INSERTs, in
// seconds where posting them one by one would take minutes: for benchmarks
// of reports on a large book. The rows are what Post would store (request
// hashes from ledger.Prepare, the hash chain continued from the book's last
// entry, stored balances the sums of the postings), so Verify passes. The
// accounts, coded bulk.00000 and on, take no floor and no owner. It
// returns the new accounts' codes.
func MustBulk(t testing.TB, db *bun.DB, bookID string, size Bulk) []string {
	t.Helper()
	ctx := context.Background()
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var book struct {
			Currency      string  `bun:"currency"`
			LastSequence  int64   `bun:"last_sequence"`
			LastChainHash *string `bun:"last_chain_hash"`
		}
		if err := tx.NewSelect().Table("books").Column("currency", "last_sequence", "last_chain_hash").
			Where("id = ?", bookID).Scan(ctx, &book); err != nil {
			return err
		}
		prev := ""
		if book.LastChainHash != nil {
			prev = *book.LastChainHash
		}
		accts, entries, postings, err := bulkRows(bookID, book.Currency, book.LastSequence, prev, size)
		if err != nil {
			return err
		}
		if err := insertChunks(ctx, tx, accts); err != nil {
			return err
		}
		if err := insertChunks(ctx, tx, entries); err != nil {
			return err
		}
		if err := insertChunks(ctx, tx, postings); err != nil {
			return err
		}
		head := prev
		if len(entries) > 0 {
			head = entries[len(entries)-1].ChainHash
		}
		_, err = tx.NewUpdate().Table("books").Set("last_sequence = ?", book.LastSequence+int64(len(entries))).
			Set("last_chain_hash = ?", head).Where("id = ?", bookID).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatalf("bulk rows into book %s: %v", bookID, err)
	}
	codes := make([]string, size.Accounts)
	for i := range codes {
		codes[i] = bulkCode(i)
	}
	return codes
}

func bulkCode(i int) string { return fmt.Sprintf("bulk.%05d", i) }

// bulkRows computes the rows in memory: random pairs of accounts, random
// amounts, a seeded generator so that every run writes the same book.
func bulkRows(bookID, currency string, lastSeq int64, prev string, size Bulk) ([]bulkAccount, []bulkEntry, []bulkPosting, error) {
	cur, err := ledger.ParseCurrency(currency)
	if err != nil {
		return nil, nil, nil, err
	}
	types := []ledger.Type{ledger.Asset, ledger.Liability, ledger.Equity, ledger.Income, ledger.Expense}
	created := size.From.Time()
	accts := make([]bulkAccount, size.Accounts)
	for i := range accts {
		accts[i] = bulkAccount{ID: ledger.NewID(), BookID: bookID, Code: bulkCode(i), Name: bulkCode(i),
			Type: string(types[i%len(types)]), Currency: currency, CreatedAt: created}
	}
	rng := rand.New(rand.NewPCG(uint64(size.Accounts), uint64(size.Entries)))
	days := size.To.DaysSince(size.From) + 1
	entries := make([]bulkEntry, size.Entries)
	postings := make([]bulkPosting, 0, 2*size.Entries)
	for i := range entries {
		debit := rng.IntN(size.Accounts)
		credit := (debit + 1 + rng.IntN(size.Accounts-1)) % size.Accounts
		amount := int64(1000 * (1 + rng.IntN(100)))
		on := size.From.AddDays(i * days / size.Entries)
		e, lines, err := bulkEntryOf(bookID, cur, lastSeq+int64(i)+1, prev, on, [2]*bulkAccount{&accts[debit], &accts[credit]}, amount)
		if err != nil {
			return nil, nil, nil, err
		}
		prev = e.ChainHash
		entries[i] = e
		postings = append(postings, lines...)
	}
	return accts, entries, postings, nil
}

// bulkEntryOf is one entry moving amount from the second account to the
// first, chained after prev, with the balances it changes kept up to date.
func bulkEntryOf(bookID string, cur ledger.Currency, seq int64, prev string, on ledger.Date, pair [2]*bulkAccount, amount int64) (bulkEntry, []bulkPosting, error) {
	in := ledger.EntryInput{Kind: "bulk.transfer", EffectiveDate: on, RecordedBy: "ledgertest", Postings: []ledger.PostingInput{
		{Account: pair[0].Code, Side: ledger.Debit, Amount: ledger.FromMinor(amount, cur)},
		{Account: pair[1].Code, Side: ledger.Credit, Amount: ledger.FromMinor(amount, cur)},
	}}
	recordedAt := on.Time().Add(10 * time.Hour)
	_, hash, err := ledger.Prepare(bookID, in, recordedAt)
	if err != nil {
		return bulkEntry{}, nil, err
	}
	e := bulkEntry{ID: ledger.NewID(), BookID: bookID, Sequence: seq, Kind: in.Kind, Metadata: "{}",
		EffectiveDate: on, RecordedAt: recordedAt, RecordedBy: in.RecordedBy, RequestHash: hash}
	chain := ledger.ChainEntry{BookID: bookID, Sequence: seq, ID: e.ID, Kind: e.Kind, EffectiveDate: on,
		RecordedAt: recordedAt, MemoDigest: ledger.Digest(""), RecordedByDigest: ledger.Digest(e.RecordedBy),
		KeyDigest: ledger.Digest("")}
	lines := make([]bulkPosting, 2)
	for i, side := range []ledger.Side{ledger.Debit, ledger.Credit} {
		a := pair[i]
		a.BalanceMinor += ledger.Type(a.Type).Effect(side, amount)
		lines[i] = bulkPosting{EntryID: e.ID, Line: i, BookID: bookID, AccountID: a.ID, Side: side,
			AmountMinor: amount, Currency: a.Currency, Sequence: seq, EffectiveDate: on}
		chain.Postings = append(chain.Postings, ledger.Posting{Line: i, AccountCode: a.Code, Side: side,
			AmountMinor: amount, Currency: cur})
	}
	e.ChainHash = ledger.ChainHash(prev, chain)
	return e, lines, nil
}

// insertChunks writes rows bulkRowsMax at a time.
func insertChunks[T any](ctx context.Context, tx bun.Tx, rows []T) error {
	for start := 0; start < len(rows); start += bulkRowsMax {
		chunk := rows[start:min(start+bulkRowsMax, len(rows))]
		if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
