// Package demo fills an empty database with a believable cooperative: a
// year of a women's savings-and-loan cooperative in Indonesia, made through
// the same services a treasurer uses, so that every rule and invariant
// holds of it as of real use.
package demo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
)

// Login is a demo user's credentials, shown once when the demo is made.
type Login struct {
	Role     string
	Login    string
	Password string
}

// weeks is how far back the demo's history reaches: a year of meetings,
// or a few weeks more late in the year (see historyWeeks).
const weeks = 52

// lastYearWeeksMin is the least history the demo gives the year before
// today's: enough loans and meetings that its year end divides an SHU.
const lastYearWeeksMin = 8

// historyWeeks is how many weeks before today the demo starts: a year, or
// more when today is so late in December that a year back would leave last
// year with too little to close.
func historyWeeks(today ledger.Date) int {
	newYear := ledger.NewDate(today.Time().Year(), time.January, 1)
	n := weeks
	for newYear.DaysSince(today.AddDays(-7*n)) < 7*lastYearWeeksMin {
		n++
	}
	return n
}

// Options say how the demo is made.
type Options struct {
	// Password is every demo user's password, for tests that sign in
	// without reading the printed table. Empty (the default): each user
	// gets her own random password.
	Password string
	Progress io.Writer // where the steps are told; nil: nowhere
}

// world is the demo cooperative as it is being made.
type world struct {
	svc       *services.Services
	s         *accounts.Service // svc.Core
	coop      accounts.Cooperative
	treasurer accounts.Actor
	approver  accounts.Actor
	groups    []accounts.Group
	members   map[string][]accounts.Member // by group ID
	grant     accounts.Facility
	loanFund  accounts.Facility
	product   lending.LoanProduct // a cycle's loans
	// firstProduct is a short first loan, groupProduct the group's joint loan.
	firstProduct, groupProduct lending.LoanProduct
	position                   map[string]who // each member's group and place in it, by member ID
	start                      ledger.Date
	n                          int // today is the week-n meeting day, its meetings still to be held
	password                   string
	logins                     []Login
}

// Seed makes the demo cooperative with a year of history up to today, a
// meeting day whose meetings are still to be held, and returns the demo
// logins. The services' clock must read today or later. It refuses a
// database that already holds a cooperative: demo data never mixes with
// real books.
func Seed(ctx context.Context, svc *services.Services, today ledger.Date, o Options) ([]Login, error) {
	s := svc.Core
	cs, _, err := s.FindCooperatives(ctx, accounts.Operator, accounts.Page{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(cs) > 0 {
		return nil, ledger.Conflict("demo.not_empty", "the database already holds a cooperative; the demo goes only into an empty one")
	}
	n := historyWeeks(today)
	w := &world{svc: svc, s: s, members: map[string][]accounts.Member{}, position: map[string]who{}, start: today.AddDays(-7 * n), n: n, password: o.Password}
	progress := o.Progress
	if progress == nil {
		progress = io.Discard
	}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"organisation", w.organise},
		{"partners and capital", w.fund},
		{"members", w.enrol},
		{"a year of weekly meetings", w.meet},
	}
	for _, step := range steps {
		fmt.Fprintf(progress, "demo: %s...\n", step.name)
		if err := step.run(ctx); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", step.name, err)
		}
	}
	return w.logins, nil
}

func (w *world) organise(ctx context.Context) error {
	var err error
	w.coop, err = w.s.CreateCooperative(ctx, accounts.Operator, accounts.CooperativeInput{
		Name: "Koperasi Wanita Lumbung Sejahtera", Currency: "IDR", Pokok: "50000", Wajib: "2000", WajibFrequency: "weekly"})
	if err != nil {
		return err
	}
	if _, err := w.user(ctx, "admin", "admin@demo.lumbung.id", "Admin Platform", identity.GrantInput{Role: accounts.RoleAdmin}); err != nil {
		return err
	}
	if w.treasurer, err = w.user(ctx, "treasurer", "bendahara@demo.lumbung.id", "Ibu Sri Wahyuni (bendahara)",
		identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: w.coop.ID}); err != nil {
		return err
	}
	if w.approver, err = w.user(ctx, "treasurer (approves loans)", "ketua@demo.lumbung.id", "Ibu Ratna Dewi (ketua)",
		identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: w.coop.ID}); err != nil {
		return err
	}
	for _, p := range []struct {
		dst *lending.LoanProduct
		in  lending.LoanProductInput
	}{{&w.product, weeklyProduct}, {&w.firstProduct, firstProduct}, {&w.groupProduct, groupProduct}} {
		if *p.dst, err = w.svc.Lending.CreateLoanProduct(ctx, w.treasurer, w.coop.ID, p.in); err != nil {
			return err
		}
	}
	day := strings.ToLower(w.start.Time().Weekday().String())
	for i, name := range []string{"Kelompok Mawar", "Kelompok Melati", "Kelompok Anggrek"} {
		in := accounts.GroupInput{Name: name, MeetingDay: day}
		if i == groupLoanGroup { // the group that borrows together answers for each other from the start
			in.JointLiabilitySince = w.start
		}
		group, err := w.s.CreateGroup(ctx, w.treasurer, w.coop.ID, in)
		if err != nil {
			return err
		}
		w.groups = append(w.groups, group)
	}
	return nil
}

