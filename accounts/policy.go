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
// Its unexported field keeps any package but this one from making one.
type Admin struct{ actor Actor }

// RequireAdmin guards platform administration.
// Errors: KindForbidden for anyone but an admin.
func RequireAdmin(a Actor) (Admin, error) {
	if !a.IsAdmin() {
		return Admin{}, errForbidden()
	}
	return Admin{actor: a}, nil
}

// Cooperative returns any cooperative. Errors: KindNotFound.
func (ad Admin) Cooperative(ctx context.Context, db bun.IDB, id string) (Cooperative, error) {
	return cooperativeByID(ctx, db, id)
}

// Member returns a member of any cooperative. Errors: KindNotFound.
func (ad Admin) Member(ctx context.Context, db bun.IDB, id string) (Member, error) {
	if !ledger.IsID(id) {
		return Member{}, ErrMemberNotFound()
	}
	var row memberRow
	err := db.NewSelect().Model(&row).Where("id = ?", id).Scan(ctx)
	if NoRows(err) {
		return Member{}, ErrMemberNotFound()
	}
	if err != nil {
		return Member{}, err
	}
	return row.Member(), nil
}

// Facilities reads every partner and, by ID, at most limit facilities of
// the platform. Errors: KindInvalid (portfolio.too_many_facilities) beyond
// the limit.
func (ad Admin) Facilities(ctx context.Context, db bun.IDB, limit int) (map[string]Partner, []Facility, error) {
	var prs []partnerRow
	if err := db.NewSelect().Model(&prs).Scan(ctx); err != nil {
		return nil, nil, err
	}
	partners := make(map[string]Partner, len(prs))
	for _, r := range prs {
		partners[r.ID] = r.partner()
	}
	var frs []facilityRow
	if err := db.NewSelect().Model(&frs).OrderExpr("id").Limit(int64(limit) + 1).Scan(ctx); err != nil {
		return nil, nil, err
	}
	if len(frs) > limit {
		return nil, nil, ledger.Invalid("portfolio.too_many_facilities", "the platform holds more facilities than one report reads")
	}
	fs := make([]Facility, len(frs))
	for i, r := range frs {
		fs[i] = r.facility()
	}
	return partners, fs, nil
}

// Partner returns any partner. Errors: KindNotFound.
func (ad Admin) Partner(ctx context.Context, db bun.IDB, id string) (Partner, error) {
	return partnerByID(ctx, db, id)
}

// Books is a treasurer's hold on one cooperative's books: its groups,
// members, facilities and ledger. Every write of the services starts from
// one, and the lookups they share are its methods.
type Books struct {
	actor Actor
	coop  Cooperative
}

// Books guards a cooperative's books: its treasurer only.
// Errors: KindNotFound for an unknown cooperative or one outside her scope;
// KindForbidden for a member of the cooperative.
func (s *Service) Books(ctx context.Context, a Actor, cooperativeID string) (Books, error) {
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return Books{}, err
	}
	return Books{actor: a, coop: coop}, nil
}

// BooksRead guards reading the cooperative's books: its treasurer or its
// supervisor. What it returns must only be read from: every writer takes
// Books. Errors: as Books.
func (s *Service) BooksRead(ctx context.Context, a Actor, cooperativeID string) (Books, error) {
	coop, err := s.cooperativeForBooksRead(ctx, a, cooperativeID)
	if err != nil {
		return Books{}, err
	}
	return Books{actor: a, coop: coop}, nil
}

// Book is a hold on one cooperative's ledger book and nothing else of it,
// for the routes that post to the book or read its accounts and need no
// setting of the cooperative. A cooperative's book is made with it and
// never changes, so each service looks it up once, keeping a query off
// every entry.
type Book struct{ id string }

// Book guards writing to a cooperative's book: its treasurer only.
// Errors: as Books.
func (s *Service) Book(ctx context.Context, a Actor, cooperativeID string) (Book, error) {
	return s.bookOf(ctx, a, cooperativeID, authorizeBooks)
}

// BookRead guards reading a cooperative's book: its treasurer or its
// supervisor. Errors: as Books.
func (s *Service) BookRead(ctx context.Context, a Actor, cooperativeID string) (Book, error) {
	return s.bookOf(ctx, a, cooperativeID, authorizeBooksRead)
}

func (s *Service) bookOf(ctx context.Context, a Actor, cooperativeID string, authorize func(Actor, string) error) (Book, error) {
	if !ledger.IsID(cooperativeID) {
		return Book{}, ErrCooperativeNotFound()
	}
	if err := authorize(a, cooperativeID); err != nil {
		return Book{}, err
	}
	if id, ok := s.bookIDs.Load(cooperativeID); ok {
		return Book{id: id.(string)}, nil
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return Book{}, err
	}
	s.bookIDs.Store(cooperativeID, coop.BookID)
	return Book{id: coop.BookID}, nil
}

