package ledger_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

const (
	// benchAccounts is how many accounts of one book the entries spread
	// over; account 0 is the cash account of the hot scenarios.
	benchAccounts = 64
	// benchAmountMinor is every posting's amount, in rupiah (IDR has no
	// minor unit, so "1000" is 1000 minor units).
	benchAmountMinor = 1000
	// benchParallelism times GOMAXPROCS is the number of concurrent
	// writers: enough for rows to be contended even on two cores.
	benchParallelism = 8
)

// BenchmarkPost measures ledger.Post on Postgres against a baseline that
// writes the same rows with plain SQL, so that the engine's cost reads as a
// ratio of the two ns/op figures:
//
//   - engine/uniform: 2-posting entries between two accounts picked at
//     random among benchAccounts accounts of one book.
//   - engine/hot: every entry moves money in or out of one cash account.
//   - sql/uniform, sql/hot: the same entries written without the engine,
//     one transaction each: the two balance UPDATEs (in account ID order,
//     the engine's lock order), the book's sequence UPDATE, the entries
//     INSERT, one two-row postings INSERT and the UPDATE recording the
//     entry's chain hash on the book. Same schema, so the same constraints
//     and triggers run on both sides.
//
// Every sub-benchmark has its own book, written by many goroutines at once,
// and ends by verifying that book's invariants. On the sql side each entry
// holds the book's row from its sequence UPDATE to its commit, so entries
// of the book queue for it one transaction at a time; the engine writes the
// entries that arrive together in one transaction (batch.go). Besides ns/op
// each result reports entries/s; engine ns/op over sql ns/op of the same
// scenario is the engine's cost.
//
// Run it with (about 20 seconds on two cores; add -count 5 to see the
// noise, which on a shared machine is large):
//
//	LUMBUNG_TEST_POSTGRES=require go test -run '^$' -bench BenchmarkPost -benchtime 2000x ./ledger/
//
// SQLite is not measured: it has one writer at a time whatever the
// concurrency, and Lumbung's throughput questions are asked of Postgres.
// lumbung bench measures the same over HTTP, beside a ceiling written with
// prepared statements.
func BenchmarkPost(b *testing.B) {
	db, _ := ledgertest.NewPostgres(b)
	ledgertest.MustMigrate(b, db)
	warmPool(b, db.DB, benchParallelism*runtime.GOMAXPROCS(0))
	l := ledger.New(db)

	sides := []struct {
		name string
		post func(f *benchBook) postFunc
	}{
		{"engine", func(f *benchBook) postFunc {
			return func(ctx context.Context, debit, credit int) error {
				_, err := l.Post(ctx, f.bookID, f.transfer(debit, credit))
				return err
			}
		}},
		{"sql", func(f *benchBook) postFunc {
			return func(ctx context.Context, debit, credit int) error {
				return postSQL(ctx, db.DB, f, debit, credit)
			}
		}},
	}
	// The engine and the baseline of one scenario run back to back, so
	// that a change in the machine's load between them stays small.
	for _, hot := range []bool{false, true} {
		for _, side := range sides {
			f := newBenchBook(b, l)
			b.Run(side.name+"/"+scenario(hot), func(b *testing.B) {
				runParallel(b, hot, side.post(f))
				ledgertest.MustVerify(b, db, f.bookID)
			})
		}
	}
}

