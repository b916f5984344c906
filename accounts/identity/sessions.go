package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// A session is one chain of refresh tokens, started by a login. Each
// refresh rotates the token: the old one is marked rotated and a new one is
// issued in the same family. Presenting a rotated token again means it was
// copied, so the whole family is revoked and both holders must log in again.
// Only a SHA-256 of each token is stored.
//
// A session's ID is its family ID. Every access token names the session it
// was minted for, so that ending a session (a logout, a reused token, a
// grant taken away) voids its access tokens as well as its refresh token.
// A session has ended once any of its rows is revoked: a refresh racing the
// revocation may still add a row to the family, and that row must not bring
// the session back to life.

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

// Session is what a login or a refresh returns: the session's ID, which
// its access tokens carry, the user, her grants as they are now, and a new
// refresh token to present next time.
type Session struct {
	ID           string
	User         accounts.User
	Grants       []accounts.Grant
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
	defer ledger.Wrap(&err, "Login")
	// The password check, slow by design, runs before the transaction, so
	// that no lock waits for it.
	u, err := s.Authenticate(ctx, login, password)
	if err != nil {
		return Session{}, err
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		sess = Session{ID: ledger.NewID(), User: u}
		if err := lockUserShared(ctx, tx, u.ID); err != nil {
			return err
		}
		var err error
		if sess.Grants, err = s.grantsOf(ctx, tx, u.ID); err != nil {
			return err
		}
		sess.RefreshToken, sess.ExpiresAt, err = s.issueToken(ctx, tx, u.ID, sess.ID)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

func (s *Service) issueToken(ctx context.Context, db bun.IDB, userID, familyID string) (string, time.Time, error) {
	now := s.now().UTC()
	token := newToken()
	row := sessionRow{ID: ledger.NewID(), UserID: userID, FamilyID: familyID, TokenHash: hashToken(token),
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
	defer ledger.Wrap(&err, "Refresh")
	if len(token) > 2*refreshTokenBytes {
		return Session{}, errBadRefresh()
	}
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) (err error) {
		sess, err = s.refreshTx(ctx, tx, token, now)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	if sess.RefreshToken == "" {
		return Session{}, errBadRefresh()
	}
	return sess, nil
}

// refreshTx rotates a refresh token within tx. A token it refuses gives
// an empty session; a reused one also revokes its family.
func (s *Service) refreshTx(ctx context.Context, tx bun.Tx, token string, now time.Time) (Session, error) {
	var found sessionRow
	err := tx.NewSelect().Model(&found).Column("user_id").Where("token_hash = ?", hashToken(token)).Scan(ctx)
	if accounts.NoRows(err) {
		return Session{}, nil
	}
	if err != nil {
		return Session{}, err
	}
	// The user's lock before the claim's row lock, as taking a grant away
	// takes them: see lockUser.
	if err := lockUserShared(ctx, tx, found.UserID); err != nil {
		return Session{}, err
	}
	var row sessionRow
	// Marking the token rotated is the claim: of two refreshes racing
	// with the same token, only one updates the row.
	err = tx.NewUpdate().Model(&row).Set("rotated_at = ?", now).
		Where("token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?", hashToken(token), now).
		Where("NOT EXISTS (SELECT 1 FROM sessions AS ended WHERE ended.family_id = ?TableAlias.family_id AND ended.revoked_at IS NOT NULL)").
		Returning("*").Scan(ctx)
	if accounts.NoRows(err) {
		return Session{}, s.revokeIfReused(ctx, tx, token, now)
	}
	if err != nil {
		return Session{}, err
	}
	var u accounts.UserRow
	if err := tx.NewSelect().Model(&u).Where("id = ?", row.UserID).Scan(ctx); err != nil {
		return Session{}, err
	}
	sess := Session{ID: row.FamilyID, User: u.User()}
	if sess.Grants, err = s.grantsOf(ctx, tx, row.UserID); err != nil {
		return Session{}, err
	}
	sess.RefreshToken, sess.ExpiresAt, err = s.issueToken(ctx, tx, row.UserID, row.FamilyID)
	return sess, err
}

// revokeIfReused revokes the family of a token that was already rotated;
// an unknown, expired or revoked token is simply refused by the caller.
func (s *Service) revokeIfReused(ctx context.Context, tx bun.Tx, token string, now time.Time) error {
	var row sessionRow
	err := tx.NewSelect().Model(&row).Where("token_hash = ? AND rotated_at IS NOT NULL", hashToken(token)).Scan(ctx)
	if accounts.NoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return revokeFamily(ctx, tx, row.FamilyID, now)
}

func revokeFamily(ctx context.Context, db bun.IDB, familyID string, now time.Time) error {
	_, err := db.NewUpdate().Table("sessions").Set("revoked_at = ?", now).
		Where("family_id = ? AND revoked_at IS NULL", familyID).Exec(ctx)
	return err
}

// endSessions ends every live session of a user, those whose refresh token
// can still be used, and returns their IDs. Sessions already ended, or
// whose refresh token has expired, have no access token left to void.
func endSessions(ctx context.Context, db bun.IDB, userID string, now time.Time) ([]string, error) {
	var ids []string
	err := db.NewUpdate().Table("sessions").Set("revoked_at = ?", now).
		Where("user_id = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?", userID, now).
		Returning("family_id").Scan(ctx, &ids)
	return ids, err
}

// Logout ends the session a refresh token belongs to and returns its ID.
// An unknown token is not an error: the caller is signed out either way,
// and the ID is empty.
func (s *Service) Logout(ctx context.Context, token string) (sessionID string, err error) {
	defer ledger.Wrap(&err, "Logout")
	if len(token) > 2*refreshTokenBytes {
		return "", nil
	}
	var row sessionRow
	err = s.db.NewSelect().Model(&row).Where("token_hash = ?", hashToken(token)).Scan(ctx)
	if accounts.NoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if err := revokeFamily(ctx, s.db, row.FamilyID, s.now().UTC()); err != nil {
		return "", err
	}
	return row.FamilyID, nil
}

// RevokedSession is a session that has ended, and when.
type RevokedSession struct {
	ID        string
	RevokedAt time.Time
}

// FindRevokedSessions lists the sessions revoked after since, each once,
// with its latest revocation. The API servers read it to refuse those
// sessions' access tokens; since keeps the answer to the revocations that
// can still matter, those younger than an access token's lifetime.
func (s *Service) FindRevokedSessions(ctx context.Context, since time.Time) (rs []RevokedSession, err error) {
	defer ledger.Wrap(&err, "FindRevokedSessions")
	// DISTINCT, and the latest time picked here, rather than GROUP BY
	// family_id: SQLite, having no statistics, would serve the grouping by
	// walking the whole table in family order instead of reading the
	// revoked_at index. A session's rows are mostly revoked by one
	// statement, so there are few rows to fold.
	var rows []RevokedSession
	err = s.db.NewSelect().Table("sessions").Distinct().
		ColumnExpr("family_id AS id").Column("revoked_at").
		Where("revoked_at > ?", since.UTC()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	at := make(map[string]int, len(rows)) // session ID -> index in rs
	for _, r := range rows {
		i, seen := at[r.ID]
		if !seen {
			at[r.ID] = len(rs)
			rs = append(rs, r)
		} else if r.RevokedAt.After(rs[i].RevokedAt) {
			rs[i].RevokedAt = r.RevokedAt
		}
	}
	return rs, nil
}
