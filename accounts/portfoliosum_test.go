package accounts_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// fundedTwice is the worked quarter's partner also lending to a second
// cooperative: a loan facility of 20,000,000 with 5,000,000 received on 2
// January, funding one flat loan of 1,200,000 disbursed on 5 January and
// repaid on time in February, March and April.
func fundedTwice(t *testing.T, db *bun.DB) (w, second *accountstest.World, admin accounts.Actor, lent accounts.Facility) {
	t.Helper()
	ctx := context.Background()
	w, _, _ = workedQuarter(t, db)
	second = accountstest.NewWorld(t, db)
	admin, _ = accountstest.NewAdmin(t, w.Services)
	lent, err := w.Core.CreateFacility(ctx, admin, w.Partner.ID, accounts.FacilityInput{CooperativeID: second.Cooperative.ID,
		Kind: accounts.FacilityLoan, Committed: "20000000", Purpose: "dana bergulir"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := second.Capital.ReceiveTranche(ctx, second.Treasurer, second.Cooperative.ID, lent.ID,
		accounts.MoneyInput{Amount: "5000000", Date: ledger.NewDate(2026, 1, 2)}); err != nil {
		t.Fatal(err)
	}
	app := flatLoan(second, 0)
	app.FacilityID = lent.ID
	l := disbursed(t, second, app)
	for _, month := range []time.Month{2, 3, 4} {
		repay(t, second, l.ID, "312000", ledger.NewDate(2026, month, 5))
	}
	return w, second, admin, lent
}

func TestPortfolioBreakdowns(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, second, _, _ := fundedTwice(t, db)

		t.Run("ByCooperativeSumsTheFacilitiesOfEach", func(t *testing.T) {
			pp, err := w.Reports.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, quarterEnd)
			if err != nil {
				t.Fatal(err)
			}
			by := reports.SumPortfolio(pp.Facilities, reports.ByCooperative)
			got := map[string][2]int64{}
			for _, c := range by {
				got[c.Key] = [2]int64{c.Loans.OutstandingMinor, c.Loans.PAR30Minor}
			}
			want := map[string][2]int64{w.Cooperative.ID: {1200000, 900000}, second.Cooperative.ID: {300000, 0}}
			if len(got) != 2 || got[w.Cooperative.ID] != want[w.Cooperative.ID] || got[second.Cooperative.ID] != want[second.Cooperative.ID] {
				t.Errorf("outstanding and PAR30 by cooperative: %v, want %v", got, want)
			}
		})

		t.Run("TotalRecomputesRatiosFromSums", func(t *testing.T) {
			pp, err := w.Reports.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, quarterEnd)
			if err != nil {
				t.Fatal(err)
			}
			all := reports.SumPortfolio(pp.Facilities, reports.All)
			if len(all) != 1 {
				t.Fatalf("%d totals, want one in IDR", len(all))
			}
			tot := all[0]
			// PAR30 is 900,000 of 1,500,000: 0.6, not the mean of 0.75 and 0.
			if tot.Facilities != 2 || tot.CommittedMinor != 70000000 || tot.ReceivedMinor != 15000000 ||
				tot.Loans.OutstandingMinor != 1500000 || tot.Loans.PAR(tot.Loans.PAR30Minor) != 0.6 || tot.LoansFunded != 3 {
				t.Errorf("total: %+v", tot)
			}
			// Self-reliance: Siti's 40,000 over the 10,000,000 grant and the
			// 5,000,000 loan capital, each cooperative counted once.
			if r, ok := tot.SelfReliance(); !ok || tot.MemberSavingsMinor != 40000 || tot.ExternalMinor != 15000000 || r != 40000.0/15000000.0 {
				t.Errorf("self-reliance %v (%v): %d over %d, want 40000 over 15000000", r, ok, tot.MemberSavingsMinor, tot.ExternalMinor)
			}
		})

		t.Run("MonthlySeriesIsEachMonthEnd", func(t *testing.T) {
			ms, err := reports.ParseMonths("2026-01", "2026-04", ledger.Date{})
			if err != nil {
				t.Fatal(err)
			}
			series, err := w.Reports.PartnerPortfolioSeries(ctx, w.PartnerUser, w.Partner.ID, ms)
			if err != nil {
				t.Fatal(err)
			}
			// Outstanding at each month end: three loans of 1,200,000 less
			// 300,000 a month each, but Siti's stops after February; her
			// March installment is more than 30 days late by 30 April.
			want := []struct {
				month         string
				end           ledger.Date
				outstanding   int64
				par30, savers int64
			}{
				{"2026-01", ledger.NewDate(2026, 1, 31), 3600000, 0, 40000},
				{"2026-02", ledger.NewDate(2026, 2, 28), 2700000, 0, 40000},
				{"2026-03", ledger.NewDate(2026, 3, 31), 2100000, 0, 40000},
				{"2026-04", ledger.NewDate(2026, 4, 30), 1500000, 900000, 40000},
			}
			if len(series) != len(want) {
				t.Fatalf("%d points, want %d", len(series), len(want))
			}
			for i, p := range series {
				w := want[i]
				if len(p.Totals) != 1 {
					t.Fatalf("%s: %d totals, want one", p.Month, len(p.Totals))
				}
				tot := p.Totals[0]
				if p.Month != w.month || p.AsOf != w.end || tot.Loans.OutstandingMinor != w.outstanding ||
					tot.Loans.PAR30Minor != w.par30 || tot.MemberSavingsMinor != w.savers {
					t.Errorf("point %d: %s on %s, outstanding %d, PAR30 %d, savings %d; want %+v",
						i, p.Month, p.AsOf, tot.Loans.OutstandingMinor, tot.Loans.PAR30Minor, tot.MemberSavingsMinor, w)
				}
			}
		})

		t.Run("MonthlySeriesCarriesEveryFigureOfTheTotals", func(t *testing.T) {
			ms, err := reports.ParseMonths("2026-01", "2026-04", ledger.Date{})
			if err != nil {
				t.Fatal(err)
			}
			series, err := w.Reports.PartnerPortfolioSeries(ctx, w.PartnerUser, w.Partner.ID, ms)
			if err != nil {
				t.Fatal(err)
			}
			// Three loans of 1,200,000 disbursed on 5 January, installments
			// of 312,000 (300,000 principal) due on the 5th from February.
			// Paid by each month end: none; all three February's; Dewi's and
			// the second cooperative's March; and their April. Due: 0, 3, 6
			// and 9 installments. The three borrowers are women; Siti's
			// 40,000 is the savings her group's loans mobilised; the grant's
			// 10,000,000 and the loan capital's 5,000,000 arrived on 2
			// January.
			const installment = 312000
			want := []struct {
				repaid, due, collected int64
			}{
				{0, 0, 0},
				{900000, 3 * installment, 3 * installment},
				{1500000, 6 * installment, 5 * installment},
				{2100000, 9 * installment, 7 * installment},
			}
			if len(series) != len(want) {
				t.Fatalf("%d points, want %d", len(series), len(want))
			}
			for i, p := range series {
				tot, w := p.Totals[0], want[i]
				if tot.Loans.DisbursedMinor != 3600000 || tot.Loans.RepaidMinor != w.repaid || tot.Loans.DueMinor != w.due ||
					tot.Loans.CollectedMinor != w.collected || tot.Loans.PAR90Minor != 0 {
					t.Errorf("%s: disbursed %d, repaid %d, due %d, collected %d, PAR90 %d; want 3600000 and %+v", p.Month,
						tot.Loans.DisbursedMinor, tot.Loans.RepaidMinor, tot.Loans.DueMinor, tot.Loans.CollectedMinor, tot.Loans.PAR90Minor, w)
				}
				if tot.LoansFunded != 3 || tot.WomenReached != 3 || tot.SavingsMinor != 40000 || tot.ReceivedMinor != 15000000 ||
					tot.ExternalMinor != 15000000 {
					t.Errorf("%s: %d loans, %d women, savings %d, received %d, external %d; want 3, 3, 40000, 15000000, 15000000",
						p.Month, tot.LoansFunded, tot.WomenReached, tot.SavingsMinor, tot.ReceivedMinor, tot.ExternalMinor)
				}
			}
			// Repayment: nothing due in January counts as all repaid; 5 of 6
			// installments by March; 7 of 9 by April.
			for i, rate := range []float64{1, 1, 5.0 / 6.0, 7.0 / 9.0} {
				if got := series[i].Totals[0].Loans.RepaymentRate(); got != rate {
					t.Errorf("%s: repayment rate %v, want %v", series[i].Month, got, rate)
				}
			}
		})

		t.Run("SeriesPointIsThePortfolioOnItsDay", func(t *testing.T) {
			ms, err := reports.ParseMonths("2026-01", "2026-05", ledger.Date{})
			if err != nil {
				t.Fatal(err)
			}
			series, err := w.Reports.PartnerPortfolioSeries(ctx, w.PartnerUser, w.Partner.ID, ms)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range series {
				pp, err := w.Reports.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, p.AsOf)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(reports.SumPortfolio(pp.Facilities, reports.All), p.Totals, cmpopts.EquateComparable(ledger.Currency{}, ledger.Date{})); diff != "" {
					t.Errorf("%s (-portfolio on %s +series):\n%s", p.Month, p.AsOf, diff)
				}
			}
		})

		t.Run("AnotherPartnersSeriesIsNotFound", func(t *testing.T) {
			ms, _ := reports.ParseMonths("", "", quarterEnd)
			_, err := w.Reports.PartnerPortfolioSeries(ctx, second.PartnerUser, w.Partner.ID, ms)
			accountstest.WantCode(t, err, ledger.KindNotFound, "partner.not_found")
		})

		t.Run("PlatformPortfolioIsForAdminsOnly", func(t *testing.T) {
			_, err := w.Reports.FindPlatformPortfolio(ctx, w.PartnerUser, quarterEnd)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			_, err = w.Reports.FindPlatformPortfolio(ctx, w.Treasurer, quarterEnd)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		})
	})
}

