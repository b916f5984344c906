package ledger

// VerifyJournalCopy checks a journal copy with nothing but the copy: no
// database and no trust in the server that wrote it beyond its public key.

import (
	"bufio"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// copyLineMax bounds one line of a copy: an entry of postingsMax postings
// with the longest metadata fits many times over.
const copyLineMax = 4 << 20

// JournalCheck is what a verified copy holds.
type JournalCheck struct {
	Book         string
	Cooperative  string
	ExportedAt   string
	LastSequence int64
	ChainHead    string // the last entry's chain hash
	Checkpoints  []CheckpointStatement
	// KeyFingerprints are the SHA-256 of the public keys that signed the
	// checkpoints, hex: compare them with the key the server publishes.
	KeyFingerprints []string
	// Extends is the last number of the previous copy this one was checked
	// against (0 without one).
	Extends int64

	checkpointIDs map[string]string // ID -> statement, for the next copy's check
	headAt        map[int64]string  // the chain hash at the numbers asked for
}

// VerifyJournalCopy reads a copy and checks that its chain holds link by
// link, that every entry balances in every currency on accounts the copy
// declares, that every checkpoint's signature verifies and its chain head
// and trial balance are the journal's at the entry it names. With prev (a
// copy kept earlier, checked the same way), it also checks that this copy
// extends that one: the same book, the same entries up to prev's last (the
// same chain hash there), every checkpoint of prev still present unchanged,
// and signed with a key prev already knew. Errors: one sentence naming the
// line and what does not hold.
func VerifyJournalCopy(copy io.Reader, prev io.Reader) (JournalCheck, error) {
	var before *JournalCheck
	if prev != nil {
		p, err := readCopy(prev, nil)
		if err != nil {
			return JournalCheck{}, fmt.Errorf("the previous copy: %w", err)
		}
		before = &p
	}
	return readCopy(copy, before)
}

// copyReader is the state of one pass over a copy.
type copyReader struct {
	check    JournalCheck
	accounts map[string]copyAccount
	balances BalancesAt
	keys     map[string]bool
	line     int
}

func readCopy(r io.Reader, before *JournalCheck) (JournalCheck, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), copyLineMax)
	cr := &copyReader{accounts: map[string]copyAccount{}, balances: BalancesAt{}, keys: map[string]bool{}}
	cr.check.checkpointIDs = map[string]string{}
	cr.check.headAt = map[int64]string{}
	for sc.Scan() {
		cr.line++
		if err := cr.record(sc.Bytes(), before); err != nil {
			return JournalCheck{}, fmt.Errorf("line %d: %w", cr.line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return JournalCheck{}, fmt.Errorf("line %d: %w", cr.line+1, err)
	}
	c := cr.check
	if c.Book == "" {
		return c, errors.New("the copy is empty: no journal line")
	}
	if c.LastSequence != c.headAtLast() {
		return c, fmt.Errorf("the copy says it holds entries up to #%d, and holds %d", c.LastSequence, c.headAtLast())
	}
	for key := range cr.keys {
		c.KeyFingerprints = append(c.KeyFingerprints, key)
	}
	sort.Strings(c.KeyFingerprints)
	if before != nil {
		if err := c.extends(*before); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (c JournalCheck) headAtLast() int64 { return int64(len(c.headAt)) }

func (cr *copyReader) record(line []byte, before *JournalCheck) error {
	var kind struct {
		Record string `json:"record"`
	}
	if err := json.Unmarshal(line, &kind); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if cr.check.Book == "" && kind.Record != "journal" {
		return errors.New("the copy must start with its journal line")
	}
	switch kind.Record {
	case "journal":
		return cr.header(line)
	case "account":
		var a copyAccount
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		if _, err := ParseCurrency(a.Currency); err != nil || a.Code == "" {
			return fmt.Errorf("account %q in %q: not an account", a.Code, a.Currency)
		}
		cr.accounts[a.Code] = a
		return nil
	case "entry":
		var e copyEntry
		if err := json.Unmarshal(line, &e); err != nil {
			return err
		}
		return cr.entry(e)
	case "checkpoint":
		var c copyCheckpoint
		if err := json.Unmarshal(line, &c); err != nil {
			return err
		}
		return cr.checkpoint(c)
	}
	return fmt.Errorf("unknown record %q", kind.Record)
}

func (cr *copyReader) header(line []byte) error {
	if cr.check.Book != "" {
		return errors.New("a second journal line")
	}
	var h copyHeader
	if err := json.Unmarshal(line, &h); err != nil {
		return err
	}
	if h.Format != JournalCopyFormat || h.Chain != ChainVersion {
		return fmt.Errorf("format %q with chain %q; this verifier reads %q with %q", h.Format, h.Chain, JournalCopyFormat, ChainVersion)
	}
	if h.Book == "" {
		return errors.New("the journal line names no book")
	}
	cr.check.Book, cr.check.Cooperative, cr.check.ExportedAt, cr.check.LastSequence = h.Book, h.Cooperative, h.ExportedAt, h.LastSequence
	return nil
}

// entry checks one entry's place in the chain, its balance and accounts,
// and adds its postings to the running trial balance.
func (cr *copyReader) entry(e copyEntry) error {
	prev := cr.check.ChainHead
	if want := cr.check.headAtLast() + 1; e.Sequence != want {
		return fmt.Errorf("entry #%d where #%d was due: the journal has a gap or is out of order", e.Sequence, want)
	}
	date, err := ParseDate(e.Date)
	if err != nil {
		return fmt.Errorf("entry #%d: date %q", e.Sequence, e.Date)
	}
	c := ChainEntry{BookID: cr.check.Book, Sequence: e.Sequence, ID: e.ID, Kind: e.Kind, EffectiveDate: date,
		RecordedAt: e.RecordedAt, ReversesID: e.Reverses, Metadata: e.Metadata, MemoDigest: e.Memo,
		RecordedByDigest: e.RecordedBy, KeyDigest: e.Key}
	net := map[string]int64{}
	for _, p := range e.Postings {
		a, ok := cr.accounts[p.Account]
		if !ok || a.Currency != p.Currency {
			return fmt.Errorf("entry #%d posts to account %s in %s, which the copy does not declare", e.Sequence, p.Account, p.Currency)
		}
		if p.Amount <= 0 {
			return fmt.Errorf("entry #%d: a posting of %d", e.Sequence, p.Amount)
		}
		cur := MustCurrency(p.Currency)
		posting := Posting{Line: p.Line, AccountCode: p.Account, Side: p.Side, AmountMinor: p.Amount, Currency: cur}
		c.Postings = append(c.Postings, posting)
		net[p.Currency] += Asset.Effect(p.Side, p.Amount)
		cr.balances.Add(p.Account, a.Type, posting)
	}
	if got := ChainHash(prev, c); got != e.ChainHash {
		return fmt.Errorf("entry #%d: the chain breaks here: its hash does not follow from its content and the hash before it", e.Sequence)
	}
	for cur, n := range net {
		if n != 0 {
			return fmt.Errorf("entry #%d does not balance in %s: debits exceed credits by %d", e.Sequence, cur, n)
		}
	}
	if len(e.Postings) < postingsMin {
		return fmt.Errorf("entry #%d has %d postings", e.Sequence, len(e.Postings))
	}
	cr.check.ChainHead = e.ChainHash
	cr.check.headAt[e.Sequence] = e.ChainHash
	return nil
}

// checkpoint checks a signed statement against the journal read so far:
// it follows the entry it names.
func (cr *copyReader) checkpoint(c copyCheckpoint) error {
	sig, err1 := base64.StdEncoding.DecodeString(c.Signature)
	key, err2 := base64.StdEncoding.DecodeString(c.PublicKey)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("checkpoint %s: %w", c.ID, err)
	}
	st, err := Checkpoint{Statement: []byte(c.Statement), Signature: sig, PublicKey: key}.Check()
	if err != nil {
		return fmt.Errorf("checkpoint %s: %w", c.ID, err)
	}
	switch {
	case st.Book != cr.check.Book:
		return fmt.Errorf("checkpoint %s is of book %s, not this one", c.ID, st.Book)
	case st.Sequence != cr.check.headAtLast():
		return fmt.Errorf("checkpoint %s names entry #%d but follows entry #%d", c.ID, st.Sequence, cr.check.headAtLast())
	case st.ChainHead != cr.check.ChainHead:
		return fmt.Errorf("checkpoint %s: the signed chain head at entry #%d is not the journal's: history was rewritten", c.ID, st.Sequence)
	}
	if same, why := SameBalances(st.Balances, cr.balances.Stated()); !same {
		return fmt.Errorf("checkpoint %s at entry #%d: %s", c.ID, st.Sequence, why)
	}
	cr.keys[KeyFingerprint(key)] = true
	cr.check.Checkpoints = append(cr.check.Checkpoints, st)
	cr.check.checkpointIDs[c.ID] = c.Statement
	return nil
}

// extends checks that c continues the copy kept before.
func (c *JournalCheck) extends(before JournalCheck) error {
	if c.Book != before.Book {
		return fmt.Errorf("the previous copy is of book %s, this one of %s", before.Book, c.Book)
	}
	if c.LastSequence < before.LastSequence {
		return fmt.Errorf("the previous copy holds entries up to #%d, this one only to #%d: entries were removed", before.LastSequence, c.LastSequence)
	}
	if before.LastSequence > 0 && c.headAt[before.LastSequence] != before.ChainHead {
		return fmt.Errorf("entry #%d's chain hash differs from the previous copy's: history up to it was rewritten", before.LastSequence)
	}
	for id, st := range before.checkpointIDs {
		if c.checkpointIDs[id] != st {
			return fmt.Errorf("checkpoint %s of the previous copy is missing or changed", id)
		}
	}
	known := map[string]bool{}
	for _, k := range before.KeyFingerprints {
		known[k] = true
	}
	for _, k := range c.KeyFingerprints {
		if len(known) > 0 && !known[k] {
			return fmt.Errorf("a checkpoint is signed with key %s, which the previous copy's checkpoints were not", k)
		}
	}
	c.Extends = before.LastSequence
	return nil
}

// KeyFingerprint is how a checkpoint key is named to people: the hex
// SHA-256 of its public half.
func KeyFingerprint(key ed25519.PublicKey) string {
	fp := sha256.Sum256(key)
	return hex.EncodeToString(fp[:])
}

// CopiedEntry is an entry as a journal copy carries it, for a reader that
// checks figures of its own against a copy VerifyJournalCopy has checked.
type CopiedEntry struct {
	Sequence  int64
	Kind      string
	Metadata  map[string]string
	ChainHash string
	Postings  []Posting // Line, AccountCode, Side, AmountMinor and Currency
}

// EachCopiedEntry calls fn with every entry of a journal copy, in order,
// and stops at fn's first error. It checks nothing: verify the copy first.
func EachCopiedEntry(r io.Reader, fn func(CopiedEntry) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), copyLineMax)
	for line := 1; sc.Scan(); line++ {
		var e copyEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if e.Record != "entry" {
			continue
		}
		ce := CopiedEntry{Sequence: e.Sequence, Kind: e.Kind, Metadata: e.Metadata, ChainHash: e.ChainHash}
		for _, p := range e.Postings {
			cur, err := ParseCurrency(p.Currency)
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			ce.Postings = append(ce.Postings, Posting{Line: p.Line, AccountCode: p.Account, Side: p.Side, AmountMinor: p.Amount, Currency: cur})
		}
		if err := fn(ce); err != nil {
			return err
		}
	}
	return sc.Err()
}
