package accounts_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestPortfolio(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		backdate(t, w, ledger.NewDate(2025, 12, 1))
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		// Two loans of 1,200,000 over 4 months from 2026-01-05 (312,000 due
		// on the 5th of February, March, April, May). Siti pays only the
		// first; Dewi pays on time.
		siti, dewi := disbursed(t, w, flatLoan(w, 0)), disbursed(t, w, flatLoan(w, 1))
		repay(t, w, siti.ID, "312000", ledger.NewDate(2026, 2, 5))
		for _, month := range []time.Month{2, 3, 4} {
			repay(t, w, dewi.ID, "312000", ledger.NewDate(2026, month, 5))
		}
		if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Sukarela,
			MoneyInput: accounts.MoneyInput{Amount: "40000", Date: ledger.NewDate(2026, 1, 20)}}); err != nil {
			t.Fatal(err)
		}
		asOf := ledger.NewDate(2026, 4, 10) // Siti's March installment is 36 days late

		t.Run("PARCountsTheWholeOutstandingOfLateLoans", func(t *testing.T) {
			p, err := s.Lending.LoanPortfolio(ctx, tr, coop, asOf)
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
			if _, err := other.Lending.WriteOff(ctx, other.Treasurer, other.Cooperative.ID, l.ID, accounts.MoneyInput{Date: ledger.NewDate(2026, 3, 1)}); err != nil {
				t.Fatal(err)
			}
			p, err := other.Lending.LoanPortfolio(ctx, other.Treasurer, other.Cooperative.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if p.CollectedMinor != 0 || p.RepaidMinor != 0 || p.WrittenOffMinor != 1200000 || p.OutstandingMinor != 0 {
				t.Errorf("collected %d, repaid %d, written off %d, outstanding %d; want 0, 0, 1200000, 0",
					p.CollectedMinor, p.RepaidMinor, p.WrittenOffMinor, p.OutstandingMinor)
			}
		})

		t.Run("AMemberSeesHerGroupInTotalOnly", func(t *testing.T) {
			gs, err := s.Reports.FindGroupSummary(ctx, w.MemberActor[1], coop, w.Group.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if gs.Members != 2 || gs.SavingsMinor[accounts.Sukarela] != 40000 || gs.Loans.PAR30Minor != 900000 {
				t.Errorf("group summary: %d members, sukarela %d, PAR30 %d", gs.Members, gs.SavingsMinor[accounts.Sukarela], gs.Loans.PAR30Minor)
			}
			other := accountstest.NewWorld(t, db)
			_, err = s.Reports.FindGroupSummary(ctx, other.MemberActor[0], coop, w.Group.ID, asOf)
			accountstest.WantCode(t, err, ledger.KindNotFound, "group.not_found")
		})

		t.Run("APartnerSeesWhatItsFacilityFunds", func(t *testing.T) {
			pp, err := s.Reports.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, asOf)
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
			_, err := s.Reports.FindPartnerPortfolio(ctx, other.PartnerUser, w.Partner.ID, asOf)
			accountstest.WantCode(t, err, ledger.KindNotFound, "partner.not_found")
		})
	})
}

// backdate has the world's members join on a day before the test's loans,
// as they would have in life: NewWorld's join on the day the test runs.
func backdate(t *testing.T, w *accountstest.World, day ledger.Date) {
	t.Helper()
	for i, m := range w.Members {
		in := accounts.MemberInput{GroupID: m.GroupID, Name: m.Name, Gender: m.Gender, JoinedOn: day, BusinessType: m.BusinessType, Phone: m.Phone}
		var err error
		if w.Members[i], err = w.Core.UpdateMember(context.Background(), w.Treasurer, w.Cooperative.ID, m.ID, in); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMembersOnADay(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		backdate(t, w, ledger.NewDate(2025, 12, 1))
		member := func(name string, joined ledger.Date) accounts.Member {
			t.Helper()
			m, err := s.Core.CreateMember(ctx, tr, coop, accounts.MemberInput{GroupID: w.Group.ID, Name: name, Gender: "female", JoinedOn: joined})
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		// leaves has her save and leave on the day: an exit pays her savings out.
		leaves := func(m accounts.Member, saved, left ledger.Date) {
			t.Helper()
			if _, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: m.ID, Type: accounts.Sukarela,
				MoneyInput: accounts.MoneyInput{Amount: "10000", Date: saved}}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Lending.Exit(ctx, tr, coop, m.ID, accounts.MoneyInput{Date: left}); err != nil {
				t.Fatal(err)
			}
		}
		tuti := member("Tuti Handayani", ledger.NewDate(2025, 12, 1))
		leaves(tuti, ledger.NewDate(2025, 12, 10), ledger.NewDate(2025, 12, 31)) // before the group's loan
		ayu := member("Ayu Kartika", ledger.NewDate(2025, 12, 1))
		application := groupLoan(w, flatLoan(w, 0))
		disbursed(t, w, application) // on 2026-01-05

		leaves(ayu, ledger.NewDate(2026, 1, 10), ledger.NewDate(2026, 3, 1)) // after it came
		member("Rina Wati", ledger.NewDate(2026, 6, 1))
		asOf := ledger.NewDate(2026, 4, 10)

		for _, tc := range []struct {
			name         string
			on           ledger.Date
			members      int // Siti and Dewi throughout, Rina from her joining day
			womenReached int // and Ayu, who was in the group when its loan came
		}{
			{"BeforeRinaJoined", asOf, 2, 3},
			{"OnTheDayRinaJoined", ledger.NewDate(2026, 6, 1), 3, 4},
		} {
			t.Run(tc.name, func(t *testing.T) {
				gs, err := s.Reports.FindGroupSummary(ctx, tr, coop, w.Group.ID, tc.on)
				if err != nil {
					t.Fatal(err)
				}
				if gs.Members != tc.members {
					t.Errorf("group summary on %s: %d members, want %d", tc.on, gs.Members, tc.members)
				}
				pp, err := s.Reports.FindPartnerPortfolio(ctx, w.PartnerUser, w.Partner.ID, tc.on)
				if err != nil {
					t.Fatal(err)
				}
				if got := pp.Facilities[0].WomenReached; got != tc.womenReached {
					t.Errorf("women reached by %s: %d, want %d", tc.on, got, tc.womenReached)
				}
			})
		}
	})
}
