package loadbench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// booksMax is how many cooperatives the many-books scenarios spread over,
// on each side.
const booksMax = 16

// book is one cooperative made for the load and the ledger accounts the
// entries move money between. Account 0 is the cash account of the hot
// scenario.
type book struct {
	coopID      string
	bookID      string // filled in for the ceiling's books only
	treasurerID string
	codes       []string
	accountIDs  []string
}

// treasurer keeps every book of one side. One user for sixteen books,
// rather than one each, keeps the setup to two password hashes, which
// are slow by design.
type treasurer struct {
	id, login, password string
	token               string
}

// world is what the load runs on: the cooperatives posted to through the
// API, and those of the ceiling, each side with its treasurer.
type world struct {
	api              *client
	lumbung, ceiling []book
	lumbungTreasurer treasurer
	ceilingTreasurer treasurer
	loggedIn         time.Time
}

// setupWorkers is how many requests the setup makes at once.
const setupWorkers = 4

// newWorld makes booksMax cooperatives for each side, each with accounts
// ledger accounts and a treasurer for the side, through the API as the
// admin.
func newWorld(ctx context.Context, api *client, adminToken, runID string, accounts int) (*world, error) {
	w := &world{api: api, lumbung: make([]book, booksMax), ceiling: make([]book, booksMax)}
	all := make([]*book, 0, 2*booksMax)
	for i := range w.lumbung {
		all = append(all, &w.lumbung[i])
	}
	for i := range w.ceiling {
		all = append(all, &w.ceiling[i])
	}
	if err := each(len(all), func(i int) (err error) {
		all[i].coopID, err = api.createCooperative(ctx, adminToken, fmt.Sprintf("Koperasi %s-%02d", runID, i))
		return err
	}); err != nil {
		return nil, err
	}
	if err := makeTreasurer(ctx, api, adminToken, runID, &w.lumbungTreasurer, w.lumbung); err != nil {
		return nil, err
	}
	if err := makeTreasurer(ctx, api, adminToken, runID, &w.ceilingTreasurer, w.ceiling); err != nil {
		return nil, err
	}
	w.loggedIn = time.Now()
	err := each(len(all), func(i int) error {
		token := w.lumbungTreasurer.token
		if i >= booksMax {
			token = w.ceilingTreasurer.token
		}
		return makeAccounts(ctx, api, token, accounts, all[i])
	})
	return w, err
}

// makeTreasurer makes the user who keeps books, grants her each of them
// and logs her in: her token carries the grants she had at login.
func makeTreasurer(ctx context.Context, api *client, adminToken, runID string, t *treasurer, books []book) error {
	var err error
	t.login, t.password = "bendahara-"+randomHex(4)+"-"+runID+"@bench.lumbung.test", randomHex(16)
	if t.id, err = api.createUser(ctx, adminToken, t.login, t.password); err != nil {
		return err
	}
	if err := each(len(books), func(i int) error {
		books[i].treasurerID = t.id
		return api.grantTreasurer(ctx, adminToken, t.id, books[i].coopID)
	}); err != nil {
		return err
	}
	t.token, err = api.login(ctx, t.login, t.password)
	return err
}

// makeAccounts opens the accounts of one book.
func makeAccounts(ctx context.Context, api *client, token string, accounts int, b *book) error {
	for i := range accounts {
		code, name := fmt.Sprintf("bench-%03d", i), fmt.Sprintf("Piutang %d", i)
		if i == 0 {
			name = "Kas"
		}
		id, err := api.createAccount(ctx, token, b.coopID, code, name)
		if err != nil {
			return err
		}
		b.codes, b.accountIDs = append(b.codes, code), append(b.accountIDs, id)
	}
	return nil
}

// each runs do(0) to do(n-1) on setupWorkers goroutines and returns the
// first error.
func each(n int, do func(i int) error) error {
	jobs := make(chan int)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range setupWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = do(i)
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// randomHex returns n random bytes in hex: passwords, and names no
// earlier run can have taken.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) //nolint:errcheck // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// sessionRenewAfter is how old the treasurer's access token may be
// before a cell: it expires after 15 minutes, and a cell must not
// outlive it.
const sessionRenewAfter = 10 * time.Minute

// renewSession logs the posting treasurer in again when her token is
// close to expiring; between cells, never during one.
func (w *world) renewSession(ctx context.Context) error {
	if time.Since(w.loggedIn) < sessionRenewAfter {
		return nil
	}
	token, err := w.api.login(ctx, w.lumbungTreasurer.login, w.lumbungTreasurer.password)
	if err != nil {
		return err
	}
	w.lumbungTreasurer.token, w.loggedIn = token, time.Now()
	return nil
}
