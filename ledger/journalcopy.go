package ledger

// The journal copy: a book's whole journal with its hash chain and signed
// checkpoints, one JSON object per line, for a funder to keep and check on
// its own machine (VerifyJournalCopy, 'lumbung verify-journal'). Names are
// left out: texts that may name a person (memos, who recorded an entry,
// idempotency keys) travel as the SHA-256 digests the chain covers, and an
// account a member owns is named by its code and its owner's kind only.
// The figures are whole.

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/uptrace/bun"
)

// JournalCopyFormat names the copy's form; a change is a new version.
const JournalCopyFormat = "lumbung-journal-1"

// copyHeader is the copy's first line.
type copyHeader struct {
	Record       string `json:"record"` // "journal"
	Format       string `json:"format"`
	Chain        string `json:"chain"`
	Book         string `json:"book"`
	Cooperative  string `json:"cooperative"`
	Currency     string `json:"currency"`
	ExportedAt   string `json:"exported_at"`
	LastSequence int64  `json:"last_sequence"`
}

type copyAccount struct {
	Record    string `json:"record"` // "account"
	Code      string `json:"code"`
	Name      string `json:"name"`
	Type      Type   `json:"type"`
	Currency  string `json:"currency"`
	OwnerKind string `json:"owner_kind,omitempty"`
}

type copyEntry struct {
	Record     string            `json:"record"` // "entry"
	Sequence   int64             `json:"sequence"`
	ID         string            `json:"id"`
	Kind       string            `json:"kind"`
	Date       string            `json:"date"`
	RecordedAt time.Time         `json:"recorded_at"`
	Reverses   string            `json:"reverses,omitempty"`
	Metadata   map[string]string `json:"metadata"`
	Memo       string            `json:"memo_sha256"`
	RecordedBy string            `json:"recorded_by_sha256"`
	Key        string            `json:"idempotency_key_sha256"`
	ChainHash  string            `json:"chain_hash"`
	Postings   []chainPosting    `json:"postings"`
}

type copyCheckpoint struct {
	Record    string `json:"record"` // "checkpoint"
	ID        string `json:"id"`
	Statement string `json:"statement"` // the signed bytes, exactly
	Signature string `json:"signature"`
	PublicKey string `json:"public_key"`
}

// JournalCopyHeader is what the caller knows of the book that the ledger
// does not: the cooperative's name.
type JournalCopyHeader struct {
	Cooperative string
}

// WriteJournalCopy writes a book's journal copy: the header, the accounts,
// every entry up to the last number read first (entries are append-only,
// so the copy is the journal as it stood then), and every checkpoint up to
// it. Errors: KindNotFound for an unknown book; KindInvalid for a book of
// more accounts than one listing returns; a failed write as it came.
func WriteJournalCopy(ctx context.Context, db bun.IDB, bookID string, h JournalCopyHeader, now time.Time, w io.Writer) (err error) {
	defer Wrap(&err, "WriteJournalCopy(%s)", bookID)
	book, err := findBookRow(ctx, db, bookID)
	if err != nil {
		return err
	}
	var accounts []accountRow
	if err := db.NewSelect().Model(&accounts).Column("code", "name", "type", "currency", "owner_kind").
		Where("book_id = ?", bookID).OrderExpr("code").Limit(accountsMax + 1).Scan(ctx); err != nil {
		return err
	}
	if len(accounts) > accountsMax {
		return Invalid("account.too_many", "the book holds more accounts than a copy lists")
	}
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	if err := enc.Encode(copyHeader{Record: "journal", Format: JournalCopyFormat, Chain: ChainVersion, Book: bookID,
		Cooperative: h.Cooperative, Currency: book.Currency.Code(), ExportedAt: chainTime(now), LastSequence: book.LastSequence}); err != nil {
		return err
	}
	for _, a := range accounts {
		ca := copyAccount{Record: "account", Code: a.Code, Name: a.Name, Type: a.Type, Currency: a.Currency.Code()}
		if a.OwnerKind != nil {
			ca.OwnerKind, ca.Name = *a.OwnerKind, *a.OwnerKind+" "+a.Code
		}
		if err := enc.Encode(ca); err != nil {
			return err
		}
	}
	// Each checkpoint follows the entry it names, so that a reader checks
	// it against the balances replayed so far, in one pass.
	checkpoints, err := listCheckpoints(ctx, db, bookID, false, 0)
	if err != nil {
		return err
	}
	next := 0
	writeCheckpoints := func(through int64) error {
		for ; next < len(checkpoints) && checkpoints[next].Sequence <= through; next++ {
			c := checkpoints[next]
			if err := enc.Encode(copyCheckpoint{Record: "checkpoint", ID: c.ID, Statement: string(c.Statement),
				Signature: base64.StdEncoding.EncodeToString(c.Signature),
				PublicKey: base64.StdEncoding.EncodeToString(c.PublicKey)}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := writeCheckpoints(0); err != nil {
		return err
	}
	err = walkChain(ctx, db, bookID, 0, func(e Entry, stored string) error {
		if e.Sequence > book.LastSequence {
			return errCopyDone
		}
		if err := enc.Encode(copyEntryOf(e, stored)); err != nil {
			return err
		}
		return writeCheckpoints(e.Sequence)
	})
	if err != nil && !errors.Is(err, errCopyDone) {
		return err
	}
	return out.Flush()
}

var errCopyDone = errors.New("copy complete")

func copyEntryOf(e Entry, stored string) copyEntry {
	c := ChainOf(e)
	ce := copyEntry{Record: "entry", Sequence: e.Sequence, ID: e.ID, Kind: e.Kind, Date: e.EffectiveDate.String(),
		RecordedAt: e.RecordedAt.UTC(), Reverses: e.ReversesID, Metadata: e.Metadata, Memo: c.MemoDigest,
		RecordedBy: c.RecordedByDigest, Key: c.KeyDigest, ChainHash: stored, Postings: make([]chainPosting, len(e.Postings))}
	if ce.Metadata == nil {
		ce.Metadata = map[string]string{}
	}
	for i, p := range e.Postings {
		ce.Postings[i] = chainPosting{Line: p.Line, Account: p.AccountCode, Side: p.Side, Amount: p.AmountMinor, Currency: p.Currency.Code()}
	}
	return ce
}
