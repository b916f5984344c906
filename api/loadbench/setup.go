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

// book is one cooperative made for the load: its treasurer and the ledger
// accounts the entries move money between. Account 0 is the cash account
// of the hot scenario.
type book struct {
	coopID      string
	bookID      string // filled in for the ceiling's books only
	treasurerID string
	login       string
	password    string
	token       string
	codes       []string
	accountIDs  []string
}

// world is what the load runs on: the cooperatives posted to through the
// API, and those of the ceiling.
type world struct {
	api      *client
	lumbung  []book
	ceiling  []book
	loggedIn time.Time
}

// setupWorkers is how many cooperatives are made at once. Each user made
// and each login is a password hash, of which the server runs a few at a
// time and refuses those that wait long; four keeps the queue short.
const setupWorkers = 4

// newWorld makes booksMax cooperatives for each side, each with a
// treasurer and accounts ledger accounts, through the API as the admin.
func newWorld(ctx context.Context, api *client, adminToken, runID string, accounts int) (*world, error) {
	w := &world{api: api, lumbung: make([]book, booksMax), ceiling: make([]book, booksMax)}
	all := make([]*book, 0, 2*booksMax)
	for i := range w.lumbung {
		all = append(all, &w.lumbung[i])
	}
	for i := range w.ceiling {
		all = append(all, &w.ceiling[i])
	}
	jobs := make(chan int)
	errs := make([]error, len(all))
	var wg sync.WaitGroup
	for range setupWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = makeBook(ctx, api, adminToken, fmt.Sprintf("%s-%02d", runID, i), accounts, all[i])
			}
		}()
	}
	for i := range all {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	w.loggedIn = time.Now()
	return w, nil
}

// makeBook makes one cooperative, its treasurer, her session and the
// accounts.
func makeBook(ctx context.Context, api *client, adminToken, name string, accounts int, b *book) error {
	var err error
	if b.coopID, err = api.createCooperative(ctx, adminToken, "Koperasi "+name); err != nil {
		return err
	}
	b.login, b.password = "bendahara-"+name+"@bench.lumbung.test", randomHex(16)
	if b.treasurerID, err = api.createTreasurer(ctx, adminToken, b.coopID, b.login, b.password); err != nil {
		return err
	}
	if b.token, err = api.login(ctx, b.login, b.password); err != nil {
		return err
	}
	for i := range accounts {
		code, name := fmt.Sprintf("bench-%03d", i), fmt.Sprintf("Piutang %d", i)
		if i == 0 {
			name = "Kas"
		}
		id, err := api.createAccount(ctx, b.token, b.coopID, code, name)
		if err != nil {
			return err
		}
		b.codes, b.accountIDs = append(b.codes, code), append(b.accountIDs, id)
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

// sessionRenewAfter is how old the treasurers' access tokens may be
// before a cell: they expire after 15 minutes, and a cell must not
// outlive them.
const sessionRenewAfter = 10 * time.Minute

// renewSessions logs the posting treasurers in again when their tokens
// are close to expiring; between cells, never during one.
func (w *world) renewSessions(ctx context.Context) error {
	if time.Since(w.loggedIn) < sessionRenewAfter {
		return nil
	}
	for i := range w.lumbung {
		b := &w.lumbung[i]
		token, err := w.api.login(ctx, b.login, b.password)
		if err != nil {
			return err
		}
		b.token = token
	}
	w.loggedIn = time.Now()
	return nil
}
