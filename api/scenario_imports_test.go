package api_test

import (
	"net/http"
	"strings"
	"time"
)

// imports: the treasurer brings in the members and opening balances she
// kept in Excel. The dry run names each mistake by row and column in her
// language; the corrected file posts; the same file again changes nothing.
func (x *exchange) imports() {
	t, w := x.t, x.w
	coop := w.mine.Cooperative.ID
	send := func(kind, query, contentType, body string, headers ...string) request {
		return request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/imports/:kind",
			params: []string{coop, kind}, query: query, body: []byte(body), headers: append([]string{"Content-Type", contentType}, headers...)}
	}
	group := w.mine.Group.Name
	members := "kelompok;nama;jenis_kelamin;tanggal_masuk;jenis_usaha;telepon\r\n" +
		group + ";Ibu Sri Wahyuni;perempuan;06/01/2025;warung;0812 1111 2222\r\n"

	p := x.problemOf(send("members", "dry_run=true", "text/csv", members+"Kelompok Tidak Ada;Ibu Yanti;perempuan;06/01/2025;;\r\n"+
		group+";Ibu Nur;perempuan;31/02/2025;;\r\n"), http.StatusUnprocessableEntity)
	x.wantProblem(p, "/problems/import.invalid")
	got := map[string]string{}
	for _, e := range p.Errors {
		got[e.Field] = e.Reason
	}
	if got["rows[3].kelompok"] != "kelompok ini tidak ada di koperasi ini" || !strings.HasPrefix(got["rows[4].tanggal_masuk"], "tanggal seperti") || len(got) != 2 {
		t.Errorf("the dry run named %v, want row 3's group and row 4's date, in Indonesian", got)
	}

	var res struct {
		ID       string `json:"id"`
		Created  int    `json:"created"`
		Entries  int    `json:"entries"`
		DryRun   bool   `json:"dry_run"`
		Replayed bool   `json:"replayed"`
	}
	x.decode(send("members", "dry_run=true", "text/csv; charset=utf-8", members), http.StatusOK, &res)
	if !res.DryRun || res.Created != 1 || res.ID != "" {
		t.Errorf("the dry run answered %+v", res)
	}
	x.decode(send("members", "", "text/csv", members), http.StatusCreated, &res)
	first := res.ID
	x.decode(send("members", "", "text/csv", members), http.StatusOK, &res)
	if !res.Replayed || res.ID != first {
		t.Errorf("the same file again answered %+v, want the replay of %s", res, first)
	}

	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format("02/01/2006")
	balances := "tanggal;akun;anggota;jumlah\r\n" + yesterday + ";sukarela;Ibu Sri Wahyuni;125.500\r\n" + yesterday + ";1200;;2.000.000\r\n"
	x.decode(send("opening-balances", "", "text/csv", balances), http.StatusCreated, &res)
	if res.Entries != 2 {
		t.Errorf("opening balances answered %+v, want 2 entries", res)
	}
	p = x.problemOf(send("opening-balances", "", "application/json", `{"amount":"1"}`, "Accept-Language", "en"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "Content-Type" || !strings.HasPrefix(p.Errors[0].Reason, "text/csv or") {
		t.Errorf("a JSON body: %+v, want Content-Type named", p.Errors)
	}

	for _, q := range []string{"format=csv&lang=id", "format=xlsx&lang=en"} {
		resp, body := x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/imports/:kind/template",
			params: []string{coop, "opening-balances"}, query: q}, http.StatusOK)
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || len(body) == 0 {
			t.Errorf("template %s: Content-Disposition %q, %d bytes", q, cd, len(body))
		}
		if strings.HasSuffix(q, "lang=id") && string(body) != "tanggal;akun;anggota;jumlah\n" {
			t.Errorf("the Indonesian opening balances template is %q", body)
		}
	}
	x.wantProblem(x.problemOf(request{caller: callerSupervisor, method: http.MethodGet, route: "/v1/cooperatives/:coop/imports/:kind/template",
		params: []string{coop, "members"}}, http.StatusForbidden), "/problems/auth.forbidden")
	x.wantProblem(x.problemOf(send("savings", "", "text/csv", members), http.StatusNotFound), "/problems/import.kind_not_found")
}