func TestPlatformPortfolioByModel(t *testing.T) {
	// A database of its own per store: the platform report reads every
	// facility there is.
	lt.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
		lt.MustMigrate(t, db)
		ctx := context.Background()
		w, _, admin, _ := fundedTwice(t, db)
		gov, err := w.Core.CreatePartner(ctx, admin, accounts.PartnerInput{Name: "Dinas Koperasi", Model: accounts.Government})
		if err != nil {
			t.Fatal(err)
		}
		grant, err := w.Core.CreateFacility(ctx, admin, gov.ID, accounts.FacilityInput{CooperativeID: w.Cooperative.ID,
			Kind: accounts.FacilityGrant, Committed: "3000000", Purpose: "pelatihan usaha"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Capital.ReceiveTranche(ctx, w.Treasurer, w.Cooperative.ID, grant.ID,
			accounts.MoneyInput{Amount: "1000000", Date: ledger.NewDate(2026, 2, 1)}); err != nil {
			t.Fatal(err)
		}
		pp, err := w.Reports.FindPlatformPortfolio(ctx, admin, quarterEnd)
		if err != nil {
			t.Fatal(err)
		}
		// Four facilities: the worked partner's two and the second
		// cooperative's own partner's (all nonprofit), and the government's
		// grant, which funds no loan.
		// A model's external capital is its own partners' capital: the
		// government's grant is 1,000,000 of the first cooperative's
		// capital, not all of it.
		got := map[string][4]int64{}
		for _, m := range pp.SumByModel() {
			got[m.Key] = [4]int64{int64(m.Facilities), m.ReceivedMinor, m.Loans.OutstandingMinor, m.ExternalMinor}
		}
		want := map[string][4]int64{"nonprofit": {3, 15000000, 1500000, 15000000}, "government": {1, 1000000, 0, 1000000}}
		if len(got) != 2 || got["nonprofit"] != want["nonprofit"] || got["government"] != want["government"] {
			t.Errorf("facilities, received, outstanding and external capital by model: %v, want %v", got, want)
		}
		t.Run("SeriesCountsTheGrantFromTheMonthItArrived", func(t *testing.T) {
			ms, err := reports.ParseMonths("2026-01", "2026-02", ledger.Date{})
			if err != nil {
				t.Fatal(err)
			}
			series, err := w.Reports.PlatformPortfolioSeries(ctx, admin, ms)
			if err != nil {
				t.Fatal(err)
			}
			// The government's 1,000,000 arrived on 1 February: outside
			// January's end, inside February's.
			for i, external := range []int64{15000000, 16000000} {
				tot := series[i].Totals[0]
				if r, ok := tot.SelfReliance(); !ok || tot.ReceivedMinor != external || tot.ExternalMinor != external ||
					r != 40000/float64(external) || tot.Facilities != 4 || tot.Loans.OutstandingMinor != []int64{3600000, 2700000}[i] {
					t.Errorf("%s: %+v, want received and external capital %d", series[i].Month, tot, external)
				}
			}
			_, err = w.Reports.PlatformPortfolioSeries(ctx, w.PartnerUser, ms)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		})
		all := reports.SumPortfolio(pp.Facilities, reports.All)
		// The first cooperative's member savings over its grant capital
		// (11,000,000 with the government's), and the second's over its
		// 5,000,000 loan capital.
		if r, ok := all[0].SelfReliance(); !ok || all[0].ExternalMinor != 16000000 || r != 40000.0/16000000.0 {
			t.Errorf("platform self-reliance %v (%v) over %d, want 40000 over 16000000", r, ok, all[0].ExternalMinor)
		}
	})
}

