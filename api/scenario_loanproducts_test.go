package api_test

import (
	"net/http"
)

// loanProducts defines a product, lets a member read what is on offer,
// applies for a loan under it and retires it.
func (x *exchange) loanProducts() {
	t, w := x.t, x.w
	coop := w.mine.Cooperative.ID
	var p struct {
		ID                  string  `json:"id"`
		EffectiveAnnualRate *string `json:"effective_annual_rate"`
		Retired             bool    `json:"retired"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loan-products", params: []string{coop},
		body: productBody("Pinjaman Usaha Bulanan")}, http.StatusCreated, &p)
	if p.EffectiveAnnualRate == nil {
		t.Error("a flat product shows no effective annual rate")
	}
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/loan-products", params: []string{coop}},
		http.StatusOK, &list)
	if len(list.Items) == 0 {
		t.Error("the member sees no product on offer")
	}
	x.do(request{caller: callerOtherMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/loan-products/:product",
		params: []string{coop, p.ID}}, http.StatusOK)

	var loan struct {
		ProductID *string `json:"product_id"`
		Fee       string  `json:"fee"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		body: map[string]string{"member_id": w.mine.Members[0].ID, "facility_id": w.mine.Facility.ID, "product_id": p.ID,
			"principal": "1500000", "purpose": "mesin jahit"}}, http.StatusCreated, &loan)
	if loan.ProductID == nil || *loan.ProductID != p.ID || loan.Fee != "15000" {
		t.Errorf("a loan under the product: product %v, fee %s; want %s and 1 %% of 1,500,000", loan.ProductID, loan.Fee, p.ID)
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loan-products/:product/retirement",
		params: []string{coop, p.ID}}, http.StatusOK, &p)
	if !p.Retired {
		t.Error("the product is not retired")
	}
}
