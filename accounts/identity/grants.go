package identity

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

type grantRow struct {
	bun.BaseModel `bun:"table:grants"`

	ID            string        `bun:"id,pk"`
	UserID        string        `bun:"user_id"`
	Role          accounts.Role `bun:"role"`
	CooperativeID *string       `bun:"cooperative_id"`
	MemberID      *string       `bun:"member_id"`
	PartnerID     *string       `bun:"partner_id"`
	CreatedAt     time.Time     `bun:"created_at"`
}

func (r grantRow) grant() accounts.Grant {
	g := accounts.Grant{ID: r.ID, UserID: r.UserID, Role: r.Role}
	if r.CooperativeID != nil {
		g.CooperativeID = *r.CooperativeID
	}
	if r.MemberID != nil {
		g.MemberID = *r.MemberID
	}
	if r.PartnerID != nil {
		g.PartnerID = *r.PartnerID
	}
	return g
}

// GrantInput gives a user a role. Treasurer grants name a cooperative,
// member grants a member (her cooperative follows), partner grants a
// partner; admin grants name nothing.
type GrantInput struct {
	Role          accounts.Role
	CooperativeID string
	MemberID      string
	PartnerID     string
}

// AddGrant gives a user a role within its scope. Admins only.
// Errors: KindForbidden; KindNotFound for an unknown user; KindInvalid for a
// scope that does not fit the role or does not exist; KindConflict when the
// user already holds the grant.
func (s *Service) AddGrant(ctx context.Context, a accounts.Actor, userID string, in GrantInput) (g accounts.Grant, err error) {
	defer ledger.Wrap(&err, "AddGrant(%s, %s)", userID, in.Role)
	admin, err := accounts.RequireAdmin(a)
	if err != nil {
		return accounts.Grant{}, err
	}
	if err := s.userExists(ctx, userID); err != nil {
		return accounts.Grant{}, err
	}
	row, err := s.grantScope(ctx, admin, in)
	if err != nil {
		return accounts.Grant{}, err
	}
	row.ID, row.UserID, row.CreatedAt = ledger.NewID(), userID, s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "grant.add",
			SubjectKind: "user", SubjectID: userID, After: grantRecord(row.grant())}, row.CreatedAt)
	})
	if ledger.IsUniqueViolation(err, "grants_unique_idx") {
		return accounts.Grant{}, ledger.Conflict("grant.exists", "the user already holds this grant")
	}
	if err != nil {
		return accounts.Grant{}, err
	}
	return row.grant(), nil
}

// grantScope checks that the scope fits the role and exists, and returns
// the row to insert.
func (s *Service) grantScope(ctx context.Context, admin accounts.Admin, in GrantInput) (grantRow, error) {
	row := grantRow{Role: in.Role}
	scopeErr := func(field, reason string, args ...any) (grantRow, error) {
		return grantRow{}, ledger.InvalidField("grant.invalid", field, reason, args...)
	}
	role, ok := accounts.ParseRole(string(in.Role))
	if !ok {
		return scopeErr("role", "one of admin, treasurer, supervisor, member, partner")
	}
	want := map[accounts.Role][3]bool{ // cooperative_id, member_id, partner_id
		accounts.RoleAdmin: {false, false, false}, accounts.RoleTreasurer: {true, false, false}, accounts.RoleSupervisor: {true, false, false},
		accounts.RoleMember: {false, true, false}, accounts.RolePartner: {false, false, true},
	}[role]
	for i, f := range []struct{ name, value string }{{"cooperative_id", in.CooperativeID}, {"member_id", in.MemberID}, {"partner_id", in.PartnerID}} {
		if want[i] && f.value == "" {
			return scopeErr(f.name, "required for the %s role", role)
		}
		if !want[i] && f.value != "" {
			return scopeErr(f.name, "not used by the %s role", role)
		}
	}
	// Each scope must exist; a lookup that fails for another reason than
	// not finding it is an error of its own, not the client's.
	notFound := func(err error) bool { return ledger.KindOf(err) == ledger.KindNotFound }
	switch role {
	case accounts.RoleTreasurer, accounts.RoleSupervisor:
		c, err := admin.Cooperative(ctx, s.db, in.CooperativeID)
		if notFound(err) {
			return scopeErr("cooperative_id", "no such cooperative")
		} else if err != nil {
			return grantRow{}, err
		}
		row.CooperativeID = &c.ID
	case accounts.RoleMember:
		m, err := admin.Member(ctx, s.db, in.MemberID)
		if notFound(err) {
			return scopeErr("member_id", "no such member")
		} else if err != nil {
			return grantRow{}, err
		}
		row.MemberID, row.CooperativeID = &m.ID, &m.CooperativeID
	case accounts.RolePartner:
		p, err := admin.Partner(ctx, s.db, in.PartnerID)
		if notFound(err) {
			return scopeErr("partner_id", "no such partner")
		} else if err != nil {
			return grantRow{}, err
		}
		row.PartnerID = &p.ID
	}
	return row, nil
}

