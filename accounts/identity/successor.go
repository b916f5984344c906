package identity

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
)

// The refresh grace. On a weak signal the answer to a refresh can be lost
// after the server rotated the token; and two tabs of the web app may
// refresh with the same token at once. Either way the client presents the
// token again, just rotated: treated as a copy, it would sign her out
// everywhere. So for refreshGrace after a rotation, the rotated token is
// answered again with the same successor (and a new access token for the
// same session), and with nothing else: once the successor has itself been
// rotated, or the grace has passed, a rotated token revokes the family as
// before. A token older than the immediate predecessor never has a grace.
//
// Answering the same successor needs the successor token itself, of which
// the table keeps only a hash. It is kept sealed (AES-256-GCM) under a key
// derived from the predecessor token by HMAC-SHA256, domain-separated from
// the SHA-256 the table is searched by: opening it needs the predecessor
// token, which only its holder has. Whoever reads the table (a backup, a
// leaked dump) can open no seal, so no usable token is ever stored; and
// whoever holds the predecessor could have had the successor by refreshing
// with it anyway. That beats the alternatives: the successor in clear, even
// for seconds, is a usable token in the table (and clearing it needs a
// sweep that may not run); a successor derived from the predecessor with a
// server secret makes that secret a key to every session. A seal is
// cleared when its successor is rotated.

// refreshGrace is how long a rotated refresh token is answered its
// successor again: long enough for a retry on a bad connection, short
// enough that a stolen token rarely fits in it, and even then it only
// shares the session its holder already shares.
const refreshGrace = 30 * time.Second

const successorKeyLabel = "lumbung refresh-token successor v1"

func successorAEAD(predecessor string) cipher.AEAD {
	mac := hmac.New(sha256.New, []byte(predecessor))
	mac.Write([]byte(successorKeyLabel))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		panic(err) // a 32-byte key is always a valid AES-256 key
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err) // AES has GCM's block size
	}
	return aead
}

// sealSuccessor seals successor so that only predecessor opens it.
func sealSuccessor(predecessor, successor string) string {
	aead := successorAEAD(predecessor)
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(successor), nil))
}

// openSuccessor opens a seal with the predecessor it was sealed for.
func openSuccessor(predecessor, sealed string) (string, bool) {
	raw, err := base64.RawStdEncoding.DecodeString(sealed)
	aead := successorAEAD(predecessor)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", false
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], nil)
	if err != nil {
		return "", false
	}
	return string(plain), true
}

// replay answers a token that could not be claimed: the successor again
// when it is the token rotated last, within refreshGrace, and its session
// lives; otherwise an empty session, after revoking the family of a token
// that was rotated (a copy is in other hands). An unknown, expired or
// revoked token is simply refused by the caller.
func (s *Service) replay(ctx context.Context, tx bun.Tx, token string, now time.Time) (Session, error) {
	var row sessionRow
	err := tx.NewSelect().Model(&row).Where("token_hash = ?", hashToken(token)).Scan(ctx)
	if accounts.NoRows(err) {
		return Session{}, nil
	}
	if err != nil {
		return Session{}, err
	}
	if row.RotatedAt == nil {
		return Session{}, nil
	}
	if row.RevokedAt == nil && row.SuccessorSealed != nil && now.Sub(*row.RotatedAt) <= refreshGrace {
		if successor, ok := openSuccessor(token, *row.SuccessorSealed); ok {
			sess, err := s.liveSuccessor(ctx, tx, row, successor, now)
			if err != nil || sess.RefreshToken != "" {
				return sess, err
			}
		}
	}
	return Session{}, revokeFamily(ctx, tx, row.FamilyID, now)
}

// liveSuccessor answers the successor of a rotated row, if it is still the
// session's current token and the session has not ended; else an empty
// session.
func (s *Service) liveSuccessor(ctx context.Context, tx bun.Tx, rotated sessionRow, successor string, now time.Time) (Session, error) {
	var next sessionRow
	err := tx.NewSelect().Model(&next).
		Where("token_hash = ? AND family_id = ?", hashToken(successor), rotated.FamilyID).
		Where("rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).
		Where("NOT EXISTS (SELECT 1 FROM sessions AS ended WHERE ended.family_id = ? AND ended.revoked_at IS NOT NULL)", rotated.FamilyID).
		Scan(ctx)
	if accounts.NoRows(err) {
		return Session{}, nil
	}
	if err != nil {
		return Session{}, err
	}
	sess, err := s.sessionOf(ctx, tx, next.UserID, next.FamilyID)
	if err != nil {
		return Session{}, err
	}
	sess.RefreshToken, sess.ExpiresAt = successor, next.ExpiresAt
	return sess, nil
}
