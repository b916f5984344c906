package api_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/api"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// servedClients is how many clients ask for a large trial balance at once.
const servedClients = 16

// BenchmarkTrialBalanceServed serves a trial balance of 10,000 lines (a
// cooperative's chart grown by 10,000 accounts, with a year of 143,000
// postings) as of yesterday to servedClients clients at once, over a real
// socket, on both stores, and reports the peak of the heap in use while
// they are served (peak-MiB, sampled every few milliseconds) besides the
// time all of them take: what many large answers at once cost the
// server's memory.
//
//	LUMBUNG_TEST_POSTGRES=require go test -run '^$' -bench BenchmarkTrialBalanceServed -benchtime 5x ./api/
func BenchmarkTrialBalanceServed(b *testing.B) {
	ledgertest.Stores(b, benchTrialBalanceServed)
}

func benchTrialBalanceServed(b *testing.B, db *bun.DB) {
	w := accountstest.NewWorld(b, db)
	today := ledger.DateOf(time.Now().UTC())
	ledgertest.MustBulk(b, db, w.Cooperative.BookID, ledgertest.Bulk{Accounts: 10_000, Entries: 71_500, From: today.AddDays(-364), To: today})
	// A log line per request would fill the benchmark's output; every
	// answer's status is checked instead.
	app, _ := buildApp(b, db, api.Config{Logger: slog.New(slog.DiscardHandler)}, api.RevocationsRefreshInterval)
	url := serve(b, app) + "/v1/cooperatives/" + w.Cooperative.ID + "/trial-balance?as_of=" + today.AddDays(-1).String()
	token := accessToken(b, signIn(b, w.Identity, w.Logins["treasurer"]))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: servedClients}}
	if err := fetchAll(client, url, token); err != nil {
		b.Fatal(err)
	}
	var peak uint64
	for b.Loop() {
		stop := sampleHeap(&peak)
		err := fetchAll(client, url, token)
		stop()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}

// serve serves the app on a local port until the benchmark ends and
// returns its base URL.
func serve(b *testing.B, app *fiber.App) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go app.Listener(ln) //nolint:errcheck // ends with Shutdown below
	b.Cleanup(func() { app.Shutdown() })
	return "http://" + ln.Addr().String()
}

// fetchAll asks for url from servedClients clients at once, as a browser
// would (compressed), and reads each answer to the end.
func fetchAll(client *http.Client, url, token string) error {
	errs := make(chan error, servedClients)
	var wg sync.WaitGroup
	for range servedClients {
		wg.Go(func() {
			errs <- fetch(client, url, token)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func fetch(client *http.Client, url, token string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set(fiber.HeaderAuthorization, "Bearer "+token)
	req.Header.Set(fiber.HeaderAcceptEncoding, "gzip, deflate, br")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && (resp.StatusCode != http.StatusOK || n == 0) {
		err = fmt.Errorf("status %d, %d bytes", resp.StatusCode, n)
	}
	return err
}

// heapSampleInterval is how often sampleHeap looks: each look stops the
// world for a moment.
const heapSampleInterval = 2 * time.Millisecond

// sampleHeap records the largest heap in use into peak until the
// returned function is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(heapSampleInterval):
			}
		}
	})
	return func() { close(done); wg.Wait() }
}
