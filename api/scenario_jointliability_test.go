package api_test

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestJointLiabilityYear is a year of a group under joint liability
// (tanggung renteng) through the API alone, on both stores: a group loan
// with four members' shares, Siti missing weeks and covered by two
// co-members (and once, after the cooperative changes its setting, by the
// group's fund), her later repayment of the covers, the figures before and
// after cover, the year end's jasa anggota, her own view, and verify clean.
// Every figure is checked against arithmetic done here, from the group's
// schedule as the API shows it. TestOpenAPI runs the same year inside the
// scenario, so that its operations count as called.
func TestJointLiabilityYear(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		x := &exchange{t: t, w: newWorld(t, db), covered: map[string]bool{}}
		x.jointLiabilityYear(db)
	})
}

// jlShare is a member of the year's group loan, with her share.
type jlShare struct {
	id, name  string
	principal int64
}

// jlInstallment is one installment as the API shows it.
type jlInstallment struct {
	Number    int    `json:"number"`
	DueDate   string `json:"due_date"`
	Principal string `json:"principal"`
	Interest  string `json:"interest"`
	Total     string `json:"total"`
}

type jlLoan struct {
	ID       string          `json:"id"`
	Number   int             `json:"number"`
	Status   string          `json:"status"`
	Schedule []jlInstallment `json:"schedule"`
	Shares   []struct {
		MemberID  string          `json:"member_id"`
		Principal string          `json:"principal"`
		Schedule  []jlInstallment `json:"schedule"`
		Due       string          `json:"due"`
		Paid      string          `json:"paid"`
		Covered   string          `json:"covered"`
		Arrears   string          `json:"arrears"`
	} `json:"shares"`
}

type jlCovers struct {
	Items []struct {
		Covering struct {
			MemberID string `json:"member_id"`
		} `json:"covering"`
		Amount string  `json:"amount"`
		DebtTo *string `json:"debt_to"`
		Repaid string  `json:"repaid"`
		Owed   string  `json:"owed"`
	} `json:"items"`
	Owed      string `json:"owed"`
	Owes      string `json:"owes"`
	OwedToHer string `json:"owed_to_her"`
	Received  string `json:"received"`
}

type jlPortfolio struct {
	Outstanding        string     `json:"outstanding"`
	Arrears            string     `json:"arrears"`
	PAR30              atRiskJSON `json:"par30"`
	PAR30AfterCover    atRiskJSON `json:"par30_after_cover"`
	ArrearsBeforeCover atRiskJSON `json:"arrears_before_cover"`
	CoverDebt          string     `json:"cover_debt_outstanding"`
	CoveredInPeriod    string     `json:"covered_in_period"`
	CoveredSince       string     `json:"covered_since"`
}

type atRiskJSON struct {
	Outstanding string `json:"outstanding"`
	Ratio       string `json:"ratio"`
}

