package reports

import (
	"context"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// facilityReportsOn reports the facilities on each of the days, ascending:
// out[i] holds their reports on days[i], in the order of fs. A report on
// one day and a monthly series are this one computation. What the day does
// not change (a facility's cooperative, loans, schedules, borrowers and
// their groups) is read once, and balances once for all the days
// (ledger.AccountsOnDays), so that a year of month ends costs a few
// portfolios rather than twelve.
func (s *Service) facilityReportsOn(ctx context.Context, fs []accounts.Facility, days []ledger.Date) ([][]FacilityReport, error) {
	out := make([][]FacilityReport, len(days))
	for i := range out {
		out[i] = make([]FacilityReport, len(fs))
	}
	if len(days) == 0 {
		return out, nil
	}
	byCoop := map[string][]int{} // indexes into fs
	var coopIDs []string
	for i, f := range fs {
		if _, ok := byCoop[f.CooperativeID]; !ok {
			coopIDs = append(coopIDs, f.CooperativeID)
		}
		byCoop[f.CooperativeID] = append(byCoop[f.CooperativeID], i)
	}
	// Cooperatives are read side by side: each is a few dozen queries the
	// database can answer while Go computes another's figures.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(coopReadsMax)
	for _, id := range coopIDs {
		g.Go(func() error { return s.cooperativeReportsOn(gctx, fs, byCoop[id], days, out) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// coopReadsMax bounds the cooperatives one report reads at once, and so
// the connections it holds: a fifth of the Postgres pool.
const coopReadsMax = 4

// cooperativeReportsOn reports the facilities fs[i] for i in idx, all of
// one cooperative, into out[d][i].
func (s *Service) cooperativeReportsOn(ctx context.Context, fs []accounts.Facility, idx []int, days []ledger.Date, out [][]FacilityReport) error {
	coop, err := s.core.FacilityCooperative(ctx, fs[idx[0]])
	if err != nil {
		return err
	}
	// Only the facilities' and the members' accounts count here, read
	// once for every facility the cooperative holds.
	accts, err := ledger.AccountsOnDays(ctx, s.db, coop.BookID, days, ledger.Accounts{OwnerKinds: []string{accounts.OwnerFacility, accounts.OwnerMember}})
	if err != nil {
		return err
	}
	for d := range accts {
		accts[d] = accounts.InBookCurrency(accts[d], coop.Currency)
	}
	for _, i := range idx {
		rs, err := s.facilityReportOn(ctx, fs[i], coop, accts, days)
		if err != nil {
			return err
		}
		for d := range days {
			out[d][i] = rs[d]
		}
	}
	return nil
}

// facilityReportOn reports one facility on each of the days, given its
// cooperative's facility and member accounts on those days.
func (s *Service) facilityReportOn(ctx context.Context, f accounts.Facility, coop accounts.Cooperative, accts [][]ledger.Account, days []ledger.Date) ([]FacilityReport, error) {
	rows, err := s.lending.LoansWhere(ctx, func(q *bun.SelectQuery) *bun.SelectQuery { return q.Where("facility_id = ?", f.ID) })
	if err != nil {
		return nil, err
	}
	loans, err := s.lending.PortfoliosOn(ctx, coop.BookID, coop.Currency, rows, days)
	if err != nil {
		return nil, err
	}
	reached, err := s.reachOf(ctx, rows, days[len(days)-1])
	if err != nil {
		return nil, err
	}
	received, err := s.receivedOn(ctx, f, accts[len(days)-1], days)
	if err != nil {
		return nil, err
	}
	out := make([]FacilityReport, len(days))
	for i, day := range days {
		r := FacilityReport{Facility: f, Cooperative: coop, Loans: loans[i], ReceivedMinor: received[i]}
		for _, a := range accts[i] {
			switch {
			case a.Owner.Kind == accounts.OwnerFacility:
				r.ExternalMinor += a.BalanceMinor
				if a.Code == f.AccountCode {
					r.CapitalMinor = a.BalanceMinor
				}
			case a.Owner.Kind == accounts.OwnerMember:
				r.MemberSavingsMinor += a.BalanceMinor
			}
		}
		if r.ExternalMinor > 0 {
			r.SelfReliance = float64(r.MemberSavingsMinor) / float64(r.ExternalMinor)
		}
		women, savers := reached.on(day)
		r.LoansFunded, r.WomenReached = countDisbursed(rows, day), women
		for _, v := range savingsIn(accts[i], savers) {
			r.SavingsMinor += v
		}
		out[i] = r
	}
	return out, nil
}

// receivedOn is what the facility's account had been credited in all by
// each of the days: nothing when the cooperative's accounts hold none of
// its code.
func (s *Service) receivedOn(ctx context.Context, f accounts.Facility, accts []ledger.Account, days []ledger.Date) ([]int64, error) {
	for _, a := range accts {
		if a.Owner != nil && a.Owner.Kind == accounts.OwnerFacility && a.Code == f.AccountCode {
			return ledger.CreditsOn(ctx, s.db, a, days)
		}
	}
	return make([]int64, len(days)), nil
}

func countDisbursed(rows []lending.LoanRecord, asOf ledger.Date) int {
	n := 0
	for _, r := range rows {
		if r.DisbursedOn != nil && !r.DisbursedOn.After(asOf) {
			n++
		}
	}
	return n
}

// reached is who a facility's loans reach: the borrowers of its member
// loans and every member of the groups it lends to, and the members of
// all their groups, read once for every day of a report.
type reached struct {
	loans        []lending.LoanRecord
	members      []accounts.MemberRow // borrowers, and the members of borrowing groups
	groupMembers map[string][]string  // the member IDs of each of their groups
}

// reachOf reads who the loans disbursed by a day reach.
func (s *Service) reachOf(ctx context.Context, rows []lending.LoanRecord, last ledger.Date) (reached, error) {
	r := reached{loans: rows, groupMembers: map[string][]string{}}
	var memberIDs, groupIDs []string
	for _, l := range rows {
		if l.DisbursedOn == nil || l.DisbursedOn.After(last) {
			continue
		}
		if l.MemberID != nil {
			memberIDs = append(memberIDs, *l.MemberID)
		} else {
			groupIDs = append(groupIDs, *l.GroupID)
		}
	}
	if len(memberIDs)+len(groupIDs) == 0 {
		return r, nil
	}
	q := s.db.NewSelect().Model(&r.members).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		if len(memberIDs) > 0 {
			q = q.WhereOr("id IN (?)", bun.List(memberIDs))
		}
		if len(groupIDs) > 0 {
			q = q.WhereOr("group_id IN (?)", bun.List(groupIDs))
		}
		return q
	})
	if err := q.Scan(ctx); err != nil {
		return reached{}, err
	}
	groups := map[string]bool{}
	var groupList []string
	for _, m := range r.members {
		if !groups[m.GroupID] {
			groups[m.GroupID] = true
			groupList = append(groupList, m.GroupID)
		}
	}
	var inGroups []struct {
		ID      string `bun:"id"`
		GroupID string `bun:"group_id"`
	}
	if err := s.db.NewSelect().Table("members").Column("id", "group_id").Where("group_id IN (?)", bun.List(groupList)).
		Scan(ctx, &inGroups); err != nil {
		return reached{}, err
	}
	for _, m := range inGroups {
		r.groupMembers[m.GroupID] = append(r.groupMembers[m.GroupID], m.ID)
	}
	return r, nil
}

// on counts the women reached by the loans disbursed by a day and lists
// the members of their groups: the savers its lending mobilised. A group
// loan reaches the women in the group on some day from its first
// disbursement to the day: not one who joined after the day, nor one who
// had left before the money came.
func (r reached) on(day ledger.Date) (women int, savers []string) {
	borrowers := map[string]bool{}
	firstLoan := map[string]ledger.Date{} // by group: its first loan disbursed by the day
	for _, l := range r.loans {
		switch {
		case l.DisbursedOn == nil || l.DisbursedOn.After(day):
		case l.MemberID != nil:
			borrowers[*l.MemberID] = true
		default:
			if first, ok := firstLoan[*l.GroupID]; !ok || l.DisbursedOn.Before(first) {
				firstLoan[*l.GroupID] = *l.DisbursedOn
			}
		}
	}
	groups := map[string]bool{}
	for _, m := range r.members {
		first, groupBorrowed := firstLoan[m.GroupID]
		if !borrowers[m.ID] && !(groupBorrowed && m.Member().Between(first, day)) {
			continue
		}
		if m.Gender == "female" {
			women++
		}
		if !groups[m.GroupID] {
			groups[m.GroupID] = true
			savers = append(savers, r.groupMembers[m.GroupID]...)
		}
	}
	return women, savers
}
