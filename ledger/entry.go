package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// Limits on one entry. Each bounds work done inside the posting transaction
// or the size of a row.
const (
	postingsMin             = 2
	postingsMax             = 100 // a collection sheet for a large group fits
	memoLengthMax           = 500
	metadataPairsMax        = 20
	metadataKeyLengthMax    = 64
	metadataValueLengthMax  = 500
	idempotencyKeyLengthMax = 128
	recordedByLengthMax     = 200
)

// PostingsMax is the most postings one entry holds. A service that moves
// more lines at once (a year end across every loan and member) splits them
// over several entries in one transaction.
const PostingsMax = postingsMax

// Entry is a posted journal entry.
type Entry struct {
	ID             string
	BookID         string
	Sequence       int64
	Kind           string
	Memo           string
	Metadata       map[string]string
	EffectiveDate  Date
	RecordedAt     time.Time
	RecordedBy     string
	IdempotencyKey string
	ReversesID     string // the entry this one reverses, if it is a reversal
	ReversedByID   string // the entry that reverses this one, if any
	// ChainHash links the entry to the one before it in its book (chain.go).
	ChainHash string
	Postings  []Posting
	// Replayed is true when Post found an entry already recorded under the
	// same idempotency key for the same request and returned it unchanged.
	Replayed bool
}

// Posting is one line of an entry.
type Posting struct {
	Line        int
	AccountID   string
	AccountCode string
	Side        Side
	AmountMinor int64
	Currency    Currency
}

// EntryInput is a request to post an entry.
type EntryInput struct {
	Kind           string
	Memo           string
	Metadata       map[string]string
	EffectiveDate  Date // zero: the day it is recorded (UTC)
	RecordedBy     string
	IdempotencyKey string // optional; unique within the book
	Postings       []PostingInput
	// ShownMemo, when set, is the memo written instead of Memo, which
	// alone makes the request's hash: a memo Lumbung words in the book's
	// language (a reversal's) leaves a retry the same request after the
	// language changed.
	ShownMemo string
}

// PostingInput names an account of the book by its code. The amount is
// converted to the account currency's minor units; it must be positive.
type PostingInput struct {
	Account string
	Side    Side
	Amount  decimal.Decimal
}

type entryRow struct {
	bun.BaseModel `bun:"table:entries"`

	ID             string    `bun:"id,pk"`
	BookID         string    `bun:"book_id"`
	Sequence       int64     `bun:"sequence"`
	Kind           string    `bun:"kind"`
	Memo           string    `bun:"memo"`
	Metadata       string    `bun:"metadata"`
	EffectiveDate  Date      `bun:"effective_date"`
	RecordedAt     time.Time `bun:"recorded_at"`
	RecordedBy     string    `bun:"recorded_by"`
	IdempotencyKey *string   `bun:"idempotency_key"`
	RequestHash    string    `bun:"request_hash"`
	ReversesID     *string   `bun:"reverses_id"`
	ChainHash      string    `bun:"chain_hash,nullzero"`
}

type postingRow struct {
	bun.BaseModel `bun:"table:postings"`

	EntryID       string `bun:"entry_id,pk"`
	Line          int    `bun:"line,pk"`
	BookID        string `bun:"book_id"`
	AccountID     string `bun:"account_id"`
	Side          Side   `bun:"side"`
	AmountMinor   int64  `bun:"amount_minor"`
	Currency      string `bun:"currency"`
	Sequence      int64  `bun:"sequence"`
	EffectiveDate Date   `bun:"effective_date"`
}

// kindPattern: dotted lower-case words, "savings.deposit", "loan.repayment".
var kindPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)

// effectiveDateMin is the earliest effective date accepted; older dates are
// typing mistakes, not history.
var effectiveDateMin = NewDate(1900, time.January, 1)