// user creates a demo user with one grant, and the demo's password or a
// fresh random one.
func (w *world) user(ctx context.Context, role, login, name string, g identity.GrantInput) (accounts.Actor, error) {
	password := w.password
	if password == "" {
		b := make([]byte, 12)
		if _, err := rand.Read(b); err != nil {
			return accounts.Actor{}, err
		}
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	u, err := w.svc.Identity.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: login, Name: name, Password: password})
	if err != nil {
		return accounts.Actor{}, err
	}
	grant, err := w.svc.Identity.AddGrant(ctx, accounts.Operator, u.ID, g)
	if err != nil {
		return accounts.Actor{}, err
	}
	w.logins = append(w.logins, Login{Role: role, Login: login, Password: password})
	return accounts.Actor{UserID: u.ID, Grants: []accounts.Grant{grant}}, nil
}

// fund registers two partners of different models, each with a facility,
// and receives their first tranches at the start of the year.
func (w *world) fund(ctx context.Context) error {
	gov, err := w.s.CreatePartner(ctx, accounts.Operator, accounts.PartnerInput{Name: "Dinas Koperasi dan UKM Kabupaten Sleman", Model: accounts.Government})
	if err != nil {
		return err
	}
	ngo, err := w.s.CreatePartner(ctx, accounts.Operator, accounts.PartnerInput{Name: "Yayasan Mitra Perempuan Nusantara", Model: accounts.MultiStakeholder})
	if err != nil {
		return err
	}
	if w.grant, err = w.s.CreateFacility(ctx, accounts.Operator, gov.ID, accounts.FacilityInput{CooperativeID: w.coop.ID,
		Kind: accounts.FacilityGrant, Committed: "150000000", Purpose: "modal usaha kelompok perempuan", StartsOn: w.start}); err != nil {
		return err
	}
	if w.loanFund, err = w.s.CreateFacility(ctx, accounts.Operator, ngo.ID, accounts.FacilityInput{CooperativeID: w.coop.ID,
		Kind: accounts.FacilityLoan, Committed: "60000000", Purpose: "dana bergulir", StartsOn: w.start}); err != nil {
		return err
	}
	for _, f := range []struct {
		facility accounts.Facility
		amount   string
	}{{w.grant, "100000000"}, {w.loanFund, "60000000"}} {
		if _, err := w.svc.Capital.ReceiveTranche(ctx, w.treasurer, w.coop.ID, f.facility.ID, accounts.MoneyInput{
			Amount: f.amount, Date: w.start, Via: "bank", Memo: "Tranche 1"}); err != nil {
			return err
		}
	}
	if _, err := w.user(ctx, "partner (government)", "mitra@demo.lumbung.id", "Dinas Koperasi", identity.GrantInput{Role: accounts.RolePartner, PartnerID: gov.ID}); err != nil {
		return err
	}
	// Cash for the first disbursements comes out of the bank.
	_, err = w.svc.Books.PostEntry(ctx, w.treasurer, w.coop.ID, ledger.EntryInput{Kind: "cash.transfer", EffectiveDate: w.start,
		Memo: "Tarik tunai untuk pencairan", Postings: []ledger.PostingInput{
			{Account: accounts.CodeCash, Side: ledger.Debit, Amount: ledger.FromMinor(150000000, w.coop.Currency)},
			{Account: accounts.CodeBank, Side: ledger.Credit, Amount: ledger.FromMinor(150000000, w.coop.Currency)}}})
	return err
}

// dayOf returns the date of a week's meeting.
func (w *world) dayOf(week int) ledger.Date { return w.start.AddDays(7 * week) }
