package api

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
)

// Access tokens are short-lived JWTs signed with HMAC-SHA256. They carry the
// user, her grants and the session they were minted for, so a request is
// authorised without a database read. Ending a session (a logout, a grant
// taken away) voids its tokens through the server's view of ended sessions
// (revocations.go), not by waiting for them to expire.
const (
	tokenIssuer    = "lumbung"
	tokenAudience  = "lumbung-api"
	accessTokenTTL = 15 * time.Minute
	// SigningKeyBytesMin is the shortest HMAC key accepted: HS256 wants a key
	// at least as long as its hash.
	SigningKeyBytesMin = 32
	// tokenLengthMax bounds the work of parsing a presented token.
	tokenLengthMax = 8192
)

// Tokens mints and checks access tokens.
type Tokens struct {
	key    []byte
	parser *jwt.Parser
	now    func() time.Time

	// checked remembers the tokens already verified, by their exact text,
	// with what they say: a client sends the same token with every
	// request for its quarter of an hour, and decoding its claims (the
	// JSON of every grant) was an eighth of the server's CPU under a load
	// of entries. A remembered token is still refused once it expires,
	// and its session is still looked up in the ended ones on every
	// request.
	mu      sync.Mutex
	checked map[string]checkedToken
}

// checkedToken is what a verified token says.
type checkedToken struct {
	actor     accounts.Actor
	sessionID string
	expires   time.Time
}

// checkedTokensMax bounds the tokens remembered; when it is reached they
// are all forgotten, and each is verified again once at its next use.
const checkedTokensMax = 4096

// NewTokens returns the token authority for a signing key.
func NewTokens(key []byte) (*Tokens, error) {
	if len(key) < SigningKeyBytesMin {
		return nil, fmt.Errorf("api: the signing key has %d bytes, at least %d are needed", len(key), SigningKeyBytesMin)
	}
	t := &Tokens{key: key, now: time.Now, checked: map[string]checkedToken{}}
	// The algorithm is pinned: a token naming another one (above all
	// "none", or RS256 with our key as a "public key") is refused.
	t.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(func() time.Time { return t.now() }),
	)
	return t, nil
}

type grantClaim struct {
	Role        accounts.Role `json:"role"`
	Cooperative string        `json:"coop,omitempty"`
	Member      string        `json:"member,omitempty"`
	Partner     string        `json:"partner,omitempty"`
}

type tokenClaims struct {
	jwt.RegisteredClaims
	SessionID string       `json:"sid"`
	Grants    []grantClaim `json:"grants"`
}

// Issue mints an access token for a session: its user, her grants and the
// session's ID.
func (t *Tokens) Issue(sess identity.Session) (token string, expires time.Time, err error) {
	now := t.now()
	expires = now.Add(accessTokenTTL)
	c := tokenClaims{RegisteredClaims: jwt.RegisteredClaims{
		Issuer: tokenIssuer, Audience: jwt.ClaimStrings{tokenAudience}, Subject: sess.User.ID,
		IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(expires),
	}, SessionID: sess.ID}
	for _, g := range sess.Grants {
		c.Grants = append(c.Grants, grantClaim{Role: g.Role, Cooperative: g.CooperativeID, Member: g.MemberID, Partner: g.PartnerID})
	}
	token, err = jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.key)
	return token, expires, err
}

var errBadToken = errors.New("api: access token refused")

// Parse checks a token's signature, algorithm, issuer, audience and expiry
// and returns the actor it speaks for and the session it was minted for.
// A token naming no session is refused: only tokens minted before tokens
// named their session lack one, and as those expire within accessTokenTTL
// anyway, refusing them costs their holders one refresh, while accepting
// them would leave tokens that no logout can end.
func (t *Tokens) Parse(token string) (a accounts.Actor, sessionID string, err error) {
	if len(token) > tokenLengthMax {
		return accounts.Actor{}, "", errBadToken
	}
	now := t.now()
	t.mu.Lock()
	known, ok := t.checked[token]
	t.mu.Unlock()
	if ok {
		if !now.Before(known.expires) {
			return accounts.Actor{}, "", fmt.Errorf("%w: expired", errBadToken)
		}
		return known.actor, known.sessionID, nil
	}
	var c tokenClaims
	_, err = t.parser.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.key, nil })
	if err != nil || c.Subject == "" || c.SessionID == "" {
		return accounts.Actor{}, "", fmt.Errorf("%w: %v", errBadToken, err)
	}
	a = accounts.Actor{UserID: c.Subject}
	for _, g := range c.Grants {
		a.Grants = append(a.Grants, accounts.Grant{Role: g.Role, CooperativeID: g.Cooperative, MemberID: g.Member, PartnerID: g.Partner})
	}
	t.mu.Lock()
	if len(t.checked) >= checkedTokensMax {
		clear(t.checked)
	}
	t.checked[token] = checkedToken{actor: a, sessionID: c.SessionID, expires: c.ExpiresAt.Time}
	t.mu.Unlock()
	return a, c.SessionID, nil
}
