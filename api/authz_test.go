package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// statuses are the statuses a route answers each caller, in the order of
// allCallers:
//
//	admin, treasurer, other_treasurer, member, other_member, partner, other_partner,
//	supervisor, no_token, expired_token, foreign_key_token, alg_none_token
//
// The member and other_member are two members of the treasurer's own
// cooperative; other_treasurer and other_partner belong to another
// cooperative, which the partner does not fund. The supervisor is the
// treasurer's cooperative's pengawas: she reads what its treasurer reads
// and is refused (403) everything that writes.
type statuses [12]int

// signedIn is how many of allCallers, from the first, present a valid
// token; the rest present none, an expired one, a forged one or an
// unsigned one.
const signedIn = 8

// policyCall is one call of a policy row: the path parameters that differ
// from the fixture's, a query string, and the body (nil for none).
type policyCall struct {
	params map[string]string
	query  string
	body   any
	// headers are sent as pairs of name and value, after the JSON
	// Content-Type every body gets (a spreadsheet names its own).
	headers []string
}

// policyRow is the policy of one route.
type policyRow struct {
	route string // "METHOD /path", the path as registered with Fiber
	want  statuses
	// prepare makes what one call needs: a write gets a body that succeeds
	// for an allowed caller (fresh names, fresh objects). Nil means the
	// fixture's parameters and no body.
	prepare func(t *testing.T, fx *fixture) policyCall
}

// publicRoutes answer without an access token.
var publicRoutes = map[string]bool{
	"GET /healthz":           true,
	"GET /readyz":            true,
	"GET /metrics":           true,
	"GET /v1/openapi.json":   true,
	"POST /v1/auth/login":    true,
	"POST /v1/auth/refresh":  true,
	"POST /v1/auth/logout":   true,
	"POST /v1/auth/password": true,
}

