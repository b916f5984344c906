package api

import (
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/imports"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/proofs"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

// server holds what the handlers call: the services, the token authority,
// the view of ended sessions, the proxies it believes and the login
// limiters. Handlers decode, take the actor, call one service method and
// encode; the services decide who may do what.
type server struct {
	accounts       *accounts.Service
	identity       *identity.Service
	savings        *savings.Service
	capital        *capital.Service
	books          *books.Service
	lending        *lending.Service
	yearEnd        *yearend.Service
	meetings       *meetings.Service
	reports        *reports.Service
	proofs         *proofs.Service
	approvals      *approvals.Service
	imports        *imports.Service
	tokens         *Tokens
	revocations    *Revocations
	logger         *slog.Logger
	proxies        trustedProxies
	byLogin        *limiter
	byAddress      *limiter
	passwordChecks slots
}

const actorKey = "lumbung.actor"

// authenticate requires a valid bearer access token of a session that has
// not ended, and keeps the actor it speaks for; no database is read. Every
// route under /v1 except the auth routes sits behind it.
func (s *server) authenticate(c *fiber.Ctx) error {
	header := c.Get(fiber.HeaderAuthorization)
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || token == "" {
		return ledger.Unauthenticated("auth.token_missing", "send an access token as Authorization: Bearer <token>")
	}
	a, sessionID, err := s.tokens.Parse(token)
	// The token of an ended session (signed out, or minted with a grant
	// since taken away) is as void as an expired one, and answered alike:
	// 401, not 403, because nothing it says can be trusted any more. The
	// client's refresh fails too, so she signs in again and gets a token
	// with the grants she holds now.
	if err != nil || s.revocations.isRevoked(sessionID) {
		return ledger.Unauthenticated("auth.token_invalid", "the access token is not valid or has expired; refresh it or log in again")
	}
	c.Locals(actorKey, a)
	return c.Next()
}

// actor returns the authenticated actor of the request.
func actor(c *fiber.Ctx) accounts.Actor {
	a, _ := c.Locals(actorKey).(accounts.Actor)
	return a
}