// ID is the book's ledger ID.
func (b Book) ID() string { return b.id }

// Actor is the treasurer, or for BooksRead the supervisor.
func (b Books) Actor() Actor { return b.actor }

// Cooperative is the cooperative whose books these are.
func (b Books) Cooperative() Cooperative { return b.coop }

// Member reads a member of the cooperative through db (the caller's
// transaction, when it is in one), taking her row lock as lock says.
// Errors: KindNotFound.
func (b Books) Member(ctx context.Context, db bun.IDB, memberID string, lock MemberLock) (Member, error) {
	return findMember(ctx, db, b.coop.ID, memberID, lock)
}

// Group reads a group of the cooperative through db. Errors: KindNotFound.
func (b Books) Group(ctx context.Context, db bun.IDB, groupID string) (Group, error) {
	return findGroup(ctx, db, b.coop.ID, groupID)
}

// Facility reads a facility funding the cooperative through db.
// Errors: KindNotFound.
func (b Books) Facility(ctx context.Context, db bun.IDB, facilityID string) (Facility, error) {
	return findFacility(ctx, db, b.coop.ID, facilityID)
}

// LockFacility reads a facility funding the cooperative and holds its row
// lock until the transaction ends: tranches into it and loans it funds
// check their ceilings one after the other. Errors: KindNotFound.
func (b Books) LockFacility(ctx context.Context, tx bun.Tx, facilityID string) (Facility, error) {
	var row facilityRow
	if err := lockFacilityRow(ctx, tx, &row, b.coop.ID, facilityID); err != nil {
		return Facility{}, err
	}
	return row.facility(), nil
}

// ActiveMembers reads, through db, the members of the cooperative who have
// not left, by member number, at most limit of them.
func (b Books) ActiveMembers(ctx context.Context, db bun.IDB, limit int) ([]Member, error) {
	var rows []memberRow
	if err := db.NewSelect().Model(&rows).Where("cooperative_id = ? AND exited_on IS NULL", b.coop.ID).
		OrderExpr("number").Limit(int64(limit)).Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = r.Member()
	}
	return out, nil
}

// GroupMembers reads, through db, the members of a group of the
// cooperative who have not left, by member number.
func (b Books) GroupMembers(ctx context.Context, db bun.IDB, groupID string) ([]Member, error) {
	var rows []memberRow
	if err := db.NewSelect().Model(&rows).Where("cooperative_id = ? AND group_id = ? AND exited_on IS NULL", b.coop.ID, groupID).
		OrderExpr("number").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = r.Member()
	}
	return out, nil
}

// Groups reads, through db, the cooperative's groups by name, at most
// limit of them.
func (b Books) Groups(ctx context.Context, db bun.IDB, limit int) ([]Group, error) {
	var rows []groupRow
	if err := db.NewSelect().Model(&rows).Where("cooperative_id = ?", b.coop.ID).OrderExpr("name, id").
		Limit(int64(limit)).Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Group, len(rows))
	for i, r := range rows {
		out[i] = r.group()
	}
	return out, nil
}

