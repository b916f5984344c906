package identity

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// PasswordChange is a user choosing her own password: her login and the
// password she holds now (her own, or a temporary one somebody set), and
// the new one.
type PasswordChange struct {
	Login       string
	Password    string
	NewPassword string
}

// validate checks the new password before any password is checked: a form
// half filled in is the client's mistake, not a wrong password.
func (in PasswordChange) validate() error {
	if n := len([]rune(in.NewPassword)); n < passwordLengthMin || len(in.NewPassword) > passwordLengthMax {
		return ledger.InvalidField("password.invalid", "new_password", "at least 10 characters")
	}
	if in.NewPassword == in.Password {
		return ledger.InvalidField("password.invalid", "new_password", "must differ from the current password")
	}
	return nil
}

// ChangePassword sets a user's password, proven by the one she holds now,
// ends every session she has and starts a new one, which it returns with
// the IDs of the sessions ended. The session she changed it from ends too:
// a refresh token copied from it before the change would otherwise outlive
// it, and her client only swaps in the new tokens. It is also how a
// temporary password is exchanged for her own.
// Errors: KindInvalid for the new password; KindUnauthenticated as Login.
func (s *Service) ChangePassword(ctx context.Context, in PasswordChange) (sess Session, ended []string, err error) {
	defer ledger.Wrap(&err, "ChangePassword")
	if err := in.validate(); err != nil {
		return Session{}, nil, err
	}
	// Both hashes, slow by design, are made before the transaction.
	u, err := s.authenticate(ctx, in.Login, in.Password)
	if err != nil {
		return Session{}, nil, err
	}
	hash := hashPassword(in.NewPassword, s.passwordCost)
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) (err error) {
		if err := lockUser(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := unchanged(ctx, tx, u); err != nil {
			return err
		}
		if ended, err = setPassword(ctx, tx, u.ID, hash, nil, now); err != nil {
			return err
		}
		if sess, err = s.startSession(ctx, tx, u); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, u.ID, accounts.Change{Scope: accounts.AuditPlatform, Action: "user.password_change",
			SubjectKind: "user", SubjectID: u.ID}, now)
	})
	if err != nil {
		return Session{}, nil, err
	}
	return sess, ended, nil
}

// setPassword replaces a user's password hash, temporary until the time
// given or for good when it is nil, and ends her live sessions, returning
// their IDs. Call with her row held (lockUser).
func setPassword(ctx context.Context, tx bun.Tx, userID, hash string, temporaryUntil *time.Time, now time.Time) ([]string, error) {
	if _, err := tx.NewUpdate().Table("users").Set("password_hash = ?", hash).
		Set("password_temporary_until = ?", temporaryUntil).Where("id = ?", userID).Exec(ctx); err != nil {
		return nil, err
	}
	return endSessions(ctx, tx, userID, now)
}

// SetPassword gives the user of a login a password of her own, and ends
// her sessions, returning their IDs. It is the operator's, on the command
// line: for a first admin who forgot hers. Admins only.
// Errors: KindForbidden; KindInvalid for the password; KindNotFound.
func (s *Service) SetPassword(ctx context.Context, a accounts.Actor, login, password string) (ended []string, err error) {
	defer ledger.Wrap(&err, "SetPassword(%q)", login)
	if _, err := accounts.RequireAdmin(a); err != nil {
		return nil, err
	}
	if n := len([]rune(password)); n < passwordLengthMin || len(password) > passwordLengthMax {
		return nil, ledger.InvalidField("password.invalid", "password", "at least 10 characters")
	}
	var u userRow
	err = s.db.NewSelect().Model(&u).Column("id").Where("login = ?", normalizeLogin(login)).Scan(ctx)
	if accounts.NoRows(err) {
		return nil, errUserNotFound()
	}
	if err != nil {
		return nil, err
	}
	hash := hashPassword(password, s.passwordCost)
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) (err error) {
		if err := lockUser(ctx, tx, u.ID); err != nil {
			return err
		}
		if ended, err = setPassword(ctx, tx, u.ID, hash, nil, now); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "user.password_set",
			SubjectKind: "user", SubjectID: u.ID}, now)
	})
	if err != nil {
		return nil, err
	}
	return ended, nil
}

func errUserNotFound() error { return ledger.NotFound("user.not_found", "no such user") }
