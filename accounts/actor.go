package accounts

// Role is what a grant lets a user do.
type Role string

const (
	RoleAdmin     Role = "admin"
	RoleTreasurer Role = "treasurer"
	// RoleSupervisor is the cooperative's pengawas: she reads its books,
	// reports, loans and members' savings, as the cooperative law asks of
	// her, and writes nothing.
	RoleSupervisor Role = "supervisor"
	RoleMember     Role = "member"
	RolePartner    Role = "partner"
)

// ParseRole accepts the five roles.
func ParseRole(s string) (Role, bool) {
	switch r := Role(s); r {
	case RoleAdmin, RoleTreasurer, RoleSupervisor, RoleMember, RolePartner:
		return r, true
	}
	return "", false
}

// Grant gives a user a role within a scope: a treasurer's cooperative, a
// member's member record (and its cooperative), a partner's partner record.
type Grant struct {
	ID            string
	UserID        string
	Role          Role
	CooperativeID string
	MemberID      string
	PartnerID     string
}

// Actor is the signed-in user on whose behalf a service method acts, with
// the grants her access token carries.
type Actor struct {
	UserID string
	Grants []Grant
}

// IsAdmin reports whether the actor runs the platform.
func (a Actor) IsAdmin() bool {
	for _, g := range a.Grants {
		if g.Role == RoleAdmin {
			return true
		}
	}
	return false
}

// IsTreasurerOf reports whether the actor keeps the cooperative's books.
func (a Actor) IsTreasurerOf(cooperativeID string) bool {
	for _, g := range a.Grants {
		if g.Role == RoleTreasurer && g.CooperativeID == cooperativeID {
			return true
		}
	}
	return false
}

// IsSupervisorOf reports whether the actor supervises the cooperative.
func (a Actor) IsSupervisorOf(cooperativeID string) bool {
	for _, g := range a.grantsOf(RoleSupervisor) {
		if g.CooperativeID == cooperativeID {
			return true
		}
	}
	return false
}

// MemberGrants returns the actor's member grants: usually one, more for a
// woman who belongs to two cooperatives.
func (a Actor) MemberGrants() []Grant { return a.grantsOf(RoleMember) }

// PartnerIDs returns the partners the actor reads for.
func (a Actor) PartnerIDs() []string {
	var ids []string
	for _, g := range a.grantsOf(RolePartner) {
		ids = append(ids, g.PartnerID)
	}
	return ids
}

// IsMember reports whether the actor is the given member.
func (a Actor) IsMember(memberID string) bool {
	for _, g := range a.grantsOf(RoleMember) {
		if g.MemberID == memberID {
			return true
		}
	}
	return false
}

// IsMemberOf reports whether the actor is a member of the cooperative.
func (a Actor) IsMemberOf(cooperativeID string) bool {
	for _, g := range a.grantsOf(RoleMember) {
		if g.CooperativeID == cooperativeID {
			return true
		}
	}
	return false
}

func (a Actor) grantsOf(r Role) []Grant {
	var out []Grant
	for _, g := range a.Grants {
		if g.Role == r {
			out = append(out, g)
		}
	}
	return out
}
