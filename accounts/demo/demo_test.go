package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/demo"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestMain(m *testing.M) { ledgertest.Main(m) }

// password is the tests' fixed demo password (LUMBUNG_DEMO_PASSWORD).
const password = "demo-test-password"

// seeded is the demo made on one store as of a day.
type seeded struct {
	db     *bun.DB
	svc    *services.Services
	today  ledger.Date
	logins []demo.Login
	coop   accounts.Cooperative
}

// seed makes the demo with the services' clock at noon on today.
func seed(t *testing.T, db *bun.DB, today ledger.Date) seeded {
	t.Helper()
	ctx := context.Background()
	ledgertest.MustMigrate(t, db)
	noon := today.Time().Add(12 * time.Hour)
	clock := func() time.Time { return noon }
	svc := accountstest.NewServices(ledger.New(db, ledger.WithClock(clock)), services.Options{Core: []accounts.Option{accounts.WithClock(clock)}})
	start := time.Now()
	logins, err := demo.Seed(ctx, svc, today, demo.Options{Password: password})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo as of %s made in %s", today, time.Since(start).Round(time.Millisecond))
	cs, _, err := svc.Core.FindCooperatives(ctx, accounts.Operator, accounts.Page{Limit: 2})
	if err != nil || len(cs) != 1 {
		t.Fatalf("cooperatives: %v, %v; want the demo's one", cs, err)
	}
	return seeded{db: db, svc: svc, today: today, logins: logins, coop: cs[0]}
}

// as signs in with a demo login and returns its actor.
func (s seeded) as(t *testing.T, login string) accounts.Actor {
	t.Helper()
	sess, err := s.svc.Identity.Login(context.Background(), login, password)
	if err != nil {
		t.Fatalf("%s: %v", login, err)
	}
	return accounts.Actor{UserID: sess.User.ID, Grants: sess.Grants}
}

// TestSeed makes the demo as of days across the year and checks that each
// today looks like a cooperative in the middle of its life, through the
// services the treasurer and the partner read it with.
func TestSeed(t *testing.T) {
	for _, today := range []ledger.Date{
		ledger.NewDate(2026, time.June, 17),     // mid-year: last year was closed in January
		ledger.NewDate(2026, time.December, 31), // the year's last day: the demo reaches back into the year before
		ledger.NewDate(2027, time.January, 5),   // the year turned this week: last year is closed today
	} {
		t.Run(today.String(), func(t *testing.T) {
			t.Parallel()
			ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
				s := seed(t, db, today)
				t.Run("KeepsEveryLedgerInvariant", func(t *testing.T) {
					ledgertest.MustVerify(t, db, "", services.Checks()...)
				})
				t.Run("EveryDemoLoginSignsInWithTheGivenPassword", func(t *testing.T) { logins(t, s) })
				t.Run("HasTheYearItPromises", func(t *testing.T) { theYear(t, s) })
				treasurer := s.as(t, "bendahara@demo.lumbung.id")
				t.Run("AnActivePortfolioWithLoansLate", func(t *testing.T) { portfolioToday(t, s, treasurer) })
				t.Run("EveryGroupMeetsTodayWithInstallmentsDue", func(t *testing.T) { dueToday(t, s, treasurer) })
				t.Run("MeetingsWithAbsencesAndCovers", func(t *testing.T) { meetingsBefore(t, s, treasurer) })
				t.Run("CoversOwedAndRepaid", func(t *testing.T) { coverDebts(t, s, treasurer) })
				t.Run("LastYearClosedWithItsSHU", func(t *testing.T) { lastYear(t, s, treasurer) })
				t.Run("ThePartnerSeesItsLoansLate", func(t *testing.T) { partnerToday(t, s) })
				t.Run("RefusesADatabaseWithBooks", func(t *testing.T) {
					_, err := demo.Seed(context.Background(), s.svc, s.today, demo.Options{})
					if e := ledger.AsError(err); e == nil || e.Code != "demo.not_empty" {
						t.Errorf("second seed: %v, want demo.not_empty", err)
					}
				})
			})
		})
	}
}

