package lending

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// lockLoan takes the loan's row lock for the rest of the transaction, so
// that two repayments of one loan allocate one after the other. On SQLite
// the immediate transaction already holds the database's write lock.
func lockLoan(ctx context.Context, tx bun.Tx, row *loanRow, cooperativeID, loanID string) error {
	q := tx.NewSelect().Model(row).Where("id = ? AND cooperative_id = ?", loanID, cooperativeID)
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE")
	}
	return q.Scan(ctx)
}
