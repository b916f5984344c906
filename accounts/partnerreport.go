package accounts

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// FacilityReport is one facility's capital and the loans it funds, on a day.
type FacilityReport struct {
	Facility      Facility
	Cooperative   Cooperative
	ReceivedMinor int64 // capital the cooperative has received under it
	Loans         Portfolio
	LoansFunded   int
	WomenReached  int // distinct women among its borrowers and their groups
	// SavingsMinor is what the members of the groups it funds have saved:
	// the savings its lending mobilised.
	SavingsMinor int64
	// SelfReliance is the cooperative's member savings over the external
	// capital it holds from all partners: how far it stands on its own.
	SelfReliance float64
}

// PartnerPortfolio is a partner's view of what its capital funds, per
// facility, on a day.
type PartnerPortfolio struct {
	Partner    Partner
	AsOf       ledger.Date
	Facilities []FacilityReport
}

// FindPartnerPortfolio reports a partner's facilities on a day (zero:
// today). The partner's own users and admins; others are told the partner
// does not exist. It covers the facilities of this partner and nothing
// else: a loan counts only under the facility that funds it.
func (s *Service) FindPartnerPortfolio(ctx context.Context, a Actor, partnerID string, asOf ledger.Date) (pp PartnerPortfolio, err error) {
	defer wrap(&err, "FindPartnerPortfolio(%s)", partnerID)
	p, err := s.FindPartnerByID(ctx, a, partnerID)
	if err != nil {
		return PartnerPortfolio{}, err
	}
	fs, err := s.FindFacilities(ctx, a, partnerID)
	if err != nil {
		return PartnerPortfolio{}, err
	}
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	pp = PartnerPortfolio{Partner: p, AsOf: asOf}
	for _, f := range fs {
		r, err := s.facilityReport(ctx, f, asOf)
		if err != nil {
			return PartnerPortfolio{}, err
		}
		pp.Facilities = append(pp.Facilities, r)
	}
	return pp, nil
}

func (s *Service) facilityReport(ctx context.Context, f Facility, asOf ledger.Date) (FacilityReport, error) {
	coop, err := s.findCooperative(ctx, f.CooperativeID)
	if err != nil {
		return FacilityReport{}, err
	}
	r := FacilityReport{Facility: f, Cooperative: coop}
	// Only the facilities' and the members' accounts count here: their
	// balances are read without the rest of the book's.
	accts, err := ledger.AccountsOn(ctx, s.db, coop.BookID, asOf, func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("a.owner_kind IN (?) OR a.code = ?", bun.In([]string{OwnerFacility, OwnerMember}), f.AccountCode)
	})
	if err != nil {
		return FacilityReport{}, err
	}
	var external, memberSavings int64
	for _, a := range accts {
		switch {
		case a.Code == f.AccountCode:
			_, r.ReceivedMinor, err = ledger.Turnover(ctx, s.db, a, asOf)
			if err != nil {
				return FacilityReport{}, err
			}
			external += a.BalanceMinor
		case a.Owner != nil && a.Owner.Kind == OwnerFacility:
			external += a.BalanceMinor
		case a.Owner != nil && a.Owner.Kind == OwnerMember:
			memberSavings += a.BalanceMinor
		}
	}
	if external > 0 {
		r.SelfReliance = float64(memberSavings) / float64(external)
	}
	rows, err := s.loansWhere(ctx, func(q *bun.SelectQuery) *bun.SelectQuery { return q.Where("facility_id = ?", f.ID) })
	if err != nil {
		return FacilityReport{}, err
	}
	if r.Loans, err = s.portfolioOf(ctx, coop.BookID, coop.Currency, rows, asOf); err != nil {
		return FacilityReport{}, err
	}
	women, groups, err := s.reach(ctx, rows, asOf)
	if err != nil {
		return FacilityReport{}, err
	}
	r.LoansFunded, r.WomenReached = countDisbursed(rows, asOf), len(women)
	var memberIDs []string
	if len(groups) > 0 {
		if err := s.db.NewSelect().Table("members").Column("id").Where("group_id IN (?)", bun.In(groups)).Scan(ctx, &memberIDs); err != nil {
			return FacilityReport{}, err
		}
	}
	for _, v := range savingsIn(accts, memberIDs) {
		r.SavingsMinor += v
	}
	return r, nil
}

func countDisbursed(rows []loanRow, asOf ledger.Date) int {
	n := 0
	for _, r := range rows {
		if r.DisbursedOn != nil && !r.DisbursedOn.After(asOf) {
			n++
		}
	}
	return n
}

// reach returns the women who borrowed under the loans (a group loan
// reaches every woman of the group) and the groups they belong to.
func (s *Service) reach(ctx context.Context, rows []loanRow, asOf ledger.Date) (women map[string]bool, groups []string, err error) {
	women = map[string]bool{}
	groupSet := map[string]bool{}
	var memberIDs, groupIDs []string
	for _, r := range rows {
		if r.DisbursedOn == nil || r.DisbursedOn.After(asOf) {
			continue
		}
		if r.MemberID != nil {
			memberIDs = append(memberIDs, *r.MemberID)
		} else {
			groupIDs = append(groupIDs, *r.GroupID)
		}
	}
	var members []memberRow
	if len(memberIDs)+len(groupIDs) > 0 {
		q := s.db.NewSelect().Model(&members).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			if len(memberIDs) > 0 {
				q = q.WhereOr("id IN (?)", bun.In(memberIDs))
			}
			if len(groupIDs) > 0 {
				q = q.WhereOr("group_id IN (?)", bun.In(groupIDs))
			}
			return q
		})
		if err := q.Scan(ctx); err != nil {
			return nil, nil, err
		}
	}
	for _, m := range members {
		if m.Gender == "female" {
			women[m.ID] = true
		}
		if !groupSet[m.GroupID] {
			groupSet[m.GroupID] = true
			groups = append(groups, m.GroupID)
		}
	}
	return women, groups, nil
}
