package ledger

import (
	"context"
	"fmt"
)

// booksMax bounds one listing of every book: a federation of a few
// thousand cooperatives stays far inside it.
const booksMax = 100000

// FindBooks lists every book of the store, ordered by ID: for the commands
// that look at a whole store (a move compares each book's trial balance in
// both stores). Errors: KindInternal when the store holds more than
// booksMax books.
func (l *Ledger) FindBooks(ctx context.Context) (bs []Book, err error) {
	defer Wrap(&err, "FindBooks()")
	var rows []bookRow
	if err := l.db.NewSelect().Model(&rows).OrderExpr("id").Limit(booksMax + 1).Scan(ctx); err != nil {
		return nil, err
	}
	if len(rows) > booksMax {
		return nil, fmt.Errorf("more than %d books", booksMax)
	}
	bs = make([]Book, len(rows))
	for i, r := range rows {
		bs[i] = r.book()
	}
	return bs, nil
}
