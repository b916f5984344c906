package api_test

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/shopspring/decimal"
)

// loans is a loan's life: a preview, an application a second treasurer
// approves, disbursement, a repayment, penalties, a write-off; and a group's
// application that is turned down.
func (x *exchange) loans() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	const approver = "approver"
	w.tokens[approver] = accessToken(t, signIn(t, w.mine.Identity, w.mine.Logins["approver"]))
	today := time.Now().UTC().Format(time.DateOnly)
	var preview struct {
		Installments []struct{} `json:"installments"`
	}
	x.decode(request{caller: callerMember, method: http.MethodPost, route: "/v1/schedules/preview",
		body: map[string]any{"principal": "1000000", "currency": "IDR", "annual_rate": "18", "installments": 12, "frequency": "monthly",
			"interest_method": "declining", "installment_multiple": "500", "disbursed_on": today}}, http.StatusOK, &preview)
	if len(preview.Installments) != 12 {
		t.Errorf("preview: %d installments, want 12", len(preview.Installments))
	}

	type loanJSON struct {
		ID       string          `json:"id"`
		Status   string          `json:"status"`
		AsOf     *string         `json:"as_of"`
		Position json.RawMessage `json:"position"`
	}
	var loan loanJSON
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		body: map[string]any{"member_id": m0, "facility_id": w.mine.Facility.ID, "principal": "2000000", "annual_rate": "18",
			"interest_method": "flat", "frequency": "weekly", "installments": 10, "installment_multiple": "500", "fee": "20000",
			"penalty": "5000", "purpose": "modal warung"}}, http.StatusCreated, &loan)
	if loan.AsOf != nil {
		t.Errorf("an application: as_of %q, want none: it is computed for no date", *loan.AsOf)
	}
	step := func(caller, action string, want int) loanJSON {
		var out loanJSON
		x.decode(request{caller: caller, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/" + action,
			params: []string{coop, loan.ID}}, want, &out)
		return out
	}
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/approval",
		params: []string{coop, loan.ID}}, http.StatusForbidden), "/problems/loan.self_approval")
	if got := step(approver, "approval", http.StatusOK); got.Status != "approved" {
		t.Errorf("approved loan: status %q", got.Status)
	}
	var disbursed loanJSON
	disburse := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/disbursement",
		params: []string{coop, loan.ID}, body: map[string]string{"memo": "Pencairan", "via": "cash"},
		headers: []string{"Idempotency-Key", "cair-" + loan.ID}}
	x.decode(disburse, http.StatusOK, &disbursed)
	if disbursed.Status != "disbursed" || string(disbursed.Position) == "null" || disbursed.AsOf == nil || *disbursed.AsOf != today {
		t.Errorf("disbursed loan: status %q, position %s, as_of %v; want disbursed with a position as of %s",
			disbursed.Status, disbursed.Position, disbursed.AsOf, today)
	}
	decodeJSON(t, x.retryRecordsNothing(disburse), &disbursed)
	if disbursed.Status != "disbursed" {
		t.Errorf("a retried disbursement: status %q, want disbursed", disbursed.Status)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans", params: []string{coop}}, http.StatusOK)
	var hers listJSON[idJSON]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		query: "member_id=" + m0 + "&status=disbursed"}, http.StatusOK, &hers)
	if len(hers.Items) != 1 || hers.Items[0].ID != loan.ID {
		t.Errorf("her disbursed loans: %+v, want %s", hers.Items, loan.ID)
	}
	get := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans/:loan", params: []string{coop, loan.ID}}
	x.do(get, http.StatusOK)
	get.caller = callerOtherMember
	x.wantProblem(x.problemOf(get, http.StatusNotFound), "/problems/loan.not_found")

	var repaid struct {
		Allocation struct{ Penalty, Interest, Principal string } `json:"allocation"`
	}
	decodeJSON(t, x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/repayments",
		params: []string{coop, loan.ID}, body: map[string]string{"amount": "50000"}}), &repaid)
	if a := repaid.Allocation; a.Penalty != "0" || a.Interest != "0" || a.Principal != "50000" {
		t.Errorf("a repayment before anything is due: allocation %+v, want all principal", a)
	}
	step(callerTreasurer, "penalties", http.StatusOK)
	writeOff := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/write-off",
		params: []string{coop, loan.ID}, body: map[string]string{"memo": "Pindah tanpa kabar"}, headers: []string{"Idempotency-Key", "hapus-" + loan.ID}}
	var written loanJSON
	x.decode(writeOff, http.StatusOK, &written)
	if written.Status != "written_off" {
		t.Errorf("written-off loan: status %q", written.Status)
	}
	decodeJSON(t, x.retryRecordsNothing(writeOff), &written)
	if written.Status != "written_off" {
		t.Errorf("a retried write-off: status %q, want written_off", written.Status)
	}

	// Her loan's statement, over the last three months by default: lent,
	// 50,000 repaid, the rest written off, nothing owed at the end; each
	// line's principal moves what is owed after it.
	var st struct {
		Borrower string `json:"borrower"`
		Opening  string `json:"opening"`
		Closing  string `json:"closing"`
		Lines    []struct {
			Kind        string `json:"kind"`
			Principal   string `json:"principal"`
			Outstanding string `json:"outstanding"`
		} `json:"lines"`
	}
	statement := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans/:loan/statement",
		params: []string{coop, loan.ID}}
	x.decode(statement, http.StatusOK, &st)
	owed := decimal.RequireFromString(st.Opening)
	for _, l := range st.Lines {
		owed = owed.Add(decimal.RequireFromString(l.Principal))
		if !owed.Equal(decimal.RequireFromString(l.Outstanding)) {
			t.Errorf("%s: owed after %s, want %s", l.Kind, l.Outstanding, owed)
		}
	}
	if st.Opening != "0" || st.Closing != "0" || len(st.Lines) < 3 || st.Lines[1].Principal != "-50000" {
		t.Errorf("her loan statement: opening %s, closing %s, lines %+v; want lent, 50000 repaid, written off, 0 owed",
			st.Opening, st.Closing, st.Lines)
	}
	statement.caller = callerOtherMember
	x.wantProblem(x.problemOf(statement, http.StatusNotFound), "/problems/loan.not_found")

	var group loanJSON
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		body: map[string]any{"group_id": w.mine.Group.ID, "facility_id": x.loanFacility, "principal": "1000000", "annual_rate": "12",
			"interest_method": "equal_principal", "frequency": "monthly", "installments": 4, "grace_periods": 1,
			"shares": []map[string]string{{"member_id": w.mine.Members[0].ID, "principal": "1000000"}}}}, http.StatusCreated, &group)
	loan = group
	if got := step(approver, "rejection", http.StatusOK); got.Status != "rejected" {
		t.Errorf("rejected loan: status %q", got.Status)
	}
}
