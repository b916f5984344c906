package ledgertest

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
)

// FailQueries returns db, the real database, with every query whose SQL
// holds fragment (an ID, say) failing before it is sent, as on a
// connection lost at that moment: the query's context is cancelled. The
// other queries run as usual, so a test can break the one lookup a request
// makes midway and see what it answers.
func FailQueries(db *bun.DB, fragment string) *bun.DB {
	return db.WithQueryHook(failQueries{fragment: fragment})
}

type failQueries struct{ fragment string }

func (h failQueries) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if !strings.Contains(e.Query, h.fragment) {
		return ctx
	}
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	return ctx
}

func (failQueries) AfterQuery(context.Context, *bun.QueryEvent) {}
