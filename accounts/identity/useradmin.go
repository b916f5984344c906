package identity

import (
	"context"
	"crypto/rand"
	"math/big"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Keeping other people's accounts: resetting a password, deactivating and
// reactivating a user. An admin does it for anyone; a treasurer for the
// member users of a cooperative she keeps the books of, those whose grants
// are all member grants in that one cooperative. A treasurer never touches
// an admin, another treasurer, a partner's officer, a member of another
// cooperative, or a woman who is also something more than a member there.

// temporaryPasswordLifetime is how long a password set by a reset can be
// exchanged for one of her own: a treasurer hands it over at the next
// weekly meeting at the latest.
const temporaryPasswordLifetime = 7 * 24 * time.Hour

// Temporary passwords are read aloud or off a phone and typed on another:
// lower-case letters and digits without the easily confused ones (0 o 1 l
// i), twelve of them in groups of four, about 59 bits: beyond guessing
// through the sign-in limits within their lifetime.
const (
	temporaryPasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	temporaryPasswordGroups   = 3
	temporaryPasswordGroupLen = 4
)

func newTemporaryPassword() string {
	var b strings.Builder
	alphabetLen := big.NewInt(int64(len(temporaryPasswordAlphabet)))
	for g := range temporaryPasswordGroups {
		if g > 0 {
			b.WriteByte('-')
		}
		for range temporaryPasswordGroupLen {
			n, err := rand.Int(rand.Reader, alphabetLen)
			if err != nil {
				panic(err) // crypto/rand does not fail on supported platforms
			}
			b.WriteByte(temporaryPasswordAlphabet[n.Int64()])
		}
	}
	return b.String()
}

// PasswordReset is a temporary password, shown once to whoever reset it,
// and when it stops working.
type PasswordReset struct {
	Password  string
	ExpiresAt time.Time
}

// ResetPassword gives a user a temporary password and ends her sessions,
// returning the password and the IDs of the sessions ended. The password
// signs nobody in: it only proves her to ChangePassword, once, until it
// expires. Errors: as authorizeUser.
func (s *Service) ResetPassword(ctx context.Context, a accounts.Actor, userID string) (r PasswordReset, ended []string, err error) {
	defer ledger.Wrap(&err, "ResetPassword(%s)", userID)
	if err := mayKeepUsers(a); err != nil {
		return PasswordReset{}, nil, err
	}
	r.Password = newTemporaryPassword()
	hash := hashPassword(r.Password, s.passwordCost)
	now := s.now().UTC()
	r.ExpiresAt = now.Add(temporaryPasswordLifetime)
	err = s.ledger.InTx(ctx, func(tx bun.Tx) (err error) {
		if err := s.authorizeUser(ctx, tx, a, userID); err != nil {
			return err
		}
		if ended, err = setPassword(ctx, tx, userID, hash, &r.ExpiresAt, now); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "user.password_reset",
			SubjectKind: "user", SubjectID: userID, After: map[string]any{"temporary_until": r.ExpiresAt}}, now)
	})
	if err != nil {
		return PasswordReset{}, nil, err
	}
	return r, ended, nil
}

// Deactivate stops a user from signing in or refreshing, and ends her
// sessions, returning their IDs. Deactivating her again changes nothing.
// Errors: as authorizeUser; KindInvalid (user.self) for the actor herself,
// who would lock herself out.
func (s *Service) Deactivate(ctx context.Context, a accounts.Actor, userID string) (ended []string, err error) {
	defer ledger.Wrap(&err, "Deactivate(%s)", userID)
	if err := mayKeepUsers(a); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) (err error) {
		if err := s.authorizeUser(ctx, tx, a, userID); err != nil {
			return err
		}
		if userID == a.UserID {
			return ledger.Invalid("user.self", "you cannot deactivate yourself")
		}
		res, err := tx.NewUpdate().Table("users").Set("deactivated_at = ?", now).
			Where("id = ? AND deactivated_at IS NULL", userID).Exec(ctx)
		if err != nil {
			return err
		}
		if ended, err = endSessions(ctx, tx, userID, now); err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // deactivated before: nothing changed, nothing to record
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "user.deactivate",
			SubjectKind: "user", SubjectID: userID, After: map[string]any{"deactivated_at": now}}, now)
	})
	if err != nil {
		return nil, err
	}
	return ended, nil
}

// Reactivate lets a deactivated user sign in again, with the password she
// had; the sessions deactivation ended stay ended. Reactivating an active
// user changes nothing. Errors: as authorizeUser.
func (s *Service) Reactivate(ctx context.Context, a accounts.Actor, userID string) (err error) {
	defer ledger.Wrap(&err, "Reactivate(%s)", userID)
	if err := mayKeepUsers(a); err != nil {
		return err
	}
	return s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if err := s.authorizeUser(ctx, tx, a, userID); err != nil {
			return err
		}
		res, err := tx.NewUpdate().Table("users").Set("deactivated_at = NULL").
			Where("id = ? AND deactivated_at IS NOT NULL", userID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // active already: nothing changed, nothing to record
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: accounts.AuditPlatform, Action: "user.reactivate",
			SubjectKind: "user", SubjectID: userID, After: map[string]any{"deactivated_at": nil}}, s.now())
	})
}

// mayKeepUsers refuses, before any read, an actor whose role keeps nobody's
// account: only admins and treasurers do. Errors: KindForbidden.
func mayKeepUsers(a accounts.Actor) error {
	if _, err := accounts.RequireAdmin(a); err == nil {
		return nil
	} else if !isTreasurer(a) {
		return err
	}
	return nil
}

func isTreasurer(a accounts.Actor) bool {
	for _, g := range a.Grants {
		if g.Role == accounts.RoleTreasurer {
			return true
		}
	}
	return false
}

// authorizeUser holds the user's row (lockUser) and decides, through the
// policy's scopes, whether the actor keeps her account: an admin's scope
// for anyone; a treasurer's books of the one cooperative every grant of the
// user is a member grant in. Her grants are read under her row's lock, as
// taking one away takes it. Errors: KindNotFound (user.not_found) for an
// unknown user and, deliberately the same, for one outside the actor's
// scope: a treasurer learns nothing of users who are not hers to keep.
func (s *Service) authorizeUser(ctx context.Context, tx bun.Tx, a accounts.Actor, userID string) error {
	if !ledger.IsID(userID) {
		return errUserNotFound()
	}
	err := lockUser(ctx, tx, userID)
	if accounts.NoRows(err) {
		return errUserNotFound()
	}
	if err != nil {
		return err
	}
	if _, err := accounts.RequireAdmin(a); err == nil {
		return nil
	}
	grants, err := s.grantsOf(ctx, tx, userID)
	if err != nil {
		return err
	}
	coop := ""
	for _, g := range grants {
		if g.Role != accounts.RoleMember || (coop != "" && g.CooperativeID != coop) {
			return errUserNotFound()
		}
		coop = g.CooperativeID
	}
	if coop == "" {
		return errUserNotFound()
	}
	_, err = s.core.Books(ctx, a, coop)
	if k := ledger.KindOf(err); k == ledger.KindNotFound || k == ledger.KindForbidden {
		return errUserNotFound()
	}
	return err
}