func TestParseMonths(t *testing.T) {
	asOf := ledger.NewDate(2026, 11, 23)
	for _, tc := range []struct {
		name, from, to string
		wantFrom       string
		wantTo         string
		field          string
	}{
		{"DefaultsToTheYearEndingInTheMonthOfTheDay", "", "", "2025-12", "2026-11", ""},
		{"FromDefaultsToElevenMonthsBeforeTo", "", "2026-03", "2025-04", "2026-03", ""},
		{"OneMonth", "2026-05", "2026-05", "2026-05", "2026-05", ""},
		{"SixtyMonths", "2021-12", "2026-11", "2021-12", "2026-11", ""},
		{"SixtyOneMonthsIsTooMany", "2021-11", "2026-11", "", "", "from"},
		{"FromAfterTo", "2026-06", "2026-05", "", "", "from"},
		{"NotAMonth", "2026-13", "", "", "", "from"},
		{"ADayIsNotAMonth", "", "2026-05-01", "", "", "to"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := reports.ParseMonths(tc.from, tc.to, asOf)
			if tc.field != "" {
				e := ledger.AsError(err)
				if e == nil || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
					t.Errorf("error %v, want one naming %s", err, tc.field)
				}
				return
			}
			if err != nil || ms.From.Format("2006-01") != tc.wantFrom || ms.To.Format("2006-01") != tc.wantTo {
				t.Errorf("%s to %s (%v), want %s to %s", ms.From.Format("2006-01"), ms.To.Format("2006-01"), err, tc.wantFrom, tc.wantTo)
			}
		})
	}
}
