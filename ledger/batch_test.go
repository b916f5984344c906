package ledger_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestSameKeyAtOnce: requests with one idempotency key, posted at the same
// time (on Postgres, written together), make one entry; every answer is
// that entry, all but one as its replay, and a different request under the
// key is refused.
func TestSameKeyAtOnce(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)
		b := chart(t, l)
		same := lt.Transfer("1300", "4100", "500")
		same.IdempotencyKey = "collection-2026-12-03"
		other := lt.Transfer("1300", "4100", "700")
		other.IdempotencyKey = same.IdempotencyKey

		const n = 12
		entries := make([]ledger.Entry, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := same
				if i == n-1 {
					in = other
				}
				entries[i], errs[i] = l.Post(ctx, b.ID, in)
			}()
		}
		wg.Wait()
		// Whichever request was written first holds the key; every request
		// the same as it is answered with its entry, the other is refused.
		winner := same
		if lt.MustBalance(t, l, b.ID, "4100") == 700 {
			winner = other
		}
		first, replays, answered := "", 0, 0
		for i := range n {
			in := same
			if i == n-1 {
				in = other
			}
			if in.Postings[0].Amount != winner.Postings[0].Amount {
				wantKind(t, errs[i], ledger.KindConflict, "entry.idempotency_key_reused")
				continue
			}
			if errs[i] != nil {
				t.Fatalf("request %d: %v", i, errs[i])
			}
			if first == "" {
				first = entries[i].ID
			}
			if entries[i].ID != first {
				t.Fatalf("request %d answered entry %s, another %s", i, entries[i].ID, first)
			}
			answered++
			if entries[i].Replayed {
				replays++
			}
		}
		if replays != answered-1 {
			t.Errorf("%d replays among %d answers of the entry, want %d", replays, answered, answered-1)
		}
		if got := lt.MustBalance(t, l, b.ID, "1300"); got != winner.Postings[0].Amount.IntPart() {
			t.Errorf("receivable %d: want one entry", got)
		}
		lt.MustVerify(t, db, b.ID)
	})
}

// TestEntryRefusedWhileWrittenFailsAlone: in a batch of entries written
// together on Postgres, an entry whose key another transaction commits
// while the batch waits for the book is refused by the database; it is
// answered alone (a conflict: another request had the key) and the
// entries beside it are written all the same.
func TestEntryRefusedWhileWrittenFailsAlone(t *testing.T) {
	// Batches are Postgres's alone: SQLite has one writer, whatever waits.
	db, _ := lt.NewPostgres(t)
	lt.MustMigrate(t, db)
	ctx := context.Background()
	l := ledger.New(db)
	b := chart(t, l)
	rival := lt.Transfer("5100", "2130", "100") // accounts of its own: the batch waits only for the book
	rival.IdempotencyKey = "shared"

	// A service's transaction holds the book, with the key uncommitted.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.PostTx(ctx, tx, b.ID, rival); err != nil {
		t.Fatal(err)
	}
	clash := lt.Transfer("1300", "4100", "200")
	clash.IdempotencyKey = "shared"
	var errs []error
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, errs = l.PostTogether(ctx, b.ID, []ledger.EntryInput{lt.Transfer("1300", "4100", "10"), clash, lt.Transfer("1300", "4100", "30")})
	}()
	time.Sleep(300 * time.Millisecond)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	<-done
	if errs[0] != nil || errs[2] != nil {
		t.Fatalf("entries beside the refused one: %v, %v", errs[0], errs[2])
	}
	wantKind(t, errs[1], ledger.KindConflict, "entry.idempotency_key_reused")
	if got := lt.MustBalance(t, l, b.ID, "4100"); got != 40 {
		t.Errorf("income %d, want 40: the two entries beside the refused one", got)
	}
	lt.MustVerify(t, db, b.ID)
}