// RemoveGrant takes a grant away and ends every live session of the user,
// returning their IDs. An access token carries the grants it was minted
// with, so those of her sessions must stop working with the grant; she
// signs in again for tokens with the grants she still holds. Ending her
// sessions, rather than marking her tokens issued before now as void, needs
// no comparison of the clocks of the servers that minted them with the
// clock of the one that took the grant away. Admins only.
// Errors: KindForbidden, KindNotFound.
func (s *Service) RemoveGrant(ctx context.Context, a accounts.Actor, userID, grantID string) (endedSessionIDs []string, err error) {
	defer ledger.Wrap(&err, "RemoveGrant(%s, %s)", userID, grantID)
	if _, err := accounts.RequireAdmin(a); err != nil {
		return nil, err
	}
	notFound := ledger.NotFound("grant.not_found", "no such grant")
	if !ledger.IsID(userID) || !ledger.IsID(grantID) {
		return nil, notFound
	}
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		err := lockUser(ctx, tx, userID)
		if accounts.NoRows(err) {
			return notFound
		}
		if err != nil {
			return err
		}
		var removed grantRow
		err = tx.NewDelete().Model(&removed).Where("id = ? AND user_id = ?", grantID, userID).Returning("*").Scan(ctx)
		if accounts.NoRows(err) {
			return notFound
		}
		if err != nil {
			return err
		}
		if endedSessionIDs, err = endSessions(ctx, tx, userID, now); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "grant.remove",
			SubjectKind: "user", SubjectID: userID, Before: grantRecord(removed.grant())}, now)
	})
	if err != nil {
		return nil, err
	}
	return endedSessionIDs, nil
}

// FindGrants lists a user's grants. Admins only.
// Errors: KindForbidden, KindNotFound.
func (s *Service) FindGrants(ctx context.Context, a accounts.Actor, userID string) (gs []accounts.Grant, err error) {
	defer ledger.Wrap(&err, "FindGrants(%s)", userID)
	if _, err := accounts.RequireAdmin(a); err != nil {
		return nil, err
	}
	if err := s.userExists(ctx, userID); err != nil {
		return nil, err
	}
	return s.grantsOf(ctx, s.db, userID)
}

func (s *Service) grantsOf(ctx context.Context, db bun.IDB, userID string) ([]accounts.Grant, error) {
	var rows []grantRow
	if err := db.NewSelect().Model(&rows).Where("user_id = ?", userID).OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	gs := make([]accounts.Grant, len(rows))
	for i, r := range rows {
		gs[i] = r.grant()
	}
	return gs, nil
}

func (s *Service) userExists(ctx context.Context, userID string) error {
	if !ledger.IsID(userID) {
		return ledger.NotFound("user.not_found", "no such user")
	}
	n, err := s.db.NewSelect().Table("users").Where("id = ?", userID).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return ledger.NotFound("user.not_found", "no such user")
	}
	return nil
}

// grantRecord is what the audit log keeps of a grant.
func grantRecord(g accounts.Grant) map[string]any {
	return map[string]any{"grant_id": g.ID, "role": g.Role, "cooperative_id": g.CooperativeID,
		"member_id": g.MemberID, "partner_id": g.PartnerID}
}
