package api_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// snapshotTables are the tables a refused request must leave untouched.
var snapshotTables = []string{"books", "ledger_accounts", "entries", "postings", "cooperatives", "groups", "members",
	"partners", "facilities", "users", "grants", "sessions", "year_ends", "shu_shares", "loans", "loan_shares",
	"loan_share_payments", "loan_covers", "cover_settlements", "imports", "checkpoints", "approvals", "audit_events"}

// snapshot is the state a refused request must leave as it was: the row
// count of every table, each cooperative's member counter and language,
// and the balance of every account in the named books.
func snapshot(t *testing.T, db *bun.DB, coops map[string]accounts.Cooperative) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	state := map[string]int64{}
	for _, table := range snapshotTables {
		var n int64
		if err := db.NewRaw("SELECT count(*) FROM "+table).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		state["rows in "+table] = n
	}
	for name, c := range coops {
		var last int64
		if err := db.NewRaw("SELECT last_member_number FROM cooperatives WHERE id = ?", c.ID).Scan(ctx, &last); err != nil {
			t.Fatal(err)
		}
		state["last member number of "+name] = last
		var english int64
		if err := db.NewRaw("SELECT count(*) FROM cooperatives WHERE id = ? AND language = 'en'", c.ID).Scan(ctx, &english); err != nil {
			t.Fatal(err)
		}
		state["speaks English: "+name] = english
		var toFund int64
		if err := db.NewRaw("SELECT count(*) FROM cooperatives WHERE id = ? AND cover_debt_to = 'fund'", c.ID).Scan(ctx, &toFund); err != nil {
			t.Fatal(err)
		}
		state["covers owed to the fund: "+name] = toFund
		balances, err := accountBalances(ctx, db, c.BookID)
		if err != nil {
			t.Fatal(err)
		}
		for code, b := range balances {
			state["balance of "+name+" "+code] = b
		}
	}
	return state
}

// badInput is a request that must be refused without changing anything.
type badInput struct {
	name        string
	caller      string
	method      string
	path        string
	body        any      // sent as JSON; []byte as it is
	headers     []string // name, value pairs
	status      int
	problemType string
	fields      []string // the fields the problem names, in order
}