func logins(t *testing.T, s seeded) {
	for _, l := range s.logins {
		if l.Password != password {
			t.Errorf("%s: password %q, want the one given", l.Login, l.Password)
		}
		s.as(t, l.Login)
	}
	if len(s.logins) != 5 {
		t.Errorf("%d logins, want admin, two treasurers, a partner and a member", len(s.logins))
	}
}

// theYear counts what the demo promises. Each test has its own database,
// so the counts need no filter.
func theYear(t *testing.T, s seeded) {
	count := func(table, where string, args ...any) int {
		n, err := s.db.NewSelect().Table(table).Where(where, args...).Count(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	lastYear := s.today.Time().Year() - 1
	for _, c := range []struct {
		what string
		got  int
		want int
	}{
		{"groups", count("groups", "1 = 1"), 3},
		{"members", count("members", "1 = 1"), 60},
		{"members who left", count("members", "exited_on IS NOT NULL"), 1},
		{"partners", count("partners", "1 = 1"), 2},
		{"loan products", count("loan_products", "1 = 1"), 3},
		{"written-off loans", count("loans", "status = ?", lending.LoanWrittenOff), 1},
		{"group loans", count("loans", "group_id IS NOT NULL"), 1},
		{"meetings of the weeks before today", count("meetings", "held_on < ?", s.today), count("meetings", "1 = 1")},
		{"closed years: last year", count("year_ends", "year = ?", lastYear), 1},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	if n := count("meetings", "1 = 1"); n < 3*51 {
		t.Errorf("%d meetings, want a year's for three groups", n)
	}
	if n := count("loan_penalties", "1 = 1"); n == 0 {
		t.Error("no late penalties: the late payers paid on time")
	}
}

func portfolioToday(t *testing.T, s seeded, treasurer accounts.Actor) {
	p, err := s.svc.Lending.LoanPortfolio(context.Background(), treasurer, s.coop.ID, s.today)
	if err != nil {
		t.Fatal(err)
	}
	if p.ActiveLoans < 50 || p.OutstandingMinor < 40_000_000 {
		t.Errorf("%d active loans, Rp %d outstanding; want 50+ loans mid-cycle, Rp 40 M+", p.ActiveLoans, p.OutstandingMinor)
	}
	if p.PAR30Minor == 0 || p.PAR90Minor == 0 || p.AgeingLoans["31-60"] == 0 || p.AgeingLoans["over_90"] == 0 {
		t.Errorf("PAR30 %d, PAR90 %d, ageing %v: want a loan 35+ and one 95+ days late", p.PAR30Minor, p.PAR90Minor, p.AgeingLoans)
	}
	if p.AgeingLoans["current"] < p.ActiveLoans*3/4 {
		t.Errorf("ageing %v: want most loans current", p.AgeingLoans)
	}
}

func dueToday(t *testing.T, s seeded, treasurer accounts.Actor) {
	dl, err := s.svc.Meetings.FindDueList(context.Background(), treasurer, s.coop.ID, s.today)
	if err != nil {
		t.Fatal(err)
	}
	if len(dl.Meetings) != 3 {
		t.Fatalf("%d meetings on the due list, want the three groups'", len(dl.Meetings))
	}
	var late35, late95, groupLoans int
	for _, m := range dl.Meetings {
		midCycle := 0
		for _, line := range m.Lines {
			for _, l := range line.Loans {
				if l.OutstandingMinor > 3*l.DueMinor {
					midCycle++
				}
				switch {
				case l.DaysPastDue >= 95:
					late95++
				case l.DaysPastDue >= 35:
					late35++
				}
			}
		}
		if m.Date != s.today || midCycle < 15 {
			t.Errorf("%s meets on %s with %d loans owing more than three installments; want today, 15+ loans mid-cycle", m.Group.Name, m.Date, midCycle)
		}
		groupLoans += len(m.GroupLoans)
		if len(m.GroupLoans) > 0 && !m.Group.JointlyLiableOn(s.today) {
			t.Errorf("%s borrows together but is not under joint liability", m.Group.Name)
		}
	}
	if late35 != 1 || late95 != 1 || groupLoans != 1 {
		t.Errorf("%d loans 35-94 days late, %d 95+, %d group loans due; want one each", late35, late95, groupLoans)
	}
}

// meetingsBefore reads back the last few weeks' meetings: members were
// away, some sent their money all the same with someone who came for them
// (represented, by a name), none absent paid, and a group loan's payer was
// covered by another.
func meetingsBefore(t *testing.T, s seeded, treasurer accounts.Actor) {
	ctx := context.Background()
	groups, _, err := s.svc.Core.FindGroups(ctx, treasurer, s.coop.ID, accounts.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var away, represented, absentPaid, covers int
	for _, g := range groups {
		for back := 1; back <= 4; back++ {
			m, err := s.svc.Meetings.FindMeeting(ctx, treasurer, s.coop.ID, g.ID, s.today.AddDays(-7*back))
			if err != nil {
				t.Fatal(err)
			}
			covers += len(m.Covers)
			for _, l := range m.Lines {
				paid := len(l.Loans) > 0 || l.WajibMinor > 0 || l.SukarelaMinor > 0
				switch l.Attendance {
				case meetings.Represented:
					away++
					if l.RepresentedBy != "" && paid {
						represented++
					}
				case meetings.Absent:
					away++
					if paid {
						absentPaid++
					}
				}
			}
		}
	}
	if away < 12 || represented == 0 || absentPaid != 0 || covers == 0 {
		t.Errorf("last four weeks: %d away, %d represented by someone named who brought their money, %d absent who paid, %d covers; "+
			"want 12+, some, none, some", away, represented, absentPaid, covers)
	}
}

// coverDebts reads the cooperative's covers: the ill payer repaid the
// first she was covered for, and those since are still owed, in the
// accounts as in the covers.
func coverDebts(t *testing.T, s seeded, treasurer accounts.Actor) {
	cs, _, err := s.svc.Meetings.FindCovers(context.Background(), treasurer, s.coop.ID, meetings.CoverFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var repaid, owed int64
	for _, c := range cs {
		repaid += c.SettledMinor
		owed += c.OwedMinor()
	}
	receivable := ledgertest.MustBalance(t, s.svc.Core.Ledger(), s.coop.BookID, accounts.CodeCoverReceivable)
	if repaid == 0 || owed == 0 || receivable != owed {
		t.Errorf("covers: %d repaid, %d owed, the receivable holds %d; want some of each, the receivable what is owed", repaid, owed, receivable)
	}
}

func lastYear(t *testing.T, s seeded, treasurer accounts.Actor) {
	year := s.today.Time().Year() - 1
	ye, err := s.svc.YearEnd.FindYearEnd(context.Background(), treasurer, s.coop.ID, year)
	if err != nil {
		t.Fatalf("year end %d: %v", year, err)
	}
	if ye.SurplusMinor <= 0 || ye.CapitalMinor <= 0 || ye.ParticipationMinor <= 0 {
		t.Errorf("%d: surplus %d, jasa modal %d, jasa anggota %d; want an SHU divided", year, ye.SurplusMinor, ye.CapitalMinor, ye.ParticipationMinor)
	}
	slips, err := s.svc.YearEnd.SHUSlips(context.Background(), treasurer, s.coop.ID, year)
	if err != nil || len(slips) < 59 {
		t.Errorf("%d SHU slips for %d, %v; want every member's", len(slips), year, err)
	}
}

func partnerToday(t *testing.T, s seeded) {
	partner := s.as(t, "mitra@demo.lumbung.id")
	pp, err := s.svc.Reports.FindPartnerPortfolio(context.Background(), partner, partner.Grants[0].PartnerID, s.today)
	if err != nil {
		t.Fatal(err)
	}
	p := pp.Facilities[0].Loans
	if p.ActiveLoans < 30 || p.PAR30Minor == 0 || p.PAR90Minor == 0 {
		t.Errorf("the grant's loans: %d active, PAR30 %d, PAR90 %d; want 30+, both late loans among them", p.ActiveLoans, p.PAR30Minor, p.PAR90Minor)
	}
}
