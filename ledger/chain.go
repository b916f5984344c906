package ledger

// The hash chain through each book: every entry carries the SHA-256 of the
// previous entry's chain hash and its own canonical content, so that an
// entry changed, removed or inserted behind the ledger's back breaks every
// link after it. The hash is computed inside the posting transaction from
// the previous hash, read by the same statement that takes the book's
// sequence number: no extra query and no extra lock.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// ChainVersion names the canonical form below. A change to it is a new
// version, never an edit: a funder's copy of last month's journal must
// still verify.
const ChainVersion = "lumbung-chain-1"

// chainLink is an entry's canonical content. Free texts that may name a
// person (the memo, who recorded it, the client's idempotency key) enter as
// their SHA-256 digests, so that a pseudonymised copy of the journal, which
// carries the digests instead of the texts, still verifies.
type chainLink struct {
	Version       string            `json:"v"`
	Book          string            `json:"book"`
	Sequence      int64             `json:"seq"`
	ID            string            `json:"id"`
	Kind          string            `json:"kind"`
	EffectiveDate string            `json:"date"`
	RecordedAt    string            `json:"at"`
	Reverses      string            `json:"reverses"`
	Metadata      map[string]string `json:"meta"` // encoding/json sorts the keys
	Memo          string            `json:"memo"`
	RecordedBy    string            `json:"by"`
	Key           string            `json:"key"`
	Postings      []chainPosting    `json:"postings"`
}

type chainPosting struct {
	Line     int    `json:"line"`
	Account  string `json:"account"` // the account's code, unique in the book
	Side     Side   `json:"side"`
	Amount   int64  `json:"amount_minor"`
	Currency string `json:"currency"`
}

// ChainEntry is what the chain covers of one entry, in the form a journal
// copy carries it: the private texts as digests.
type ChainEntry struct {
	BookID           string
	Sequence         int64
	ID               string
	Kind             string
	EffectiveDate    Date
	RecordedAt       time.Time
	ReversesID       string
	Metadata         map[string]string
	MemoDigest       string
	RecordedByDigest string
	KeyDigest        string
	Postings         []Posting
}

// Digest is the hex SHA-256 of a text, the form in which the chain covers
// texts that may name a person.
func Digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// ChainOf returns what the chain covers of an entry.
func ChainOf(e Entry) ChainEntry {
	return ChainEntry{
		BookID: e.BookID, Sequence: e.Sequence, ID: e.ID, Kind: e.Kind, EffectiveDate: e.EffectiveDate,
		RecordedAt: e.RecordedAt, ReversesID: e.ReversesID, Metadata: e.Metadata,
		MemoDigest: Digest(e.Memo), RecordedByDigest: Digest(e.RecordedBy), KeyDigest: Digest(e.IdempotencyKey),
		Postings: e.Postings,
	}
}

// chainTime is how a recorded time enters the chain: UTC to the
// microsecond, the precision both stores keep (insertEntry truncates to it
// before writing, so what is read back hashes the same).
func chainTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

// ChainHash returns the chain hash of an entry following one whose chain
// hash is prev ("" for a book's first entry).
func ChainHash(prev string, c ChainEntry) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write(chainBody(c))
	return hex.EncodeToString(h.Sum(nil))
}

// chainBody is an entry's canonical form: its chainLink in JSON.
func chainBody(c ChainEntry) []byte {
	link := chainLink{
		Version: ChainVersion, Book: c.BookID, Sequence: c.Sequence, ID: c.ID, Kind: c.Kind,
		EffectiveDate: c.EffectiveDate.String(), RecordedAt: chainTime(c.RecordedAt), Reverses: c.ReversesID,
		Metadata: c.Metadata, Memo: c.MemoDigest, RecordedBy: c.RecordedByDigest, Key: c.KeyDigest,
		Postings: make([]chainPosting, len(c.Postings)),
	}
	if link.Metadata == nil {
		link.Metadata = map[string]string{}
	}
	for i, p := range c.Postings {
		link.Postings[i] = chainPosting{Line: p.Line, Account: p.AccountCode, Side: p.Side, Amount: p.AmountMinor, Currency: p.Currency.Code()}
	}
	body, err := json.Marshal(link)
	if err != nil {
		// Strings, integers and a string map always encode.
		panic(fmt.Sprintf("ledger: chain link does not encode: %v", err))
	}
	return body
}

// chainPageSize is how many entries the chain's walkers read at once.
const chainPageSize = 500

// walkChain reads a book's entries in sequence order, after the given
// sequence, a page at a time, and calls fn with each entry and the chain
// hash stored on it ("" when it has none yet).
func walkChain(ctx context.Context, db bun.IDB, bookID string, after int64, fn func(e Entry, stored string) error) error {
	for {
		var rows []entryRow
		err := db.NewSelect().Model(&rows).
			Where("book_id = ? AND sequence > ?", bookID, after).
			OrderExpr("sequence").Limit(chainPageSize).Scan(ctx)
		if err != nil {
			return err
		}
		entries, err := loadEntries(ctx, db, rows)
		if err != nil {
			return err
		}
		for i, e := range entries {
			if err := fn(e, rows[i].ChainHash); err != nil {
				return err
			}
			after = e.Sequence
		}
		if len(rows) < chainPageSize {
			return nil
		}
	}
}

