# The commands a newcomer needs; the README explains them.

.PHONY: run test lint test-frontend build bench bench-http bench-reports bench-trial-balance fuzz

# Start Lumbung on the embedded SQLite database in ./data.
run:
	go run . serve

# Every test, on Postgres and SQLite, under the race detector, after the
# linters; then the web app's checks. The demo's package runs without the
# race detector: it seeds a year of a cooperative on one goroutine, three
# times on each store, which the detector slows past any timeout while
# having no concurrency to watch.
test: lint
	go test -race -p 2 -timeout 15m $$(go list ./... | grep -v '/accounts/demo$$')
	go test -timeout 15m ./accounts/demo/
	$(MAKE) --no-print-directory test-frontend

# The web app: API types and dist as committed, unit tests, size budgets,
# browser tests. Skipped, and says so, without Node or Chromium unless
# LUMBUNG_TEST_FRONTEND=require.
test-frontend:
	frontend/scripts/check.sh

# go vet, staticcheck and deadcode (with the tests as roots: code that
# nothing reaches, not even a test). The last two are tool dependencies
# pinned in go.mod, so every machine runs the same versions. Any finding
# fails the target: deadcode prints findings but exits 0, hence the check
# that it printed nothing.
lint:
	go vet ./...
	go tool staticcheck ./...
	@out="$$(go tool deadcode -test ./...)"; \
	if [ -n "$$out" ]; then echo "$$out"; echo "deadcode: unreachable code (above)"; exit 1; fi

build:
	go build -o lumbung .

# The posting benchmark on Postgres: the engine against plain SQL.
bench:
	LUMBUNG_TEST_POSTGRES=require go test -run '^$$' -bench BenchmarkPost -benchtime 2000x ./ledger/

# The whole server under load over HTTP, beside a raw-SQL ceiling of the
# same work: a database of its own on the local PostgreSQL (dropped at the
# end), each scenario for 5 s at 1, 4, 16 and 64 clients; about four
# minutes. BENCH_FLAGS adds or overrides flags (lumbung help).
bench-http: build
	./lumbung bench -duration 5s -clients 1,4,16,64 -accounts 64 $(BENCH_FLAGS)

# The report benchmark on Postgres: a generated federation of 200
# cooperatives and 20,000 members over two years (a few minutes to make,
# once), then the partner's portfolio and monthly series and one
# cooperative's reports, each against plain SQL of the same shape. Add
# -short for a tenth of the federation.
bench-reports:
	LUMBUNG_TEST_POSTGRES=require go test -run '^$$' -bench BenchmarkReports -benchtime 10x -count 3 -timeout 60m ./accounts/

# A trial balance of 10,000 accounts on both stores against plain SQL, and
# served to 16 clients at once (peak heap).
bench-trial-balance:
	LUMBUNG_TEST_POSTGRES=require go test -run '^$$' -bench BenchmarkTrialBalance -benchtime 10x ./ledger/ ./api/
