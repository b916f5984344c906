package accounts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// BenchmarkReports measures reports on a federation of the size Lumbung is
// meant for (accountstest.FederationFull: 200 cooperatives, 20,000
// members, two years of weekly meetings; with -short FederationTenth, the
// same partner's view in a tenth of the database) on Postgres, each
// against a plain SQL query of the same shape run in the same process, so
// that the figures read as ratios as well as milliseconds:
//
//   - partner_portfolio: FindPartnerPortfolio for a partner whose
//     facilities fund 20 cooperatives, on the last meeting day.
//   - partner_series_12_months: that partner's portfolio at 12 month ends.
//   - health_ratios, due_list, balance_sheet: one cooperative's, on the
//     last day.
//   - member_statement: MemberStatement of one member's wajib savings over
//     the last year.
//   - sql_balances: one cooperative's accounts on the last day, as
//     ledger.AccountsOn reads them: stored balances less the postings after
//     the day, read through postings_book_date_idx. It grows with the
//     cooperative, as the reports do, not with the whole database.
//   - sql_partner_balances: the same for each of the partner's 20
//     cooperatives, one statement each, as the partner portfolio reads them.
//   - sql_partner_balances_12_months: each of the partner's cooperatives'
//     accounts with their postings after the series' first month end summed
//     by month, as ledger.AccountsOnDays reads them for the series.
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
	var partnerBooks []string
	if err := db.NewSelect().Table("facilities").Join("JOIN cooperatives AS c ON c.id = facilities.cooperative_id").
		ColumnExpr("DISTINCT c.book_id").Where("facilities.partner_id = ?", partner.Partner.ID).Scan(ctx, &partnerBooks); err != nil {
		b.Fatal(err)
	}
	y, m, _ := asOf.Time().Date()
	firstMonthEnd := ledger.DateOf(time.Date(y, m-10, 0, 0, 0, 0, 0, time.UTC)) // the series' first month end
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
			return lt.Drain(db.QueryContext(ctx, sqlBalancesOn, coop.Cooperative.BookID, asOf, coop.Cooperative.BookID))
		}},
		{"sql_partner_balances", func() error {
			for _, book := range partnerBooks {
				if err := lt.Drain(db.QueryContext(ctx, sqlBalancesOn, book, asOf, book)); err != nil {
					return err
				}
			}
			return nil
		}},
		{"sql_partner_balances_12_months", func() error {
			for _, book := range partnerBooks {
				if err := lt.Drain(db.QueryContext(ctx, sqlBalancesByMonth, book, firstMonthEnd, book)); err != nil {
					return err
				}
			}
			return nil
		}},
		{"sql_statement", func() error {
			return lt.Drain(db.QueryContext(ctx, `SELECT p.entry_id, p.sequence, p.effective_date, e.kind, e.memo, p.side, p.amount_minor
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

// sqlBalancesOn is a book's accounts on a day in plain SQL, as
// ledger.AccountsOn reads them: the stored balance and what was posted
// after the day, from postings_book_date_idx. Arguments: book, day, book.
const sqlBalancesOn = `SELECT a.id, a.code, a.balance_minor, COALESCE(later.net_minor, 0)
	FROM ledger_accounts AS a LEFT JOIN (
		SELECT account_id, SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END) AS net_minor
		FROM postings WHERE book_id = ? AND effective_date > ? GROUP BY account_id
	) AS later ON later.account_id = a.id
	WHERE a.book_id = ?`

// sqlBalancesByMonth is a book's accounts at a run of month ends in plain
// SQL, as ledger.AccountsOnDays reads them: the stored balance and what was
// posted after the first month end, summed by month, in one read of
// postings_book_date_idx. Arguments: book, first month end, book.
const sqlBalancesByMonth = `SELECT a.id, a.code, a.balance_minor, later.month, later.net_minor
	FROM ledger_accounts AS a LEFT JOIN (
		SELECT account_id, date_trunc('month', effective_date) AS month,
			SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END) AS net_minor
		FROM postings WHERE book_id = ? AND effective_date > ? GROUP BY 1, 2
	) AS later ON later.account_id = a.id
	WHERE a.book_id = ?`

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
		size := accountstest.FederationFull
		if testing.Short() {
			size = accountstest.FederationTenth
		}
		federated.f, federated.url = accountstest.NewFederation(b, db, size), url
		return db, federated.f
	}
	db, err := ledger.OpenPostgres(federated.url, ledger.Timeouts{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, federated.f
}