// SealChains gives a chain hash to every entry written before entries
// carried one (the migration that added them leaves those empty), book by
// book under the book's lock, so that no entry is posted meanwhile, and
// records on the book the hash of its last entry, which the next entry
// follows. It is run after migrating; on a sealed database it reads one row
// per book.
func SealChains(ctx context.Context, db *bun.DB) (sealed int, err error) {
	defer Wrap(&err, "SealChains")
	var bookIDs []string
	err = db.NewSelect().Table("books").Column("id").
		Where("last_sequence > 0 AND last_chain_hash IS NULL").
		WhereOr("id IN (SELECT book_id FROM entries WHERE chain_hash IS NULL)").
		Scan(ctx, &bookIDs)
	if err != nil {
		return 0, err
	}
	for _, bookID := range bookIDs {
		err := inTx(ctx, db, func(tx bun.Tx) error {
			if _, err := lockBook(ctx, tx, bookID); err != nil {
				return err
			}
			prev, n := "", 0
			err := walkChain(ctx, tx, bookID, 0, func(e Entry, stored string) error {
				if stored != "" {
					prev = stored
					return nil
				}
				prev = ChainHash(prev, ChainOf(e))
				n++
				_, err := tx.NewUpdate().Table("entries").Set("chain_hash = ?", prev).
					Where("id = ? AND chain_hash IS NULL", e.ID).Exec(ctx)
				return err
			})
			if err != nil {
				return err
			}
			sealed += n
			_, err = tx.NewUpdate().Table("books").Set("last_chain_hash = ?", prev).Where("id = ?", bookID).Exec(ctx)
			return err
		})
		if err != nil {
			return sealed, err
		}
	}
	return sealed, nil
}

// errChainBroken stops a walk at the first broken link.
var errChainBroken = errors.New("chain broken")

// verifyChains recomputes the chain of every book in scope and reports, per
// book, the first entry whose stored hash does not follow from its content
// and the hash before it: the first broken link (everything after it is
// broken too, and says nothing more).
func verifyChains(ctx context.Context, db bun.IDB, scope VerifyScope) ([]Violation, error) {
	var books []struct {
		ID   string  `bun:"id"`
		Head *string `bun:"last_chain_hash"`
	}
	q := db.NewSelect().Table("books").Column("id", "last_chain_hash").Order("id")
	if scope.BookID != "" {
		q = q.Where("id = ?", scope.BookID)
	}
	if err := q.Scan(ctx, &books); err != nil {
		return nil, err
	}
	var vs []Violation
	for _, book := range books {
		bookID := book.ID
		prev := ""
		var found *Violation
		err := walkChain(ctx, db, bookID, 0, func(e Entry, stored string) error {
			want := ChainHash(prev, ChainOf(e))
			switch {
			case stored == "":
				found = &Violation{Check: "entry_chain", BookID: bookID,
					Detail: fmt.Sprintf("entry #%d has no chain hash (run 'lumbung migrate' to seal the history)", e.Sequence)}
			case stored != want:
				after := ""
				if e.Sequence > 1 {
					after = fmt.Sprintf(" and entry #%d's hash", e.Sequence-1)
				}
				found = &Violation{Check: "entry_chain", BookID: bookID,
					Detail: fmt.Sprintf("entry #%d: its chain hash does not follow from its content%s: the first broken link", e.Sequence, after)}
			default:
				prev = stored
				return nil
			}
			return errChainBroken
		})
		if found == nil && err == nil && prev != "" && (book.Head == nil || *book.Head != prev) {
			// The next entry would follow the book's record, not its journal.
			found = &Violation{Check: "entry_chain", BookID: bookID,
				Detail: "the book's record of its last chain hash is not its last entry's"}
		}
		if found != nil {
			vs = append(vs, *found)
		} else if err != nil {
			return nil, err
		}
		if len(vs) == verifyViolationsMax {
			break
		}
	}
	return vs, nil
}

// chainBodyAround returns the canonical form of an entry split around its
// sequence number, for the statement that learns the number as it hashes
// (appendEntryPG): before, the number in decimal, and after, concatenated,
// are the form ChainHash hashes.
func chainBodyAround(c ChainEntry) (before, after string) {
	c.Sequence = -1 // the fields before it are a constant and an ID: the first match is the field
	before, after, found := strings.Cut(string(chainBody(c)), `"seq":-1,`)
	if !found {
		panic("ledger: the chain's canonical form has no sequence field")
	}
	return before + `"seq":`, "," + after
}
