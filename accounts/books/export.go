package books

import (
	"context"
	"io"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// ExportJournal writes the cooperative's book as a plain-text journal that
// hledger and ledger-cli read (ledger.WriteJournal). Its treasurer only:
// the journal holds every member's accounts. Errors: KindNotFound,
// KindForbidden; a failed write to w as it came.
func (s *Service) ExportJournal(ctx context.Context, a accounts.Actor, cooperativeID string, w io.Writer) (err error) {
	defer ledger.Wrap(&err, "ExportJournal(%s)", cooperativeID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return err
	}
	coop := books.Cooperative()
	return ledger.WriteJournal(ctx, s.db, coop.BookID, w)
}
