package api_test

import (
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// downloads are the reports as files: the treasurer's CSVs for her
// spreadsheet, a member's statement and the financial statements as PDF,
// the partner's portfolio as both.
func (x *exchange) downloads() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	today := time.Now().UTC().Format(time.DateOnly)
	period := "from=2025-01-01&to=" + today
	report := func(caller, route, query string, params ...string) request {
		return request{caller: caller, method: http.MethodGet, route: route, params: params, query: query}
	}
	statement := report(callerMember, "/v1/cooperatives/:coop/members/:member/statement", "type=sukarela&"+period, coop, m0)
	books := func(route, query string) request {
		return report(callerTreasurer, "/v1/cooperatives/:coop/"+route, query, coop)
	}
	portfolio := report(callerPartner, "/v1/partners/:partner/portfolio", "", w.mine.Partner.ID)

	for _, r := range []request{statement, books("cash-book", period), books("cash-book", period+"&via=bank"),
		books("balance-sheet", ""), books("income-statement", period), books("loan-portfolio", ""),
		books("health-ratios", ""), books("due-list", ""),
		books("trial-balance", ""), portfolio} {
		x.download(r, "csv", "")
	}
	sheet := x.download(books("balance-sheet", "as_of="+today), "csv", "&delimiter=semicolon&decimal=comma")
	if want := "\uFEFFBagian;Kode;Nama;Jumlah\r\n"; !strings.HasPrefix(string(sheet), want) { // Indonesian unless asked otherwise
		t.Errorf("a balance sheet for an Indonesian spreadsheet starts %.60q, want %q", sheet, want)
	}
	for _, r := range []request{statement, books("balance-sheet", ""), books("income-statement", period), portfolio,
		books("cash-book", period), books("cash-book", period+"&via=bank"), books("due-list", "")} {
		x.download(r, "pdf", "")
	}

	p := x.problemOf(books("trial-balance", "format=pdf"), http.StatusUnprocessableEntity)
	if p.Type != "/problems/request.format" || len(p.Errors) != 1 || p.Errors[0].Field != "format" {
		t.Errorf("a trial balance as PDF: %s %+v, want request.format naming format", p.Type, p.Errors)
	}
	p = x.problemOf(books("balance-sheet", "format=csv&decimal=comma"), http.StatusUnprocessableEntity)
	if p.Type != "/problems/request.decimal" || len(p.Errors) != 1 || p.Errors[0].Field != "decimal" {
		t.Errorf("a decimal comma between comma-separated cells: %s %+v, want request.decimal naming decimal", p.Type, p.Errors)
	}
	statement.caller, statement.query = callerOtherMember, statement.query+"&format=pdf"
	x.wantProblem(x.problemOf(statement, http.StatusNotFound), "/problems/member.not_found")
}

// download asks for r's report as a file in format ("csv" or "pdf"), with
// the extra query given, and checks that a file came: the media type asked
// for, to be saved under a name with the format's extension.
func (x *exchange) download(r request, format, extra string) []byte {
	x.t.Helper()
	if r.query != "" {
		r.query += "&"
	}
	r.query += "format=" + format + extra
	resp, body := x.do(r, http.StatusOK)
	want := map[string]string{"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}[format]
	if got := resp.Header.Get(fiber.HeaderContentType); got != want {
		x.t.Errorf("%s?%s: Content-Type %q, want %q", r.route, r.query, got, want)
	}
	disposition := resp.Header.Get(fiber.HeaderContentDisposition)
	if !strings.HasPrefix(disposition, `attachment; filename="`) || !strings.HasSuffix(disposition, "."+format+`"`) {
		x.t.Errorf("%s?%s: Content-Disposition %q, want an attachment named *.%s", r.route, r.query, disposition, format)
	}
	return body
}
