package accounts_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestPortfolio(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Service, w.Cooperative.ID, w.Treasurer
		// Two loans of 1,200,000 over 4 months from 2026-01-05 (312,000 due
		// on the 5th of February, March, April, May). Siti pays only the
		// first; Dewi pays on time.
		siti, dewi := disbursed(t, w, flatLoan(w, 0)), disbursed(t, w, flatLoan(w, 1))
		repay(t, w, siti.ID, "312000", ledger.NewDate(2026, 2, 5))
		for _, month := range []time.Month{2, 3, 4} {
			repay(t, w, dewi.ID, "312000", ledger.NewDate(2026, month, 5))
		}
		if _, err := s.Deposit(ctx, tr, coop, accounts.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Sukarela,
			MoneyInput: accounts.MoneyInput{Amount: "40000", Date: ledger.NewDate(2026, 1, 20)}}); err != nil {
			t.Fatal(err)
		}
		asOf := ledger.NewDate(2026, 4, 10) // Siti's March installment is 36 days late

		t.Run("PARCountsTheWholeOutstandingOfLateLoans", func(t *testing.T) {
			p, err := s.LoanPortfolio(ctx, tr, coop, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if p.OutstandingMinor != 1200000 || p.PAR30Minor != 900000 || p.PAR90Minor != 0 {
				t.Errorf("outstanding %d, PAR30 %d, PAR90 %d; want 1200000, 900000, 0", p.OutstandingMinor, p.PAR30Minor, p.PAR90Minor)
			}
			if p.PAR(p.PAR30Minor) != 0.75 {
				t.Errorf("PAR30 ratio %v, want 0.75", p.PAR(p.PAR30Minor))
			}
			if p.AgeingMinor["31-60"] != 900000 || p.AgeingMinor["current"] != 300000 {
				t.Errorf("ageing %v", p.AgeingMinor)
			}
			// Due by 10 April: 3 x 312,000 on each loan; collected 312,000 + 936,000.
			if rate := p.RepaymentRate(); math.Abs(rate-1248000.0/1872000.0) > 1e-9 {
				t.Errorf("repayment rate %v, want %v", rate, 1248000.0/1872000.0)
			}
		})

		t.Run("AWrittenOffLoanIsNotCollected", func(t *testing.T) {
			other := loanWorld(t, db)
			l := disbursed(t, other, flatLoan(other, 0))
			if _, err := other.Service.WriteOff(ctx, other.Treasurer, other.Cooperative.ID, l.ID, accounts.MoneyInput{Date: ledger.NewDate(2026, 3, 1)}); err != nil {
				t.Fatal(err)
			}
			p, err := other.Service.LoanPortfolio(ctx, other.Treasurer, other.Cooperative.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if p.CollectedMinor != 0 || p.RepaidMinor != 0 || p.WrittenOffMinor != 1200000 || p.OutstandingMinor != 0 {
				t.Errorf("collected %d, repaid %d, written off %d, outstanding %d; want 0, 0, 1200000, 0",
					p.CollectedMinor, p.RepaidMinor, p.WrittenOffMinor, p.OutstandingMinor)
			}
		})

		t.Run("AMemberSeesHerGroupInTotalOnly", func(t *testing.T) {
			gs, err := s.FindGroupSummary(ctx, w.MemberActor[1], coop, w.Group.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if gs.Members != 2 || gs.SavingsMinor[accounts.Sukarela] != 40000 || gs.Loans.PAR30Minor != 900000 {
				t.Errorf("group summary: %d members, sukarela %d, PAR30 %d", gs.Members, gs.SavingsMinor[accounts.Sukarela], gs.Loans.PAR30Minor)
			}
			other := accountstest.NewWorld(t, db)
			_, err = s.FindGroupSummary(ctx, other.MemberActor[0], coop, w.Group.ID, asOf)
			wantCode(t, err, ledger.KindNotFound, "group.not_found")
		})

		t.Run("APartnerSeesWhatItsFacilityFunds", func(t *testing.T) {
			pp, err := s.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if len(pp.Facilities) != 1 {
				t.Fatalf("%d facilities, want 1", len(pp.Facilities))
			}
			f := pp.Facilities[0]
			if f.ReceivedMinor != 10000000 || f.LoansFunded != 2 || f.WomenReached != 2 || f.Loans.PAR30Minor != 900000 || f.SavingsMinor != 40000 {
				t.Errorf("facility report: received %d, loans %d, women %d, PAR30 %d, savings %d",
					f.ReceivedMinor, f.LoansFunded, f.WomenReached, f.Loans.PAR30Minor, f.SavingsMinor)
			}
			if want := 40000.0 / 10000000.0; math.Abs(f.SelfReliance-want) > 1e-12 {
				t.Errorf("self-reliance %v, want %v", f.SelfReliance, want)
			}
		})

		t.Run("AnotherPartnerFindsNothing", func(t *testing.T) {
			other := accountstest.NewWorld(t, db)
			_, err := s.FindPartnerPortfolio(ctx, other.PartnerUser, w.Partner.ID, asOf)
			wantCode(t, err, ledger.KindNotFound, "partner.not_found")
		})
	})
}
