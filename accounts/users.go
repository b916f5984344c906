package accounts

import (
	"time"

	"github.com/uptrace/bun"
)

// User is someone who signs in: a treasurer, a member, a partner's officer
// or an admin. What she may do comes from her grants.
type User struct {
	ID          string
	Login       string
	Name        string
	CreatedAt   time.Time
	Deactivated bool // she may not sign in until reactivated
}

// UserRow is a users row as the services read it; only identity writes
// the password hash.
type UserRow struct {
	bun.BaseModel `bun:"table:users"`

	ID            string     `bun:"id,pk"`
	Login         string     `bun:"login"`
	Name          string     `bun:"name"`
	PasswordHash  string     `bun:"password_hash"`
	CreatedAt     time.Time  `bun:"created_at"`
	DeactivatedAt *time.Time `bun:"deactivated_at"`
}

// User is the row's public part.
func (r UserRow) User() User {
	return User{ID: r.ID, Login: r.Login, Name: r.Name, CreatedAt: r.CreatedAt, Deactivated: r.DeactivatedAt != nil}
}

// Operator is the actor of the command line: whoever runs lumbung on the
// server holds the database, and so every right. It bootstraps the first
// admin and makes the demo data.
var Operator = Actor{UserID: "operator", Grants: []Grant{{Role: RoleAdmin}}}
