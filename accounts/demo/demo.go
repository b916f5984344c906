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

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
)

// Login is a demo user's credentials, shown once when the demo is made.
type Login struct {
	Role     string
	Login    string
	Password string
}

// weeks is how far back the demo's history reaches: a year of meetings.
const weeks = 52

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
	product   lending.LoanProduct
	start     ledger.Date
	logins    []Login
}

// Seed makes the demo cooperative with a year of history ending today, and
// returns the demo logins. It refuses a database that already holds a
// cooperative: demo data never mixes with real books.
func Seed(ctx context.Context, svc *services.Services, today ledger.Date, progress io.Writer) ([]Login, error) {
	s := svc.Core
	cs, _, err := s.FindCooperatives(ctx, accounts.Operator, accounts.Page{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(cs) > 0 {
		return nil, ledger.Conflict("demo.not_empty", "the database already holds a cooperative; the demo goes only into an empty one")
	}
	w := &world{svc: svc, s: s, members: map[string][]accounts.Member{}, start: today.AddDays(-7 * weeks)}
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
	if w.product, err = w.svc.Lending.CreateLoanProduct(ctx, w.treasurer, w.coop.ID, weeklyProduct); err != nil {
		return err
	}
	day := strings.ToLower(w.start.Time().Weekday().String())
	for _, name := range []string{"Kelompok Mawar", "Kelompok Melati", "Kelompok Anggrek"} {
		group, err := w.s.CreateGroup(ctx, w.treasurer, w.coop.ID, accounts.GroupInput{Name: name, MeetingDay: day})
		if err != nil {
			return err
		}
		w.groups = append(w.groups, group)
	}
	return nil
}

// user creates a demo user with a fresh random password and one grant.
func (w *world) user(ctx context.Context, role, login, name string, g identity.GrantInput) (accounts.Actor, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return accounts.Actor{}, err
	}
	password := base64.RawURLEncoding.EncodeToString(b)
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

// weeklyProduct is the demo's loan product: weekly group lending, 25
// weeks, 24 % flat a year, installments rounded to Rp 500, a 1 % fee and a
// Rp 5,000 late penalty, from Rp 500,000 to Rp 3,000,000.
var weeklyProduct = lending.LoanProductInput{Name: "Pinjaman Kelompok Mingguan", AnnualRate: "24", Method: loans.Flat,
	Frequency: loans.Weekly, Installments: 25, InstallmentMultiple: "500", FeePercent: "1", Penalty: "5000",
	PrincipalMin: "500000", PrincipalMax: "3000000"}

// application is a member's loan under the demo's product.
func (w *world) application(m accounts.Member, facility accounts.Facility, principal string) lending.LoanApplication {
	return lending.LoanApplication{MemberID: m.ID, FacilityID: facility.ID, ProductID: w.product.ID, Principal: principal,
		Purpose: "modal warung"}
}

// dayOf returns the date of a week's meeting.
func (w *world) dayOf(week int) ledger.Date { return w.start.AddDays(7 * week) }
