package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// A session is one chain of refresh tokens, started by a login. Each
// refresh rotates the token: the old one is marked rotated and a new one is
// issued in the same family. Presenting a rotated token again means it was
// copied, so the whole family is revoked and both holders must log in again.
// Only a SHA-256 of each token is stored.

// refreshTokenLifetime is how long a refresh token stays usable; each
// rotation starts a new one, so an active user stays signed in.
const refreshTokenLifetime = 30 * 24 * time.Hour

const refreshTokenBytes = 32

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`

	ID        string     `bun:"id,pk"`
	UserID    string     `bun:"user_id"`
	FamilyID  string     `bun:"family_id"`
	TokenHash string     `bun:"token_hash"`
	CreatedAt time.Time  `bun:"created_at"`
	ExpiresAt time.Time  `bun:"expires_at"`
	RotatedAt *time.Time `bun:"rotated_at"`
	RevokedAt *time.Time `bun:"revoked_at"`
}

// Session is what a login or a refresh returns: the user, her grants as
// they are now, and a new refresh token to present next time.
type Session struct {
	User         User
	Grants       []Grant
	RefreshToken string
	ExpiresAt    time.Time
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newToken() string {
	b := make([]byte, refreshTokenBytes)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Login authenticates and starts a new session.
// Errors: KindUnauthenticated.
func (s *Service) Login(ctx context.Context, login, password string) (sess Session, err error) {
	defer wrap(&err, "Login")
	u, gs, err := s.Authenticate(ctx, login, password)
	if err != nil {
		return Session{}, err
	}
	token, expires, err := s.issueToken(ctx, s.db, u.ID, newID())
	if err != nil {
		return Session{}, err
	}
	return Session{User: u, Grants: gs, RefreshToken: token, ExpiresAt: expires}, nil
}

func (s *Service) issueToken(ctx context.Context, db bun.IDB, userID, familyID string) (string, time.Time, error) {
	now := s.now().UTC()
	token := newToken()
	row := sessionRow{ID: newID(), UserID: userID, FamilyID: familyID, TokenHash: hashToken(token),
		CreatedAt: now, ExpiresAt: now.Add(refreshTokenLifetime)}
	_, err := db.NewInsert().Model(&row).Exec(ctx)
	return token, row.ExpiresAt, err
}

func errBadRefresh() error {
	return ledger.Unauthenticated("auth.invalid_refresh_token", "the refresh token is not valid; log in again")
}

// Refresh exchanges a refresh token for a new one. A token used twice
// revokes its whole family. Errors: KindUnauthenticated.
func (s *Service) Refresh(ctx context.Context, token string) (sess Session, err error) {
	defer wrap(&err, "Refresh")
	if len(token) > 2*refreshTokenBytes {
		return Session{}, errBadRefresh()
	}
	now := s.now().UTC()
	reused := false
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		var row sessionRow
		// Marking the token rotated is the claim: of two refreshes racing
		// with the same token, only one updates the row.
		err := tx.NewUpdate().Model(&row).Set("rotated_at = ?", now).
			Where("token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?", hashToken(token), now).
			Returning("*").Scan(ctx)
		if noRows(err) {
			reused, err = s.revokeIfReused(ctx, tx, token, now)
			if err != nil {
				return err
			}
			return nil
		}
		if err != nil {
			return err
		}
		var u userRow
		if err := tx.NewSelect().Model(&u).Where("id = ?", row.UserID).Scan(ctx); err != nil {
			return err
		}
		if sess.Grants, err = s.grantsOf(ctx, tx, row.UserID); err != nil {
			return err
		}
		sess.User = u.user()
		sess.RefreshToken, sess.ExpiresAt, err = s.issueToken(ctx, tx, row.UserID, row.FamilyID)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	if reused || sess.RefreshToken == "" {
		return Session{}, errBadRefresh()
	}
	return sess, nil
}

// revokeIfReused revokes the family of a token that was already rotated.
// It reports whether it did; an unknown, expired or revoked token is simply
// refused by the caller.
func (s *Service) revokeIfReused(ctx context.Context, tx bun.Tx, token string, now time.Time) (bool, error) {
	var row sessionRow
	err := tx.NewSelect().Model(&row).Where("token_hash = ? AND rotated_at IS NOT NULL", hashToken(token)).Scan(ctx)
	if noRows(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, revokeFamily(ctx, tx, row.FamilyID, now)
}

func revokeFamily(ctx context.Context, db bun.IDB, familyID string, now time.Time) error {
	_, err := db.NewUpdate().Table("sessions").Set("revoked_at = ?", now).
		Where("family_id = ? AND revoked_at IS NULL", familyID).Exec(ctx)
	return err
}

// Logout revokes the session a refresh token belongs to. An unknown token
// is not an error: the caller is signed out either way.
func (s *Service) Logout(ctx context.Context, token string) (err error) {
	defer wrap(&err, "Logout")
	if len(token) > 2*refreshTokenBytes {
		return nil
	}
	var row sessionRow
	err = s.db.NewSelect().Model(&row).Where("token_hash = ?", hashToken(token)).Scan(ctx)
	if noRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return revokeFamily(ctx, s.db, row.FamilyID, s.now().UTC())
}
