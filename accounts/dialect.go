package accounts

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

// lockFacility takes the facility's row lock for the rest of the
// transaction: tranches into it and loans funded by it serialise on it, so
// that each checks its ceiling against what the one before committed. On
// SQLite the immediate transaction already holds the database's write lock.
func lockFacility(ctx context.Context, tx bun.Tx, row *facilityRow, cooperativeID, facilityID string) error {
	q := tx.NewSelect().Model(row).Where("id = ? AND cooperative_id = ?", facilityID, cooperativeID)
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE")
	}
	return q.Scan(ctx)
}

// memberLock is how a transaction holds a member's row: money into or out
// of her accounts shares it, her exit takes it alone, so that nothing is
// posted to her accounts while she leaves, and she cannot leave twice.
// Lock order, for every writer: member rows, loan rows, facility rows,
// then the ledger's accounts and book (see ledger.Post).
type memberLock int

const (
	memberRead  memberLock = iota // no lock: a plain read
	memberShare                   // a payment to or from her accounts
	memberAlone                   // her exit
)

// selectMember starts the select of member rows into model with the lock
// asked for. On SQLite the immediate transaction already holds the
// database's write lock.
func selectMember(db bun.IDB, model any, lock memberLock) *bun.SelectQuery {
	q := db.NewSelect().Model(model)
	if db.Dialect().Name() != dialect.PG {
		return q
	}
	switch lock {
	case memberShare:
		q = q.For("SHARE")
	case memberAlone:
		q = q.For("NO KEY UPDATE")
	}
	return q
}

// Every change to what a user's access tokens may carry serialises on her
// users row: a sign-in or a refresh holds it shared while it reads her
// grants and starts or extends a session; taking a grant away holds it
// exclusively while it deletes the grant and ends her live sessions. So a
// session either exists before the grant goes, and is ended with it, or
// starts after, from the grants without it. Both take this lock before any
// session row, so they cannot deadlock. NO KEY UPDATE rather than UPDATE:
// removing a grant changes no key of the user, so rows that merely refer to
// her (a new grant, an entry she posts) need not wait for it. On SQLite the
// immediate transaction already holds the database's write lock. Both
// answer sql.ErrNoRows for an unknown user.

// lockUserShared holds the user's row against a change of her grants.
func lockUserShared(ctx context.Context, tx bun.Tx, userID string) error {
	return lockUserRow(ctx, tx, userID, "SHARE")
}

// lockUser holds the user's row against sign-ins, refreshes and other
// changes of her grants.
func lockUser(ctx context.Context, tx bun.Tx, userID string) error {
	return lockUserRow(ctx, tx, userID, "NO KEY UPDATE")
}

func lockUserRow(ctx context.Context, tx bun.Tx, userID, strength string) error {
	var id string
	q := tx.NewSelect().Table("users").Column("id").Where("id = ?", userID)
	if tx.Dialect().Name() == dialect.PG {
		q = q.For(strength)
	}
	return q.Scan(ctx, &id)
}
