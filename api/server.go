package api

import (
	"encoding/base64"
	"log/slog"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
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

// routes registers every route of the API. The route-by-role test walks
// exactly what is registered here.
func (s *server) routes(app *fiber.App) {
	app.Get("/v1/openapi.json", serveOpenAPI)
	auth := app.Group("/v1/auth")
	auth.Post("/login", s.login)
	auth.Post("/refresh", s.refresh)
	auth.Post("/logout", s.logout)

	v1 := app.Group("/v1", s.authenticate)
	v1.Get("/me", s.me)
	v1.Get("/me/accounts/:account/entries", s.myEntries)

	v1.Post("/cooperatives", s.createCooperative)
	v1.Get("/cooperatives", s.listCooperatives)
	v1.Get("/cooperatives/:coop", s.getCooperative)
	v1.Post("/partners", s.createPartner)
	v1.Get("/partners", s.listPartners)
	v1.Get("/partners/:partner", s.getPartner)
	v1.Post("/partners/:partner/facilities", s.createFacility)
	v1.Get("/partners/:partner/facilities", s.listFacilities)
	v1.Get("/partners/:partner/portfolio", s.partnerPortfolio)
	v1.Get("/portfolio", s.platformPortfolio)
	v1.Post("/users", s.createUser)
	v1.Get("/users", s.listUsers)
	v1.Post("/users/:user/grants", s.addGrant)
	v1.Get("/users/:user/grants", s.listGrants)
	v1.Delete("/users/:user/grants/:grant", s.removeGrant)

	coop := v1.Group("/cooperatives/:coop")
	coop.Post("/groups", s.createGroup)
	coop.Get("/groups", s.listGroups)
	coop.Put("/groups/:group", s.replaceGroup)
	coop.Post("/members", s.createMember)
	coop.Get("/members", s.listMembers)
	coop.Get("/members/:member", s.getMember)
	coop.Put("/members/:member", s.replaceMember)
	coop.Get("/accounts", s.listAccounts)
	coop.Post("/accounts", s.createAccount)
	coop.Get("/accounts/:code", s.getAccount)
	coop.Post("/entries", s.postEntry)
	coop.Get("/entries", s.listEntries)
	coop.Get("/entries/:entry", s.getEntry)
	coop.Post("/entries/:entry/reversal", s.reverseEntry)
	coop.Get("/trial-balance", s.trialBalance)

	v1.Post("/schedules/preview", s.previewSchedule)
	coop.Put("/savings-rules", s.updateSavingsRules)
	coop.Post("/members/:member/deposits", s.deposit)
	coop.Post("/members/:member/withdrawals", s.withdraw)
	coop.Get("/members/:member/savings", s.memberSavings)
	coop.Post("/members/:member/exit", s.exitMember)
	coop.Get("/facilities", s.cooperativeFacilities)
	coop.Post("/facilities/:facility/tranches", s.receiveTranche)
	coop.Post("/facilities/:facility/repayments", s.repayFacility)
	coop.Post("/expenses", s.recordExpense)
	coop.Post("/incomes", s.recordIncome)
	coop.Post("/loan-products", s.createLoanProduct)
	coop.Get("/loan-products", s.listLoanProducts)
	coop.Get("/loan-products/:product", s.getLoanProduct)
	coop.Post("/loan-products/:product/retirement", s.retireLoanProduct)
	coop.Post("/loans", s.applyLoan)
	coop.Get("/loans", s.listLoans)
	coop.Get("/loans/:loan", s.getLoan)
	coop.Post("/loans/:loan/approval", s.approveLoan)
	coop.Post("/loans/:loan/rejection", s.rejectLoan)
	coop.Post("/loans/:loan/disbursement", s.disburseLoan)
	coop.Post("/loans/:loan/repayments", s.repayLoan)
	coop.Post("/loans/:loan/penalties", s.assessPenalties)
	coop.Post("/loans/:loan/write-off", s.writeOffLoan)
	coop.Get("/groups/:group/collection-sheet", s.collectionSheet)
	coop.Post("/groups/:group/collection-sheet", s.recordCollection)

	coop.Get("/members/:member/statement", s.memberStatement)
	coop.Get("/groups/:group/summary", s.groupSummary)
	coop.Get("/balance-sheet", s.balanceSheet)
	coop.Get("/income-statement", s.incomeStatement)
	coop.Get("/loan-portfolio", s.loanPortfolio)
	coop.Get("/cash-book", s.cashBook)
	coop.Get("/health-ratios", s.healthRatios)
	coop.Get("/due-list", s.dueList)
	coop.Get("/journal", s.exportJournal)

	coop.Post("/year-ends", s.closeYear)
	coop.Get("/year-ends/:year", s.getYearEnd)
	coop.Get("/year-ends/:year/shu-slips", s.listSHUSlips)
	coop.Get("/members/:member/shu-slips/:year", s.memberSHUSlip)
}

// Cursors are opaque to clients: base64url of what the listing resumes
// after (an ID, or an entry sequence number).
func encodeCursor(s string) string {
	if s == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(c *fiber.Ctx) (string, error) {
	raw := c.Query("cursor")
	if raw == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return "", ledger.InvalidField("page.cursor", "cursor", "not a cursor this listing made")
	}
	return string(b), nil
}

// page reads the limit and cursor of a listing of IDs.
func page(c *fiber.Ctx) (accounts.Page, error) {
	limit, err := queryLimit(c)
	if err != nil {
		return accounts.Page{}, err
	}
	after, err := decodeCursor(c)
	return accounts.Page{After: after, Limit: limit}, err
}

// entryPage reads the limit and cursor of a listing of entries.
func entryPage(c *fiber.Ctx) (before int64, limit int, err error) {
	if limit, err = queryLimit(c); err != nil {
		return 0, 0, err
	}
	cursor, err := decodeCursor(c)
	if err != nil || cursor == "" {
		return 0, limit, err
	}
	before, err = strconv.ParseInt(cursor, 10, 64)
	if err != nil || before <= 0 {
		return 0, 0, ledger.InvalidField("page.cursor", "cursor", "not a cursor this listing made")
	}
	return before, limit, nil
}

func queryLimit(c *fiber.Ctx) (int, error) {
	raw := c.Query("limit")
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > accounts.PageSizeMax {
		return 0, ledger.InvalidField("page.size", "limit", "a whole number from 1 to 200")
	}
	return n, nil
}

// asOf reads the optional as_of date of a balance query.
func asOf(c *fiber.Ctx) (ledger.Date, error) {
	raw := c.Query("as_of")
	if raw == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDate(raw)
	if err != nil {
		return ledger.Date{}, ledger.InvalidField("request.as_of", "as_of", "a date of the form YYYY-MM-DD")
	}
	return d, nil
}

// listOf is the envelope of every listing.
type listOf[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func newList[T any](items []T, next string) listOf[T] {
	if items == nil {
		items = []T{}
	}
	return listOf[T]{Items: items, NextCursor: encodeCursor(next)}
}
