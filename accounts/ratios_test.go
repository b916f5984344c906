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
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// workedQuarter is the cooperative of the health and due-list tests, on
// 10 April 2026: a grant of Rp 10,000,000 received on 2 January; two flat
// loans of Rp 1,200,000 over 4 months disbursed on 5 January (fee 12,000
// each; installments of 300,000 principal and 12,000 interest due on the
// 5th of February to May); Siti pays only February's, Dewi pays February,
// March and April's; Siti saves 40,000 sukarela; an expense of 18,000.
func workedQuarter(t *testing.T, db *bun.DB) (w *accountstest.World, siti, dewi lending.Loan) {
	t.Helper()
	ctx := context.Background()
	w = loanWorld(t, db)
	siti, dewi = disbursed(t, w, flatLoan(w, 0)), disbursed(t, w, flatLoan(w, 1))
	repay(t, w, siti.ID, "312000", ledger.NewDate(2026, 2, 5))
	for _, month := range []time.Month{2, 3, 4} {
		repay(t, w, dewi.ID, "312000", ledger.NewDate(2026, month, 5))
	}
	s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
	if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Sukarela,
		MoneyInput: accounts.MoneyInput{Amount: "40000", Date: ledger.NewDate(2026, 1, 20)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Books.RecordExpense(ctx, tr, coop, books.FlowInput{Category: "stationery",
		MoneyInput: accounts.MoneyInput{Amount: "18000", Date: ledger.NewDate(2026, 3, 1)}}); err != nil {
		t.Fatal(err)
	}
	return w, siti, dewi
}

// quarterEnd is the day the worked quarter is read: Siti's March
// installment is 36 days late, April's 5.
var quarterEnd = ledger.NewDate(2026, 4, 10)

func TestHealthRatios(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, _, _ := workedQuarter(t, db)

		t.Run("EachRatioIsItsFiguresFromTheBooks", func(t *testing.T) {
			h, err := w.Reports.FindHealth(ctx, w.Treasurer, w.Cooperative.ID, quarterEnd)
			if err != nil {
				t.Fatal(err)
			}
			// By hand: cash 10,000,000 - 2 x 1,188,000 paid out + 4 x 312,000
			// repaid + 40,000 saved - 18,000 spent = 8,894,000; loans
			// 900,000 + 300,000 outstanding; assets 10,094,000. Income:
			// fees 24,000 + interest 4 x 12,000 = 72,000; surplus 54,000.
			// Equity: the grant and the surplus, 10,054,000.
			type figures struct{ num, den int64 }
			want := map[string]figures{
				reports.RatioNPL:                {0, 1200000},
				reports.RatioPAR30:              {900000, 1200000},
				reports.RatioArrearsBeforeCover: {2 * 312000, 1200000}, // no covers: her arrears are the lender's
				reports.RatioRepayment:          {4 * 312000, 6 * 312000},
				reports.RatioWriteOffs:          {0, 0},
				reports.RatioLiquidity:          {8894000, 40000},
				reports.RatioLoansToSavings:     {1200000, 40000},
				reports.RatioSelfReliance:       {40000, 10000000},
				reports.RatioCapital:            {10054000, 10094000},
				reports.RatioSelfSufficiency:    {72000, 18000},
				reports.RatioReturnOnAssets:     {54000, 10094000},
			}
			got := map[string]figures{}
			for _, r := range h.Ratios {
				got[r.Key] = figures{r.NumeratorMinor, r.DenominatorMinor}
				if r.Defined != (r.DenominatorMinor != 0) || (r.Defined && r.Value != float64(r.NumeratorMinor)/float64(r.DenominatorMinor)) {
					t.Errorf("%s: defined %v, value %v for %d / %d", r.Key, r.Defined, r.Value, r.NumeratorMinor, r.DenominatorMinor)
				}
				if r.Name == "" || r.Definition == "" {
					t.Errorf("%s has no name or definition", r.Key)
				}
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(figures{})); diff != "" {
				t.Errorf("ratios (-want +got):\n%s", diff)
			}
			if h.From != ledger.NewDate(2026, 1, 1) {
				t.Errorf("flows counted from %s, want 2026-01-01", h.From)
			}
			// Read on each standard: 75 % at risk and 4 of 6 installments
			// collected are unhealthy, loans 30 times the savings too; a
			// 0.53 % return is short of 1 %; write-offs have no figure and
			// self-reliance no standard, so neither has a band.
			wantBands := map[string]reports.Band{
				reports.RatioNPL: reports.BandHealthy, reports.RatioPAR30: reports.BandUnhealthy, reports.RatioArrearsBeforeCover: reports.BandUnhealthy,
				reports.RatioRepayment: reports.BandUnhealthy, reports.RatioWriteOffs: "",
				reports.RatioLiquidity: reports.BandHealthy, reports.RatioLoansToSavings: reports.BandUnhealthy,
				reports.RatioSelfReliance: "", reports.RatioCapital: reports.BandHealthy,
				reports.RatioSelfSufficiency: reports.BandHealthy, reports.RatioReturnOnAssets: reports.BandWatch,
			}
			gotBands := map[string]reports.Band{}
			for _, r := range h.Ratios {
				gotBands[r.Key] = r.Band
				if (r.Standard == nil) != (r.Key == reports.RatioSelfReliance) || (r.Standard != nil && r.Standard.Source == "") {
					t.Errorf("%s: standard %+v; every ratio but self-reliance has one, with its source", r.Key, r.Standard)
				}
			}
			if diff := cmp.Diff(wantBands, gotBands); diff != "" {
				t.Errorf("bands (-want +got):\n%s", diff)
			}
		})

		t.Run("WriteOffsOfTheYearCountAgainstLastYearsPortfolio", func(t *testing.T) {
			other := loanWorld(t, db)
			l := disbursed(t, other, flatLoan(other, 0))
			if _, err := other.Lending.WriteOff(ctx, other.Treasurer, other.Cooperative.ID, l.ID,
				accounts.MoneyInput{Date: ledger.NewDate(2026, 3, 1)}); err != nil {
				t.Fatal(err)
			}
			h, err := other.Reports.FindHealth(ctx, other.Treasurer, other.Cooperative.ID, quarterEnd)
			if err != nil {
				t.Fatal(err)
			}
			// Lent in 2026: nothing was outstanding on 31 December, so the
			// ratio has no denominator and says so rather than reading 0.
			for _, r := range h.Ratios {
				if r.Key == reports.RatioWriteOffs && (r.NumeratorMinor != 1200000 || r.Defined) {
					t.Errorf("write-offs: %d over %d, defined %v; want 1200000 over nothing, undefined", r.NumeratorMinor, r.DenominatorMinor, r.Defined)
				}
			}
		})

		t.Run("OnlyTheTreasurerReadsThem", func(t *testing.T) {
			_, err := w.Reports.FindHealth(ctx, w.MemberActor[0], w.Cooperative.ID, quarterEnd)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			_, err = w.Reports.FindHealth(ctx, w.PartnerUser, w.Cooperative.ID, quarterEnd)
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
		})
	})
}

