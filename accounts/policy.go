package accounts

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// The authorisation policy, one constructor per resource kind. Each makes a
// scope value whose fields only this file sets: a service method of any
// package holds a scope only once the policy has said yes, and the lookups
// that packages share are methods of a scope. Nothing else decides access.
//
// A refusal for something the actor may not even read is a not-found error
// with the resource's own not-found code, deliberately the same answer as
// for a resource that does not exist: a treasurer probing another
// cooperative, or a member probing another member, learns nothing.

func errForbidden() error {
	return ledger.Forbidden("auth.forbidden", "your role does not allow this")
}

// Admin is platform administration: every cooperative, partner and user.
type Admin struct{ actor Actor }

// RequireAdmin guards platform administration.
// Errors: KindForbidden for anyone but an admin.
func RequireAdmin(a Actor) (Admin, error) {
	if !a.IsAdmin() {
		return Admin{}, errForbidden()
	}
	return Admin{actor: a}, nil
}

// Actor is the admin.
func (ad Admin) Actor() Actor { return ad.actor }

// Cooperative returns any cooperative. Errors: KindNotFound.
func (ad Admin) Cooperative(ctx context.Context, db bun.IDB, id string) (Cooperative, error) {
	return cooperativeByID(ctx, db, id)
}

// Member returns a member of any cooperative. Errors: KindNotFound.
func (ad Admin) Member(ctx context.Context, db bun.IDB, id string) (Member, error) {
	if !ledger.IsID(id) {
		return Member{}, errMemberNotFound()
	}
	var row memberRow
	err := db.NewSelect().Model(&row).Where("id = ?", id).Scan(ctx)
	if NoRows(err) {
		return Member{}, errMemberNotFound()
	}
	if err != nil {
		return Member{}, err
	}
	return row.member(), nil
}

// Partner returns any partner. Errors: KindNotFound.
func (ad Admin) Partner(ctx context.Context, db bun.IDB, id string) (Partner, error) {
	return partnerByID(ctx, db, id)
}

// authorizeBooks guards a cooperative's books, groups, members and ledger
// accounts. Only its treasurer reads or writes them through the cooperative's
// routes; members and partners read their own views (me.go). A member of the
// cooperative is told she may not (she knows the cooperative exists); anyone
// else is told it does not exist.
func authorizeBooks(a Actor, cooperativeID string) error {
	if a.IsTreasurerOf(cooperativeID) {
		return nil
	}
	if a.IsMemberOf(cooperativeID) {
		return errForbidden()
	}
	return errCooperativeNotFound()
}

// authorizeCooperativeRead guards a cooperative's own record (name,
// currency). Admins see every cooperative; treasurers and members their own;
// partners those their facilities fund.
func (s *Service) authorizeCooperativeRead(ctx context.Context, a Actor, cooperativeID string) error {
	if a.IsAdmin() || a.IsTreasurerOf(cooperativeID) || a.IsMemberOf(cooperativeID) {
		return nil
	}
	if ids := a.PartnerIDs(); len(ids) > 0 {
		funded, err := s.fundedCooperativeIDs(ctx, ids)
		if err != nil {
			return err
		}
		if slices.Contains(funded, cooperativeID) {
			return nil
		}
	}
	return errCooperativeNotFound()
}

// authorizePartnerRead guards a partner's record: admins see all, a partner
// user its own.
func authorizePartnerRead(a Actor, partnerID string) error {
	if a.IsAdmin() || slices.Contains(a.PartnerIDs(), partnerID) {
		return nil
	}
	return errPartnerNotFound()
}

// authorizeMemberRead guards one member's own figures: her cooperative's
// treasurer and the member herself read them; to anyone else the member
// does not exist (another member of the same group included: her savings
// are her own).
func authorizeMemberRead(a Actor, cooperativeID, memberID string) error {
	if a.IsMember(memberID) || a.IsTreasurerOf(cooperativeID) {
		return nil
	}
	return errMemberNotFound()
}

// authorizeMembersRead guards what a cooperative's members share: how it
// divided its SHU (the members decided it) and the loan products it lends
// on (the terms a member may borrow on). Its treasurer and its members read
// them; to anyone else the cooperative does not exist.
func authorizeMembersRead(a Actor, cooperativeID string) error {
	if a.IsTreasurerOf(cooperativeID) || a.IsMemberOf(cooperativeID) {
		return nil
	}
	return errCooperativeNotFound()
}