func minor(t *testing.T, s string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

// splitByRule is the README's rounding rule for shares, done here apart
// from the code: each member's running part through an installment is the
// group's running amount times her share over the principal, rounded
// down; the units left over go one each to the largest shares, ties to
// the lower member ID; her installment is the difference of her running
// parts. It returns parts[member][installment] = {principal, interest}.
func splitByRule(group []jlInstallment, principal int64, shares []jlShare, t *testing.T) map[string][][2]int64 {
	order := append([]jlShare(nil), shares...)
	sort.Slice(order, func(i, j int) bool {
		if order[i].principal != order[j].principal {
			return order[i].principal > order[j].principal
		}
		return order[i].id < order[j].id
	})
	running := func(amount int64) map[string]int64 {
		out, left := map[string]int64{}, amount
		for _, s := range shares {
			out[s.id] = amount * s.principal / principal
			left -= out[s.id]
		}
		for i := 0; left > 0; i++ {
			out[order[i].id]++
			left--
		}
		return out
	}
	parts := map[string][][2]int64{}
	var runP, runI int64
	prevP, prevI := map[string]int64{}, map[string]int64{}
	for _, inst := range group {
		runP += minor(t, inst.Principal)
		runI += minor(t, inst.Interest)
		p, i := running(runP), running(runI)
		for _, s := range shares {
			parts[s.id] = append(parts[s.id], [2]int64{p[s.id] - prevP[s.id], i[s.id] - prevI[s.id]})
		}
		prevP, prevI = p, i
	}
	return parts
}

// jointLiabilityYear runs the year in the world's cooperative, last year.
func (x *exchange) jointLiabilityYear(db *bun.DB) {
	t, w := x.t, x.w
	coop, group, facility := w.mine.Cooperative.ID, w.mine.Group.ID, w.mine.Facility.ID
	year := time.Now().UTC().Year() - 1
	day := func(month time.Month, d int) ledger.Date { return ledger.NewDate(year, month, d) }
	jan1 := day(time.January, 1)
	tr := func(method, route string, body any, params ...string) request {
		return request{caller: callerTreasurer, method: method, route: route, params: append([]string{coop}, params...), body: body}
	}

	// The group borrows under joint liability from January 1; Siti and
	// Dewi (who sign in) joined then, and two more members join.
	x.do(tr(http.MethodPut, "/v1/cooperatives/:coop/groups/:group", map[string]string{"name": "Kelompok Melati", "meeting_day": "monday",
		"joint_liability_since": jan1.String()}, group), http.StatusOK)
	siti, dewi := w.mine.Members[0], w.mine.Members[1]
	for _, m := range []struct{ id, name string }{{siti.ID, siti.Name}, {dewi.ID, dewi.Name}} {
		x.do(tr(http.MethodPut, "/v1/cooperatives/:coop/members/:member", map[string]string{"group_id": group, "name": m.name,
			"gender": "female", "joined_on": jan1.String(), "business_type": "warung"}, m.id), http.StatusOK)
	}
	joined := func(name string) string {
		var m idJSON
		x.decode(tr(http.MethodPost, "/v1/cooperatives/:coop/members", map[string]string{"group_id": group, "name": name,
			"gender": "female", "joined_on": jan1.String(), "business_type": "jahit"}), http.StatusCreated, &m)
		return m.ID
	}
	sri, tuti := joined("Sri Wahyuni"), joined("Tuti Handayani")
	x.do(tr(http.MethodPost, "/v1/cooperatives/:coop/facilities/:facility/tranches",
		map[string]string{"amount": "5000000", "date": day(time.January, 2).String()}, facility), http.StatusCreated)

	// A group loan of 1,000,003 in shares that do not divide evenly.
	shares := []jlShare{{dewi.ID, dewi.Name, 400001}, {sri, "Sri", 300001}, {tuti, "Tuti", 200001}, {siti.ID, siti.Name, 100000}}
	var shareBody []map[string]string
	for _, s := range shares {
		shareBody = append(shareBody, map[string]string{"member_id": s.id, "principal": strconv.FormatInt(s.principal, 10)})
	}
	var loan jlLoan
	x.decode(tr(http.MethodPost, "/v1/cooperatives/:coop/loans", map[string]any{"group_id": group, "facility_id": facility,
		"principal": "1000003", "annual_rate": "18", "interest_method": "flat", "frequency": "weekly", "installments": 10,
		"purpose": "kain dan benang untuk usaha jahit bersama", "shares": shareBody}), http.StatusCreated, &loan)
	if len(loan.Shares) != 4 || loan.Shares[3].Principal != "100000" {
		t.Fatalf("the application's shares: %+v", loan.Shares)
	}
	approver := "approver"
	w.tokens[approver] = accessToken(t, signIn(t, w.mine.Identity, w.mine.Logins["approver"]))
	x.do(request{caller: approver, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/approval", params: []string{coop, loan.ID}}, http.StatusOK)
	x.decode(tr(http.MethodPost, "/v1/cooperatives/:coop/loans/:loan/disbursement", map[string]string{"date": day(time.January, 5).String()}, loan.ID),
		http.StatusOK, &loan)

	// Each member's schedule, to the rupiah, by the rule done here.
	parts := splitByRule(loan.Schedule, 1000003, shares, t)
	x.checkShareSchedules(loan, shares, parts)
	part := func(member string, k int) int64 { return parts[member][k-1][0] + parts[member][k-1][1] }
	due := func(k int) ledger.Date { d, _ := ledger.ParseDate(loan.Schedule[k-1].DueDate); return d }

	// The meetings. Siti pays weeks 1 and 2, misses 3 to 9 and comes back
	// in week 10: Dewi covers her in week 3, Sri in week 4, nobody in
	// weeks 5 to 8; from week 9 covers are owed to the group's fund, and
	// Tuti covers her then.
	var payments []jlPayment
	for k := 1; k <= 10; k++ {
		if k == 9 {
			var c struct {
				CoverDebtTo string `json:"cover_debt_to"`
			}
			x.decode(tr(http.MethodPatch, "/v1/cooperatives/:coop", map[string]string{"cover_debt_to": "fund"}), http.StatusOK, &c)
			if c.CoverDebtTo != "fund" {
				t.Fatalf("the cooperative's setting: %q, want fund", c.CoverDebtTo)
			}
		}
		lines := []map[string]any{}
		for _, s := range shares[:3] {
			loans := []map[string]string{{"loan_id": loan.ID, "amount": strconv.FormatInt(part(s.id, k), 10)}}
			coverer := map[int]string{3: dewi.ID, 4: sri, 9: tuti}[k]
			if coverer == s.id {
				loans = append(loans, map[string]string{"loan_id": loan.ID, "amount": strconv.FormatInt(part(siti.ID, k), 10), "covers": siti.ID})
				payments = append(payments, jlPayment{k, s.id, siti.ID, part(siti.ID, k)})
			}
			payments = append(payments, jlPayment{k, s.id, "", part(s.id, k)})
			lines = append(lines, map[string]any{"member_id": s.id, "attendance": "present", "loans": loans})
		}
		sitiLine := map[string]any{"member_id": siti.ID, "attendance": "absent"}
		if k <= 2 || k == 10 {
			owed := part(siti.ID, k)
			if k == 10 {
				owed = x.sheetDue(coop, group, due(k), siti.ID, loan.ID)
				if want := part(siti.ID, 5) + part(siti.ID, 6) + part(siti.ID, 7) + part(siti.ID, 8) + part(siti.ID, 10); owed != want {
					t.Errorf("week 10's sheet asks Siti for %d, want her uncovered parts 5 to 8 and 10, %d", owed, want)
				}
			}
			sitiLine = map[string]any{"member_id": siti.ID, "attendance": "present", "loans": []map[string]string{{"loan_id": loan.ID, "amount": strconv.FormatInt(owed, 10)}}}
			payments = append(payments, jlPayment{k, siti.ID, "", owed})
		}
		if k == 10 {
			// Before the week's sheet: the figures on the day before.
			x.checkRisk(coop, due(10).AddDays(-1), payments, loan, nil)
		}
		x.do(tr(http.MethodPost, "/v1/cooperatives/:coop/groups/:group/collection-sheet",
			map[string]any{"date": due(k).String(), "lines": append(lines, sitiLine)}, group), http.StatusCreated)
		if k == 5 {
			x.checkRisk(coop, due(5), payments, loan, nil)
			ledgertest.MustVerify(t, db, w.mine.Cooperative.BookID, services.Checks()...)
		}
	}
	x.checkCoverDebts(coop, siti.ID, dewi.ID, []int64{part(siti.ID, 3), part(siti.ID, 4), part(siti.ID, 9)}, []int64{0, 0, 0})
	var closed jlLoan
	x.decode(tr(http.MethodGet, "/v1/cooperatives/:coop/loans/:loan", nil, loan.ID), http.StatusOK, &closed)
	if closed.Status != "closed" {
		t.Errorf("the group loan after week 10: %s, want closed (every part paid, by her or for her)", closed.Status)
	}

	// Siti repays her covers at the treasurer's desk, oldest first: first
	// Dewi's and 100 of Sri's (owed to them: no cash moves), then the rest
	// of Sri's and the fund's (which comes into the cash box).
	first := part(siti.ID, 3) + 100
	repay := tr(http.MethodPost, "/v1/cooperatives/:coop/members/:member/cover-repayments",
		map[string]string{"amount": strconv.FormatInt(first, 10), "date": day(time.March, 20).String()}, siti.ID)
	var r1 struct {
		Entry struct {
			Postings []struct {
				Account, Side, Amount string
			} `json:"postings"`
		} `json:"entry"`
	}
	decodeJSON(t, x.recordTwice(repay), &r1)
	if got := postingsOf(r1.Entry.Postings); got != fmt.Sprintf("[{1350 credit %d} {2350 debit %d}]", first, first) {
		t.Errorf("the first repayment of covers posts %s; want the receivable against the debt to members, no cash", got)
	}
	x.checkCoverDebts(coop, siti.ID, dewi.ID, []int64{part(siti.ID, 3), part(siti.ID, 4), part(siti.ID, 9)}, []int64{part(siti.ID, 3), 100, 0})
	rest := part(siti.ID, 4) - 100 + part(siti.ID, 9)
	x.problemOf(tr(http.MethodPost, "/v1/cooperatives/:coop/members/:member/cover-repayments",
		map[string]string{"amount": strconv.FormatInt(rest+1, 10), "date": day(time.April, 6).String()}, siti.ID), http.StatusConflict)
	x.decode(tr(http.MethodPost, "/v1/cooperatives/:coop/members/:member/cover-repayments",
		map[string]string{"amount": strconv.FormatInt(rest, 10), "date": day(time.April, 6).String()}, siti.ID), http.StatusCreated, &r1)
	if got := postingsOf(r1.Entry.Postings); got != fmt.Sprintf("[{1100 debit %d} {1350 credit %d} {2350 debit %d}]", part(siti.ID, 9), rest, part(siti.ID, 4)-100) {
		t.Errorf("the second repayment of covers posts %s; want the rest of Sri's against the debt, the fund's in cash", got)
	}
	x.checkCoverDebts(coop, siti.ID, dewi.ID, []int64{part(siti.ID, 3), part(siti.ID, 4), part(siti.ID, 9)},
		[]int64{part(siti.ID, 3), part(siti.ID, 4), part(siti.ID, 9)})
	x.checkRisk(coop, day(time.December, 31), payments, loan, []int64{first, rest})

	var pp struct {
		Totals []struct {
			Loans jlPortfolio `json:"loans"`
		} `json:"totals"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "as_of=" + day(time.December, 31).String()}, http.StatusOK, &pp)
	if covered := part(siti.ID, 3) + part(siti.ID, 4) + part(siti.ID, 9); len(pp.Totals) != 1 ||
		minor(t, pp.Totals[0].Loans.CoveredInPeriod) != covered || pp.Totals[0].Loans.CoveredSince != jan1.String() {
		t.Errorf("the partner's portfolio: %+v; want %d covered since %s", pp.Totals, covered, jan1)
	}
	x.checkJasaAnggota(coop, group, year, loan, shares)
	x.checkHerOwnView(coop, siti.ID, loan.ID, part(siti.ID, 3)+part(siti.ID, 4)+part(siti.ID, 9))
	ledgertest.MustVerify(t, db, w.mine.Cooperative.BookID, services.Checks()...)
}

// postingsOf writes an entry's postings in account order.
func postingsOf(ps []struct{ Account, Side, Amount string }) string {
	sorted := append(ps[:0:0], ps...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Account < sorted[j].Account })
	return fmt.Sprint(sorted)
}

// jlPayment is a payment at a meeting, as the scenario made it: in week
// k, by a member, for herself or covering another.
type jlPayment struct {
	week          int
	payer, covers string
	amount        int64
}

func (x *exchange) checkShareSchedules(loan jlLoan, shares []jlShare, parts map[string][][2]int64) {
	t := x.t
	t.Helper()
	if len(loan.Shares) != len(shares) {
		t.Fatalf("the disbursed loan's shares: %+v", loan.Shares)
	}
	for _, sh := range loan.Shares {
		var principal int64
		for k, inst := range sh.Schedule {
			want := parts[sh.MemberID][k]
			if got := [2]int64{minor(t, inst.Principal), minor(t, inst.Interest)}; got != want || minor(t, inst.Total) != want[0]+want[1] {
				t.Errorf("%s's installment %d: %s + %s = %s, want %d + %d", sh.MemberID, k+1, inst.Principal, inst.Interest, inst.Total, want[0], want[1])
			}
			principal += minor(t, inst.Principal)
		}
		if principal != minor(t, sh.Principal) {
			t.Errorf("%s's principal parts sum to %d, her share is %s", sh.MemberID, principal, sh.Principal)
		}
	}
	for k, inst := range loan.Schedule {
		var sum int64
		for _, sh := range loan.Shares {
			sum += minor(t, sh.Schedule[k].Total)
		}
		if sum != minor(t, inst.Total) {
			t.Errorf("installment %d: the members' parts sum to %d, the group's is %s", k+1, sum, inst.Total)
		}
	}
}

// sheetDue is what the collection sheet of a day asks of a member for her
// share of a group loan.
func (x *exchange) sheetDue(coop, group string, on ledger.Date, member, loanID string) int64 {
	var sheet struct {
		Lines []struct {
			MemberID string `json:"member_id"`
			Shares   []struct {
				LoanID string `json:"loan_id"`
				Due    string `json:"due"`
			} `json:"shares"`
		} `json:"lines"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/collection-sheet",
		params: []string{coop, group}, query: "date=" + on.String()}, http.StatusOK, &sheet)
	for _, l := range sheet.Lines {
		for _, s := range l.Shares {
			if l.MemberID == member && s.LoanID == loanID {
				return minor(x.t, s.Due)
			}
		}
	}
	x.t.Fatalf("the sheet of %s has no share of loan %s for %s", on, loanID, member)
	return 0
}

// checkRisk reads the loan portfolio, the group summary and the health
// ratios on a day and checks them against the payments made by then: the
// arrears the lender is owed are what fell due less what was paid, for
// herself or as a cover; before cover, add the covers not yet repaid.
func (x *exchange) checkRisk(coop string, on ledger.Date, payments []jlPayment, loan jlLoan, repaid []int64) {
	t := x.t
	t.Helper()
	var dueBy, paid, covered int64
	for _, inst := range loan.Schedule {
		if d, _ := ledger.ParseDate(inst.DueDate); !d.After(on) {
			dueBy += minor(t, inst.Total)
		}
	}
	for _, p := range payments {
		if d, _ := ledger.ParseDate(loan.Schedule[p.week-1].DueDate); d.After(on) {
			continue
		}
		paid += p.amount
		if p.covers != "" {
			covered += p.amount
		}
	}
	for _, r := range repaid {
		covered -= r
	}
	arrears := max(0, dueBy-paid)
	var got jlPortfolio
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/loan-portfolio",
		params: []string{coop}, query: "as_of=" + on.String()}, http.StatusOK, &got)
	if minor(t, got.Arrears) != arrears || minor(t, got.CoverDebt) != covered || minor(t, got.ArrearsBeforeCover.Outstanding) != arrears+covered {
		t.Errorf("on %s: arrears %s, cover debt %s, before cover %s; want %d, %d, %d", on, got.Arrears, got.CoverDebt,
			got.ArrearsBeforeCover.Outstanding, arrears, covered, arrears+covered)
	}
	// Each week's payments pay the group's oldest parts first: no
	// installment is more than a week late, so nothing is at risk over 30
	// days after cover, however long Siti herself is behind.
	if got.PAR30AfterCover != got.PAR30 || got.PAR30AfterCover.Outstanding != "0" {
		t.Errorf("on %s: PAR30 after cover %+v, par30 %+v; want the same, nothing at risk", on, got.PAR30AfterCover, got.PAR30)
	}
	if out := minor(t, got.Outstanding); out > 0 {
		if want := fmt.Sprintf("%.4f", float64(arrears+covered)/float64(out)); got.ArrearsBeforeCover.Ratio != want {
			t.Errorf("on %s: arrears before cover over outstanding %s, want %s", on, got.ArrearsBeforeCover.Ratio, want)
		}
	}
	var summary struct {
		Loans jlPortfolio `json:"loans"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/summary",
		params: []string{coop, x.w.mine.Group.ID}, query: "as_of=" + on.String()}, http.StatusOK, &summary)
	if summary.Loans.ArrearsBeforeCover != got.ArrearsBeforeCover || summary.Loans.CoverDebt != got.CoverDebt {
		t.Errorf("on %s: the group summary's %+v, the portfolio's %+v", on, summary.Loans, got)
	}
	var health struct {
		Ratios []struct {
			Key         string `json:"key"`
			Numerator   string `json:"numerator"`
			Denominator string `json:"denominator"`
		} `json:"ratios"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/health-ratios",
		params: []string{coop}, query: "as_of=" + on.String()}, http.StatusOK, &health)
	found := false
	for _, r := range health.Ratios {
		if r.Key == "arrears_before_cover" {
			found = true
			if minor(t, r.Numerator) != arrears+covered || r.Denominator != got.Outstanding {
				t.Errorf("on %s: the arrears before cover ratio is %s over %s, want %d over %s", on, r.Numerator, r.Denominator, arrears+covered, got.Outstanding)
			}
		}
	}
	if !found {
		t.Errorf("on %s: the health ratios have no arrears_before_cover", on)
	}
}