func TestBadInputChangesNothing(t *testing.T) {
	// A database of its own per store: the snapshot counts whole tables,
	// which no other test may write to meanwhile.
	ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
		ledgertest.MustMigrate(t, db)
		w := newWorld(t, db)
		fx := newFixture(t, w) // money in the books, an entry, a disbursed loan
		ctx := context.Background()
		// An account only the other cooperative's book has.
		theirs, err := w.theirs.Books.CreateLedgerAccount(ctx, w.theirs.Treasurer, w.theirs.Cooperative.ID,
			ledger.AccountInput{Code: "1150", Name: "Petty cash", Type: ledger.Asset})
		if err != nil {
			t.Fatal(err)
		}
		theirGroup := w.theirs.Group.ID

		coop := "/v1/cooperatives/" + w.mine.Cooperative.ID
		entries := coop + "/entries"
		sukarela := fx.sukarela[0].Code
		// entry is a deposit into member 0's voluntary savings whose second
		// posting is changed by the case.
		entry := func(second map[string]any) map[string]any {
			p := map[string]any{"account": sukarela, "side": "credit", "amount": "1000"}
			for k, v := range second {
				p[k] = v
			}
			return map[string]any{"kind": "savings.deposit", "postings": []map[string]any{
				{"account": accounts.CodeCash, "side": "debit", "amount": "1000"}, p}}
		}
		withField := func(body map[string]any, k string, v any) map[string]any {
			body[k] = v
			return body
		}
		member := func(k, v string) map[string]string {
			m := map[string]string{"group_id": w.mine.Group.ID, "name": "Rina Wati", "gender": "female"}
			m[k] = v
			return m
		}

		cases := []badInput{
			{name: "MalformedJSONIs400", body: []byte(`{"kind": "savings.deposit", "postings": [`),
				status: 400, problemType: "/problems/request.malformed"},
			{name: "TwoJSONValuesAre400", body: []byte(`{"kind": "savings.deposit"} {}`),
				status: 400, problemType: "/problems/request.malformed"},
			{name: "UnknownFieldIsNamed", body: withField(entry(nil), "colour", "red"),
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"colour"}},
			{name: "EmptyFieldNameIsRefused", body: []byte(`{"":1}`),
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"body"}},
			{name: "WrongTypeIsNamed", body: withField(entry(nil), "kind", 5),
				status: 422, problemType: "/problems/request.field_type", fields: []string{"kind"}},
			{name: "AmountAsJSONNumberIsNamed", body: entry(map[string]any{"amount": 1000}),
				status: 422, problemType: "/problems/request.field_type", fields: []string{"postings[1].amount"}},
			{name: "ArrayForObjectIs422", body: []byte(`[]`),
				status: 422, problemType: "/problems/request.field_type", fields: []string{"body"}},
			{name: "UnbalancedEntry", body: entry(map[string]any{"amount": "999"}),
				status: 422, problemType: "/problems/entry.unbalanced", fields: []string{"postings"}},
			{name: "AccountOfAnotherCooperative", body: entry(map[string]any{"account": theirs.Code}),
				status: 422, problemType: "/problems/entry.invalid", fields: []string{"postings[1].account"}},
			{name: "UnknownAccount", body: entry(map[string]any{"account": "9999"}),
				status: 422, problemType: "/problems/entry.invalid", fields: []string{"postings[1].account"}},
			{name: "WrongContentTypeIs415", body: []byte(`{}`), headers: []string{fiber.HeaderContentType, "text/plain"},
				status: 415, problemType: "about:blank"},
		}
		for _, amount := range []string{"1e5", "-1", "0", "12.345", "99999999999999999999", "", " 5", "+5", ".5", "5.", "1,000", "NaN"} {
			cases = append(cases, badInput{name: fmt.Sprintf("Amount%q", amount), body: entry(map[string]any{"amount": amount}),
				status: 422, problemType: "/problems/entry.invalid", fields: []string{"postings[1].amount"}})
		}
		for _, limit := range []string{"0", "201", "-1", "abc"} {
			cases = append(cases, badInput{name: "PageSize" + limit, method: http.MethodGet, path: entries + "?limit=" + limit,
				status: 422, problemType: "/problems/page.size", fields: []string{"limit"}})
		}
		for _, cursor := range []string{"not*base64", base64.RawURLEncoding.EncodeToString([]byte("abc")), base64.RawURLEncoding.EncodeToString([]byte("-4"))} {
			cases = append(cases, badInput{name: "Cursor" + cursor, method: http.MethodGet, path: entries + "?cursor=" + cursor,
				status: 422, problemType: "/problems/page.cursor", fields: []string{"cursor"}})
		}
		for _, path := range []string{coop + "/trial-balance", coop + "/accounts", coop + "/accounts/1100", coop + "/balance-sheet",
			coop + "/loan-portfolio", coop + "/health-ratios", coop + "/groups/" + w.mine.Group.ID + "/summary", "/v1/partners/" + w.mine.Partner.ID + "/portfolio"} {
			cases = append(cases, badInput{name: "AsOfNotADate " + path, method: http.MethodGet, path: path + "?as_of=2026-13-45",
				status: 422, problemType: "/problems/request.as_of", fields: []string{"as_of"}})
		}
		for _, day := range []string{"2026-13-45", "yesterday"} {
			cases = append(cases, badInput{name: "MeetingDateNotADate " + day, method: http.MethodGet,
				path:   coop + "/groups/" + w.mine.Group.ID + "/meetings/" + day,
				status: 422, problemType: "/problems/meeting.date", fields: []string{"date"}})
		}
		cases = append(cases, badInput{name: "MeetingAmendedWithAnotherDay", method: http.MethodPut,
			path:   coop + "/groups/" + w.mine.Group.ID + "/meetings/2026-03-03",
			body:   map[string]any{"date": "2026-03-10", "lines": []map[string]any{{"member_id": w.mine.Members[0].ID, "attended": true}}},
			status: 422, problemType: "/problems/meeting.invalid", fields: []string{"date"}})
		for _, tc := range []struct {
			name  string
			line  map[string]any
			field string
		}{
			{"SheetRepresentedByNobody", map[string]any{"attendance": "represented"}, "lines[0].represented_by"},
			{"SheetRepresentedByBlank", map[string]any{"attendance": "represented", "represented_by": "   "}, "lines[0].represented_by"},
			{"SheetRepresentativeOfOneWhoCame", map[string]any{"attendance": "present", "represented_by": "Pak Slamet"}, "lines[0].represented_by"},
			{"SheetAttendanceUnknown", map[string]any{"attendance": "late"}, "lines[0].attendance"},
			{"SheetAttendanceAndAttendedDisagree", map[string]any{"attendance": "absent", "attended": true}, "lines[0].attended"},
			{"SheetAbsentWhoPaid", map[string]any{"attendance": "absent", "wajib": "2000"}, "lines[0].attendance"},
		} {
			tc.line["member_id"] = w.mine.Members[0].ID
			cases = append(cases, badInput{name: tc.name, method: http.MethodPost, path: coop + "/groups/" + w.mine.Group.ID + "/collection-sheet",
				body:   map[string]any{"date": "2026-03-10", "lines": []map[string]any{tc.line}},
				status: 422, problemType: "/problems/meeting.invalid", fields: []string{tc.field}})
		}
		statement := coop + "/members/" + w.mine.Members[0].ID + "/statement?type=sukarela&"
		for _, tc := range []struct {
			name, path, problemType string
			fields                  []string
		}{
			{"StatementFromNotADate", statement + "from=2026-13-01", "/problems/request.date", []string{"from"}},
			{"CoversFromNotADate", coop + "/covers?from=2026-13-01", "/problems/request.date", []string{"from"}},
			{"CoversEndBeforeStart", coop + "/covers?from=2026-03-01&to=2026-02-01", "/problems/request.to", []string{"to"}},
			{"MemberCoversByGroup", coop + "/members/" + w.mine.Members[0].ID + "/covers?group_id=" + w.mine.Group.ID,
				"/problems/request.group_id", []string{"group_id"}},
			{"StatementFromAfterTheDefaultTo", statement + "from=2999-01-01", "/problems/statement.period", []string{"to"}},
			{"LoanStatementToNotADate", coop + "/loans/" + fx.params["loan"] + "/statement?to=31-12-2026", "/problems/request.date", []string{"to"}},
			{"LoanStatementEndBeforeStart", coop + "/loans/" + fx.params["loan"] + "/statement?from=2026-02-01&to=2026-01-31",
				"/problems/statement.period", []string{"to"}},
			{"StatementTypeUnknown", coop + "/members/" + w.mine.Members[0].ID + "/statement?type=tabungan&from=2026-01-01&to=2026-12-31",
				"/problems/statement.invalid", []string{"type"}},
			{"StatementEndBeforeStart", statement + "from=2026-02-01&to=2026-01-31", "/problems/statement.period", []string{"to"}},
			{"IncomeStatementWithoutPeriod", coop + "/income-statement", "/problems/statement.period", []string{"from", "to"}},
			{"IncomeStatementFromNotADate", coop + "/income-statement?from=2026-02-30&to=2026-12-31", "/problems/request.date", []string{"from"}},
			{"CashBookWithoutTo", coop + "/cash-book?from=2026-01-01", "/problems/statement.period", []string{"to"}},
			{"CashBookEndBeforeStart", coop + "/cash-book?from=2026-02-01&to=2026-01-31", "/problems/statement.period", []string{"to"}},
			{"CashBookViaUnknown", coop + "/cash-book?from=2026-01-01&to=2026-12-31&via=mpesa", "/problems/request.via", []string{"via"}},
			{"DueListFromNotADate", coop + "/due-list?from=2026-04-31", "/problems/request.date", []string{"from"}},
			{"DueListAsXLSX", coop + "/due-list?format=xlsx", "/problems/request.format", []string{"format"}},
			{"DueListPDFWithDelimiter", coop + "/due-list?format=pdf&delimiter=semicolon", "/problems/request.delimiter", []string{"delimiter"}},
			{"CollectionSheetAsCSV", coop + "/groups/" + w.mine.Group.ID + "/collection-sheet?date=2026-03-04&format=csv",
				"/problems/request.format", []string{"format"}},
			{"CollectionSheetDateNotADate", coop + "/groups/" + w.mine.Group.ID + "/collection-sheet?format=pdf&date=2026-02-30",
				"/problems/request.date", []string{"date"}},
			{"MinutesAsCSV", coop + "/groups/" + w.mine.Group.ID + "/meetings/2026-03-04?format=csv", "/problems/request.format", []string{"format"}},
			{"MinutesLangUnknown", coop + "/groups/" + w.mine.Group.ID + "/meetings/2026-03-04?format=pdf&lang=fr", "/problems/request.lang",
				[]string{"lang"}},
			{"SlipsDateNotADate", coop + "/groups/" + w.mine.Group.ID + "/meetings/yesterday/slips", "/problems/meeting.date", []string{"date"}},
			{"SlipsMemberNotAnID", coop + "/groups/" + w.mine.Group.ID + "/meetings/2026-03-04/slips?member=siti", "/problems/request.member",
				[]string{"member"}},
			{"SlipsLangUnknown", coop + "/groups/" + w.mine.Group.ID + "/meetings/2026-03-04/slips?lang=jv", "/problems/request.lang", []string{"lang"}},
		} {
			cases = append(cases, badInput{name: tc.name, method: http.MethodGet, path: tc.path,
				status: 422, problemType: tc.problemType, fields: tc.fields})
		}
		partnerPortfolio := "/v1/partners/" + w.mine.Partner.ID + "/portfolio"
		for _, tc := range []struct {
			name, caller, path, problemType string
			fields                          []string
		}{
			{"PortfolioSeriesUnknown", callerAdmin, "/v1/portfolio?series=weekly", "/problems/request.series", []string{"series"}},
			{"PortfolioSeriesFromAfterTo", callerAdmin, "/v1/portfolio?series=monthly&from=2026-05&to=2026-04", "/problems/request.from", []string{"from"}},
			{"PortfolioSeriesTooLong", callerAdmin, "/v1/portfolio?series=monthly&from=2020-01&to=2026-04", "/problems/request.from", []string{"from"}},
			{"PortfolioSeriesToNotAMonth", callerAdmin, "/v1/portfolio?series=monthly&to=2026-04-30", "/problems/request.to", []string{"to"}},
			{"PortfolioToWithoutSeries", callerAdmin, "/v1/portfolio?to=2026-04", "/problems/request.to", []string{"to"}},
			{"FormatUnknown", "", coop + "/balance-sheet?format=xlsx", "/problems/request.format", []string{"format"}},
			{"FormatUpperCase", "", coop + "/trial-balance?format=CSV", "/problems/request.format", []string{"format"}},
			{"FormatPDFOfHealthRatios", "", coop + "/health-ratios?format=pdf", "/problems/request.format", []string{"format"}},
			{"FormatPDFOfTrialBalance", "", coop + "/trial-balance?format=pdf", "/problems/request.format", []string{"format"}},
			{"FormatUnknownOfPartnerPortfolio", callerAdmin, partnerPortfolio + "?format=html", "/problems/request.format", []string{"format"}},
			{"DelimiterUnknown", "", coop + "/loan-portfolio?format=csv&delimiter=tab", "/problems/request.delimiter", []string{"delimiter"}},
			{"DelimiterWithoutCSV", "", coop + "/balance-sheet?delimiter=semicolon", "/problems/request.delimiter", []string{"delimiter"}},
			{"DelimiterWithPDF", callerAdmin, partnerPortfolio + "?format=pdf&delimiter=semicolon", "/problems/request.delimiter", []string{"delimiter"}},
			{"DecimalCommaBetweenCommas", "", coop + "/balance-sheet?format=csv&decimal=comma", "/problems/request.decimal", []string{"decimal"}},
			{"DecimalCommaWithCommaDelimiter", "", coop + "/income-statement?from=2026-01-01&to=2026-12-31&format=csv&delimiter=comma&decimal=comma",
				"/problems/request.decimal", []string{"decimal"}},
			{"DecimalUnknown", "", coop + "/trial-balance?format=csv&delimiter=semicolon&decimal=dot", "/problems/request.decimal", []string{"decimal"}},
			{"DecimalWithoutCSV", "", statement + "from=2026-01-01&to=2026-12-31&decimal=comma", "/problems/request.decimal", []string{"decimal"}},
			{"LangUnknown", "", coop + "/balance-sheet?format=pdf&lang=fr", "/problems/request.lang", []string{"lang"}},
			{"LangWithRegion", "", coop + "/balance-sheet?format=csv&lang=en-US", "/problems/request.lang", []string{"lang"}},
		} {
			cases = append(cases, badInput{name: tc.name, caller: tc.caller, method: http.MethodGet, path: tc.path,
				status: 422, problemType: tc.problemType, fields: tc.fields})
		}
		yearEnds := coop + "/year-ends"
		shares := func(participation string) map[string]any {
			return map[string]any{"reserve": "40", "capital": "30", "participation": participation}
		}
		thisYear := time.Now().UTC().Year()
		cases = append(cases,
			badInput{name: "YearEndSharesNotSummingTo100", path: yearEnds, body: map[string]any{"year": thisYear - 1, "shares": shares("29")},
				status: 422, problemType: "/problems/year_end.invalid", fields: []string{"shares"}},
			badInput{name: "YearEndShareWithThreeDecimals", path: yearEnds, body: map[string]any{"year": thisYear - 1, "shares": shares("30.001")},
				status: 422, problemType: "/problems/year_end.invalid", fields: []string{"shares.participation"}},
			badInput{name: "YearEndYearOutOfRange", path: yearEnds, body: map[string]any{"year": 26, "shares": shares("30")},
				status: 422, problemType: "/problems/year_end.invalid", fields: []string{"year"}},
			badInput{name: "YearEndOfAYearNotEndedIs409", path: yearEnds, body: map[string]any{"year": thisYear, "shares": shares("30")},
				status: 409, problemType: "/problems/year_end.not_ended"},
			badInput{name: "YearEndOfAYearClosedIs409", path: yearEnds, body: map[string]any{"year": closedYear, "shares": shares("30")},
				status: 409, problemType: "/problems/year_end.closed"},
			badInput{name: "YearEndYearNotANumber", method: http.MethodGet, path: yearEnds + "/2026x",
				status: 422, problemType: "/problems/year_end.invalid", fields: []string{"year"}},
			badInput{name: "EntryDatedInAClosedYearIs409", body: withField(entry(nil), "effective_date", fmt.Sprintf("%d-07-01", closedYear)),
				status: 409, problemType: "/problems/period.closed"},
			badInput{name: "JournalWithoutFormat", method: http.MethodGet, path: coop + "/journal",
				status: 422, problemType: "/problems/request.format", fields: []string{"format"}},
			badInput{name: "AccountInAnotherCurrencyThanTheBooks", path: coop + "/accounts",
				body:   map[string]string{"code": "1190", "name": "Dollar cash", "type": "asset", "currency": "USD"},
				status: 422, problemType: "/problems/account.currency", fields: []string{"currency"}},
			// The fixture's entry is dated today.
			badInput{name: "ReversalDatedBeforeTheEntry", path: entries + "/" + fx.params["entry"] + "/reversal",
				body:   map[string]string{"effective_date": time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)},
				status: 422, problemType: "/problems/entry.reversal_date", fields: []string{"effective_date"}},
		)
		products := coop + "/loan-products"
		product := func(k string, v any) map[string]any {
			b := productBody("Pinjaman " + k)
			b[k] = v
			return b
		}
		cases = append(cases,
			badInput{name: "ProductPrincipalMaxBelowMin", path: products, body: product("principal_max", "400000"),
				status: 422, problemType: "/problems/loan_product.invalid", fields: []string{"principal_max"}},
			badInput{name: "ProductUnknownMethod", path: products, body: product("interest_method", "bunga_tetap"),
				status: 422, problemType: "/problems/loan_product.invalid", fields: []string{"interest_method"}},
			badInput{name: "ProductFeeNotAPercent", path: products, body: product("fee_percent", "1e1"),
				status: 422, problemType: "/problems/loan_product.invalid", fields: []string{"fee_percent"}},
			badInput{name: "ProductNameTaken", path: products, body: productBody(productName(t, fx)),
				status: 409, problemType: "/problems/loan_product.name_taken"},
			badInput{name: "LoanUnderAProductWithARateToo", path: coop + "/loans", body: map[string]string{"member_id": w.mine.Members[0].ID,
				"facility_id": w.mine.Facility.ID, "product_id": fx.params["product"], "principal": "1000000", "annual_rate": "6"},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"annual_rate"}},
			badInput{name: "LoanUnderAProductOutsideItsRange", path: coop + "/loans", body: map[string]string{"member_id": w.mine.Members[0].ID,
				"facility_id": w.mine.Facility.ID, "product_id": fx.params["product"], "principal": "2500000"},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"principal"}},
			badInput{name: "ProductsRetiredNotABoolean", method: http.MethodGet, path: products + "?retired=yes",
				status: 422, problemType: "/problems/request.retired", fields: []string{"retired"}},
		)
		cases = append(cases,
			badInput{name: "MemberGender", path: coop + "/members", body: member("gender", "f"),
				status: 422, problemType: "/problems/member.invalid", fields: []string{"gender"}},
			badInput{name: "MemberEmptyName", path: coop + "/members", body: member("name", "  "),
				status: 422, problemType: "/problems/member.invalid", fields: []string{"name"}},
			badInput{name: "MemberUnknownGroup", path: coop + "/members", body: member("group_id", uuid.NewString()),
				status: 422, problemType: "/problems/member.invalid", fields: []string{"group_id"}},
			badInput{name: "MemberGroupOfAnotherCooperative", path: coop + "/members", body: member("group_id", theirGroup),
				status: 422, problemType: "/problems/member.invalid", fields: []string{"group_id"}},
			badInput{name: "GroupJointLiabilityNotADate", path: coop + "/groups", body: map[string]string{"name": "Kelompok Melati", "joint_liability_since": "2026-02-30"},
				status: 422, problemType: "/problems/request.date", fields: []string{"joint_liability_since"}},
			badInput{name: "GroupEmptyName", path: coop + "/groups", body: map[string]string{"name": ""},
				status: 422, problemType: "/problems/group.invalid", fields: []string{"name"}},
			badInput{name: "CooperativeCurrencyUnknown", caller: callerAdmin, path: "/v1/cooperatives",
				body:   map[string]string{"name": "Koperasi Baru", "currency": "XYZ"},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"currency"}},
			badInput{name: "CooperativeLanguageNotSpoken", method: http.MethodPatch, path: coop, body: map[string]string{"language": "fr"},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"language"}},
			badInput{name: "CooperativeLanguageEmpty", caller: callerAdmin, method: http.MethodPatch, path: coop, body: map[string]string{"language": ""},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"language"}},
			badInput{name: "CooperativeSettingNotChangeable", method: http.MethodPatch, path: coop, body: map[string]string{"name": "Koperasi Lain"},
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"name"}},
			badInput{name: "CooperativeCreatedInALanguageNotSpoken", caller: callerAdmin, path: "/v1/cooperatives",
				body:   map[string]string{"name": "Koperasi Baru", "currency": "IDR", "language": "fr"},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"language"}},
			badInput{name: "CooperativeCurrencyLowerCase", caller: callerAdmin, path: "/v1/cooperatives",
				body:   map[string]string{"name": "Koperasi Baru", "currency": "idr"},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"currency"}},
			badInput{name: "DepositAmountFraction", path: coop + "/members/" + w.mine.Members[0].ID + "/deposits",
				body:   map[string]string{"type": "sukarela", "amount": "12.345"},
				status: 422, problemType: "/problems/savings.invalid", fields: []string{"amount"}},
			badInput{name: "DepositAmountExponent", path: coop + "/members/" + w.mine.Members[0].ID + "/deposits",
				body:   map[string]string{"type": "wajib", "amount": "1e5"},
				status: 422, problemType: "/problems/savings.invalid", fields: []string{"amount"}},
			badInput{name: "TrancheBeyondCommitmentIs409", path: coop + "/facilities/" + w.mine.Facility.ID + "/tranches",
				body:   map[string]string{"amount": "60000000"},
				status: 409, problemType: "/problems/facility.over_commitment"},
			badInput{name: "LoanRepaymentOfZero", path: coop + "/loans/" + fx.params["loan"] + "/repayments",
				body:   map[string]string{"amount": "0"},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"amount"}},
			badInput{name: "LoanRepaymentByAnotherMember", path: coop + "/loans/" + fx.params["loan"] + "/repayments",
				body:   map[string]string{"amount": "20000", "member_id": w.mine.Members[1].ID},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"member_id"}},
			badInput{name: "GroupLoanWithoutShares", path: coop + "/loans",
				body: map[string]any{"group_id": w.mine.Group.ID, "facility_id": w.mine.Facility.ID, "principal": "1000000", "annual_rate": "12",
					"interest_method": "flat", "frequency": "weekly", "installments": 10},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"shares"}},
			badInput{name: "GroupLoanSharesShortOfThePrincipal", path: coop + "/loans",
				body: map[string]any{"group_id": w.mine.Group.ID, "facility_id": w.mine.Facility.ID, "principal": "1000000", "annual_rate": "12",
					"interest_method": "flat", "frequency": "weekly", "installments": 10,
					"shares": []map[string]string{{"member_id": w.mine.Members[0].ID, "principal": "500000"}, {"member_id": w.mine.Members[1].ID, "principal": "400000"}}},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"shares"}},
			badInput{name: "GroupLoanShareOfAnotherCooperativesMember", path: coop + "/loans",
				body: map[string]any{"group_id": w.mine.Group.ID, "facility_id": w.mine.Facility.ID, "principal": "1000000", "annual_rate": "12",
					"interest_method": "flat", "frequency": "weekly", "installments": 10,
					"shares": []map[string]string{{"member_id": w.mine.Members[0].ID, "principal": "500000"}, {"member_id": w.theirs.Members[0].ID, "principal": "500000"}}},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"shares[1].member_id"}},
			badInput{name: "GroupLoanShareTwice", path: coop + "/loans",
				body: map[string]any{"group_id": w.mine.Group.ID, "facility_id": w.mine.Facility.ID, "principal": "1000000", "annual_rate": "12",
					"interest_method": "flat", "frequency": "weekly", "installments": 10,
					"shares": []map[string]string{{"member_id": w.mine.Members[0].ID, "principal": "500000"}, {"member_id": w.mine.Members[0].ID, "principal": "500000"}}},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"shares[1].member_id"}},
			badInput{name: "MemberLoanWithShares", path: coop + "/loans",
				body: map[string]any{"member_id": w.mine.Members[0].ID, "facility_id": w.mine.Facility.ID, "principal": "1000000", "annual_rate": "12",
					"interest_method": "flat", "frequency": "weekly", "installments": 10,
					"shares": []map[string]string{{"member_id": w.mine.Members[0].ID, "principal": "1000000"}}},
				status: 422, problemType: "/problems/loan.invalid", fields: []string{"shares"}},
			badInput{name: "CoverRepaymentOfZero", path: coop + "/members/" + w.mine.Members[1].ID + "/cover-repayments",
				body:   map[string]string{"amount": "0"},
				status: 422, problemType: "/problems/cover.invalid", fields: []string{"amount"}},
			badInput{name: "CoverRepaymentBeyondWhatSheOwesIs409", path: coop + "/members/" + w.mine.Members[1].ID + "/cover-repayments",
				body:   map[string]string{"amount": "1000"},
				status: 409, problemType: "/problems/cover.overpayment"},
			badInput{name: "CooperativeCoversOwedToNoOne", method: http.MethodPatch, path: coop, body: map[string]string{"cover_debt_to": "bank"},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"cover_debt_to"}},
			badInput{name: "SecondApprovalOfAnUnknownAction", method: http.MethodPatch, path: coop, body: map[string]any{"second_approval": []string{"write_off", "deposit"}},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"second_approval"}},
			badInput{name: "SecondApprovalNamingAnActionTwice", method: http.MethodPatch, path: coop, body: map[string]any{"second_approval": []string{"reversal", "reversal"}},
				status: 422, problemType: "/problems/cooperative.invalid", fields: []string{"second_approval"}},
			badInput{name: "ApprovalOfNoSuchRequest", path: coop + "/approvals/" + w.mine.Cooperative.ID + "/approval",
				status: 404, problemType: "/problems/approval.not_found"},
			badInput{name: "ApprovalsOfAnUnknownStatus", method: http.MethodGet, path: coop + "/approvals?status=done",
				status: 422, problemType: "/problems/approval.status", fields: []string{"status"}},
			badInput{name: "MemberReplacedWithoutJoinedOn", method: http.MethodPut, path: coop + "/members/" + w.mine.Members[0].ID,
				body:   map[string]string{"group_id": w.mine.Group.ID, "name": "Rina Wati", "gender": "female", "business_type": "warung"},
				status: 422, problemType: "/problems/member.invalid", fields: []string{"joined_on"}},
			badInput{name: "DisbursementAmountIsUnknownField", path: coop + "/loans/" + fx.params["loan"] + "/disbursement",
				body:   map[string]string{"amount": "500000"},
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"amount"}},
			badInput{name: "WriteOffAmountIsUnknownField", path: coop + "/loans/" + fx.params["loan"] + "/write-off",
				body:   map[string]string{"amount": "500000"},
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"amount"}},
			badInput{name: "WriteOffViaIsUnknownField", path: coop + "/loans/" + fx.params["loan"] + "/write-off",
				body:   map[string]string{"via": "bank"},
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"via"}},
			badInput{name: "ExitAmountIsUnknownField", path: coop + "/members/" + w.mine.Members[1].ID + "/exit",
				body:   map[string]string{"amount": "30000"},
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"amount"}},
			badInput{name: "LoginWithoutPassword", caller: callerNone, path: "/v1/auth/login",
				body:   map[string]string{"login": w.mine.Logins["treasurer"]},
				status: 422, problemType: "/problems/login.invalid", fields: []string{"password"}},
			badInput{name: "PasswordChangeWithoutNewPassword", caller: callerNone, path: "/v1/auth/password",
				body:   map[string]string{"login": w.mine.Logins["member0"], "password": accountstest.Password},
				status: 422, problemType: "/problems/login.invalid", fields: []string{"new_password"}},
			badInput{name: "PasswordChangeWithoutAnything", caller: callerNone, path: "/v1/auth/password", body: map[string]string{},
				status: 422, problemType: "/problems/login.invalid", fields: []string{"login", "password", "new_password"}},
			badInput{name: "PasswordChangeTooShort", caller: callerNone, path: "/v1/auth/password",
				body:   map[string]string{"login": w.mine.Logins["member0"], "password": accountstest.Password, "new_password": "short"},
				status: 422, problemType: "/problems/password.invalid", fields: []string{"new_password"}},
			badInput{name: "PasswordChangeToTheSame", caller: callerNone, path: "/v1/auth/password",
				body:   map[string]string{"login": w.mine.Logins["member0"], "password": accountstest.Password, "new_password": accountstest.Password},
				status: 422, problemType: "/problems/password.invalid", fields: []string{"new_password"}},
			badInput{name: "PasswordChangeUnknownField", caller: callerNone, path: "/v1/auth/password",
				body:   map[string]string{"login": w.mine.Logins["member0"], "password": accountstest.Password, "new_password": "a password of her own", "pin": "1234"},
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{"pin"}},
			badInput{name: "PasswordResetOfNoSuchUser", path: "/v1/users/" + uuid.NewString() + "/password-reset",
				status: 404, problemType: "/problems/user.not_found"},
			badInput{name: "PasswordResetOfNotAnID", caller: callerAdmin, path: "/v1/users/not-an-id/password-reset",
				status: 404, problemType: "/problems/user.not_found"},
			badInput{name: "DeactivationOfHerOwnTreasurer", path: "/v1/users/" + w.mine.Approver.UserID + "/deactivation",
				status: 404, problemType: "/problems/user.not_found"},
			badInput{name: "DeactivationOfHerself", caller: callerAdmin, path: "/v1/users/" + w.admin.UserID + "/deactivation",
				status: 422, problemType: "/problems/user.self"},
			badInput{name: "ReactivationOfAnotherCooperativesMember", path: "/v1/users/" + w.theirs.MemberActor[0].UserID + "/reactivation",
				status: 404, problemType: "/problems/user.not_found"},
		)

		cases = append(cases, twoReadings(t, fx)...)

		books := map[string]accounts.Cooperative{"mine": w.mine.Cooperative, "theirs": w.theirs.Cooperative}
		// A treasurer's spreadsheets: each mistake named by row and column
		// (or the file, or the column), and nothing imported.
		for _, tc := range []struct {
			name, kind, query, contentType, body, problemType string
			fields                                            []string
		}{
			{"ImportMemberOfNoGroup", "members", "", "text/csv", "kelompok;nama;jenis_kelamin;tanggal_masuk\nTidak Ada;Rina;perempuan;06/01/2025\n",
				"/problems/import.invalid", []string{"rows[2].kelompok"}},
			{"ImportMemberJoinedInTheFuture", "members", "dry_run=true", "text/csv", "group,name,gender,joined_on\n" + w.mine.Group.Name + ",Rina,female,2999-01-01\n",
				"/problems/import.invalid", []string{"rows[2].joined_on"}},
			{"ImportUnknownColumn", "members", "", "text/csv", "kelompok;nama;jenis_kelamin;tanggal_masuk;warna\n" + w.mine.Group.Name + ";Rina;perempuan;06/01/2025;merah\n",
				"/problems/import.invalid", []string{"columns.warna"}},
			{"ImportMissingColumn", "opening-balances", "", "text/csv", "tanggal;akun;anggota\n05/01/2026;1100;\n",
				"/problems/import.invalid", []string{"columns.jumlah"}},
			{"ImportHeaderOnly", "members", "", "text/csv", "group,name,gender,joined_on\n", "/problems/import.unreadable", []string{"file"}},
			{"ImportNotAWorkbook", "loans", "", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "member,facility\n",
				"/problems/import.unreadable", []string{"file"}},
			{"ImportAmountBeyondTheCurrency", "opening-balances", "", "text/csv", "tanggal;akun;anggota;jumlah\n05/01/2026;1100;;1.000,55\n",
				"/problems/import.invalid", []string{"rows[2].jumlah"}},
			{"ImportBalanceOfALoanAccount", "opening-balances", "", "text/csv", "date,account,member,amount\n2026-01-05,1300,,1000\n",
				"/problems/import.invalid", []string{"rows[2].account"}},
			{"ImportLoanOfNoFacilityAndNoMethod", "loans", "", "text/csv",
				"member,facility,principal,annual_rate,method,frequency,installments,disbursed_on\n1,3300.F99,1000000,18,bunga,weekly,10,2026-01-05\n",
				"/problems/import.invalid", []string{"rows[2].facility", "rows[2].method"}},
			{"ImportAsJSON", "members", "", "application/json", `{"name":"Rina"}`, "/problems/import.invalid", []string{"Content-Type"}},
			{"ImportDryRunNotABoolean", "members", "dry_run=maybe", "text/csv", "group,name,gender,joined_on\n", "/problems/import.invalid", []string{"dry_run"}},
		} {
			path := coop + "/imports/" + tc.kind
			if tc.query != "" {
				path += "?" + tc.query
			}
			cases = append(cases, badInput{name: tc.name, path: path, body: []byte(tc.body), headers: []string{fiber.HeaderContentType, tc.contentType},
				status: 422, problemType: tc.problemType, fields: tc.fields})
		}
		cases = append(cases, badInput{name: "ImportTemplateAsPDF", method: http.MethodGet, path: coop + "/imports/members/template?format=pdf",
			status: 422, problemType: "/problems/request.format", fields: []string{"format"}})

		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if tc.caller == "" {
					tc.caller = callerTreasurer
				}
				if tc.method == "" {
					tc.method = http.MethodPost
				}
				if tc.path == "" {
					tc.path = entries
				}
				before := snapshot(t, db, books)
				resp, raw := w.call(tc.caller, tc.method, tc.path, tc.body, tc.headers...)
				p := wantProblem(t, resp, raw, tc.status, tc.problemType)
				var fields []string
				for _, e := range p.Errors {
					fields = append(fields, e.Field)
				}
				if diff := cmp.Diff(tc.fields, fields); diff != "" {
					t.Errorf("fields named (-want +got):\n%s\n%s", diff, raw)
				}
				if diff := cmp.Diff(before, snapshot(t, db, books)); diff != "" {
					t.Errorf("the database changed (-before +after):\n%s", diff)
				}
			})
		}

		t.Run("BodyOverOneMiBIs413", func(t *testing.T) {
			before := snapshot(t, db, books)
			resp, raw := oversizedPost(t, w.app, entries, w.tokens[callerTreasurer])
			wantProblem(t, resp, raw, http.StatusRequestEntityTooLarge, "about:blank")
			if diff := cmp.Diff(before, snapshot(t, db, books)); diff != "" {
				t.Errorf("the database changed (-before +after):\n%s", diff)
			}
		})
	})
}