// LockMembers takes the row locks of the cooperative's members named, as
// lock says, all at once in ID order: the order every writer locks member
// rows in. IDs that name no member of the cooperative are passed over.
func (b Books) LockMembers(ctx context.Context, tx bun.Tx, memberIDs []string, lock MemberLock) error {
	var ids []string
	for _, id := range memberIDs {
		if ledger.IsID(id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []memberRow
	return selectMember(tx, &rows, lock).
		Where("cooperative_id = ? AND id IN (?)", b.coop.ID, bun.List(ids)).OrderExpr("id").Scan(ctx)
}

// Record runs post, which posts one entry, unless the idempotency key is
// already recorded in the book for the same kind of request about the same
// subject: then it answers the recorded entry as a replay.
func (s *Service) Record(ctx context.Context, b Books, key, kind string, about Subject, post func() (ledger.Entry, error)) (ledger.Entry, error) {
	return s.keyed(ctx, b.coop.BookID, key, kind, about, post)
}

// authorizeBooks guards a cooperative's books, groups, members and ledger
// accounts. Only its treasurer reads or writes them through the
// cooperative's routes; members and partners read their own views (package
// reports). A member of the cooperative is told she may not (she knows the
// cooperative exists); anyone else is told it does not exist.
func authorizeBooks(a Actor, cooperativeID string) error {
	if a.IsTreasurerOf(cooperativeID) {
		return nil
	}
	if a.IsMemberOf(cooperativeID) || a.IsSupervisorOf(cooperativeID) {
		return errForbidden()
	}
	return ErrCooperativeNotFound()
}

// authorizeBooksRead guards reading a cooperative's books, reports, loans
// and members: its treasurer, and its supervisor (pengawas), whose duty is
// to read them. Anyone else as authorizeBooks.
func authorizeBooksRead(a Actor, cooperativeID string) error {
	if a.IsSupervisorOf(cooperativeID) {
		return nil
	}
	return authorizeBooks(a, cooperativeID)
}

// authorizeCooperativeRead guards a cooperative's own record (name,
// currency). Admins see every cooperative; treasurers and members their own;
// partners those their facilities fund.
func (s *Service) authorizeCooperativeRead(ctx context.Context, a Actor, cooperativeID string) error {
	if a.IsAdmin() || a.IsTreasurerOf(cooperativeID) || a.IsSupervisorOf(cooperativeID) || a.IsMemberOf(cooperativeID) {
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
	return ErrCooperativeNotFound()
}

// authorizeCooperativeSettings guards a cooperative's settings (its
// language): its admin and its treasurer change them. Anyone else who reads
// the cooperative (a member, a funder) is told she may not; anyone who may
// not read it is told it does not exist.
func (s *Service) authorizeCooperativeSettings(ctx context.Context, a Actor, cooperativeID string) error {
	if a.IsAdmin() || a.IsTreasurerOf(cooperativeID) {
		return nil
	}
	if err := s.authorizeCooperativeRead(ctx, a, cooperativeID); err != nil {
		return err
	}
	return errForbidden()
}

// authorizePartnerRead guards a partner's record: admins see all, a partner
// user its own.
func authorizePartnerRead(a Actor, partnerID string) error {
	if a.IsAdmin() || slices.Contains(a.PartnerIDs(), partnerID) {
		return nil
	}
	return ErrPartnerNotFound()
}

// MemberRead is the hold on one member's own figures: her cooperative's
// treasurer's, or her own.
type MemberRead struct {
	coop   Cooperative
	member Member
}

// MemberRead guards one member's own figures (authorizeMemberRead).
// Errors: KindNotFound for anyone but her treasurer and herself.
func (s *Service) MemberRead(ctx context.Context, a Actor, cooperativeID, memberID string) (MemberRead, error) {
	if err := authorizeMemberRead(a, cooperativeID, memberID); err != nil || !ledger.IsID(cooperativeID) {
		return MemberRead{}, ErrMemberNotFound()
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return MemberRead{}, err
	}
	m, err := findMember(ctx, s.db, cooperativeID, memberID, MemberUnlocked)
	if err != nil {
		return MemberRead{}, err
	}
	return MemberRead{coop: coop, member: m}, nil
}

// Cooperative is her cooperative.
func (r MemberRead) Cooperative() Cooperative { return r.coop }

// Member is she.
func (r MemberRead) Member() Member { return r.member }

// Group is her group, read through db.
func (r MemberRead) Group(ctx context.Context, db bun.IDB) (Group, error) {
	return findGroup(ctx, db, r.coop.ID, r.member.GroupID)
}

// GroupRead is the hold on a group's summary books: its cooperative's
// treasurer's or supervisor's, or a current member's of the group.
type GroupRead struct {
	coop  Cooperative
	group Group
}

// GroupRead guards a group's summary: the cooperative's treasurer and the
// group's own members read it; a member who has left reads her own past,
// not the group's present. Errors: KindNotFound (group.not_found) for
// anyone else.
func (s *Service) GroupRead(ctx context.Context, a Actor, cooperativeID, groupID string) (GroupRead, error) {
	if !ledger.IsID(cooperativeID) {
		return GroupRead{}, ErrGroupNotFound()
	}
	if err := s.authorizeGroupRead(ctx, a, cooperativeID, groupID); err != nil {
		return GroupRead{}, err
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return GroupRead{}, err
	}
	g, err := findGroup(ctx, s.db, cooperativeID, groupID)
	if err != nil {
		return GroupRead{}, err
	}
	return GroupRead{coop: coop, group: g}, nil
}

func (s *Service) authorizeGroupRead(ctx context.Context, a Actor, cooperativeID, groupID string) error {
	if a.IsTreasurerOf(cooperativeID) || a.IsSupervisorOf(cooperativeID) {
		return nil
	}
	for _, g := range a.MemberGrants() {
		if g.CooperativeID != cooperativeID {
			continue
		}
		m, err := s.findMember(ctx, cooperativeID, g.MemberID)
		if err != nil {
			return err
		}
		if m.GroupID == groupID && m.ExitedOn == nil {
			return nil
		}
	}
	return ErrGroupNotFound()
}

// Cooperative is the group's cooperative.
func (r GroupRead) Cooperative() Cooperative { return r.coop }

// Group is the group read.
func (r GroupRead) Group() Group { return r.group }

// Members reads, through db, everyone who was ever a member of the group,
// those who left included: a summary on a past day counts who was a
// member then (Member.Between).
func (r GroupRead) Members(ctx context.Context, db bun.IDB) ([]Member, error) {
	var rows []memberRow
	if err := db.NewSelect().Model(&rows).Where("group_id = ?", r.group.ID).Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Member, len(rows))
	for i, row := range rows {
		out[i] = row.Member()
	}
	return out, nil
}

// authorizeMemberRead guards one member's own figures: her cooperative's
// treasurer and the member herself read them; to anyone else the member
// does not exist (another member of the same group included: her savings
// are her own).
func authorizeMemberRead(a Actor, cooperativeID, memberID string) error {
	if a.IsMember(memberID) || a.IsTreasurerOf(cooperativeID) || a.IsSupervisorOf(cooperativeID) {
		return nil
	}
	return ErrMemberNotFound()
}

// MembersRead is the hold on what a cooperative's members share: its
// treasurer's, or any of its members'.
type MembersRead struct {
	actor Actor
	coop  Cooperative
}

// MembersRead guards what a cooperative's members share
// (authorizeMembersRead). Errors: KindNotFound for anyone else.
func (s *Service) MembersRead(ctx context.Context, a Actor, cooperativeID string) (MembersRead, error) {
	if !ledger.IsID(cooperativeID) {
		return MembersRead{}, ErrCooperativeNotFound()
	}
	if err := authorizeMembersRead(a, cooperativeID); err != nil {
		return MembersRead{}, err
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return MembersRead{}, err
	}
	return MembersRead{actor: a, coop: coop}, nil
}

// Cooperative is the cooperative read.
func (r MembersRead) Cooperative() Cooperative { return r.coop }

// authorizeMembersRead guards what a cooperative's members share: how it
// divided its SHU (the members decided it) and the loan products it lends
// on (the terms a member may borrow on). Its treasurer, its supervisor and
// its members read them; to anyone else the cooperative does not exist.
func authorizeMembersRead(a Actor, cooperativeID string) error {
	if a.IsTreasurerOf(cooperativeID) || a.IsSupervisorOf(cooperativeID) || a.IsMemberOf(cooperativeID) {
		return nil
	}
	return ErrCooperativeNotFound()
}

// BooksToSetUp guards bringing a cooperative's existing books into
// Lumbung (an import of its spreadsheets): its treasurer, and an admin,
// who sets a cooperative up before its treasurer takes it over.
// Errors: as Books; KindNotFound for an unknown cooperative.
func (s *Service) BooksToSetUp(ctx context.Context, a Actor, cooperativeID string) (Books, error) {
	if !a.IsAdmin() {
		return s.Books(ctx, a, cooperativeID)
	}
	if !ledger.IsID(cooperativeID) {
		return Books{}, ErrCooperativeNotFound()
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return Books{}, err
	}
	return Books{actor: a, coop: coop}, nil
}

// Facilities lists the facilities that fund the cooperative, read through
// db, in the order they were committed.
func (b Books) Facilities(ctx context.Context, db bun.IDB) ([]Facility, error) {
	var rows []facilityRow
	if err := db.NewSelect().Model(&rows).Where("cooperative_id = ?", b.coop.ID).OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	fs := make([]Facility, len(rows))
	for i, r := range rows {
		fs[i] = r.facility()
	}
	return fs, nil
}

// ProofsRead guards a cooperative's proofs: its signed checkpoints and the
// copy of its journal that can be checked offline. Its treasurer and its
// supervisor read them, and so does every partner whose facilities fund
// it: a funder checks books it does not keep. Members of the cooperative
// are told they may not; anyone else that it does not exist (the platform's
// admin included, who does not read books).
func (s *Service) ProofsRead(ctx context.Context, a Actor, cooperativeID string) (Cooperative, error) {
	if !ledger.IsID(cooperativeID) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	if a.IsTreasurerOf(cooperativeID) || a.IsSupervisorOf(cooperativeID) {
		return s.findCooperative(ctx, cooperativeID)
	}
	if ids := a.PartnerIDs(); len(ids) > 0 {
		funded, err := s.fundedCooperativeIDs(ctx, ids)
		if err != nil {
			return Cooperative{}, err
		}
		if slices.Contains(funded, cooperativeID) {
			return s.findCooperative(ctx, cooperativeID)
		}
	}
	if a.IsMemberOf(cooperativeID) {
		return Cooperative{}, errForbidden()
	}
	return Cooperative{}, ErrCooperativeNotFound()
}
