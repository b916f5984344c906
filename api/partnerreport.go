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

// portfolioTotalJSON sums the facilities of one currency.
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

// currencyTotal sums the facility reports of one currency: amounts in
// different currencies are never added together. A woman reached under two
// facilities counts under each.
type currencyTotal struct {
	cur               ledger.Currency
	facilities, women int
	committedMinor    int64
	receivedMinor     int64
	disbursedMinor    int64
	repaidMinor       int64
	outstandingMinor  int64
	atRiskMinor       int64 // PAR30
	ageingMinor       map[string]int64
	ageingLoans       map[string]int
}

func (t currencyTotal) par30() float64 {
	return accounts.Portfolio{OutstandingMinor: t.outstandingMinor}.PAR(t.atRiskMinor)
}

// totalsByCurrency sums the facility reports per currency, in currency
// code order.
func totalsByCurrency(reports []accounts.FacilityReport) []currencyTotal {
	sums := map[string]*currencyTotal{}
	for _, r := range reports {
		cur := r.Facility.Currency
		t := sums[cur.Code()]
		if t == nil {
			t = &currencyTotal{cur: cur, ageingMinor: map[string]int64{}, ageingLoans: map[string]int{}}
			sums[cur.Code()] = t
		}
		t.facilities++
		t.women += r.WomenReached
		t.committedMinor += r.Facility.CommittedMinor
		t.receivedMinor += r.ReceivedMinor
		t.disbursedMinor += r.Loans.DisbursedMinor
		t.repaidMinor += r.Loans.RepaidMinor
		t.outstandingMinor += r.Loans.OutstandingMinor
		t.atRiskMinor += r.Loans.PAR30Minor
		for _, band := range accounts.AgeingBands {
			t.ageingMinor[band] += r.Loans.AgeingMinor[band]
			t.ageingLoans[band] += r.Loans.AgeingLoans[band]
		}
	}
	codes := make([]string, 0, len(sums))
	for code := range sums {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	out := make([]currencyTotal, 0, len(codes))
	for _, code := range codes {
		out = append(out, *sums[code])
	}
	return out
}

func toPortfolioTotal(t currencyTotal) portfolioTotalJSON {
	money := func(minor int64) string { return ledger.FormatMinor(minor, t.cur) }
	return portfolioTotalJSON{Currency: t.cur.Code(), Facilities: t.facilities, Committed: money(t.committedMinor),
		Received: money(t.receivedMinor), Disbursed: money(t.disbursedMinor), Repaid: money(t.repaidMinor),
		Outstanding: money(t.outstandingMinor), PAR30: atRiskJSON{Outstanding: money(t.atRiskMinor), Ratio: ratio(t.par30())},
		WomenReached: t.women}
}

func (s *server) partnerPortfolio(c *fiber.Ctx) error {
	f, err := parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	date, err := asOf(c)
	if err != nil {
		return err
	}
	pp, err := s.accounts.FindPartnerPortfolio(c.UserContext(), actor(c), c.Params("partner"), date)
	if err != nil {
		return err
	}
	d := download{report: "partner-portfolio", owner: pp.Partner.Name, date: pp.AsOf}
	switch f.kind {
	case formatCSV:
		return d.sendCSV(c, partnerPortfolioCSV(pp, f.csv))
	case formatPDF:
		return d.sendPDF(c, partnerPortfolioPDF(pp, today()))
	}
	return c.JSON(partnerPortfolioJSON{Partner: partnerRefJSON{ID: pp.Partner.ID, Name: pp.Partner.Name, Model: string(pp.Partner.Model)},
		AsOf: pp.AsOf.String(), Facilities: mapSlice(pp.Facilities, toFacilityReport),
		Totals: mapSlice(totalsByCurrency(pp.Facilities), toPortfolioTotal)})
}
