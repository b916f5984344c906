package accounts_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// BenchmarkReports measures three reports on a federation of the size
// Lumbung is meant for (accountstest.FederationFull: 200 cooperatives,
// 20,000 members, two years of weekly meetings) on Postgres, each against
// a plain SQL query of comparable shape run in the same process, so that
// the figures read as ratios as well as milliseconds:
//
//   - partner_portfolio: FindPartnerPortfolio for a partner whose
//     facilities fund 20 cooperatives, on the last meeting day.
//   - balance_sheet: BalanceSheet of one cooperative on the last day.
//   - member_statement: MemberStatement of one member's wajib savings over
//     the last year.
//   - sql_balances: the grouped sum of one cooperative's postings up to
//     the last day, by account: the query a balance sheet rests on.
//   - sql_statement: one account's postings over the year, with their
//     entries' kind and memo: the query a statement rests on.
//
// The baselines are sent as the services send theirs, values written into
// the SQL by bun, so that Postgres plans them alike.
//
// Each sub-benchmark runs its report once untimed (a server's cache is
// warm) and checks its result, then times it; ms/op is reported beside
// ns/op. The federation is generated once per process (about three
// minutes, then verified) and shared by every -count. Run it with:
//
//	LUMBUNG_TEST_POSTGRES=require go test -run '^$' -bench BenchmarkReports -benchtime 10x -count 3 -timeout 60m ./accounts/
func BenchmarkReports(b *testing.B) {
	db, f := federationDB(b)
	ctx := context.Background()
	s := accountstest.NewServices(ledger.New(db), services.Options{})
	partner, coop := f.Partners[0], f.Cooperatives[0]
	asOf, yearFrom := f.End, f.End.AddDays(-364)
	member := coop.MemberIDs[0]
	wajib, err := s.Core.Ledger().FindAccountByCode(ctx, coop.Cooperative.BookID, accounts.MemberAccountCode(accounts.Wajib, 1))
	if err != nil {
		b.Fatal(err)
	}
	reports := []struct {
		name string
		run  func() error
	}{
		{"partner_portfolio", func() error {
			pp, err := s.Reports.FindPartnerPortfolio(ctx, partner.User, partner.Partner.ID, asOf)
			if err == nil && len(pp.Facilities) != 20 {
				err = fmt.Errorf("%d facilities, want 20", len(pp.Facilities))
			}
			return err
		}},
		{"partner_series_12_months", func() error {
			ms, err := reports.ParseMonths("", "", asOf)
			if err != nil {
				return err
			}
			ps, err := s.Reports.PartnerPortfolioSeries(ctx, partner.User, partner.Partner.ID, ms)
			if err == nil && len(ps) != 12 {
				err = fmt.Errorf("%d months, want 12", len(ps))
			}
			return err
		}},
		{"health_ratios", func() error {
			_, err := s.Reports.FindHealth(ctx, coop.Treasurer, coop.Cooperative.ID, asOf)
			return err
		}},
		{"due_list", func() error {
			_, err := s.Meetings.FindDueList(ctx, coop.Treasurer, coop.Cooperative.ID, asOf)
			return err
		}},
		{"balance_sheet", func() error {
			_, err := s.Reports.BalanceSheet(ctx, coop.Treasurer, coop.Cooperative.ID, asOf)
			return err
		}},
		{"member_statement", func() error {
			st, err := s.Reports.MemberStatement(ctx, coop.Treasurer, coop.Cooperative.ID, member, accounts.Wajib, yearFrom, asOf)
			if err == nil && len(st.Lines) != 52 {
				err = fmt.Errorf("%d statement lines, want 52", len(st.Lines))
			}
			return err
		}},
		{"sql_balances", func() error {
			return drain(db.QueryContext(ctx, `SELECT account_id, SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END)
				FROM postings WHERE book_id = ? AND effective_date <= ? GROUP BY account_id`, coop.Cooperative.BookID, asOf))
		}},
		{"sql_statement", func() error {
			return drain(db.QueryContext(ctx, `SELECT p.entry_id, p.sequence, p.effective_date, e.kind, e.memo, p.side, p.amount_minor
				FROM postings AS p JOIN entries AS e ON e.id = p.entry_id
				WHERE p.account_id = ? AND p.effective_date >= ? AND p.effective_date <= ?
				ORDER BY p.effective_date, p.sequence, p.line`, wajib.ID, yearFrom, asOf))
		}},
	}
	for _, r := range reports {
		b.Run(r.name, func(b *testing.B) {
			if err := r.run(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := r.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// federated is the federation the benchmark measures, made by the first
// run of the process and reused by the runs -count asks for: it takes
// minutes to make and never changes.
var federated struct {
	sync.Mutex
	url string
	f   *accountstest.Federation
}

// federationDB returns a connection to the federation's database, making
// the federation first if this process has not.
func federationDB(b *testing.B) (*bun.DB, *accountstest.Federation) {
	b.Helper()
	federated.Lock()
	defer federated.Unlock()
	if federated.f == nil {
		db, url := lt.NewPostgres(b)
		lt.MustMigrate(b, db)
		federated.f, federated.url = accountstest.NewFederation(b, db, accountstest.FederationFull), url
		return db, federated.f
	}
	db, err := ledger.OpenPostgres(federated.url, ledger.Timeouts{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, federated.f
}

// drain reads a query's rows to the end, as a report reads them.
func drain(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	values := make([]any, len(cols))
	for i := range values {
		values[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(values...); err != nil {
			return err
		}
	}
	return rows.Err()
}
