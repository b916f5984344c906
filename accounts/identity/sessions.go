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
	// SuccessorSealed is, on the token rotated last, its successor sealed
	// with a key only this token gives (successor.go).
	SuccessorSealed *string `bun:"successor_sealed"`
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
// Errors: KindUnauthenticated (see authenticate); KindForbidden
// (auth.password_change_required) for a temporary password, which only
// ChangePassword takes.
func (s *Service) Login(ctx context.Context, login, password string) (sess Session, err error) {
	defer ledger.Wrap(&err, "Login")
	// The password check, slow by design, runs before the transaction, so
	// that no lock waits for it.
	u, err := s.authenticate(ctx, login, password)
	if err != nil {
		return Session{}, err
	}
	if u.PasswordTemporaryUntil != nil {
		return Session{}, ledger.Forbidden("auth.password_change_required", "this password was set for you: choose a password of your own to sign in")
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) (err error) {
		if err := lockUserShared(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := unchanged(ctx, tx, u); err != nil {
			return err
		}
		if sess, err = s.startSession(ctx, tx, u); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, u.ID, accounts.Change{Scope: accounts.AuditPlatform, Action: "session.login",
			SubjectKind: "user", SubjectID: u.ID, After: map[string]any{"session_id": sess.ID}}, s.now())
	})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

// unchanged refuses a sign-in whose password was checked before the
// transaction when, since, the password has changed or the user has been
// deactivated: both end her sessions, and no session may start after them
// from the password they replaced. Call with the user's row held.
func unchanged(ctx context.Context, tx bun.Tx, checked userRow) error {
	var now userRow
	if err := tx.NewSelect().Model(&now).Column("password_hash", "deactivated_at").Where("id = ?", checked.ID).Scan(ctx); err != nil {
		return err
	}
	if now.PasswordHash != checked.PasswordHash || now.DeactivatedAt != nil {
		return errBadCredentials()
	}
	return nil
}

// startSession starts a session of u within tx, which holds her row.
func (s *Service) startSession(ctx context.Context, tx bun.Tx, u userRow) (Session, error) {
	sess := Session{ID: ledger.NewID(), User: u.user()}
	var err error
	if sess.Grants, err = s.grantsOf(ctx, tx, u.ID); err != nil {
		return Session{}, err
	}
	sess.RefreshToken = newToken()
	sess.ExpiresAt, err = s.issueToken(ctx, tx, u.ID, sess.ID, sess.RefreshToken)
	return sess, err
}

// issueToken stores a session's new refresh token, by its hash only.
func (s *Service) issueToken(ctx context.Context, db bun.IDB, userID, familyID, token string) (time.Time, error) {
	// To the microsecond both stores keep, so that the expiry answered
	// again within the refresh grace, read back, is the one answered first.
	now := s.now().UTC().Truncate(time.Microsecond)
	row := sessionRow{ID: ledger.NewID(), UserID: userID, FamilyID: familyID, TokenHash: hashToken(token),
		CreatedAt: now, ExpiresAt: now.Add(refreshTokenLifetime)}
	_, err := db.NewInsert().Model(&row).Exec(ctx)
	return row.ExpiresAt, err
}

func errBadRefresh() error {
	return ledger.Unauthenticated("auth.invalid_refresh_token", "the refresh token is not valid; log in again")
}

// Refresh exchanges a refresh token for a new one. The token just rotated
// is answered again, with the same successor, for refreshGrace (see
// successor.go); any other token used twice revokes its whole family.
// Errors: KindUnauthenticated.
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
	successor := newToken()
	var row sessionRow
	// Marking the token rotated is the claim: of two refreshes racing
	// with the same token, only one updates the row; the other, once the
	// first has committed, finds it rotated and is answered its successor,
	// sealed in the same statement.
	err = tx.NewUpdate().Model(&row).Set("rotated_at = ?", now).Set("successor_sealed = ?", sealSuccessor(token, successor)).
		Where("token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?", hashToken(token), now).
		Where("NOT EXISTS (SELECT 1 FROM sessions AS ended WHERE ended.family_id = ?TableAlias.family_id AND ended.revoked_at IS NOT NULL)").
		Returning("*").Scan(ctx)
	if accounts.NoRows(err) {
		return s.replay(ctx, tx, token, now)
	}
	if err != nil {
		return Session{}, err
	}
	// The predecessor's seal has served its grace: only the token just
	// rotated keeps one.
	if _, err := tx.NewUpdate().Table("sessions").Set("successor_sealed = NULL").
		Where("family_id = ? AND id <> ? AND successor_sealed IS NOT NULL", row.FamilyID, row.ID).Exec(ctx); err != nil {
		return Session{}, err
	}
	sess, err := s.sessionOf(ctx, tx, row.UserID, row.FamilyID)
	if err != nil {
		return Session{}, err
	}
	sess.RefreshToken = successor
	sess.ExpiresAt, err = s.issueToken(ctx, tx, row.UserID, row.FamilyID, successor)
	return sess, err
}

// sessionOf reads the user of a session and her grants as they are now.
func (s *Service) sessionOf(ctx context.Context, tx bun.Tx, userID, sessionID string) (Session, error) {
	var u userRow
	if err := tx.NewSelect().Model(&u).Where("id = ?", userID).Scan(ctx); err != nil {
		return Session{}, err
	}
	sess := Session{ID: sessionID, User: u.user()}
	var err error
	sess.Grants, err = s.grantsOf(ctx, tx, userID)
	return sess, err
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
