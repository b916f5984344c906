package accounts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Service operations are idempotent the way entries are: a request whose
// idempotency key is already recorded gets the recorded entry back, before
// any business check runs. Checking first matters: a retried deposit that
// filled her pokok, or a retried repayment whose allocation has since
// changed, would otherwise be refused for the very effect it already had.

// Fingerprint identifies what a money movement asked for, beside what it
// is about: a retry with the same key must ask for the same amount, day,
// memo and funds (and any extra the operation names), or it is a
// different request and a conflict. The date is as given, so a retry on
// the next day of a request that named no date is still the same.
func (in MoneyInput) Fingerprint(extra ...string) string {
	h := sha256.New()
	for _, part := range append([]string{in.Amount, in.Date.String(), in.Memo, in.Via}, extra...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// WithRequest records the request's fingerprint in an entry's metadata
// when it carries an idempotency key, for recorded to compare.
func WithRequest(meta map[string]string, in MoneyInput, extra ...string) map[string]string {
	if in.IdempotencyKey == "" {
		return meta
	}
	out := make(map[string]string, len(meta)+1)
	for k, v := range meta {
		out[k] = v
	}
	out["request"] = in.Fingerprint(extra...)
	return out
}

// Subject names what an operation is about, as its entry's metadata
// records it ({"loan_id": ...}); a replay must be about the same.
type Subject map[string]string

// recorded returns the entry already recorded under key in the book, marked
// as a replay. A key recorded for another kind of operation, or about
// another subject, is a conflict.
func (s *Service) recorded(ctx context.Context, bookID, key, kind string, about Subject) (ledger.Entry, bool, error) {
	if key == "" {
		return ledger.Entry{}, false, nil
	}
	e, found, err := ledger.FindEntryByKey(ctx, s.db, bookID, key)
	if err != nil || !found {
		return ledger.Entry{}, false, err
	}
	same := e.Kind == kind
	for k, v := range about {
		same = same && e.Metadata[k] == v
	}
	if !same {
		return ledger.Entry{}, false, ledger.Conflict("entry.idempotency_key_reused",
			"this idempotency key was already used for a different operation")
	}
	e.Replayed = true
	return e, true, nil
}

// keyed runs post unless key is already recorded, and answers a concurrent
// request that recorded the same key first (the unique key refuses the
// loser's entry) with the winner's entry.
func (s *Service) keyed(ctx context.Context, bookID, key, kind string, about Subject, post func() (ledger.Entry, error)) (ledger.Entry, error) {
	if e, found, err := s.recorded(ctx, bookID, key, kind, about); err != nil || found {
		return e, err
	}
	e, err := post()
	if key != "" && ledger.IsUniqueViolation(err, "entries_idempotency_key") {
		if e, found, ferr := s.recorded(ctx, bookID, key, kind, about); ferr == nil && found {
			return e, nil
		}
	}
	return e, err
}

// EntryInTx runs fn in a transaction (retried on contention) and returns
// the entry it posted.
func (s *Service) EntryInTx(ctx context.Context, fn func(tx bun.Tx) (ledger.Entry, error)) (ledger.Entry, error) {
	var e ledger.Entry
	err := s.ledger.InTx(ctx, func(tx bun.Tx) error {
		var err error
		e, err = fn(tx)
		return err
	})
	return e, err
}
