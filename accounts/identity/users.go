package identity

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

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
	if len(in.Login) < 3 || len(in.Login) > accounts.NameLengthMax || strings.IndexFunc(in.Login, unicode.IsSpace) >= 0 {
		fields = append(fields, ledger.FieldError{Field: "login", Reason: "an e-mail address or phone number, 3 to 200 characters, no spaces"})
	}
	in.Name = accounts.CleanName("name", in.Name, &fields)
	if n := len([]rune(in.Password)); n < passwordLengthMin || len(in.Password) > passwordLengthMax {
		fields = append(fields, ledger.FieldError{Field: "password", Reason: "at least 10 characters"})
	}
	if len(fields) > 0 {
		return in, accounts.Invalid("user.invalid", fields)
	}
	return in, nil
}

// CreateUser adds a user with no grants. Admins only.
// Errors: KindForbidden, KindInvalid, KindConflict for a login in use.
func (s *Service) CreateUser(ctx context.Context, a accounts.Actor, in UserInput) (u accounts.User, err error) {
	defer ledger.Wrap(&err, "CreateUser(%q)", in.Login)
	if _, err := accounts.RequireAdmin(a); err != nil {
		return accounts.User{}, err
	}
	if in, err = in.validate(); err != nil {
		return accounts.User{}, err
	}
	row := accounts.UserRow{ID: ledger.NewID(), Login: in.Login, Name: in.Name, PasswordHash: hashPassword(in.Password, s.passwordCost), CreatedAt: s.now().UTC()}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "user.create",
			SubjectKind: "user", SubjectID: row.ID, After: map[string]any{"login": row.Login, "name": row.Name}}, row.CreatedAt)
	})
	if ledger.IsUniqueViolation(err, "users_login_key") {
		return accounts.User{}, ledger.Conflict("user.login_taken", "the login %s is already used", in.Login)
	}
	if err != nil {
		return accounts.User{}, err
	}
	return row.User(), nil
}

// FindUsers lists users. Admins only.
func (s *Service) FindUsers(ctx context.Context, a accounts.Actor, p accounts.Page) (us []accounts.User, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindUsers")
	if _, err := accounts.RequireAdmin(a); err != nil {
		return nil, "", err
	}
	if p, err = p.Validate(); err != nil {
		return nil, "", err
	}
	var rows []accounts.UserRow
	if err := p.Apply(s.db.NewSelect().Model(&rows), "id").Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = accounts.Next(rows, p.Limit, func(r accounts.UserRow) string { return r.ID })
	for _, r := range rows {
		us = append(us, r.User())
	}
	return us, nextCursor, nil
}

// userRow is a users row as identity keeps it: the public part, the
// password hash, and whether she may sign in at all.
type userRow struct {
	bun.BaseModel `bun:"table:users"`

	ID           string    `bun:"id,pk"`
	Login        string    `bun:"login"`
	Name         string    `bun:"name"`
	PasswordHash string    `bun:"password_hash"`
	CreatedAt    time.Time `bun:"created_at"`
	// PasswordTemporaryUntil is set while the password is one somebody
	// else chose (a reset): it buys its holder only a password of her own,
	// and only until then.
	PasswordTemporaryUntil *time.Time `bun:"password_temporary_until"`
	DeactivatedAt          *time.Time `bun:"deactivated_at"`
}

func (r userRow) user() accounts.User {
	return accounts.User{ID: r.ID, Login: r.Login, Name: r.Name, CreatedAt: r.CreatedAt}
}

func errBadCredentials() error {
	return ledger.Unauthenticated("auth.invalid_credentials", "the login or password is not right")
}

// authenticate checks a login and password and returns the user's row.
// Errors: KindUnauthenticated: auth.invalid_credentials, the same for an
// unknown login and a wrong password and taking the same time for both;
// and, only to someone who gave the right password, auth.user_deactivated
// and auth.password_expired (a temporary password past its time), so that
// she knows whom to ask rather than typing it again.
func (s *Service) authenticate(ctx context.Context, login, password string) (userRow, error) {
	if len(password) > passwordLengthMax {
		return userRow{}, errBadCredentials()
	}
	var row userRow
	err := s.db.NewSelect().Model(&row).Where("login = ?", normalizeLogin(login)).Scan(ctx)
	if accounts.NoRows(err) {
		checkPassword(dummyHash, password)
		return userRow{}, errBadCredentials()
	}
	if err != nil {
		return userRow{}, err
	}
	if !checkPassword(row.PasswordHash, password) {
		return userRow{}, errBadCredentials()
	}
	if row.DeactivatedAt != nil {
		return userRow{}, ledger.Unauthenticated("auth.user_deactivated", "this account is deactivated; ask your treasurer or the platform's admin")
	}
	if t := row.PasswordTemporaryUntil; t != nil && !s.now().Before(*t) {
		return userRow{}, ledger.Unauthenticated("auth.password_expired", "the temporary password has expired; ask for a new one")
	}
	return row, nil
}

// MemberUser is the user a member of a cooperative signs in as.
type MemberUser struct {
	User        accounts.User
	MemberID    string
	Deactivated bool
}

// memberUsersMax bounds one listing: a cooperative's members who sign in.
const memberUsersMax = 5000

// FindMemberUsers lists the users who sign in as members of a cooperative,
// by login: whom its treasurer may reset a password for, or deactivate.
// Its treasurer only. Errors: KindNotFound, KindForbidden.
func (s *Service) FindMemberUsers(ctx context.Context, a accounts.Actor, cooperativeID string) (us []MemberUser, err error) {
	defer ledger.Wrap(&err, "FindMemberUsers(%s)", cooperativeID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		userRow  `bun:",extend"`
		MemberID string `bun:"member_id"`
	}
	err = s.db.NewSelect().Model(&rows).ModelTableExpr("users AS u").ColumnExpr("u.*, g.member_id").
		Join("JOIN grants AS g ON g.user_id = u.id").
		Where("g.role = ? AND g.cooperative_id = ?", accounts.RoleMember, books.Cooperative().ID).
		OrderExpr("u.login").Limit(memberUsersMax).Scan(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		us = append(us, MemberUser{User: r.user(), MemberID: r.MemberID, Deactivated: r.DeactivatedAt != nil})
	}
	return us, nil
}
