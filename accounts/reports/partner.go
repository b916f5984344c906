package reports

import (
	"context"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// FacilityReport is one facility's capital and the loans it funds, on a day.
type FacilityReport struct {
	Facility      accounts.Facility
	Cooperative   accounts.Cooperative
	ReceivedMinor int64 // capital the cooperative has received under it
	Loans         lending.Portfolio
	LoansFunded   int
	WomenReached  int // distinct women among its borrowers and the groups borrowing, as reach counts them
	// SavingsMinor is what the members of the groups it funds have saved:
	// the savings its lending mobilised.
	SavingsMinor int64
	// SelfReliance is the cooperative's member savings over the external
	// capital it holds from all partners: how far it stands on its own.
	SelfReliance                      float64
	MemberSavingsMinor, ExternalMinor int64 // its terms
	// CapitalMinor is the capital this facility holds in the cooperative:
	// what its partner gave, less what a loan facility has been repaid.
	CapitalMinor int64
	// Journal is where the cooperative's journal stood when the partner's
	// report was read, with its newest signed checkpoint: the figures a
	// funder checks against its downloaded copy (FindPartnerPortfolio only).
	Journal *ledger.JournalHead
}

// PartnerPortfolio is a partner's view of what its capital funds, per
// facility, on a day.
type PartnerPortfolio struct {
	Partner    accounts.Partner
	AsOf       ledger.Date
	Facilities []FacilityReport
}

// FindPartnerPortfolio reports a partner's facilities on a day (zero:
// today). The partner's own users and admins; others are told the partner
// does not exist. It covers the facilities of this partner and nothing
// else: a loan counts only under the facility that funds it.
func (s *Service) FindPartnerPortfolio(ctx context.Context, a accounts.Actor, partnerID string, asOf ledger.Date) (pp PartnerPortfolio, err error) {
	defer ledger.Wrap(&err, "FindPartnerPortfolio(%s)", partnerID)
	p, err := s.core.FindPartnerByID(ctx, a, partnerID)
	if err != nil {
		return PartnerPortfolio{}, err
	}
	fs, err := s.core.FindFacilities(ctx, a, partnerID)
	if err != nil {
		return PartnerPortfolio{}, err
	}
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	// Each cooperative's journal head is read before its figures: they
	// follow from the journal up to that entry (and from any recorded while
	// the report was computed).
	heads := map[string]*ledger.JournalHead{}
	for _, f := range fs {
		if _, ok := heads[f.CooperativeID]; ok {
			continue
		}
		coop, err := s.core.FacilityCooperative(ctx, f)
		if err != nil {
			return PartnerPortfolio{}, err
		}
		h, err := ledger.FindJournalHead(ctx, s.db, coop.BookID)
		if err != nil {
			return PartnerPortfolio{}, err
		}
		heads[f.CooperativeID] = &h
	}
	reports, err := s.facilityReportsOn(ctx, fs, []ledger.Date{asOf})
	if err != nil {
		return PartnerPortfolio{}, err
	}
	for i := range reports[0] {
		reports[0][i].Journal = heads[reports[0][i].Facility.CooperativeID]
	}
	return PartnerPortfolio{Partner: p, AsOf: asOf, Facilities: reports[0]}, nil
}

// PartnerPortfolioSeries reports a partner's facilities, all summed, at
// each month's end: the trend of its portfolio and of the self-reliance of
// the cooperatives it funds. Who may: as FindPartnerPortfolio.
func (s *Service) PartnerPortfolioSeries(ctx context.Context, a accounts.Actor, partnerID string, ms Months) (ps []PortfolioPoint, err error) {
	defer ledger.Wrap(&err, "PartnerPortfolioSeries(%s)", partnerID)
	if _, err := s.core.FindPartnerByID(ctx, a, partnerID); err != nil {
		return nil, err
	}
	fs, err := s.core.FindFacilities(ctx, a, partnerID)
	if err != nil {
		return nil, err
	}
	return s.seriesOf(ctx, fs, ms)
}

// PlatformPortfolio is every partner's facilities on a day: what the
// platform's capital funds, for its admins.
type PlatformPortfolio struct {
	AsOf       ledger.Date
	Partners   map[string]accounts.Partner // by ID
	Facilities []FacilityReport
}

// ByModel keys a report by its partner's partnership model.
func (pp PlatformPortfolio) ByModel(r FacilityReport) (string, string) {
	m := string(pp.Partners[r.Facility.PartnerID].Model)
	return m, m
}

// SumByModel sums the platform's facilities by their partners'
// partnership model. A model's external capital is the capital its own
// partners gave, not the whole external capital of every cooperative they
// fund: a cooperative funded by a government grant and an NGO's loan
// counts each under its own model.
func (pp PlatformPortfolio) SumByModel() []PortfolioTotal {
	return sumPortfolio(pp.Facilities, pp.ByModel, true)
}

// platformFacilitiesMax bounds the facilities one platform report reads.
const platformFacilitiesMax = 5000

// FindPlatformPortfolio reports every facility on a day (zero: today).
// Admins only. Errors: KindForbidden; KindInvalid when the platform holds
// more facilities than one report reads.
func (s *Service) FindPlatformPortfolio(ctx context.Context, a accounts.Actor, asOf ledger.Date) (pp PlatformPortfolio, err error) {
	defer ledger.Wrap(&err, "FindPlatformPortfolio(%s)", asOf)
	admin, err := accounts.RequireAdmin(a)
	if err != nil {
		return PlatformPortfolio{}, err
	}
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	partners, fs, err := admin.Facilities(ctx, s.db, platformFacilitiesMax)
	if err != nil {
		return PlatformPortfolio{}, err
	}
	reports, err := s.facilityReportsOn(ctx, fs, []ledger.Date{asOf})
	if err != nil {
		return PlatformPortfolio{}, err
	}
	return PlatformPortfolio{AsOf: asOf, Partners: partners, Facilities: reports[0]}, nil
}

// PlatformPortfolioSeries sums every facility at each month's end. Admins
// only.
func (s *Service) PlatformPortfolioSeries(ctx context.Context, a accounts.Actor, ms Months) (ps []PortfolioPoint, err error) {
	defer ledger.Wrap(&err, "PlatformPortfolioSeries")
	admin, err := accounts.RequireAdmin(a)
	if err != nil {
		return nil, err
	}
	_, fs, err := admin.Facilities(ctx, s.db, platformFacilitiesMax)
	if err != nil {
		return nil, err
	}
	return s.seriesOf(ctx, fs, ms)
}
