# The commands a newcomer needs; the README explains them.

.PHONY: run test test-frontend build bench bench-reports fuzz

# Start Lumbung on the embedded SQLite database in ./data.
run:
	go run . serve

# Every test, on Postgres and SQLite, under the race detector; then the
# web app's checks.
test:
	go vet ./...
	go test -race -p 2 -timeout 15m ./...
	$(MAKE) --no-print-directory test-frontend

# The web app: API types and dist as committed, unit tests, size budgets,
# browser tests. Skipped, and says so, without Node or Chromium unless
# LUMBUNG_TEST_FRONTEND=require.
test-frontend:
	frontend/scripts/check.sh

build:
	go build -o lumbung .

# The posting benchmark on Postgres: the engine against plain SQL.
bench:
	LUMBUNG_TEST_POSTGRES=require go test -run '^$$' -bench BenchmarkPost -benchtime 2000x ./ledger/

# The report benchmark on Postgres: a generated federation of 200
# cooperatives and 20,000 members over two years (a few minutes to make,
# once), then a partner portfolio, a balance sheet and a member statement
# against plain SQL.
bench-reports:
	LUMBUNG_TEST_POSTGRES=require go test -run '^$$' -bench BenchmarkReports -benchtime 10x -count 3 -timeout 60m ./accounts/
