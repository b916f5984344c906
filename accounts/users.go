package accounts

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// User is someone who signs in: a treasurer, a member, a partner's officer
// or an admin. What she may do comes from her grants.
type User struct {
	ID        string
	Login     string
	Name      string
	CreatedAt time.Time
}

type userRow struct {
	bun.BaseModel `bun:"table:users"`

	ID           string    `bun:"id,pk"`
	Login        string    `bun:"login"`
	Name         string    `bun:"name"`
	PasswordHash string    `bun:"password_hash"`
	CreatedAt    time.Time `bun:"created_at"`
}

func (r userRow) user() User {
	return User{ID: r.ID, Login: r.Login, Name: r.Name, CreatedAt: r.CreatedAt}
}

// Operator is the actor of the command line: whoever runs lumbung on the
// server holds the database, and so every right. It bootstraps the first
// admin and makes the demo data.
var Operator = Actor{UserID: "operator", Grants: []Grant{{Role: RoleAdmin}}}

// UserInput creates a user. Login is an e-mail address or a phone number;
// it is compared case-insensitively.
type UserInput struct {
	Login    string
	Name     string
	Password string
}

// normalizeLogin lower-cases and trims a login; logins have no spaces.
func normalizeLogin(login string) string { return strings.ToLower(strings.TrimSpace(login)) }

func (in UserInput) validate() (UserInput, error) {
	var fields []ledger.FieldError
	in.Login = normalizeLogin(in.Login)
	if len(in.Login) < 3 || len(in.Login) > nameLengthMax || strings.IndexFunc(in.Login, unicode.IsSpace) >= 0 {
		fields = append(fields, ledger.FieldError{Field: "login", Reason: "an e-mail address or phone number, 3 to 200 characters, no spaces"})
	}
	in.Name = cleanName("name", in.Name, &fields)
	if n := len([]rune(in.Password)); n < passwordLengthMin || len(in.Password) > passwordLengthMax {
		fields = append(fields, ledger.FieldError{Field: "password", Reason: "at least 10 characters"})
	}
	if len(fields) > 0 {
		return in, invalid("user.invalid", fields)
	}
	return in, nil
}

// CreateUser adds a user with no grants. Admins only.
// Errors: KindForbidden, KindInvalid, KindConflict for a login in use.
func (s *Service) CreateUser(ctx context.Context, a Actor, in UserInput) (u User, err error) {
	defer ledger.Wrap(&err, "CreateUser(%q)", in.Login)
	if err := requireAdmin(a); err != nil {
		return User{}, err
	}
	if in, err = in.validate(); err != nil {
		return User{}, err
	}
	row := userRow{ID: ledger.NewID(), Login: in.Login, Name: in.Name, PasswordHash: hashPassword(in.Password, s.passwordCost), CreatedAt: s.now().UTC()}
	if _, err := s.db.NewInsert().Model(&row).Exec(ctx); err != nil {
		if ledger.IsUniqueViolation(err, "users_login_key") {
			return User{}, ledger.Conflict("user.login_taken", "the login "+in.Login+" is already used")
		}
		return User{}, err
	}
	return row.user(), nil
}

// FindUsers lists users. Admins only.
func (s *Service) FindUsers(ctx context.Context, a Actor, p Page) (us []User, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindUsers")
	if err := requireAdmin(a); err != nil {
		return nil, "", err
	}
	if p, err = p.validate(); err != nil {
		return nil, "", err
	}
	var rows []userRow
	if err := p.apply(s.db.NewSelect().Model(&rows), "id").Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = next(rows, p.Limit, func(r userRow) string { return r.ID })
	for _, r := range rows {
		us = append(us, r.user())
	}
	return us, nextCursor, nil
}

// Authenticate checks a login and password and returns the user. Errors:
// KindUnauthenticated, the same for an unknown login and a wrong password,
// taking the same time for both.
func (s *Service) Authenticate(ctx context.Context, login, password string) (u User, err error) {
	defer ledger.Wrap(&err, "Authenticate")
	refused := ledger.Unauthenticated("auth.invalid_credentials", "the login or password is not right")
	if len(password) > passwordLengthMax {
		return User{}, refused
	}
	var row userRow
	err = s.db.NewSelect().Model(&row).Where("login = ?", normalizeLogin(login)).Scan(ctx)
	if noRows(err) {
		checkPassword(dummyHash, password)
		return User{}, refused
	}
	if err != nil {
		return User{}, err
	}
	if !checkPassword(row.PasswordHash, password) {
		return User{}, refused
	}
	return row.user(), nil
}
