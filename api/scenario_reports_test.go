package api_test

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
)

// statementJSON is the part of an account statement the scenario checks.
type statementJSON struct {
	Account struct {
		Name string `json:"name"`
	} `json:"account"`
	Opening string `json:"opening"`
	Lines   []struct {
		Balance string `json:"balance"`
	} `json:"lines"`
	Closing string `json:"closing"`
}

// reports is the month's end: a member's statement, her group's summary, the
// treasurer's financial statements, cash book and loan portfolio, and the
// partners' portfolios.
func (x *exchange) reports() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	today := time.Now().UTC().Format(time.DateOnly)
	period := "from=2025-01-01&to=" + today

	statement := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/statement",
		params: []string{coop, m0}, query: "type=sukarela&" + period}
	var st statementJSON
	x.decode(statement, http.StatusOK, &st)
	var savings struct {
		Balances map[string]string `json:"balances"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/savings",
		params: []string{coop, m0}}, http.StatusOK, &savings)
	if st.Opening != "0" || len(st.Lines) == 0 || st.Lines[len(st.Lines)-1].Balance != st.Closing || st.Closing != savings.Balances["sukarela"] {
		t.Errorf("her sukarela statement: opening %s, %d lines, closing %s; want 0, a line per movement, and her balance %s",
			st.Opening, len(st.Lines), st.Closing, savings.Balances["sukarela"])
	}
	statement.caller = callerOtherMember
	x.wantProblem(x.problemOf(statement, http.StatusNotFound), "/problems/member.not_found")
	// Asked for nothing, she gets all her savings over the last three
	// months, pokok, wajib and sukarela in that order.
	statement.caller, statement.query = callerMember, ""
	var all struct {
		From       string          `json:"from"`
		To         string          `json:"to"`
		Statements []statementJSON `json:"statements"`
	}
	x.decode(statement, http.StatusOK, &all)
	threeMonths := time.Now().UTC().AddDate(0, -3, 1).Format(time.DateOnly)
	if all.From != threeMonths || all.To != today || len(all.Statements) != 3 {
		t.Fatalf("her statement by default: %s to %s, %d statements; want %s to %s and three", all.From, all.To, len(all.Statements), threeMonths, today)
	}
	for i, kind := range []string{"pokok", "wajib", "sukarela"} {
		got := all.Statements[i]
		if got.Closing != savings.Balances[kind] || !strings.HasPrefix(got.Account.Name, "Simpanan "+kind) {
			t.Errorf("statement %d: %s closing %s; want her %s, %s", i, got.Account.Name, got.Closing, kind, savings.Balances[kind])
		}
	}

	var summary struct {
		Members int `json:"members"`
		Savings struct {
			Sukarela string `json:"sukarela"`
		} `json:"savings"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/summary",
		params: []string{coop, w.mine.Group.ID}}, http.StatusOK, &summary)
	if summary.Members != 1 || summary.Savings.Sukarela != savings.Balances["sukarela"] {
		t.Errorf("her group's summary: %d members, sukarela %s; want 1 (the other left) and her %s",
			summary.Members, summary.Savings.Sukarela, savings.Balances["sukarela"])
	}

	books := func(route, query string, v any) {
		x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/" + route,
			params: []string{coop}, query: query}, http.StatusOK, v)
	}
	type section struct {
		Total string `json:"total"`
	}
	var bs struct {
		Assets section `json:"assets"`
		Total  string  `json:"total_liabilities_and_equity"`
	}
	books("balance-sheet", "as_of="+today, &bs)
	if bs.Assets.Total != bs.Total {
		t.Errorf("balance sheet: assets %s, liabilities and equity %s", bs.Assets.Total, bs.Total)
	}
	var is struct {
		Income  section `json:"income"`
		Surplus string  `json:"surplus"`
	}
	books("income-statement", period, &is)
	if is.Income.Total == "0" {
		t.Errorf("income statement: no income, though loan fees and bank interest were recorded")
	}
	var cash statementJSON
	books("cash-book", period+"&via=bank", &cash)
	var bank struct {
		Balance string `json:"balance"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts/:code",
		params: []string{coop, accounts.CodeBank}}, http.StatusOK, &bank)
	if cash.Closing != bank.Balance {
		t.Errorf("bank book: closing %s, want the bank balance %s", cash.Closing, bank.Balance)
	}
	books("cash-book", period, &cash)
	var portfolio struct {
		WrittenOff string `json:"written_off"`
		Ageing     []struct {
			Band string `json:"band"`
		} `json:"ageing"`
	}
	books("loan-portfolio", "", &portfolio)
	var bands []string
	for _, a := range portfolio.Ageing {
		bands = append(bands, a.Band)
	}
	if portfolio.WrittenOff == "0" || !slices.Equal(bands, lending.AgeingBands) {
		t.Errorf("loan portfolio: written off %s, bands %v; want the written-off loan and bands %v", portfolio.WrittenOff, bands, lending.AgeingBands)
	}

	var pp struct {
		Facilities []struct {
			LoansFunded int `json:"loans_funded"`
		} `json:"facilities"`
		Totals []struct {
			Currency string `json:"currency"`
		} `json:"totals"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}}, http.StatusOK, &pp)
	if len(pp.Facilities) != 1 || pp.Facilities[0].LoansFunded != 1 || len(pp.Totals) != 1 || pp.Totals[0].Currency != "IDR" {
		t.Errorf("the partner's portfolio: %+v, totals %+v; want one facility funding one loan, totals in IDR", pp.Facilities, pp.Totals)
	}
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "as_of=" + today}, http.StatusOK)
	x.wantProblem(x.problemOf(request{caller: callerOtherPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}}, http.StatusNotFound), "/problems/partner.not_found")
}