// checkCoverDebts reads the group loan's covers (Dewi's, Sri's, the
// fund's, in order) and Siti's and Dewi's own view of them.
func (x *exchange) checkCoverDebts(coop, siti, dewi string, amounts, repaid []int64) {
	t := x.t
	t.Helper()
	var all jlCovers
	x.decode(request{caller: callerSupervisor, method: http.MethodGet, route: "/v1/cooperatives/:coop/covers",
		params: []string{coop}, query: "group_id=" + x.w.mine.Group.ID}, http.StatusOK, &all)
	if len(all.Items) != 3 {
		t.Fatalf("the group's covers: %+v, want 3", all.Items)
	}
	var owes, toDewi int64
	for i, c := range all.Items {
		debtTo := []string{"member", "member", "fund"}[i]
		owed := amounts[i] - repaid[i]
		if minor(t, c.Amount) != amounts[i] || c.DebtTo == nil || *c.DebtTo != debtTo || minor(t, c.Repaid) != repaid[i] || minor(t, c.Owed) != owed {
			t.Errorf("cover %d: %s to %v, repaid %s, owed %s; want %d to %s, repaid %d, owed %d", i, c.Amount, c.DebtTo, c.Repaid, c.Owed,
				amounts[i], debtTo, repaid[i], owed)
		}
		owes += owed
		if c.Covering.MemberID == dewi {
			toDewi += owed
		}
	}
	var hers jlCovers
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/covers",
		params: []string{coop, siti}}, http.StatusOK, &hers)
	if minor(t, hers.Owes) != owes || minor(t, hers.Owed) != owes || minor(t, all.Owed) != owes {
		t.Errorf("Siti owes %s (of covers owed %s; the group's %s), want %d", hers.Owes, hers.Owed, all.Owed, owes)
	}
	var dewis jlCovers
	x.decode(request{caller: callerOtherMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/covers",
		params: []string{coop, dewi}}, http.StatusOK, &dewis)
	if minor(t, dewis.OwedToHer) != toDewi || dewis.Owes != "0" {
		t.Errorf("Dewi is owed %s and owes %s, want %d and 0", dewis.OwedToHer, dewis.Owes, toDewi)
	}
}

