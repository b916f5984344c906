// Package accountstest builds cooperative worlds for tests on real
// databases: a cooperative with a group, members, a partner with a
// facility, and users holding each role.
package accountstest

import (
	"context"
	"fmt"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// Password is every test user's password.
const Password = "correct horse battery"

// World is one cooperative with its people, made fresh for a test.
type World struct {
	*services.Services
	Service     *accounts.Service // the core, as Services.Core
	Cooperative accounts.Cooperative
	Group       accounts.Group
	Members     [2]accounts.Member // two members of the group
	Partner     accounts.Partner   // funds this cooperative
	Facility    accounts.Facility

	Treasurer   accounts.Actor
	Approver    accounts.Actor // a second treasurer, who decides on loans the first records
	Supervisor  accounts.Actor // the cooperative's pengawas: reads its books, writes nothing
	MemberActor [2]accounts.Actor
	PartnerUser accounts.Actor
	Logins      map[string]string // role name -> login, for API tests
}

// NewWorld makes a cooperative in IDR with a group of two members, a
// funding partner, and one user per role; every book it makes is verified
// when the test ends.
func NewWorld(t testing.TB, db *bun.DB) *World {
	t.Helper()
	ctx := context.Background()
	svc := NewServices(ledger.New(db), services.Options{})
	s := svc.Core
	w := &World{Services: svc, Service: s, Logins: map[string]string{}}
	op := accounts.Operator
	tag := ledgertest.UniqueTag()
	var err error
	w.Cooperative, err = s.CreateCooperative(ctx, op, accounts.CooperativeInput{Name: "Koperasi " + tag, Currency: "IDR"})
	must(t, err)
	t.Cleanup(func() { ledgertest.MustVerify(t, db, w.Cooperative.BookID, services.Checks()...) })
	w.Treasurer = w.user(t, "treasurer", identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: w.Cooperative.ID})
	w.Approver = w.user(t, "approver", identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: w.Cooperative.ID})
	w.Supervisor = w.user(t, "supervisor", identity.GrantInput{Role: accounts.RoleSupervisor, CooperativeID: w.Cooperative.ID})
	w.Group, err = s.CreateGroup(ctx, w.Treasurer, w.Cooperative.ID, accounts.GroupInput{Name: "Kelompok Mawar", MeetingDay: "tuesday"})
	must(t, err)
	for i, name := range []string{"Siti Aminah", "Dewi Lestari"} {
		w.Members[i], err = s.CreateMember(ctx, w.Treasurer, w.Cooperative.ID, accounts.MemberInput{
			GroupID: w.Group.ID, Name: name, Gender: "female", BusinessType: "warung"})
		must(t, err)
		w.MemberActor[i] = w.user(t, fmt.Sprintf("member%d", i), identity.GrantInput{Role: accounts.RoleMember, MemberID: w.Members[i].ID})
	}
	w.Partner, err = s.CreatePartner(ctx, op, accounts.PartnerInput{Name: "Mitra " + tag, Model: accounts.Nonprofit})
	must(t, err)
	w.Facility, err = s.CreateFacility(ctx, op, w.Partner.ID, accounts.FacilityInput{
		CooperativeID: w.Cooperative.ID, Kind: accounts.FacilityGrant, Committed: "50000000", Purpose: "working capital"})
	must(t, err)
	w.PartnerUser = w.user(t, "partner", identity.GrantInput{Role: accounts.RolePartner, PartnerID: w.Partner.ID})
	return w
}

// user creates a user holding one grant and returns her as an actor.
func (w *World) user(t testing.TB, role string, g identity.GrantInput) accounts.Actor {
	t.Helper()
	ctx := context.Background()
	login := role + "." + ledgertest.UniqueTag() + "@lumbung.test"
	u, err := w.Identity.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: login, Name: role, Password: Password})
	must(t, err)
	grant, err := w.Identity.AddGrant(ctx, accounts.Operator, u.ID, g)
	must(t, err)
	w.Logins[role] = login
	return accounts.Actor{UserID: u.ID, Grants: []accounts.Grant{grant}}
}

// NewAdmin creates an admin user and returns her as an actor with her login.
func NewAdmin(t testing.TB, s *services.Services) (accounts.Actor, string) {
	t.Helper()
	ctx := context.Background()
	login := "admin." + ledgertest.UniqueTag() + "@lumbung.test"
	u, err := s.Identity.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: login, Name: "Admin", Password: Password})
	must(t, err)
	g, err := s.Identity.AddGrant(ctx, accounts.Operator, u.ID, identity.GrantInput{Role: accounts.RoleAdmin})
	must(t, err)
	return accounts.Actor{UserID: u.ID, Grants: []accounts.Grant{g}}, login
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// NewServices wires the services as the server does, with passwords
// hashed at the cheapest cost, so that sign-ins do not slow the suite.
func NewServices(l *ledger.Ledger, o services.Options) *services.Services {
	o.Identity = append(o.Identity, identity.WithPasswordCost(identity.TestPasswordCost))
	return services.New(l, o)
}

// WantCode fails the test unless err is an error of the kind and code.
func WantCode(t testing.TB, err error, kind ledger.Kind, code string) {
	t.Helper()
	e := ledger.AsError(err)
	if e == nil || e.Kind != kind || e.Code != code {
		t.Fatalf("got %v, want %s/%s", err, kind, code)
	}
}
