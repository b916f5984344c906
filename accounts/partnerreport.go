package accounts

import (
	"context"
	"maps"
	"slices"

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
	WomenReached  int // distinct women among its borrowers and the groups borrowing, as reach counts them
	// SavingsMinor is what the members of the groups it funds have saved:
	// the savings its lending mobilised.
	SavingsMinor int64
	// SelfReliance is the cooperative's member savings over the external
	// capital it holds from all partners: how far it stands on its own.
	SelfReliance                      float64
	MemberSavingsMinor, ExternalMinor int64 // its terms
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
	if pp.Facilities, err = s.facilityReports(ctx, fs, asOf); err != nil {
		return PartnerPortfolio{}, err
	}
	return pp, nil
}

// PartnerPortfolioSeries reports a partner's facilities, all summed, at
// each month's end: the trend of its portfolio and of the self-reliance of
// the cooperatives it funds. Who may: as FindPartnerPortfolio.
func (s *Service) PartnerPortfolioSeries(ctx context.Context, a Actor, partnerID string, ms Months) (ps []PortfolioPoint, err error) {
	defer wrap(&err, "PartnerPortfolioSeries(%s)", partnerID)
	if _, err := s.FindPartnerByID(ctx, a, partnerID); err != nil {
		return nil, err
	}
	fs, err := s.FindFacilities(ctx, a, partnerID)
	if err != nil {
		return nil, err
	}
	return s.seriesOf(ctx, fs, ms)
}

// PlatformPortfolio is every partner's facilities on a day: what the
// platform's capital funds, for its admins.
type PlatformPortfolio struct {
	AsOf       ledger.Date
	Partners   map[string]Partner // by ID
	Facilities []FacilityReport
}

// ByModel keys a report by its partner's partnership model.
func (pp PlatformPortfolio) ByModel(r FacilityReport) (string, string) {
	m := string(pp.Partners[r.Facility.PartnerID].Model)
	return m, m
}

// platformFacilitiesMax bounds the facilities one platform report reads.
const platformFacilitiesMax = 5000

// FindPlatformPortfolio reports every facility on a day (zero: today).
// Admins only. Errors: KindForbidden; KindInvalid when the platform holds
// more facilities than one report reads.
func (s *Service) FindPlatformPortfolio(ctx context.Context, a Actor, asOf ledger.Date) (pp PlatformPortfolio, err error) {
	defer wrap(&err, "FindPlatformPortfolio(%s)", asOf)
	if err := requireAdmin(a); err != nil {
		return PlatformPortfolio{}, err
	}
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	partners, fs, err := s.platformFacilities(ctx)
	if err != nil {
		return PlatformPortfolio{}, err
	}
	pp = PlatformPortfolio{AsOf: asOf, Partners: partners}
	if pp.Facilities, err = s.facilityReports(ctx, fs, asOf); err != nil {
		return PlatformPortfolio{}, err
	}
	return pp, nil
}

// PlatformPortfolioSeries sums every facility at each month's end. Admins
// only.
func (s *Service) PlatformPortfolioSeries(ctx context.Context, a Actor, ms Months) (ps []PortfolioPoint, err error) {
	defer wrap(&err, "PlatformPortfolioSeries")
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	_, fs, err := s.platformFacilities(ctx)
	if err != nil {
		return nil, err
	}
	return s.seriesOf(ctx, fs, ms)
}

// platformFacilities reads every partner and facility.
func (s *Service) platformFacilities(ctx context.Context) (map[string]Partner, []Facility, error) {
	var prs []partnerRow
	if err := s.db.NewSelect().Model(&prs).Scan(ctx); err != nil {
		return nil, nil, err
	}
	partners := make(map[string]Partner, len(prs))
	for _, r := range prs {
		partners[r.ID] = r.partner()
	}
	var frs []facilityRow
	if err := s.db.NewSelect().Model(&frs).OrderExpr("id").Limit(platformFacilitiesMax + 1).Scan(ctx); err != nil {
		return nil, nil, err
	}
	if len(frs) > platformFacilitiesMax {
		return nil, nil, ledger.Invalid("portfolio.too_many_facilities", "the platform holds more facilities than one report reads")
	}
	fs := make([]Facility, len(frs))
	for i, r := range frs {
		fs[i] = r.facility()
	}
	return partners, fs, nil
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
	accts = inBookCurrency(accts, coop.Currency)
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
	r.MemberSavingsMinor, r.ExternalMinor = memberSavings, external
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

// reach returns the women who borrowed under the loans disbursed by asOf
// and the groups they belong to. A group loan reaches the women in the
// group on some day from its first disbursement to asOf: not one who
// joined after asOf, nor one who had left before the money came.
func (s *Service) reach(ctx context.Context, rows []loanRow, asOf ledger.Date) (women map[string]bool, groups []string, err error) {
	borrowers := map[string]bool{}
	firstLoan := map[string]ledger.Date{} // by group: its first loan disbursed by asOf
	for _, r := range rows {
		switch {
		case r.DisbursedOn == nil || r.DisbursedOn.After(asOf):
		case r.MemberID != nil:
			borrowers[*r.MemberID] = true
		default:
			if first, ok := firstLoan[*r.GroupID]; !ok || r.DisbursedOn.Before(first) {
				firstLoan[*r.GroupID] = *r.DisbursedOn
			}
		}
	}
	members, err := s.borrowersAndGroups(ctx, borrowers, firstLoan)
	if err != nil {
		return nil, nil, err
	}
	women = map[string]bool{}
	groupSet := map[string]bool{}
	for _, m := range members {
		if !borrowers[m.ID] && !m.memberBetween(firstLoan[m.GroupID], asOf) {
			continue
		}
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

// borrowersAndGroups reads the members who borrowed and the members of the
// groups that did.
func (s *Service) borrowersAndGroups(ctx context.Context, borrowers map[string]bool, groupLoans map[string]ledger.Date) ([]memberRow, error) {
	if len(borrowers)+len(groupLoans) == 0 {
		return nil, nil
	}
	var members []memberRow
	q := s.db.NewSelect().Model(&members).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		if len(borrowers) > 0 {
			q = q.WhereOr("id IN (?)", bun.In(slices.Collect(maps.Keys(borrowers))))
		}
		if len(groupLoans) > 0 {
			q = q.WhereOr("group_id IN (?)", bun.In(slices.Collect(maps.Keys(groupLoans))))
		}
		return q
	})
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	return members, nil
}