// checkJasaAnggota closes the year and checks each member's jasa anggota:
// her basis is the interest of the group loan's repayments she paid at the
// meetings (covers for others included), read from their entries; her
// share is the pool split by those bases.
func (x *exchange) checkJasaAnggota(coop, group string, year int, loan jlLoan, shares []jlShare) {
	t := x.t
	t.Helper()
	basis := map[string]int64{}
	interestCode := fmt.Sprintf("4100.L%04d", loan.Number)
	for _, inst := range loan.Schedule {
		var minutes struct {
			Lines []struct {
				MemberID string `json:"member_id"`
				Loans    []struct {
					EntryID string `json:"entry_id"`
				} `json:"loans"`
			} `json:"lines"`
		}
		x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/meetings/:date",
			params: []string{coop, group, inst.DueDate}}, http.StatusOK, &minutes)
		for _, l := range minutes.Lines {
			for _, p := range l.Loans {
				var e struct {
					Postings []struct{ Account, Side, Amount string } `json:"postings"`
				}
				x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry",
					params: []string{coop, p.EntryID}}, http.StatusOK, &e)
				for _, po := range e.Postings {
					if po.Account == interestCode && po.Side == "credit" {
						basis[l.MemberID] += minor(t, po.Amount)
					}
				}
			}
		}
	}
	var total int64
	for _, b := range basis {
		total += b
	}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/year-ends", params: []string{coop},
		body: map[string]any{"year": year, "shares": map[string]string{"reserve": "40", "capital": "30", "participation": "30"}}}, http.StatusCreated)
	var slips struct {
		Slips []struct {
			MemberID           string `json:"member_id"`
			ParticipationBasis string `json:"participation_basis"`
			Participation      string `json:"participation"`
			ParticipationPool  string `json:"participation_pool"`
		} `json:"slips"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/year-ends/:year/shu-slips",
		params: []string{coop, strconv.Itoa(year)}}, http.StatusOK, &slips)
	var pool, shared int64
	seen := 0
	for _, sl := range slips.Slips {
		pool = minor(t, sl.ParticipationPool)
		if minor(t, sl.ParticipationBasis) != basis[sl.MemberID] {
			t.Errorf("%s's participation basis %s, want the interest of what she paid, %d", sl.MemberID, sl.ParticipationBasis, basis[sl.MemberID])
		}
		share := minor(t, sl.Participation)
		exact := float64(pool) * float64(basis[sl.MemberID]) / float64(total)
		if float64(share) < exact-1 || float64(share) > exact+1 {
			t.Errorf("%s's jasa anggota %d, want %.2f give or take the rounding unit", sl.MemberID, share, exact)
		}
		shared += share
		for _, s := range shares {
			if s.id == sl.MemberID {
				seen++
			}
		}
	}
	if seen != len(shares) || shared != pool || total == 0 {
		t.Errorf("jasa anggota: %d of the %d shareholders have slips; %d shared of a pool of %d (bases %v)", seen, len(shares), shared, pool, basis)
	}
}

// checkHerOwnView reads what Siti herself sees: the group loan among her
// loans with her share, the loan itself, and her covers.
func (x *exchange) checkHerOwnView(coop, siti, loanID string, received int64) {
	t := x.t
	t.Helper()
	var me struct {
		Memberships []struct {
			Loans []jlLoan `json:"loans"`
		} `json:"memberships"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	found := false
	for _, m := range me.Memberships {
		for _, l := range m.Loans {
			found = found || (l.ID == loanID && len(l.Shares) == 4)
		}
	}
	if !found {
		t.Errorf("her own view has no group loan %s with its shares: %+v", loanID, me.Memberships)
	}
	var l jlLoan
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans/:loan", params: []string{coop, loanID}}, http.StatusOK, &l)
	for _, sh := range l.Shares {
		if sh.MemberID == siti && (minor(t, sh.Covered) != received || sh.Arrears != "0") {
			t.Errorf("her share: covered %s, arrears %s; want %d covered, nothing behind", sh.Covered, sh.Arrears, received)
		}
	}
	var hers jlCovers
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/covers",
		params: []string{coop, siti}}, http.StatusOK, &hers)
	if minor(t, hers.Received) != received || hers.Owes != "0" {
		t.Errorf("her covers: received %s, owes %s; want %d, 0", hers.Received, hers.Owes, received)
	}
}
