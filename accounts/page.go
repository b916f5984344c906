package accounts

import (
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Page is a cursor and a size for a listing. Cursors are the last
// ID of the previous page: IDs are time-ordered, so pages follow creation.
type Page struct {
	After string
	Limit int
}

// Page sizes for listings.
const (
	PageSizeDefault = 50
	PageSizeMax     = 200
)

// Validate fills the default size and checks the page.
func (p Page) Validate() (Page, error) {
	if p.Limit == 0 {
		p.Limit = PageSizeDefault
	}
	if p.Limit < 1 || p.Limit > PageSizeMax {
		return p, ledger.InvalidField("page.size", "limit", "between 1 and 200")
	}
	if p.After != "" && !ledger.IsID(p.After) {
		return p, ledger.InvalidField("page.cursor", "cursor", "not a cursor this listing made")
	}
	return p, nil
}

// Apply adds the page's cursor and size to a query ordered by the ID column.
func (p Page) Apply(q *bun.SelectQuery, idColumn string) *bun.SelectQuery {
	if p.After != "" {
		q = q.Where("? > ?", bun.Ident(idColumn), p.After)
	}
	return q.OrderExpr("? ASC", bun.Ident(idColumn)).Limit(int64(p.Limit + 1))
}

// Next trims the extra row a page query fetched and returns the cursor of
// the following page, or "" on the last.
func Next[T any](rows []T, limit int, id func(T) string) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, id(rows[len(rows)-1])
}
