package accounts

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

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

// MemberLock is how a transaction holds a member's row: money into or out
// of her accounts shares it, her exit takes it alone, so that nothing is
// posted to her accounts while she leaves, and she cannot leave twice.
// Lock order, for every writer: member rows, loan rows, facility rows,
// then the ledger's accounts and book (see ledger.Post).
type MemberLock int

const (
	MemberUnlocked MemberLock = iota // no lock: a plain read
	MemberShared                     // a payment to or from her accounts
	MemberAlone                      // her exit
)

// selectMember starts the select of member rows into model with the lock
// asked for. On SQLite the immediate transaction already holds the
// database's write lock.
func selectMember(db bun.IDB, model any, lock MemberLock) *bun.SelectQuery {
	q := db.NewSelect().Model(model)
	if db.Dialect().Name() != dialect.PG {
		return q
	}
	switch lock {
	case MemberShared:
		q = q.For("SHARE")
	case MemberAlone:
		q = q.For("NO KEY UPDATE")
	}
	return q
}