// oversizedPost sends the head of a POST declaring a body one byte over
// the limit, over a real connection: app.Test reports an oversized body as
// its own error instead of returning the server's answer. The server
// refuses on the declared length alone, so no body follows.
func oversizedPost(t *testing.T, app *fiber.App, path, token string) (*http.Response, []byte) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	defer func() {
		if err := app.Shutdown(); err != nil {
			t.Error(err)
		}
		if err := <-served; err != nil {
			t.Error(err)
		}
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const overLimit = 1<<20 + 1
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: lumbung\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
		path, token, overLimit)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, raw
}

func TestListFilterThatIsNotAnIDMatchesNothing(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		coop := "/v1/cooperatives/" + w.mine.Cooperative.ID
		for _, path := range []string{coop + "/members?group_id=kelompok-1", coop + "/loans?member_id=42", coop + "/loans?group_id=mawar"} {
			resp, raw := w.call(callerTreasurer, http.MethodGet, path, nil)
			if resp.StatusCode != http.StatusOK || string(raw) != `{"items":[]}` {
				t.Errorf("GET %s: got %d %s, want 200 and no items", path, resp.StatusCode, raw)
			}
		}
	})
}

// productName is the name of the fixture's product.
func productName(t *testing.T, fx *fixture) string {
	t.Helper()
	w := fx.w.mine
	p, err := w.Lending.FindLoanProduct(context.Background(), w.Treasurer, w.Cooperative.ID, fx.params["product"])
	if err != nil {
		t.Fatal(err)
	}
	return p.Name
}