// TestRetryThatWaitedForItsOriginalIsAReplay: a request whose original
// (the same key, the same entry) commits while its batch waits for the
// accounts' locks is answered as the original's replay, not refused by the
// floor the original's withdrawal leaves.
func TestRetryThatWaitedForItsOriginalIsAReplay(t *testing.T) {
	// Batches are Postgres's alone: SQLite has one writer, whatever waits.
	db, _ := lt.NewPostgres(t)
	lt.MustMigrate(t, db)
	ctx := context.Background()
	l := ledger.New(db)
	b := chart(t, l)
	lt.MustPost(t, l, b.ID, "1100", "2130", "100")
	withdrawal := lt.Transfer("2130", "1100", "100") // all the cash there is
	withdrawal.IdempotencyKey = "withdrawal-1"

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	original, err := l.PostTx(ctx, tx, b.ID, withdrawal)
	if err != nil {
		t.Fatal(err)
	}
	var entries []ledger.Entry
	var errs []error
	done := make(chan struct{})
	go func() {
		defer close(done)
		entries, errs = l.PostTogether(ctx, b.ID, []ledger.EntryInput{withdrawal})
	}()
	time.Sleep(300 * time.Millisecond)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	<-done
	if errs[0] != nil {
		t.Fatalf("the retry: %v, want the original's replay", errs[0])
	}
	if entries[0].ID != original.ID || !entries[0].Replayed {
		t.Errorf("the retry answered entry %s (replayed %v), want %s replayed", entries[0].ID, entries[0].Replayed, original.ID)
	}
	if got := lt.MustBalance(t, l, b.ID, "1100"); got != 0 {
		t.Errorf("cash %d, want 0: one withdrawal", got)
	}
}

// TestBatchOfSeveralBooks: entries of three books written in one batch
// each land in their own book, numbered there in the order they came; an
// entry refused in one book fails alone, and a key used in two books is two
// entries, not a replay.
func TestBatchOfSeveralBooks(t *testing.T) {
	// Batches are Postgres's alone: SQLite has one writer, whatever waits.
	db, _ := lt.NewPostgres(t)
	lt.MustMigrate(t, db)
	ctx := context.Background()
	l := ledger.New(db)
	a, b, c := chart(t, l), chart(t, l), chart(t, l)
	keyed := lt.Transfer("1300", "4100", "7")
	keyed.IdempotencyKey = "rapat-1"
	books := []string{c.ID, a.ID, b.ID, a.ID, c.ID, b.ID}
	ins := []ledger.EntryInput{
		lt.Transfer("1300", "4100", "100"),
		keyed,
		lt.Transfer("1300", "4100", "200"),
		lt.Transfer("2130", "1100", "1"), // below the savings' floor
		keyed,
		lt.Transfer("1300", "4100", "300"),
	}
	entries, errs := l.PostTogetherTo(ctx, books, ins)
	wantKind(t, errs[3], ledger.KindConflict, "account.below_floor")
	for i, err := range errs {
		if i != 3 && err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
	}
	want := []struct {
		book     string
		sequence int64
		income   int64
	}{{c.ID, 1, 107}, {a.ID, 1, 7}, {b.ID, 1, 500}, {}, {c.ID, 2, 107}, {b.ID, 2, 500}}
	for i, w := range want {
		if i == 3 {
			continue
		}
		if entries[i].BookID != w.book || entries[i].Sequence != w.sequence || entries[i].Replayed {
			t.Errorf("entry %d: book %s number %d (replayed %v), want book %s number %d",
				i, entries[i].BookID, entries[i].Sequence, entries[i].Replayed, w.book, w.sequence)
		}
		if got := lt.MustBalance(t, l, w.book, "4100"); got != w.income {
			t.Errorf("book of entry %d: income %d, want %d", i, got, w.income)
		}
	}
	for _, book := range []string{a.ID, b.ID, c.ID} {
		lt.MustVerify(t, db, book)
	}
}
