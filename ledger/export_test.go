package ledger

import "context"

// PostTogether writes entries as one batch of batch.go, as entries posted
// to a book at the same moment are: for tests that need them together,
// which timing alone cannot promise.
func (l *Ledger) PostTogether(ctx context.Context, bookID string, ins []EntryInput) ([]Entry, []error) {
	books := make([]string, len(ins))
	for i := range books {
		books[i] = bookID
	}
	return l.PostTogetherTo(ctx, books, ins)
}

// PostTogetherTo is PostTogether for entries of several books, the ith
// entry to the ith book.
func (l *Ledger) PostTogetherTo(ctx context.Context, books []string, ins []EntryInput) ([]Entry, []error) {
	now := l.now().UTC()
	batch := make([]*postRequest, len(ins))
	for i, in := range ins {
		in, hash, err := Prepare(books[i], in, now)
		if err != nil {
			panic(err)
		}
		batch[i] = &postRequest{ctx: ctx, bookID: books[i], in: in, hash: hash, now: now, done: make(chan postResult, 1)}
	}
	l.writeBatch(batch)
	entries, errs := make([]Entry, len(ins)), make([]error, len(ins))
	for i, r := range batch {
		res := <-r.done
		entries[i], errs[i] = res.entry, res.err
	}
	return entries, errs
}