// twoReadings are, for every route that moves money or sets an amount, a
// body otherwise good enough to be recorded, with a name a case-blind
// reader would take (the "AMOUNT" the ledger must not post) and with a name
// given twice, which a reader keeping the first and one keeping the last
// would read apart. Both are refused, naming the field.
func twoReadings(t *testing.T, fx *fixture) []badInput {
	t.Helper()
	w := fx.w.mine
	coop := "/v1/cooperatives/" + w.Cooperative.ID
	member := coop + "/members/" + w.Members[0].ID
	loan := coop + "/loans/" + fx.params["loan"]
	lineOf := func(i int, rest string) string {
		return fmt.Sprintf(`{"member_id":%q,"attended":true%s}`, w.Members[i].ID, rest)
	}
	posting := func(side, rest string) string {
		account := accounts.CodeCash
		if side == "credit" {
			account = accounts.CodeGrants
		}
		return fmt.Sprintf(`{"account":%q,"side":%q%s}`, account, side, rest)
	}
	year := fx.nextYearToClose(t)
	routes := []struct {
		name, caller, method, path string
		folded, foldedField        string
		repeated, repeatedField    string
	}{
		{"Deposit", "", "", member + "/deposits",
			`{"type":"sukarela","AMOUNT":"1000"}`, "AMOUNT",
			`{"type":"sukarela","amount":"1000","amount":"2000"}`, "amount"},
		{"Withdrawal", "", "", member + "/withdrawals",
			`{"TYPE":"sukarela","amount":"1000"}`, "TYPE",
			`{"type":"sukarela","amount":"1000","type":"wajib"}`, "type"},
		{"Exit", "", "", coop + "/members/" + fx.saver(t).ID + "/exit",
			`{"Via":"bank"}`, "Via",
			`{"via":"cash","via":"bank"}`, "via"},
		{"Tranche", "", "", coop + "/facilities/" + w.Facility.ID + "/tranches",
			`{"Amount":"1000000","via":"bank"}`, "Amount",
			`{"amount":"1000000","via":"bank","amount":"9000000"}`, "amount"},
		{"FacilityRepayment", "", "", coop + "/facilities/" + fx.loanFacility.ID + "/repayments",
			`{"principal":"100000","INTEREST":"1500"}`, "INTEREST",
			`{"principal":"100000","interest":"1500","principal":"1"}`, "principal"},
		{"Expense", "", "", coop + "/expenses",
			`{"category":"transport","aMOUNT":"25000"}`, "aMOUNT",
			`{"category":"transport","amount":"25000","amount":"250000"}`, "amount"},
		{"Income", "", "", coop + "/incomes",
			`{"Category":"donation","amount":"50000"}`, "Category",
			`{"category":"donation","amount":"50000","category":"interest"}`, "category"},
		{"Entry", "", "", coop + "/entries",
			`{"kind":"capital.grant","postings":[` + posting("debit", `,"AMOUNT":"1000"`) + `,` + posting("credit", `,"amount":"1000"`) + `]}`,
			"postings[0].AMOUNT",
			`{"kind":"capital.grant","postings":[` + posting("debit", `,"amount":"1000"`) + `,` + posting("credit", `,"amount":"1000","amount":"9"`) + `]}`,
			"postings[1].amount"},
		{"Reversal", "", "", coop + "/entries/" + fx.params["entry"] + "/reversal",
			`{"Memo":"typed twice"}`, "Memo",
			`{"memo":"typed twice","memo":"typed once"}`, "memo"},
		{"SavingsRules", "", http.MethodPut, coop + "/savings-rules",
			`{"pokok":"100000","Wajib":"10000","wajib_frequency":"monthly"}`, "Wajib",
			`{"pokok":"100000","wajib":"10000","wajib_frequency":"monthly","pokok":"1"}`, "pokok"},
		{"LoanApplication", "", "", coop + "/loans",
			fmt.Sprintf(`{"member_id":%q,"facility_id":%q,"PRINCIPAL":"300000","annual_rate":"18","interest_method":"flat","frequency":"monthly","installments":3}`,
				w.Members[1].ID, w.Facility.ID), "PRINCIPAL",
			fmt.Sprintf(`{"member_id":%q,"facility_id":%q,"principal":"300000","annual_rate":"18","interest_method":"flat","frequency":"monthly","installments":3,"installments":30}`,
				w.Members[1].ID, w.Facility.ID), "installments"},
		{"Disbursement", "", "", coop + "/loans/" + fx.loan(t, lending.LoanApproved).ID + "/disbursement",
			`{"VIA":"bank"}`, "VIA",
			`{"via":"bank","via":"cash"}`, "via"},
		{"LoanRepayment", "", "", loan + "/repayments",
			`{"Amount":"20000"}`, "Amount",
			`{"amount":"20000","amount":"200000"}`, "amount"},
		{"CoverRepayment", "", "", member + "/cover-repayments",
			`{"AMOUNT":"1000"}`, "AMOUNT",
			`{"amount":"1000","amount":"2000"}`, "amount"},
		{"Penalties", "", "", loan + "/penalties",
			`{"Date":"` + fx.pastDay().String() + `"}`, "Date",
			`{"date":"` + fx.pastDay().String() + `","date":"` + fx.pastDay().String() + `"}`, "date"},
		{"WriteOff", "", "", loan + "/write-off",
			`{"MEMO":"moved away"}`, "MEMO",
			`{"memo":"moved away","memo":"died"}`, "memo"},
		{"CollectionSheet", "", "", coop + "/groups/" + w.Group.ID + "/collection-sheet",
			`{"date":"` + fx.pastDay().String() + `","lines":[` + lineOf(0, `,"Sukarela":"2000"`) + `]}`, "lines[0].Sukarela",
			`{"date":"` + fx.pastDay().String() + `","lines":[` + lineOf(0, `,"sukarela":"2000"`) + `,` + lineOf(1, `,"sukarela":"2000","sukarela":"20000"`) + `]}`,
			"lines[1].sukarela"},
		{"YearEnd", "", "", coop + "/year-ends",
			fmt.Sprintf(`{"year":%d,"shares":{"reserve":"40","Capital":"30","participation":"30"}}`, year), "shares.Capital",
			fmt.Sprintf(`{"year":%d,"shares":{"reserve":"40","capital":"30","participation":"30","reserve":"10"}}`, year), "shares.reserve"},
		{"LoanProduct", "", "", coop + "/loan-products",
			`{"name":"Pinjaman Dua Bacaan","annual_rate":"12","interest_method":"flat","frequency":"monthly","installments":4,"Principal_Max":"2000000"}`,
			"Principal_Max",
			`{"name":"Pinjaman Dua Bacaan","annual_rate":"12","interest_method":"flat","frequency":"monthly","installments":4,"principal_max":"2000000","principal_max":"9"}`,
			"principal_max"},
		{"Facility", callerAdmin, "", "/v1/partners/" + w.Partner.ID + "/facilities",
			fmt.Sprintf(`{"cooperative_id":%q,"kind":"loan","COMMITTED":"25000000"}`, w.Cooperative.ID), "COMMITTED",
			fmt.Sprintf(`{"cooperative_id":%q,"kind":"loan","committed":"25000000","committed":"1"}`, w.Cooperative.ID), "committed"},
	}
	var cases []badInput
	for _, r := range routes {
		cases = append(cases,
			badInput{name: r.name + "NameInAnotherCase", caller: r.caller, method: r.method, path: r.path, body: []byte(r.folded),
				status: 422, problemType: "/problems/request.unknown_field", fields: []string{r.foldedField}},
			badInput{name: r.name + "NameGivenTwice", caller: r.caller, method: r.method, path: r.path, body: []byte(r.repeated),
				status: 422, problemType: "/problems/request.duplicate_field", fields: []string{r.repeatedField}})
	}
	return cases
}
