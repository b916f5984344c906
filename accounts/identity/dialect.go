package identity

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

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