// warmPool opens n connections (at most the pool's bound) before any
// timing starts, so that the first sub-benchmark does not pay for
// connecting while the later ones reuse its connections.
func warmPool(b *testing.B, db *sql.DB, n int) {
	b.Helper()
	if limit := db.Stats().MaxOpenConnections; limit > 0 && n > limit {
		n = limit
	}
	conns := make([]*sql.Conn, 0, n)
	for range n {
		c, err := db.Conn(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
}

func scenario(hot bool) string {
	if hot {
		return "hot"
	}
	return "uniform"
}

// postFunc writes one entry moving benchAmountMinor from the credit
// account to the debit account (indices into a benchBook's accounts).
type postFunc func(ctx context.Context, debit, credit int) error

// runParallel times b.N calls of post from benchParallelism×GOMAXPROCS
// goroutines, and reports the throughput in entries per second.
func runParallel(b *testing.B, hot bool, post postFunc) {
	ctx := context.Background()
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			debit, credit := pickPair(hot)
			if err := post(ctx, debit, credit); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}

// pickPair returns the debit and credit accounts of one entry: two distinct
// accounts at random, or in the hot scenario the cash account and another,
// cash on either side with equal odds.
func pickPair(hot bool) (debit, credit int) {
	if hot {
		other := 1 + rand.IntN(benchAccounts-1)
		if rand.IntN(2) == 0 {
			return 0, other
		}
		return other, 0
	}
	debit = rand.IntN(benchAccounts)
	credit = rand.IntN(benchAccounts - 1)
	if credit >= debit {
		credit++
	}
	return debit, credit
}

// benchBook is an IDR book of benchAccounts asset accounts with no floor,
// so that random transfers never go below one and are never refused.
type benchBook struct {
	bookID     string
	codes      []string
	accountIDs []string
}

func newBenchBook(b *testing.B, l *ledger.Ledger) *benchBook {
	b.Helper()
	ctx := context.Background()
	book, err := l.CreateBook(ctx, ledger.BookInput{Name: b.Name(), Currency: "IDR"})
	if err != nil {
		b.Fatal(err)
	}
	f := &benchBook{bookID: book.ID}
	for i := range benchAccounts {
		in := ledger.AccountInput{Code: "1100", Name: "Cash", Type: ledger.Asset}
		if i > 0 {
			in = ledger.AccountInput{Code: fmt.Sprintf("1300-%03d", i), Name: fmt.Sprintf("Member %d receivable", i), Type: ledger.Asset}
		}
		a, err := l.CreateAccount(ctx, book.ID, in)
		if err != nil {
			b.Fatal(err)
		}
		f.codes = append(f.codes, a.Code)
		f.accountIDs = append(f.accountIDs, a.ID)
	}
	return f
}

var (
	benchAmount   = decimal.NewFromInt(benchAmountMinor)
	benchCurrency = ledger.MustCurrency("IDR")
)

func (f *benchBook) transfer(debit, credit int) ledger.EntryInput {
	return ledger.EntryInput{
		Kind: "bench.transfer", RecordedBy: "bench",
		Postings: []ledger.PostingInput{
			{Account: f.codes[debit], Side: ledger.Debit, Amount: benchAmount},
			{Account: f.codes[credit], Side: ledger.Credit, Amount: benchAmount},
		},
	}
}

// benchRequestHash stands in for the hash Post stores with every entry:
// the same length and alphabet, computed once.
var benchRequestHash = func() string {
	sum := sha256.Sum256([]byte("bench.transfer"))
	return hex.EncodeToString(sum[:])
}()

// postSQL writes the rows Post writes for a transfer of benchAmountMinor,
// with the column values Post gives them (metadata "{}", empty memo, no
// idempotency key), straight through database/sql.
func postSQL(ctx context.Context, db *sql.DB, f *benchBook, debit, credit int) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	// Balances are updated in account ID order, as the engine locks them:
	// two transactions on the same pair then queue instead of deadlocking.
	// The book row is locked last, as in the engine.
	first, second := debit, credit
	if f.accountIDs[second] < f.accountIDs[first] {
		first, second = second, first
	}
	for _, i := range []int{first, second} {
		delta := ledger.Asset.Effect(ledger.Debit, benchAmountMinor)
		if i == credit {
			delta = ledger.Asset.Effect(ledger.Credit, benchAmountMinor)
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE ledger_accounts SET balance_minor = balance_minor + $1 WHERE id = $2`,
			delta, f.accountIDs[i]); err != nil {
			return err
		}
	}
	// The chain's work too: the previous hash read from the book's row by
	// the sequence UPDATE, the new one computed before the insert and
	// recorded on the row.
	var seq int64
	var prev sql.NullString
	if err := tx.QueryRowContext(ctx,
		`UPDATE books SET last_sequence = last_sequence + 1 WHERE id = $1 RETURNING last_sequence, last_chain_hash`,
		f.bookID).Scan(&seq, &prev); err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	day := ledger.DateOf(now)
	entryID := uuid.Must(uuid.NewV7()).String()
	chain := ledger.ChainHash(prev.String, ledger.ChainEntry{BookID: f.bookID, Sequence: seq, ID: entryID,
		Kind: "bench.transfer", EffectiveDate: day, RecordedAt: now, MemoDigest: ledger.Digest(""),
		RecordedByDigest: ledger.Digest("bench"), KeyDigest: ledger.Digest(""),
		Postings: []ledger.Posting{
			{Line: 0, AccountCode: f.codes[debit], Side: ledger.Debit, AmountMinor: benchAmountMinor, Currency: benchCurrency},
			{Line: 1, AccountCode: f.codes[credit], Side: ledger.Credit, AmountMinor: benchAmountMinor, Currency: benchCurrency},
		}})
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO entries (id, book_id, sequence, kind, memo, metadata, effective_date,
		        recorded_at, recorded_by, idempotency_key, request_hash, reverses_id, chain_hash)
		 VALUES ($1, $2, $3, 'bench.transfer', '', '{}', $4, $5, 'bench', NULL, $6, NULL, $7)`,
		entryID, f.bookID, seq, day, now, benchRequestHash, chain); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO postings (entry_id, line, book_id, account_id, side, amount_minor, currency, sequence, effective_date)
		 VALUES ($1, 0, $2, $3, 'debit', $5, 'IDR', $6, $7),
		        ($1, 1, $2, $4, 'credit', $5, 'IDR', $6, $7)`,
		entryID, f.bookID, f.accountIDs[debit], f.accountIDs[credit], benchAmountMinor, seq, day); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE books SET last_chain_hash = $1 WHERE id = $2`, chain, f.bookID); err != nil {
		return err
	}
	return tx.Commit()
}
