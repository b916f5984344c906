// Package proofs holds what lets someone check a cooperative's books
// without trusting the server: signed checkpoints of each book, taken at
// every month end and on demand, and the journal copy a funder keeps and
// verifies on its own machine ('lumbung verify-journal').
package proofs

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Service signs and hands out proofs. It is safe for concurrent use.
type Service struct {
	core   *accounts.Service
	db     *bun.DB
	ledger *ledger.Ledger
	key    ed25519.PrivateKey
	now    func() time.Time
}

// New returns the proofs service signing with key. A nil key is replaced
// by one made for this process alone: for tests and tools whose
// checkpoints no one keeps; the server always passes its configured key.
func New(core *accounts.Service, key ed25519.PrivateKey) *Service {
	if key == nil {
		_, key, _ = ed25519.GenerateKey(rand.Reader)
	}
	return &Service{core: core, db: core.DB(), ledger: core.Ledger(), key: key, now: core.Now}
}

// PublicKey is the half of the signing key that checks checkpoints.
func (s *Service) PublicKey() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

// Checkpoints lists a cooperative's checkpoints, newest first.
// Errors: as accounts.Service.ProofsRead.
func (s *Service) Checkpoints(ctx context.Context, a accounts.Actor, cooperativeID string) (cs []ledger.Checkpoint, err error) {
	defer ledger.Wrap(&err, "Checkpoints(%s)", cooperativeID)
	coop, err := s.core.ProofsRead(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	return s.ledger.Checkpoints(ctx, coop.BookID)
}

// TakeCheckpoint signs a checkpoint of the cooperative's book as it stands
// now: its treasurer asks for one before a meeting with a funder or an
// audit. Errors: as accounts.Service.Books.
func (s *Service) TakeCheckpoint(ctx context.Context, a accounts.Actor, cooperativeID string) (c ledger.Checkpoint, err error) {
	defer ledger.Wrap(&err, "TakeCheckpoint(%s)", cooperativeID)
	b, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Checkpoint{}, err
	}
	return s.ledger.TakeCheckpoint(ctx, b.Cooperative().BookID, ledger.Date{}, s.key)
}

// WriteJournalCopy writes the cooperative's journal copy to w.
// Errors: as accounts.Service.ProofsRead; a failed write as it came.
func (s *Service) WriteJournalCopy(ctx context.Context, a accounts.Actor, cooperativeID string, w io.Writer) (err error) {
	defer ledger.Wrap(&err, "WriteJournalCopy(%s)", cooperativeID)
	coop, err := s.core.ProofsRead(ctx, a, cooperativeID)
	if err != nil {
		return err
	}
	return ledger.WriteJournalCopy(ctx, s.db, coop.BookID, ledger.JournalCopyHeader{Cooperative: coop.Name}, s.now(), w)
}

// CloseMonths takes the month-end checkpoint of every book that has none
// for the month that ended last (UTC): run by the server hourly and by
// 'lumbung checkpoint', it takes each once, however often it runs.
func (s *Service) CloseMonths(ctx context.Context) (taken int, err error) {
	defer ledger.Wrap(&err, "CloseMonths")
	today := ledger.DateOf(s.now().UTC())
	monthEnd := today.AddDays(-today.Time().Day())
	var bookIDs []string
	err = s.db.NewSelect().Table("books").Column("id").
		Where("NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.book_id = books.id AND c.month_end_on = ?)", monthEnd).
		Order("id").Scan(ctx, &bookIDs)
	if err != nil {
		return 0, err
	}
	for _, id := range bookIDs {
		if _, err := s.ledger.TakeCheckpoint(ctx, id, monthEnd, s.key); err != nil {
			return taken, err
		}
		taken++
	}
	return taken, nil
}