func TestDueList(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, siti, _ := workedQuarter(t, db)
		s, coop := w.Services, w.Cooperative.ID
		// The group meets on Tuesdays: from Friday 10 April, next on the 14th.
		tuesday := ledger.NewDate(2026, 4, 14)

		t.Run("ListsWhoOwesAtEachGroupsNextMeeting", func(t *testing.T) {
			dl, err := s.Meetings.FindDueList(ctx, w.Treasurer, coop, quarterEnd)
			if err != nil {
				t.Fatal(err)
			}
			if len(dl.Meetings) != 1 || dl.Meetings[0].Date != tuesday || dl.Meetings[0].Group.ID != w.Group.ID {
				t.Fatalf("meetings %+v, want the group's on %s", dl.Meetings, tuesday)
			}
			m := dl.Meetings[0]
			// Siti owes March's and April's installments; Dewi is paid up
			// to May and is not on the list.
			if len(m.Lines) != 1 || m.Lines[0].Member.ID != w.Members[0].ID || m.DueMinor != 2*312000 {
				t.Fatalf("lines %+v, due %d; want Siti alone owing 624000", m.Lines, m.DueMinor)
			}
			if l := m.Lines[0].Loans; len(l) != 1 || l[0].LoanID != siti.ID || l[0].DueMinor != 624000 || l[0].DaysPastDue != 40 {
				t.Errorf("Siti's loans %+v, want her loan owing 624000, 40 days past due", l)
			}

			sheet, err := s.Meetings.CollectionSheet(ctx, w.Treasurer, coop, w.Group.ID, tuesday)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sheet.Lines[0], m.Lines[0], cmpopts.EquateComparable(ledger.Date{})); diff != "" {
				t.Errorf("the list and the collection sheet disagree on Siti (-sheet +list):\n%s", diff)
			}
		})

		t.Run("NobodyOwingMeansNoMeetingListed", func(t *testing.T) {
			dl, err := s.Meetings.FindDueList(ctx, w.Treasurer, coop, ledger.NewDate(2026, 1, 6))
			if err != nil {
				t.Fatal(err)
			}
			if len(dl.Meetings) != 0 {
				t.Errorf("a week after disbursement nothing is due, got %+v", dl.Meetings)
			}
		})

		t.Run("OnlyTheTreasurerReadsIt", func(t *testing.T) {
			_, err := s.Meetings.FindDueList(ctx, w.MemberActor[1], coop, quarterEnd)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			other := accountstest.NewWorld(t, db)
			_, err = s.Meetings.FindDueList(ctx, other.Treasurer, coop, quarterEnd)
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
		})
	})
}
