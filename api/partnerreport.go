package api

import (
	"sort"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// A partner's portfolio: what each of its facilities funds, and totals
// across them.

type partnerRefJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Model string `json:"model"`
}

type cooperativeRefJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type facilityReportJSON struct {
	Facility         facilityJSON       `json:"facility"`
	Cooperative      cooperativeRefJSON `json:"cooperative"`
	Received         string             `json:"received"`
	LoansFunded      int                `json:"loans_funded"`
	WomenReached     int                `json:"women_reached"`
	SavingsMobilised string             `json:"savings_mobilised"`
	SelfReliance     string             `json:"self_reliance"`
	Loans            portfolioJSON      `json:"loans"`
}

// portfolioTotalJSON sums the facilities of one currency: amounts in
// different currencies are never added together.
type portfolioTotalJSON struct {
	Currency     string     `json:"currency"`
	Facilities   int        `json:"facilities"`
	Committed    string     `json:"committed"`
	Received     string     `json:"received"`
	Disbursed    string     `json:"disbursed"`
	Repaid       string     `json:"repaid"`
	Outstanding  string     `json:"outstanding"`
	PAR30        atRiskJSON `json:"par30"`
	WomenReached int        `json:"women_reached"`
}

type partnerPortfolioJSON struct {
	Partner    partnerRefJSON       `json:"partner"`
	AsOf       string               `json:"as_of"`
	Facilities []facilityReportJSON `json:"facilities"`
	Totals     []portfolioTotalJSON `json:"totals"`
}

func toFacilityReport(r accounts.FacilityReport) facilityReportJSON {
	cur := r.Facility.Currency
	return facilityReportJSON{Facility: toFacility(r.Facility),
		Cooperative: cooperativeRefJSON{ID: r.Cooperative.ID, Name: r.Cooperative.Name},
		Received:    ledger.FormatMinor(r.ReceivedMinor, cur), LoansFunded: r.LoansFunded, WomenReached: r.WomenReached,
		SavingsMobilised: ledger.FormatMinor(r.SavingsMinor, cur), SelfReliance: ratio(r.SelfReliance), Loans: toPortfolio(r.Loans)}
}

// portfolioTotals sums the facility reports per currency, by currency code.
// A woman reached under two facilities counts under each.
func portfolioTotals(reports []accounts.FacilityReport) []portfolioTotalJSON {
	type sum struct {
		cur                                                         ledger.Currency
		facilities, women                                           int
		committed, received, disbursed, repaid, outstanding, atRisk int64
	}
	sums := map[string]*sum{}
	for _, r := range reports {
		cur := r.Facility.Currency
		t := sums[cur.Code()]
		if t == nil {
			t = &sum{cur: cur}
			sums[cur.Code()] = t
		}
		t.facilities++
		t.women += r.WomenReached
		t.committed += r.Facility.CommittedMinor
		t.received += r.ReceivedMinor
		t.disbursed += r.Loans.DisbursedMinor
		t.repaid += r.Loans.RepaidMinor
		t.outstanding += r.Loans.OutstandingMinor
		t.atRisk += r.Loans.PAR30Minor
	}
	codes := make([]string, 0, len(sums))
	for code := range sums {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	out := make([]portfolioTotalJSON, 0, len(codes))
	for _, code := range codes {
		t := sums[code]
		money := func(minor int64) string { return ledger.FormatMinor(minor, t.cur) }
		all := accounts.Portfolio{OutstandingMinor: t.outstanding}
		out = append(out, portfolioTotalJSON{Currency: code, Facilities: t.facilities, Committed: money(t.committed),
			Received: money(t.received), Disbursed: money(t.disbursed), Repaid: money(t.repaid), Outstanding: money(t.outstanding),
			PAR30: atRiskJSON{Outstanding: money(t.atRisk), Ratio: ratio(all.PAR(t.atRisk))}, WomenReached: t.women})
	}
	return out
}

func (s *server) partnerPortfolio(c *fiber.Ctx) error {
	date, err := asOf(c)
	if err != nil {
		return err
	}
	pp, err := s.accounts.FindPartnerPortfolio(c.UserContext(), actor(c), c.Params("partner"), date)
	if err != nil {
		return err
	}
	return c.JSON(partnerPortfolioJSON{Partner: partnerRefJSON{ID: pp.Partner.ID, Name: pp.Partner.Name, Model: string(pp.Partner.Model)},
		AsOf: pp.AsOf.String(), Facilities: mapSlice(pp.Facilities, toFacilityReport), Totals: portfolioTotals(pp.Facilities)})
}