// policy is who may call what. Platform administration is the admin's
// (403 for anyone else); a cooperative's books, groups and members are its
// treasurer's (403 for its members, who know it exists; 404 for everyone
// else, the admin included); a cooperative's record is seen by its people,
// the admin and its funders; a partner's record and portfolio by the admin
// and the partner; /v1/me by every signed-in user; a statement only by the
// member who owns the account (and her treasurer), and a group's summary by
// its members and the treasurer.
var policy = []policyRow{
	// Public.
	{"GET /healthz", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, nil},
	{"GET /readyz", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, nil},
	{"GET /metrics", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, nil},
	{"GET /v1/openapi.json", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, nil},
	{"POST /v1/auth/login", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"login": fx.w.mine.Logins["treasurer"], "password": accountstest.Password}}
	}},
	{"POST /v1/auth/refresh", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"refresh_token": fx.refreshToken(t)}}
	}},
	{"POST /v1/auth/logout", statuses{204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"refresh_token": fx.refreshToken(t)}}
	}},
	// A fresh user each call: the password she changes is her own.
	{"POST /v1/auth/password", statuses{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, func(t *testing.T, fx *fixture) policyCall {
		login, _ := fx.newMemberUser(t)
		return policyCall{body: map[string]string{"login": login, "password": accountstest.Password, "new_password": "a password of her own"}}
	}},

	// The signed-in user's own view.
	{"GET /v1/me", statuses{200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/me/accounts/:account/entries", statuses{404, 404, 404, 200, 404, 404, 404, 404, 401, 401, 401, 401}, nil},

	// Platform administration.
	{"POST /v1/cooperatives", statuses{201, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"name": fx.unique("Koperasi"), "currency": "IDR"}}
	}},
	{"GET /v1/cooperatives", statuses{200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop", statuses{200, 200, 404, 200, 200, 200, 404, 200, 401, 401, 401, 401}, nil},
	// A cooperative's settings: its treasurer's and the admin's; those who
	// read the cooperative (its members, its funder, its supervisor) may
	// not change them.
	{"PATCH /v1/cooperatives/:coop", statuses{200, 200, 404, 403, 403, 403, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"language": "id"}}
	}},
	{"POST /v1/partners", statuses{201, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"name": fx.unique("Mitra"), "model": "government"}}
	}},
	{"GET /v1/partners", statuses{200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, nil},
	{"GET /v1/partners/:partner", statuses{200, 404, 404, 404, 404, 200, 404, 404, 401, 401, 401, 401}, nil},
	{"POST /v1/partners/:partner/facilities", statuses{201, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"cooperative_id": fx.w.mine.Cooperative.ID, "kind": "loan", "committed": "25000000"}}
	}},
	{"GET /v1/partners/:partner/facilities", statuses{200, 404, 404, 404, 404, 200, 404, 404, 401, 401, 401, 401}, nil},
	{"GET /v1/partners/:partner/portfolio", statuses{200, 404, 404, 404, 404, 200, 404, 404, 401, 401, 401, 401}, nil},
	{"GET /v1/portfolio", statuses{200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{query: "series=monthly&from=2026-01&to=2026-02"}
	}},
	{"POST /v1/users", statuses{201, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"login": fx.uniqueLogin(), "name": "Ibu Ratna", "password": accountstest.Password}}
	}},
	{"GET /v1/users", statuses{200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, nil},
	{"GET /v1/audit", statuses{200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, nil},
	{"POST /v1/users/:user/grants", statuses{201, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"role": "partner", "partner_id": fx.newPartner(t).ID}}
	}},
	{"GET /v1/users/:user/grants", statuses{200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, nil},
	// The grant taken away is a fresh user's: taking one away ends its
	// holder's sessions, and the callers' tokens must outlive the row.
	{"DELETE /v1/users/:user/grants/:grant", statuses{204, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		g := fx.newUserGrant(t)
		return policyCall{params: map[string]string{"user": g.UserID, "grant": g.ID}}
	}},
	// Keeping accounts: an admin keeps anyone's; a treasurer her
	// cooperative's member users' (404 for anyone else's, as for a user who
	// does not exist); members, partners and the supervisor keep nobody's. Each call gets a
	// fresh member user of the treasurer's cooperative, signed in, so that
	// a refused call is seen to end no session of hers.
	{"POST /v1/users/:user/password-reset", statuses{200, 200, 404, 403, 403, 403, 403, 403, 401, 401, 401, 401}, memberUserCall},
	{"POST /v1/users/:user/deactivation", statuses{204, 204, 404, 403, 403, 403, 403, 403, 401, 401, 401, 401}, memberUserCall},
	{"POST /v1/users/:user/reactivation", statuses{204, 204, 404, 403, 403, 403, 403, 403, 401, 401, 401, 401}, memberUserCall},

	// A cooperative's groups and members.
	{"POST /v1/cooperatives/:coop/groups", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"name": fx.unique("Kelompok"), "meeting_day": "friday"}}
	}},
	{"GET /v1/cooperatives/:coop/groups", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"PUT /v1/cooperatives/:coop/groups/:group", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"name": fx.unique("Kelompok Mawar"), "meeting_day": "tuesday"}}
	}},
	{"POST /v1/cooperatives/:coop/members", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"group_id": fx.w.mine.Group.ID, "name": "Nur Hidayah", "gender": "female"}}
	}},
	{"GET /v1/cooperatives/:coop/members", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/member-users", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/members/:member", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"PUT /v1/cooperatives/:coop/members/:member", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		m := fx.w.mine.Members[0]
		return policyCall{body: map[string]string{"group_id": m.GroupID, "name": m.Name, "gender": m.Gender,
			"joined_on": m.JoinedOn.String(), "business_type": "tailor"}}
	}},

	// A cooperative's books.
	{"GET /v1/cooperatives/:coop/accounts", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/accounts", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"code": fx.uniqueCode(), "name": "Meeting costs", "type": "expense"}}
	}},
	{"GET /v1/cooperatives/:coop/accounts/:code", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/entries", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: grantEntryBody("1000000")}
	}},
	{"GET /v1/cooperatives/:coop/entries", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/entries/:entry", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/entries/:entry/reversal", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"entry": fx.deposit(t, 0, "5000").ID}, body: map[string]string{"memo": "typed twice"}}
	}},
	{"GET /v1/cooperatives/:coop/trial-balance", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},

	// A cooperative's everyday money. A member reads her own savings; any
	// other member of the cooperative is told there is no such member.
	{"PUT /v1/cooperatives/:coop/savings-rules", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"pokok": "100000", "wajib": "10000", "wajib_frequency": "monthly"}}
	}},
	{"POST /v1/cooperatives/:coop/members/:member/deposits", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"type": "sukarela", "amount": "10000"}}
	}},
	{"POST /v1/cooperatives/:coop/members/:member/withdrawals", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"type": "sukarela", "amount": "1000"}}
	}},
	{"GET /v1/cooperatives/:coop/members/:member/savings", statuses{404, 200, 404, 200, 404, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/members/:member/exit", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"member": fx.saver(t).ID}}
	}},
	{"GET /v1/cooperatives/:coop/facilities", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/facilities/:facility/tranches", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"amount": "1000000", "via": "bank"}}
	}},
	{"POST /v1/cooperatives/:coop/facilities/:facility/repayments", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"facility": fx.loanFacility.ID}, body: map[string]string{"principal": "100000", "interest": "1500"}}
	}},
	{"POST /v1/cooperatives/:coop/expenses", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"category": "transport", "amount": "25000"}}
	}},
	{"POST /v1/cooperatives/:coop/incomes", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"category": "donation", "amount": "50000"}}
	}},

	// Loans. The borrower reads her own loan; an application is decided by
	// a treasurer other than the one who recorded it.
	{"POST /v1/schedules/preview", statuses{200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]any{"principal": "1000000", "currency": "IDR", "annual_rate": "18", "installments": 10,
			"frequency": "weekly", "interest_method": "flat", "disbursed_on": "2026-01-05"}}
	}},
	// Loan products: the treasurer defines them; her members read them.
	{"POST /v1/cooperatives/:coop/loan-products", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: productBody("Pinjaman " + fx.uniqueCode())}
	}},
	{"GET /v1/cooperatives/:coop/loan-products", statuses{404, 200, 404, 200, 200, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/loan-products/:product", statuses{404, 200, 404, 200, 200, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/loan-products/:product/retirement", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"product": fx.product(t)}}
	}},
	{"POST /v1/cooperatives/:coop/loans", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]any{"member_id": fx.w.mine.Members[1].ID, "facility_id": fx.w.mine.Facility.ID,
			"principal": "300000", "annual_rate": "18", "interest_method": "declining", "frequency": "monthly", "installments": 3}}
	}},
	{"GET /v1/cooperatives/:coop/loans", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/loans/:loan", statuses{404, 200, 404, 200, 404, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/loans/:loan/statement", statuses{404, 200, 404, 200, 404, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/loans/:loan/approval", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"loan": fx.loan(t, lending.LoanApplied).ID}}
	}},
	{"POST /v1/cooperatives/:coop/loans/:loan/rejection", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"loan": fx.loan(t, lending.LoanApplied).ID}}
	}},
	{"POST /v1/cooperatives/:coop/loans/:loan/disbursement", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"loan": fx.loan(t, lending.LoanApproved).ID}}
	}},
	{"POST /v1/cooperatives/:coop/loans/:loan/repayments", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]string{"amount": "20000"}}
	}},
	{"POST /v1/cooperatives/:coop/loans/:loan/penalties", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/loans/:loan/write-off", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"loan": fx.loan(t, lending.LoanDisbursed).ID}}
	}},

	// A group's meeting.
	{"GET /v1/cooperatives/:coop/groups/:group/collection-sheet", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{query: "date=" + ledger.DateOf(time.Now().UTC()).String()}
	}},
	{"POST /v1/cooperatives/:coop/groups/:group/collection-sheet", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]any{"date": fx.pastDay().String(), "lines": []map[string]any{
			{"member_id": fx.w.mine.Members[0].ID, "attended": true, "sukarela": "2000"},
			{"member_id": fx.w.mine.Members[1].ID, "attended": false},
		}}}
	}},

	// The minutes of a meeting are the group's own: both members of the
	// fixture are in its group.
	{"GET /v1/cooperatives/:coop/groups/:group/meetings/:date", statuses{404, 200, 404, 200, 200, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		day := fx.pastDay()
		if _, err := fx.w.mine.Meetings.RecordCollection(context.Background(), fx.w.mine.Treasurer, fx.w.mine.Cooperative.ID, fx.w.mine.Group.ID,
			meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{{MemberID: fx.w.mine.Members[0].ID, Attendance: meetings.Present, Sukarela: "1000"}}}); err != nil {
			t.Fatal(err)
		}
		return policyCall{params: map[string]string{"date": day.String()}}
	}},
	// A member's slip shows her accounts, which her group may not read: the
	// slips are the treasurer's.
	{"GET /v1/cooperatives/:coop/groups/:group/meetings/:date/slips", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		day := fx.pastDay()
		if _, err := fx.w.mine.Meetings.RecordCollection(context.Background(), fx.w.mine.Treasurer, fx.w.mine.Cooperative.ID, fx.w.mine.Group.ID,
			meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{{MemberID: fx.w.mine.Members[0].ID, Attendance: meetings.Present, Sukarela: "1000"}}}); err != nil {
			t.Fatal(err)
		}
		return policyCall{params: map[string]string{"date": day.String()}}
	}},
	// Amending a meeting is the treasurer's, as recording it is.
	{"PUT /v1/cooperatives/:coop/groups/:group/meetings/:date", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		day := fx.pastDay()
		if _, err := fx.w.mine.Meetings.RecordCollection(context.Background(), fx.w.mine.Treasurer, fx.w.mine.Cooperative.ID, fx.w.mine.Group.ID,
			meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{{MemberID: fx.w.mine.Members[0].ID, Attendance: meetings.Present, Sukarela: "1000"}}}); err != nil {
			t.Fatal(err)
		}
		return policyCall{params: map[string]string{"date": day.String()}, body: map[string]any{"lines": []map[string]any{
			{"member_id": fx.w.mine.Members[0].ID, "attended": true, "sukarela": "1500"}}}}
	}},

	// Statements and reports. A member reads her own statement and her own
	// group's summary (both members are in the fixture's group); the
	// cooperative's reports are its treasurer's.
	// Covers under joint liability: the cooperative's list is its
	// treasurer's and supervisor's; a member reads her own, both ways.
	{"GET /v1/cooperatives/:coop/covers", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/members/:member/covers", statuses{404, 200, 404, 200, 404, 404, 404, 200, 401, 401, 401, 401}, nil},
	// Repaying covers is money at the treasurer's desk: hers alone. Each
	// call has a fresh cover of the member's to repay.
	{"POST /v1/cooperatives/:coop/members/:member/cover-repayments", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		fx.cover(t, "10000")
		return policyCall{body: map[string]string{"amount": "10000"}}
	}},
	{"GET /v1/cooperatives/:coop/members/:member/statement", statuses{404, 200, 404, 200, 404, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{query: "type=sukarela&" + fx.period()}
	}},
	{"GET /v1/cooperatives/:coop/groups/:group/summary", statuses{404, 200, 404, 200, 200, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/balance-sheet", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/income-statement", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{query: fx.period()}
	}},
	{"GET /v1/cooperatives/:coop/loan-portfolio", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/cash-book", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{query: fx.period() + "&via=bank"}
	}},
	{"GET /v1/cooperatives/:coop/health-ratios", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/due-list", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/journal", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{query: "format=ledger"}
	}},
	// Four eyes: each call decides a fresh request the cooperative's second
	// treasurer made (the reversal of a new deposit), so the treasurer
	// decides another's request.
	{"GET /v1/cooperatives/:coop/approvals", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/approvals/:approval/approval", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"approval": fx.waitingReversal(t)}}
	}},
	{"POST /v1/cooperatives/:coop/approvals/:approval/rejection", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"approval": fx.waitingReversal(t)}}
	}},
	// The audit log: the cooperative's treasurer and its supervisor.
	{"GET /v1/cooperatives/:coop/audit", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	// Proofs: a funder checks the books of the cooperatives it funds.
	{"GET /v1/cooperatives/:coop/checkpoints", statuses{404, 200, 404, 403, 403, 200, 404, 200, 401, 401, 401, 401}, nil},
	{"POST /v1/cooperatives/:coop/checkpoints", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/journal-copy", statuses{404, 200, 404, 403, 403, 200, 404, 200, 401, 401, 401, 401}, nil},
	// Bringing a cooperative's spreadsheets in: its treasurer's, and the
	// admin's, who sets a cooperative up; each call a new member.
	{"POST /v1/cooperatives/:coop/imports/:kind", statuses{201, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		body := "kelompok;nama;jenis_kelamin;tanggal_masuk\n" + fx.groupName(t) + ";" + fx.unique("Ibu") + ";perempuan;2025-01-06\n"
		return policyCall{params: map[string]string{"kind": "members"}, body: []byte(body), headers: []string{"Content-Type", "text/csv"}}
	}},
	{"GET /v1/cooperatives/:coop/imports/:kind/template", statuses{200, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{params: map[string]string{"kind": "loans"}, query: "format=xlsx&lang=en"}
	}},

	// The year end. Each close names a year after every year closed so far,
	// so the treasurer's succeeds; how the SHU was divided is read by the
	// treasurer and the members, a member's slip by her and her treasurer.
	{"POST /v1/cooperatives/:coop/year-ends", statuses{404, 201, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]any{"year": fx.nextYearToClose(t), "shares": map[string]any{"reserve": "40", "capital": "30", "participation": "30"}}}
	}},
	{"POST /v1/cooperatives/:coop/year-ends/preview", statuses{404, 200, 404, 403, 403, 404, 404, 403, 401, 401, 401, 401}, func(t *testing.T, fx *fixture) policyCall {
		return policyCall{body: map[string]any{"year": fx.nextYearToClose(t), "shares": map[string]any{"reserve": "40", "capital": "30", "participation": "30"}}}
	}},
	{"GET /v1/cooperatives/:coop/year-ends/:year", statuses{404, 200, 404, 200, 200, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/year-ends/:year/shu-slips", statuses{404, 200, 404, 403, 403, 404, 404, 200, 401, 401, 401, 401}, nil},
	{"GET /v1/cooperatives/:coop/members/:member/shu-slips/:year", statuses{404, 200, 404, 200, 404, 404, 404, 200, 401, 401, 401, 401}, nil},
}

// groupName is the fixture group's name as it stands: a row above renames
// it.
func (fx *fixture) groupName(t *testing.T) string {
	t.Helper()
	gs, _, err := fx.w.mine.Core.FindGroups(context.Background(), fx.w.mine.Treasurer, fx.w.mine.Cooperative.ID, accounts.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.ID == fx.w.mine.Group.ID {
			return g.Name
		}
	}
	t.Fatal("the fixture's group is gone")
	return ""
}

// grantEntryBody is an entry that records a partner grant arriving in cash.
func grantEntryBody(amount string) map[string]any {
	return map[string]any{
		"kind": "capital.grant",
		"memo": "tranche from the partner",
		"postings": []map[string]string{
			{"account": accounts.CodeCash, "side": "debit", "amount": amount},
			{"account": accounts.CodeGrants, "side": "credit", "amount": amount},
		},
	}
}

// fixture holds the objects the policy's path parameters point at, all in
// the treasurer's cooperative (w.mine).
type fixture struct {
	w      *world
	params map[string]string
	// sukarela are the members' voluntary savings accounts, by member index.
	sukarela [2]ledger.Account
	// tag is in every name and login the fixture makes, so that state can
	// find them; n keeps them apart.
	tag string
	n   int
	// lender is a second treasurer of the cooperative: she records the
	// loan applications the treasurer decides on.
	lender accounts.Actor
	// loanFacility is a partner's loan to the cooperative, with capital
	// received, for repayments to the partner.
	loanFacility accounts.Facility
	// yearsClosed is the last year closed or offered to close.
	yearsClosed int
}

func newFixture(t *testing.T, w *world) *fixture {
	t.Helper()
	fx := &fixture{w: w, tag: ledgertest.UniqueTag()}
	for i := range fx.sukarela {
		fx.sukarela[i] = sukarelaAccount(t, w, i)
	}
	entry := fx.deposit(t, 0, "150000")
	ctx := context.Background()
	mine := w.mine
	// Capital for the loans below, and a loan from the partner to repay.
	if _, err := mine.Capital.ReceiveTranche(ctx, mine.Treasurer, mine.Cooperative.ID, mine.Facility.ID,
		accounts.MoneyInput{Amount: "20000000"}); err != nil {
		t.Fatal(err)
	}
	var err error
	fx.loanFacility, err = mine.Core.CreateFacility(ctx, w.admin, mine.Partner.ID, accounts.FacilityInput{
		CooperativeID: mine.Cooperative.ID, Kind: accounts.FacilityLoan, Committed: "100000000", Purpose: "on-lending"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mine.Capital.ReceiveTranche(ctx, mine.Treasurer, mine.Cooperative.ID, fx.loanFacility.ID,
		accounts.MoneyInput{Amount: "10000000", Via: "bank"}); err != nil {
		t.Fatal(err)
	}
	fx.lender = secondTreasurer(t, w)
	fx.params = map[string]string{
		"coop":     w.mine.Cooperative.ID,
		"member":   w.mine.Members[0].ID,
		"partner":  w.mine.Partner.ID,
		"user":     w.mine.Treasurer.UserID,
		"grant":    fx.newGrant(t).ID,
		"entry":    entry.ID,
		"account":  fx.sukarela[0].ID,
		"code":     accounts.CodeCash,
		"group":    w.mine.Group.ID,
		"facility": w.mine.Facility.ID,
		"loan":     fx.loan(t, lending.LoanDisbursed).ID,
		"year":     strconv.Itoa(fx.closeYearWithSurplus(t)),
		"product":  fx.product(t),
	}
	return fx
}

// productBody defines a monthly flat loan product.
func productBody(name string) map[string]any {
	return map[string]any{"name": name, "annual_rate": "12", "interest_method": "flat", "frequency": "monthly",
		"installments": 4, "fee_percent": "1", "principal_min": "500000", "principal_max": "2000000"}
}

// product defines a fresh loan product of the cooperative.
func (fx *fixture) product(t *testing.T) string {
	t.Helper()
	w := fx.w.mine
	p, err := w.Lending.CreateLoanProduct(context.Background(), w.Treasurer, w.Cooperative.ID, lending.LoanProductInput{
		Name: "Pinjaman " + fx.uniqueCode(), AnnualRate: "12", Method: loans.Flat, Frequency: loans.Monthly, Installments: 4,
		PrincipalMin: "500000", PrincipalMax: "2000000"})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// closedYear is the year the fixture closes with a surplus, long before
// anything else it records, so that the year end and the members' slips
// exist to be read.
const closedYear = 2000

// closeYearWithSurplus records other income in closedYear and closes it.
func (fx *fixture) closeYearWithSurplus(t *testing.T) int {
	t.Helper()
	ctx := context.Background()
	w := fx.w.mine
	amount := decimal.RequireFromString("90000")
	if _, err := w.Books.PostEntry(ctx, w.Treasurer, w.Cooperative.ID, ledger.EntryInput{
		Kind: "income.other", Memo: "hall rent", EffectiveDate: ledger.NewDate(closedYear, time.June, 30),
		Postings: []ledger.PostingInput{
			{Account: accounts.CodeCash, Side: ledger.Debit, Amount: amount},
			{Account: accounts.CodeOtherIncome, Side: ledger.Credit, Amount: amount},
		},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.YearEnd.CloseYear(ctx, w.Treasurer, w.Cooperative.ID, yearend.YearEndInput{Year: closedYear,
		Shares: shu.Shares{Reserve: "40", Capital: "30", Participation: "30"}}); err != nil {
		t.Fatal(err)
	}
	fx.yearsClosed = closedYear
	return closedYear
}

// nextYearToClose is a year after every year closed or offered to close
// so far: empty, and with no open year before it that holds entries.
func (fx *fixture) nextYearToClose(t *testing.T) int {
	fx.yearsClosed++
	if fx.yearsClosed >= time.Now().UTC().Year()-1 {
		t.Fatalf("the fixture has closed every year up to %d", fx.yearsClosed)
	}
	return fx.yearsClosed
}

// secondTreasurer gives the cooperative another treasurer.
func secondTreasurer(t *testing.T, w *world) accounts.Actor {
	t.Helper()
	ctx := context.Background()
	s := w.mine.Identity
	u, err := s.CreateUser(ctx, w.admin, identity.UserInput{Login: "treasurer2." + ledgertest.UniqueTag() + "@lumbung.test",
		Name: "Ibu Wulan", Password: accountstest.Password})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.AddGrant(ctx, w.admin, u.ID, identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: w.mine.Cooperative.ID})
	if err != nil {
		t.Fatal(err)
	}
	return accounts.Actor{UserID: u.ID, Grants: []accounts.Grant{g}}
}

// loan makes a loan to member 0, funded by the partner's grant, and takes
// it as far as status: applied by the second treasurer, approved by the
// treasurer, disbursed.
func (fx *fixture) loan(t *testing.T, status string) lending.Loan {
	t.Helper()
	ctx := context.Background()
	mine := fx.w.mine
	l, err := mine.Lending.ApplyLoan(ctx, fx.lender, mine.Cooperative.ID, lending.LoanApplication{
		MemberID: mine.Members[0].ID, FacilityID: mine.Facility.ID, Principal: "500000", AnnualRate: "18",
		Method: loans.Flat, Frequency: loans.Monthly, Installments: 6, Penalty: "5000", Purpose: "sewing machine"})
	if err != nil {
		t.Fatal(err)
	}
	if status == lending.LoanApplied {
		return l
	}
	if l, err = mine.Lending.ApproveLoan(ctx, mine.Treasurer, mine.Cooperative.ID, l.ID); err != nil {
		t.Fatal(err)
	}
	if status == lending.LoanApproved {
		return l
	}
	if l, _, err = mine.Lending.DisburseLoan(ctx, mine.Treasurer, mine.Cooperative.ID, l.ID, accounts.MoneyInput{}); err != nil {
		t.Fatal(err)
	}
	return l
}

// cover makes the member owe a cover: her group borrows under joint
// liability, and at a meeting on a fresh past day her co-member pays
// amount toward a loan of hers lent a week before.
func (fx *fixture) cover(t *testing.T, amount string) {
	t.Helper()
	ctx := context.Background()
	mine := fx.w.mine
	day := fx.pastDay()
	if _, err := mine.Core.UpdateGroup(ctx, mine.Treasurer, mine.Cooperative.ID, mine.Group.ID, accounts.GroupInput{
		Name: fx.unique("Kelompok Melati"), JointLiabilitySince: ledger.NewDate(2000, time.January, 1)}); err != nil {
		t.Fatal(err)
	}
	l := fx.loan(t, lending.LoanApproved)
	if _, _, err := mine.Lending.DisburseLoan(ctx, mine.Treasurer, mine.Cooperative.ID, l.ID, accounts.MoneyInput{Date: day.AddDays(-7)}); err != nil {
		t.Fatal(err)
	}
	if _, err := mine.Meetings.RecordCollection(ctx, mine.Treasurer, mine.Cooperative.ID, mine.Group.ID, meetings.SheetInput{Date: day,
		Lines: []meetings.SheetPayment{{MemberID: mine.Members[1].ID, Attendance: meetings.Present,
			Loans: []meetings.SheetLoanPayment{{LoanID: l.ID, Amount: amount, Covers: mine.Members[0].ID}}},
			{MemberID: mine.Members[0].ID, Attendance: meetings.Absent}}}); err != nil {
		t.Fatal(err)
	}
}

// saver enrols a new member with some voluntary savings, for a route that
// lets her leave.
func (fx *fixture) saver(t *testing.T) accounts.Member {
	t.Helper()
	ctx := context.Background()
	mine := fx.w.mine
	m, err := mine.Core.CreateMember(ctx, mine.Treasurer, mine.Cooperative.ID, accounts.MemberInput{
		GroupID: mine.Group.ID, Name: "Sri Rahayu", Gender: "female"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mine.Savings.Deposit(ctx, mine.Treasurer, mine.Cooperative.ID, savings.SavingsInput{
		MemberID: m.ID, Type: accounts.Sukarela, MoneyInput: accounts.MoneyInput{Amount: "30000"}}); err != nil {
		t.Fatal(err)
	}
	return m
}

// sukarelaAccount finds a member's voluntary savings account through her
// own view, as the member app does.
func sukarelaAccount(t *testing.T, w *world, member int) ledger.Account {
	t.Helper()
	me, err := w.mine.Reports.FindMe(context.Background(), w.mine.MemberActor[member])
	if err != nil {
		t.Fatal(err)
	}
	code := accounts.MemberAccountCode(accounts.Sukarela, w.mine.Members[member].Number)
	for _, m := range me.Memberships {
		for _, a := range m.Accounts {
			if a.Code == code {
				return a
			}
		}
	}
	t.Fatalf("member %d has no account %s in her view", member, code)
	return ledger.Account{}
}

// deposit records a member's voluntary savings deposit in cash, as her
// treasurer.
func (fx *fixture) deposit(t *testing.T, member int, amount string) ledger.Entry {
	t.Helper()
	w := fx.w.mine
	e, err := w.Books.PostEntry(context.Background(), w.Treasurer, w.Cooperative.ID, ledger.EntryInput{
		Kind: "savings.deposit", Memo: "weekly meeting",
		Postings: []ledger.PostingInput{
			{Account: accounts.CodeCash, Side: ledger.Debit, Amount: decimal.RequireFromString(amount)},
			{Account: fx.sukarela[member].Code, Side: ledger.Credit, Amount: decimal.RequireFromString(amount)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// unique returns a name no earlier call used, carrying the fixture's tag.
func (fx *fixture) unique(name string) string {
	fx.n++
	return fmt.Sprintf("%s %s-%d", name, fx.tag, fx.n)
}

func (fx *fixture) uniqueLogin() string {
	fx.n++
	return fmt.Sprintf("user.%s-%d@lumbung.test", fx.tag, fx.n)
}

// pastDay returns a day in the past no earlier call used: a group meets
// once a day.
func (fx *fixture) pastDay() ledger.Date {
	fx.n++
	return ledger.DateOf(time.Now().UTC()).AddDays(-fx.n)
}

// period is the query of a statement over the last year, today included.
func (fx *fixture) period() string {
	today := ledger.DateOf(time.Now().UTC())
	return "from=" + today.AddDays(-365).String() + "&to=" + today.String()
}

func (fx *fixture) uniqueCode() string {
	fx.n++
	return fmt.Sprintf("5900-%s-%d", fx.tag, fx.n)
}

// state is what a refused call must leave as it was: the treasurer's book;
// her cooperative's groups and members, and the records of the group and
// member the routes change; the partner's facilities; the treasurer's
// grants; and the cooperatives, partners and users named with the
// fixture's tag. It is scoped to these so that other tests may write to a
// shared database meanwhile.
func (fx *fixture) state(t *testing.T) map[string]string {
	t.Helper()
	ctx := context.Background()
	w := fx.w
	out := map[string]string{}
	for k, v := range bookState(t, w.db, w.mine.Cooperative.BookID) {
		out[k] = strconv.FormatInt(v, 10)
	}
	like := "%" + fx.tag + "%"
	for _, q := range []struct {
		name, query string
		arg         any
	}{
		{"groups of the cooperative", "SELECT count(*) FROM groups WHERE cooperative_id = ?", w.mine.Cooperative.ID},
		{"members of the cooperative", "SELECT count(*) FROM members WHERE cooperative_id = ?", w.mine.Cooperative.ID},
		{"facilities of the partner", "SELECT count(*) FROM facilities WHERE partner_id = ?", w.mine.Partner.ID},
		{"grants of the treasurer", "SELECT count(*) FROM grants WHERE user_id = ?", w.mine.Treasurer.UserID},
		{"tagged cooperatives", "SELECT count(*) FROM cooperatives WHERE name LIKE ?", like},
		{"tagged partners", "SELECT count(*) FROM partners WHERE name LIKE ?", like},
		{"tagged users", "SELECT count(*) FROM users WHERE login LIKE ?", like},
		{"grants of tagged users", "SELECT count(*) FROM grants JOIN users ON users.id = grants.user_id WHERE users.login LIKE ?", like},
		{"tagged users deactivated or with a temporary password", "SELECT count(*) FROM users WHERE login LIKE ? AND (deactivated_at IS NOT NULL OR password_temporary_until IS NOT NULL)", like},
		{"ended sessions of tagged users", "SELECT count(*) FROM sessions JOIN users ON users.id = sessions.user_id WHERE users.login LIKE ? AND sessions.revoked_at IS NOT NULL", like},
		{"meetings of the group", "SELECT count(*) FROM meetings WHERE group_id = ?", w.mine.Group.ID},
		{"members who left", "SELECT count(*) FROM members WHERE cooperative_id = ? AND exited_on IS NOT NULL", w.mine.Cooperative.ID},
		{"savings rules", "SELECT CAST(pokok_minor AS TEXT) || '/' || CAST(wajib_minor AS TEXT) || '/' || wajib_frequency FROM cooperatives WHERE id = ?", w.mine.Cooperative.ID},
		{"group", "SELECT name || '/' || COALESCE(meeting_day, '') FROM groups WHERE id = ?", w.mine.Group.ID},
		{"member", "SELECT name || '/' || gender || '/' || business_type || '/' || phone FROM members WHERE id = ?", w.mine.Members[0].ID},
	} {
		var v string
		if err := w.db.NewRaw(q.query, q.arg).Scan(ctx, &v); err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		out[q.name] = v
	}
	var loanStatuses []string
	if err := w.db.NewRaw("SELECT status FROM loans WHERE cooperative_id = ? ORDER BY id", w.mine.Cooperative.ID).Scan(ctx, &loanStatuses); err != nil {
		t.Fatalf("loans: %v", err)
	}
	out["loans"] = strings.Join(loanStatuses, ",")
	return out
}

func (fx *fixture) newPartner(t *testing.T) accounts.Partner {
	t.Helper()
	p, err := fx.w.mine.Core.CreatePartner(context.Background(), fx.w.admin,
		accounts.PartnerInput{Name: fx.unique("Mitra"), Model: accounts.Private})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newGrant gives the treasurer's user a fresh grant, for a route to find or
// take away.
func (fx *fixture) newGrant(t *testing.T) accounts.Grant {
	t.Helper()
	g, err := fx.w.mine.Identity.AddGrant(context.Background(), fx.w.admin, fx.w.mine.Treasurer.UserID,
		identity.GrantInput{Role: accounts.RolePartner, PartnerID: fx.newPartner(t).ID})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// newUserGrant makes a user, signed in, with a grant to take away.
func (fx *fixture) newUserGrant(t *testing.T) accounts.Grant {
	t.Helper()
	ctx, s := context.Background(), fx.w.mine.Identity
	u, err := s.CreateUser(ctx, fx.w.admin, identity.UserInput{Login: fx.uniqueLogin(), Name: "Ibu Ratna", Password: accountstest.Password})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.AddGrant(ctx, fx.w.admin, u.ID, identity.GrantInput{Role: accounts.RolePartner, PartnerID: fx.newPartner(t).ID})
	if err != nil {
		t.Fatal(err)
	}
	signIn(t, s, u.Login)
	return g
}

// memberUserCall names a fresh member user of the treasurer's cooperative.
func memberUserCall(t *testing.T, fx *fixture) policyCall {
	_, userID := fx.newMemberUser(t)
	return policyCall{params: map[string]string{"user": userID}}
}

// newMemberUser makes a user holding a member grant in the treasurer's
// cooperative, signed in, and returns her login and ID.
func (fx *fixture) newMemberUser(t *testing.T) (login, userID string) {
	t.Helper()
	ctx, s := context.Background(), fx.w.mine.Identity
	u, err := s.CreateUser(ctx, fx.w.admin, identity.UserInput{Login: fx.uniqueLogin(), Name: "Ibu Sari", Password: accountstest.Password})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddGrant(ctx, fx.w.admin, u.ID, identity.GrantInput{Role: accounts.RoleMember, MemberID: fx.w.mine.Members[1].ID}); err != nil {
		t.Fatal(err)
	}
	signIn(t, s, u.Login)
	return u.Login, u.ID
}

// refreshToken starts a new session of the treasurer and returns its
// refresh token: every refresh or logout needs one no earlier call used.
func (fx *fixture) refreshToken(t *testing.T) string {
	t.Helper()
	sess, err := fx.w.mine.Identity.Login(context.Background(), fx.w.mine.Logins["treasurer"], accountstest.Password)
	if err != nil {
		t.Fatal(err)
	}
	return sess.RefreshToken
}

// path fills a registered path's parameters, each from override or else
// from the fixture.
func (fx *fixture) path(t *testing.T, pattern string, override map[string]string) string {
	t.Helper()
	segments := strings.Split(pattern, "/")
	for i, s := range segments {
		name, ok := strings.CutPrefix(s, ":")
		if !ok {
			continue
		}
		v, ok := override[name]
		if !ok {
			v, ok = fx.params[name]
		}
		if !ok {
			t.Fatalf("%s: no value for the path parameter %q", pattern, name)
		}
		segments[i] = v
	}
	return strings.Join(segments, "/")
}

// registeredRoutes returns the app's routes as "METHOD /path", leaving out
// middleware and the HEAD twin Fiber registers for every GET.
func registeredRoutes(app *fiber.App) map[string]bool {
	out := map[string]bool{}
	for _, r := range app.GetRoutes(true) {
		if r.Method == fiber.MethodHead {
			continue
		}
		out[r.Method+" "+r.Path] = true
	}
	return out
}

func TestRouteByRole(t *testing.T) {
	if len(allCallers) != len(statuses{}) {
		t.Fatalf("the policy has %d status columns for %d callers", len(statuses{}), len(allCallers))
	}
	t.Run("PolicyTableRefusesEveryNonPublicRouteWithoutAValidToken", func(t *testing.T) {
		seen := map[string]bool{}
		for _, row := range policy {
			if seen[row.route] {
				t.Errorf("%s: two rows", row.route)
			}
			seen[row.route] = true
			if publicRoutes[row.route] {
				continue
			}
			for i, caller := range allCallers[signedIn:] {
				if got := row.want[signedIn+i]; got != http.StatusUnauthorized {
					t.Errorf("%s: %s wants %d; every non-public route answers 401 without a valid token", row.route, caller, got)
				}
			}
		}
	})

	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		fx := newFixture(t, w)
		registered := registeredRoutes(w.app)

		t.Run("EveryRegisteredRouteHasAPolicyRow", func(t *testing.T) {
			rows := map[string]bool{}
			for _, row := range policy {
				rows[row.route] = true
			}
			var missing []string
			for route := range registered {
				if !rows[route] {
					missing = append(missing, route)
				}
			}
			sort.Strings(missing)
			for _, route := range missing {
				t.Errorf("%s is registered but has no row in the policy table: decide who may call it", route)
			}
		})

		t.Run("EveryCallerGetsThePolicyStatus", func(t *testing.T) {
			for _, row := range policy {
				method, pattern, _ := strings.Cut(row.route, " ")
				if !registered[row.route] {
					// /metrics comes with the observability middleware; an app
					// built without it has no such route. Any other row names
					// a route that no longer exists.
					if row.route == "GET /metrics" {
						t.Logf("%s is not registered; its row is skipped", row.route)
						continue
					}
					t.Errorf("%s has a policy row but is not registered", row.route)
					continue
				}
				for i, caller := range allCallers {
					call := policyCall{}
					if row.prepare != nil {
						call = row.prepare(t, fx)
					}
					path := fx.path(t, pattern, call.params)
					if call.query != "" {
						path += "?" + call.query
					}
					before := fx.state(t)
					resp, raw := w.call(caller, method, path, call.body, call.headers...)
					want := row.want[i]
					if resp.StatusCode != want {
						t.Errorf("%s as %s: got %d, want %d: %s", row.route, caller, resp.StatusCode, want, raw)
						continue
					}
					wantProblemHeaders(t, row.route+" as "+caller, resp)
					if resp.StatusCode >= 400 {
						if diff := cmp.Diff(before, fx.state(t)); diff != "" {
							t.Errorf("%s as %s was refused but changed the database (-before +after):\n%s", row.route, caller, diff)
						}
					}
				}
			}
		})

		t.Run("EveryRegisteredV1RouteAnswers401WithoutAValidToken", func(t *testing.T) {
			// Straight from the router, so that a route added without a
			// policy row is still held to it.
			for route := range registered {
				method, pattern, _ := strings.Cut(route, " ")
				if publicRoutes[route] || !strings.HasPrefix(pattern, "/v1/") {
					continue
				}
				unknown := map[string]string{}
				for _, s := range strings.Split(pattern, "/") {
					if name, ok := strings.CutPrefix(s, ":"); ok && fx.params[name] == "" {
						unknown[name] = uuid.NewString()
					}
				}
				path := fx.path(t, pattern, unknown)
				for _, caller := range allCallers[signedIn:] {
					resp, raw := w.call(caller, method, path, []byte(`{}`))
					if resp.StatusCode != http.StatusUnauthorized {
						t.Errorf("%s as %s: got %d, want 401: %s", route, caller, resp.StatusCode, raw)
						continue
					}
					wantProblemHeaders(t, route+" as "+caller, resp)
				}
			}
		})

		t.Run("UnknownV1PathsAnswer401WithoutAValidToken", func(t *testing.T) {
			coop := w.mine.Cooperative.ID
			unknown := []struct {
				method, path string
				signedIn     int // what a caller with a valid token gets
			}{
				{http.MethodGet, "/v1/nothing-here", http.StatusNotFound},
				{http.MethodGet, "/v1/auth", http.StatusNotFound},
				{http.MethodPost, "/v1/cooperatives/" + coop + "/harvests", http.StatusNotFound},
				{http.MethodGet, "/v1/cooperatives/" + coop + "/entries/" + fx.params["entry"] + "/postings", http.StatusNotFound},
				{http.MethodDelete, "/v1/cooperatives/" + coop, http.StatusMethodNotAllowed},
			}
			for _, u := range unknown {
				for i, caller := range allCallers {
					want := u.signedIn
					if i >= signedIn {
						want = http.StatusUnauthorized
					}
					resp, raw := w.call(caller, u.method, u.path, nil)
					if resp.StatusCode != want {
						t.Errorf("%s %s as %s: got %d, want %d: %s", u.method, u.path, caller, resp.StatusCode, want, raw)
						continue
					}
					wantProblemHeaders(t, u.method+" "+u.path+" as "+caller, resp)
				}
			}
		})

		t.Run("OtherTreasurerPostingToAnotherBookGets404AndChangesNothing", func(t *testing.T) {
			before := bookState(t, db, w.mine.Cooperative.BookID)
			path := "/v1/cooperatives/" + w.mine.Cooperative.ID + "/entries"
			resp, raw := w.call(callerOtherTreasurer, http.MethodPost, path, grantEntryBody("1000000"))
			wantProblem(t, resp, raw, http.StatusNotFound, "/problems/cooperative.not_found")
			if diff := cmp.Diff(before, bookState(t, db, w.mine.Cooperative.BookID)); diff != "" {
				t.Errorf("the book changed (-before +after):\n%s", diff)
			}
		})

		t.Run("MemberReadingAnotherMembersEntriesGets404", func(t *testing.T) {
			fx.deposit(t, 1, "20000")
			path := fmt.Sprintf("/v1/me/accounts/%s/entries", fx.sukarela[1].ID)
			resp, raw := w.call(callerMember, http.MethodGet, path, nil)
			wantProblem(t, resp, raw, http.StatusNotFound, "/problems/account.not_found")
			if strings.Contains(string(raw), "20000") {
				t.Errorf("the refusal shows the other member's movements: %s", raw)
			}
			// The account exists and its owner reads it: the 404 hides it.
			if resp, raw := w.call(callerOtherMember, http.MethodGet, path, nil); resp.StatusCode != http.StatusOK {
				t.Errorf("the owner reading her own entries: got %d, want 200: %s", resp.StatusCode, raw)
			}
		})

		t.Run("MemberDownloadingAnotherMembersStatementGets404", func(t *testing.T) {
			// A file is the same statement: the other member learns no more
			// from a CSV or a PDF than from JSON, and gets no file at all.
			path := fmt.Sprintf("/v1/cooperatives/%s/members/%s/statement?type=sukarela&%s",
				w.mine.Cooperative.ID, w.mine.Members[0].ID, fx.period())
			for _, format := range []string{"csv", "pdf"} {
				resp, raw := w.call(callerOtherMember, http.MethodGet, path+"&format="+format, nil)
				wantProblem(t, resp, raw, http.StatusNotFound, "/problems/member.not_found")
				if cd := resp.Header.Get(fiber.HeaderContentDisposition); cd != "" {
					t.Errorf("format=%s refused with Content-Disposition %q", format, cd)
				}
				if strings.Contains(string(raw), w.mine.Members[0].Name) || strings.Contains(string(raw), "150000") {
					t.Errorf("format=%s: the refusal shows her statement: %s", format, raw)
				}
				// The statement exists and its owner downloads it: the 404
				// hides it.
				if resp, raw := w.call(callerMember, http.MethodGet, path+"&format="+format, nil); resp.StatusCode != http.StatusOK {
					t.Errorf("format=%s: the owner downloading her own statement: got %d, want 200: %s", format, resp.StatusCode, raw)
				}
			}
		})

		t.Run("DownloadsOfAnotherCooperativeOrPartnerGet404", func(t *testing.T) {
			for _, d := range []struct{ caller, path, problemType string }{
				{callerOtherTreasurer, "/v1/cooperatives/" + w.mine.Cooperative.ID + "/balance-sheet?format=pdf", "/problems/cooperative.not_found"},
				{callerOtherTreasurer, "/v1/cooperatives/" + w.mine.Cooperative.ID + "/trial-balance?format=csv", "/problems/cooperative.not_found"},
				{callerOtherPartner, "/v1/partners/" + w.mine.Partner.ID + "/portfolio?format=pdf", "/problems/partner.not_found"},
			} {
				resp, raw := w.call(d.caller, http.MethodGet, d.path, nil)
				wantProblem(t, resp, raw, http.StatusNotFound, d.problemType)
				if cd := resp.Header.Get(fiber.HeaderContentDisposition); cd != "" {
					t.Errorf("GET %s as %s refused with Content-Disposition %q", d.path, d.caller, cd)
				}
			}
		})

		t.Run("PartnerReadingWhatItDoesNotFundGets404", func(t *testing.T) {
			resp, raw := w.call(callerOtherPartner, http.MethodGet, "/v1/cooperatives/"+w.mine.Cooperative.ID, nil)
			wantProblem(t, resp, raw, http.StatusNotFound, "/problems/cooperative.not_found")
			if strings.Contains(string(raw), w.mine.Cooperative.Name) {
				t.Errorf("the refusal names the cooperative: %s", raw)
			}
			resp, raw = w.call(callerOtherPartner, http.MethodGet, "/v1/partners/"+w.mine.Partner.ID, nil)
			wantProblem(t, resp, raw, http.StatusNotFound, "/problems/partner.not_found")
			if strings.Contains(string(raw), w.mine.Partner.Name) {
				t.Errorf("the refusal names the partner: %s", raw)
			}
		})
	})
}

// wantProblemHeaders checks what every refusal carries: a problem document,
// and for a 401 the challenge naming the scheme.
func wantProblemHeaders(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	if resp.StatusCode < 400 {
		return
	}
	if got := resp.Header.Get(fiber.HeaderContentType); got != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, got)
	}
	if resp.StatusCode == http.StatusUnauthorized && !strings.HasPrefix(resp.Header.Get(fiber.HeaderWWWAuthenticate), "Bearer") {
		t.Errorf("%s: 401 without a Bearer WWW-Authenticate challenge", what)
	}
}

// problemBody is the part of a problem document the tests compare.
type problemBody struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Errors []struct {
		Field string `json:"field"`
	} `json:"errors"`
}

// wantProblem checks a refusal's status, content type and problem type, and
// returns the problem.
func wantProblem(t *testing.T, resp *http.Response, raw []byte, status int, problemType string) problemBody {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status: got %d, want %d: %s", resp.StatusCode, status, raw)
	}
	if got := resp.Header.Get(fiber.HeaderContentType); got != "application/problem+json" {
		t.Errorf("Content-Type: got %q, want application/problem+json", got)
	}
	var p problemBody
	decodeJSON(t, raw, &p)
	if p.Type != problemType {
		t.Errorf("problem type: got %q, want %q: %s", p.Type, problemType, raw)
	}
	if p.Status != resp.StatusCode {
		t.Errorf("problem status %d differs from the response's %d", p.Status, resp.StatusCode)
	}
	return p
}

// bookState is what a refused write must leave as it was in one book: its
// entry and posting counts and every account's balance.
func bookState(t *testing.T, db *bun.DB, bookID string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	state := map[string]int64{}
	for _, table := range []string{"entries", "postings"} {
		var n int64
		if err := db.NewRaw("SELECT count(*) FROM "+table+" WHERE book_id = ?", bookID).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		state["rows in "+table] = n
	}
	balances, err := accountBalances(ctx, db, bookID)
	if err != nil {
		t.Fatal(err)
	}
	for code, b := range balances {
		state["balance of "+code] = b
	}
	return state
}

// accountBalances returns the stored balance of every account of a book,
// by code.
func accountBalances(ctx context.Context, db *bun.DB, bookID string) (map[string]int64, error) {
	var rows []struct {
		Code    string `bun:"code"`
		Balance int64  `bun:"balance_minor"`
	}
	if err := db.NewRaw("SELECT code, balance_minor FROM ledger_accounts WHERE book_id = ?", bookID).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Code] = r.Balance
	}
	return out, nil
}

// waitingReversal is a reversal of a new deposit that the cooperative's
// second treasurer asked for, waiting for a decision.
func (fx *fixture) waitingReversal(t *testing.T) string {
	t.Helper()
	mine := fx.w.mine
	ap, err := mine.Services.Approvals.RequestReversal(context.Background(), mine.Approver, mine.Cooperative.ID,
		approvals.Reversal{EntryID: fx.deposit(t, 0, "5000").ID, Input: ledger.ReversalInput{Memo: "typed twice"}})
	if err != nil {
		t.Fatal(err)
	}
	return ap.ID
}
