package ledger

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"
)

const (
	// retryAttemptsMax bounds how often a transaction that lost a race
	// (serialization failure, deadlock, SQLite busy) is run again before the
	// caller is told the ledger is unavailable. Contention that outlasts
	// this many attempts is overload, not bad luck.
	retryAttemptsMax = 8
	// retryBackoffBase is the first pause between attempts; each later pause
	// doubles it, with jitter so that racing writers spread out.
	retryBackoffBase = 2 * time.Millisecond
)

// inTx runs fn in a transaction and commits it, running it again (from the
// start, with a fresh transaction) when the database reports transient
// contention. fn must therefore have no effects outside the transaction.
func inTx(ctx context.Context, db *bun.DB, fn func(tx bun.Tx) error) error {
	var err error
	for attempt := 0; attempt < retryAttemptsMax; attempt++ {
		if attempt > 0 {
			if waitErr := backoff(ctx, attempt); waitErr != nil {
				return waitErr
			}
		}
		err = db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
			return fn(tx)
		})
		if err == nil || !isRetryable(err) {
			return err
		}
	}
	return Unavailable("ledger.contention", "the ledger is busy; try again shortly", err)
}

func backoff(ctx context.Context, attempt int) error {
	pause := retryBackoffBase << (attempt - 1)
	pause += time.Duration(rand.Int64N(int64(pause)))
	t := time.NewTimer(pause)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// InTx runs fn in a transaction with the engine's bounded retry on
// contention, for services that write their own rows together with ledger
// rows (through the *Tx functions) and must commit them as one.
func (l *Ledger) InTx(ctx context.Context, fn func(tx bun.Tx) error) error {
	return inTx(ctx, l.db, fn)
}
