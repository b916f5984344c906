package api_test

import (
	"net/http"
)

type portfolioTotalWire struct {
	Key          string  `json:"key"`
	Outstanding  string  `json:"outstanding"`
	SelfReliance *string `json:"self_reliance"`
}

// funders reads the portfolio as funders do: the partner its own with a
// monthly series and by cooperative, the admin the whole platform's by
// partnership model.
func (x *exchange) funders() {
	t, w := x.t, x.w
	var pp struct {
		Totals        []portfolioTotalWire `json:"totals"`
		ByCooperative []portfolioTotalWire `json:"by_cooperative"`
		Series        []struct {
			Month  string               `json:"month"`
			Totals []portfolioTotalWire `json:"totals"`
		} `json:"series"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "series=monthly&from=2026-01&to=2026-03"}, http.StatusOK, &pp)
	if len(pp.Series) != 3 || pp.Series[0].Month != "2026-01" || pp.Series[2].Month != "2026-03" {
		t.Errorf("series: %+v, want January to March 2026", pp.Series)
	}
	// An empty breakdown would pass the loop below: it must name some cooperative.
	if len(pp.ByCooperative) == 0 {
		t.Error("the partner's portfolio has no cooperative, want the one it funds")
	}
	for _, c := range pp.ByCooperative {
		if c.Key != w.mine.Cooperative.ID {
			t.Errorf("the partner's portfolio has cooperative %s, which it does not fund", c.Key)
		}
	}

	x.download(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "series=monthly"}, "pdf", "")
	x.download(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "series=monthly"}, "csv", "&delimiter=semicolon&decimal=comma")

	var platform struct {
		ByModel []portfolioTotalWire `json:"by_model"`
	}
	x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/portfolio", query: "series=monthly"}, http.StatusOK, &platform)
	if len(platform.ByModel) == 0 {
		t.Error("the platform portfolio has no partnership model")
	}

	x.wantProblem(x.problemOf(request{caller: callerPartner, method: http.MethodGet, route: "/v1/portfolio"}, http.StatusForbidden),
		"/problems/auth.forbidden")
	x.wantProblem(x.problemOf(request{caller: callerOtherPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "series=monthly"}, http.StatusNotFound), "/problems/partner.not_found")
	p := x.problemOf(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/portfolio", query: "from=2026-01"},
		http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "from" {
		t.Errorf("from without series: %s %+v, want the error on from", p.Type, p.Errors)
	}
}