// validate checks everything about the input that needs no database, and
// reports every offending field at once.
func (in EntryInput) validate(today Date) []FieldError {
	var fields []FieldError
	add := func(field, reason string, args ...any) {
		fields = append(fields, FieldError{Field: field, Reason: reason, Args: args})
	}
	if len(in.Kind) > 64 || !kindPattern.MatchString(in.Kind) {
		add("kind", "dotted lower-case words such as savings.deposit, at most 64 characters")
	}
	if len(in.Memo) > memoLengthMax {
		add("memo", "at most %d characters", memoLengthMax)
	}
	if len(in.Metadata) > metadataPairsMax {
		add("metadata", "at most %d keys", metadataPairsMax)
	}
	for k, v := range in.Metadata {
		if k == "" || len(k) > metadataKeyLengthMax || len(v) > metadataValueLengthMax {
			add("metadata."+k, "keys of 1 to %d characters, values of at most %d", metadataKeyLengthMax, metadataValueLengthMax)
		}
	}
	if in.RecordedBy == "" || len(in.RecordedBy) > recordedByLengthMax {
		add("recorded_by", "required")
	}
	if len(in.IdempotencyKey) > idempotencyKeyLengthMax {
		add("idempotency_key", "at most %d characters", idempotencyKeyLengthMax)
	}
	if !in.EffectiveDate.IsZero() {
		// One day ahead of UTC is still today in Indonesia's eastern zones.
		if in.EffectiveDate.After(today.AddDays(1)) {
			add("effective_date", "must not be in the future")
		} else if in.EffectiveDate.Before(effectiveDateMin) {
			add("effective_date", "must not be before 1900-01-01")
		}
	}
	if n := len(in.Postings); n < postingsMin || n > postingsMax {
		add("postings", "an entry has %d to %d postings", postingsMin, postingsMax)
	}
	for i, p := range in.Postings {
		if p.Account == "" {
			add(fmt.Sprintf("postings[%d].account", i), "required")
		}
		if _, ok := ParseSide(string(p.Side)); !ok {
			add(fmt.Sprintf("postings[%d].side", i), "debit or credit")
		}
		if !p.Amount.IsPositive() {
			add(fmt.Sprintf("postings[%d].amount", i), "must be greater than zero")
		}
	}
	return fields
}

// hash is the fingerprint stored with an idempotency key: two requests with
// the same key are the same request exactly when their hashes match. It
// covers what the entry records, in a canonical form: metadata keys sorted
// (encoding/json sorts map keys), amounts as normalised decimals, and the
// effective date as given (an absent date stays absent, so a retry on the
// next day is still the same request).
func (in EntryInput) hash() string {
	type canonicalPosting struct {
		Account, Side, Amount string
	}
	canonical := struct {
		Kind, Memo, EffectiveDate string
		Metadata                  map[string]string
		Postings                  []canonicalPosting
	}{Kind: in.Kind, Memo: in.Memo, Metadata: in.Metadata}
	if !in.EffectiveDate.IsZero() {
		canonical.EffectiveDate = in.EffectiveDate.String()
	}
	for _, p := range in.Postings {
		canonical.Postings = append(canonical.Postings, canonicalPosting{p.Account, string(p.Side), p.Amount.String()})
	}
	b, err := json.Marshal(canonical)
	if err != nil {
		panic(err) // strings and maps of strings always marshal
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkBalanced reports an error unless, for every currency, the debits
// equal the credits. Sums that would overflow int64 are refused rather than
// wrapped, so no pair of huge amounts can fake a balance.
func checkBalanced(postings []Posting) error {
	net := map[string]int64{}
	for i, p := range postings {
		delta := p.AmountMinor
		if p.Side == Credit {
			delta = -delta
		}
		sum, ok := addMinor(net[p.Currency.Code()], delta)
		if !ok {
			return InvalidField("entry.amount_range", fmt.Sprintf("postings[%d].amount", i), "the entry's total is too large")
		}
		net[p.Currency.Code()] = sum
	}
	codes := make([]string, 0, len(net))
	for code := range net {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	var fields []FieldError
	for _, code := range codes {
		if net[code] != 0 {
			fields = append(fields, FieldError{Field: "postings", Reason: "debits and credits in %s differ", Args: []any{code}})
		}
	}
	if len(fields) > 0 {
		return Invalid("entry.unbalanced", "the entry does not balance: debits must equal credits in every currency", fields...)
	}
	return nil
}

func (r entryRow) entry(postings []Posting) Entry {
	e := Entry{
		ID: r.ID, BookID: r.BookID, Sequence: r.Sequence, Kind: r.Kind, Memo: r.Memo,
		EffectiveDate: r.EffectiveDate, RecordedAt: r.RecordedAt, RecordedBy: r.RecordedBy,
		Postings: postings, ChainHash: r.ChainHash,
	}
	if r.IdempotencyKey != nil {
		e.IdempotencyKey = *r.IdempotencyKey
	}
	if r.ReversesID != nil {
		e.ReversesID = *r.ReversesID
	}
	if err := json.Unmarshal([]byte(r.Metadata), &e.Metadata); err != nil || len(e.Metadata) == 0 {
		e.Metadata = nil
	}
	return e
}
