package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/api/render"
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
	Journal          *journalHeadJSON   `json:"journal,omitempty"`
}

// journalHeadJSON names the journal a partner's figures follow from.
type journalHeadJSON struct {
	Sequence   int64              `json:"sequence"`
	ChainHash  string             `json:"chain_hash"`
	Checkpoint *checkpointRefJSON `json:"checkpoint"`
}

type checkpointRefJSON struct {
	ID             string    `json:"id"`
	Sequence       int64     `json:"sequence"`
	ChainHead      string    `json:"chain_head"`
	TakenAt        time.Time `json:"taken_at"`
	KeyFingerprint string    `json:"key_fingerprint"`
}

func toJournalHead(h *ledger.JournalHead) *journalHeadJSON {
	if h == nil {
		return nil
	}
	out := &journalHeadJSON{Sequence: h.Sequence, ChainHash: h.ChainHash}
	if c := h.Checkpoint; c != nil {
		out.Checkpoint = &checkpointRefJSON{ID: c.ID, Sequence: c.Sequence, ChainHead: c.ChainHead, TakenAt: c.TakenAt,
			KeyFingerprint: ledger.KeyFingerprint(c.PublicKey)}
	}
	return out
}

// portfolioTotalJSON sums facilities of one currency: all of them, or
// those of one cooperative or partnership model.
type portfolioTotalJSON struct {
	Key              string        `json:"key"`
	Label            string        `json:"label"`
	Currency         string        `json:"currency"`
	Facilities       int           `json:"facilities"`
	Committed        string        `json:"committed"`
	Received         string        `json:"received"`
	Disbursed        string        `json:"disbursed"`
	Repaid           string        `json:"repaid"`
	Outstanding      string        `json:"outstanding"`
	PAR30            atRiskJSON    `json:"par30"`
	LoansFunded      int           `json:"loans_funded"`
	WomenReached     int           `json:"women_reached"`
	SavingsMobilised string        `json:"savings_mobilised"`
	MemberSavings    string        `json:"member_savings"`
	ExternalCapital  string        `json:"external_capital"`
	SelfReliance     *string       `json:"self_reliance"` // null without external capital
	Loans            portfolioJSON `json:"loans"`
}

// portfolioPointJSON is the totals at one month's end.
type portfolioPointJSON struct {
	Month  string               `json:"month"`
	AsOf   string               `json:"as_of"`
	Totals []portfolioTotalJSON `json:"totals"`
}

type partnerPortfolioJSON struct {
	Partner       partnerRefJSON       `json:"partner"`
	AsOf          string               `json:"as_of"`
	Facilities    []facilityReportJSON `json:"facilities"`
	Totals        []portfolioTotalJSON `json:"totals"`
	ByCooperative []portfolioTotalJSON `json:"by_cooperative"`
	Series        []portfolioPointJSON `json:"series,omitempty"` // with series=monthly
}

type platformPortfolioJSON struct {
	AsOf          string               `json:"as_of"`
	Totals        []portfolioTotalJSON `json:"totals"`
	ByModel       []portfolioTotalJSON `json:"by_model"`
	ByCooperative []portfolioTotalJSON `json:"by_cooperative"`
	Series        []portfolioPointJSON `json:"series,omitempty"`
}

func toFacilityReport(r reports.FacilityReport) facilityReportJSON {
	cur := r.Facility.Currency
	return facilityReportJSON{Facility: toFacility(r.Facility),
		Cooperative: cooperativeRefJSON{ID: r.Cooperative.ID, Name: r.Cooperative.Name},
		Received:    ledger.FormatMinor(r.ReceivedMinor, cur), LoansFunded: r.LoansFunded, WomenReached: r.WomenReached,
		SavingsMobilised: ledger.FormatMinor(r.SavingsMinor, cur), SelfReliance: render.Ratio(r.SelfReliance), Loans: toPortfolio(r.Loans),
		Journal: toJournalHead(r.Journal)}
}

func toPortfolioTotal(t reports.PortfolioTotal) portfolioTotalJSON {
	money := func(minor int64) string { return ledger.FormatMinor(minor, t.Currency) }
	out := portfolioTotalJSON{Key: t.Key, Label: t.Label, Currency: t.Currency.Code(), Facilities: t.Facilities,
		Committed: money(t.CommittedMinor), Received: money(t.ReceivedMinor), Disbursed: money(t.Loans.DisbursedMinor),
		Repaid: money(t.Loans.RepaidMinor), Outstanding: money(t.Loans.OutstandingMinor),
		PAR30:       atRiskJSON{Outstanding: money(t.Loans.PAR30Minor), Ratio: render.Ratio(t.Loans.PAR(t.Loans.PAR30Minor))},
		LoansFunded: t.LoansFunded, WomenReached: t.WomenReached, SavingsMobilised: money(t.SavingsMinor),
		MemberSavings: money(t.MemberSavingsMinor), ExternalCapital: money(t.ExternalMinor), Loans: toPortfolio(t.Loans)}
	if r, ok := t.SelfReliance(); ok {
		v := render.Ratio(r)
		out.SelfReliance = &v
	}
	return out
}

func toPortfolioPoints(ps []reports.PortfolioPoint) []portfolioPointJSON {
	return mapSlice(ps, func(p reports.PortfolioPoint) portfolioPointJSON {
		return portfolioPointJSON{Month: p.Month, AsOf: p.AsOf.String(), Totals: mapSlice(p.Totals, toPortfolioTotal)}
	})
}

// seriesQuery reads ?series=monthly and the months it covers (from, to:
// YYYY-MM; to defaults to the month of asOf, or of today when asOf is
// zero); without series there is no series, and from or to alone are
// refused rather than ignored. It is read before the report is computed,
// so that a bad query costs nothing. Errors: KindInvalid naming the field.
func seriesQuery(c *fiber.Ctx, asOf ledger.Date) (ms reports.Months, asked bool, err error) {
	if asOf.IsZero() {
		asOf = today()
	}
	switch c.Query("series") {
	case "":
		for _, field := range []string{"from", "to"} {
			if c.Query(field) != "" {
				return reports.Months{}, false, ledger.InvalidField("request."+field, field, "only with series=monthly")
			}
		}
		return reports.Months{}, false, nil
	case "monthly":
		ms, err = reports.ParseMonths(c.Query("from"), c.Query("to"), asOf)
		return ms, err == nil, err
	default:
		return reports.Months{}, false, ledger.InvalidField("request.series", "series", "monthly")
	}
}

// pdfSeries gives a portfolio PDF the last twelve months' series when none
// was asked for: the trend of the portfolio and of self-reliance is what a
// funder reads the paper for.
func pdfSeries(f reportFormat, asOf ledger.Date, ms reports.Months, asked bool) (reports.Months, bool, error) {
	if asked || f.kind != formatPDF {
		return ms, asked, nil
	}
	if asOf.IsZero() {
		asOf = today()
	}
	ms, err := reports.ParseMonths("", "", asOf)
	return ms, err == nil, err
}

// portfolioQuery is what a portfolio route is asked: its format, its day,
// and the months of a series when one is asked.
type portfolioQuery struct {
	format reportFormat
	asOf   ledger.Date
	months reports.Months
	series bool
}

func (s *server) readPortfolioQuery(c *fiber.Ctx, offered ...string) (q portfolioQuery, err error) {
	if q.format, err = s.parseReportFormat(c, offered...); err != nil {
		return q, err
	}
	if q.asOf, err = asOf(c); err != nil {
		return q, err
	}
	q.months, q.series, err = seriesQuery(c, q.asOf)
	return q, err
}

func (s *server) partnerPortfolio(c *fiber.Ctx) error {
	q, err := s.readPortfolioQuery(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	f, date, ms, asked := q.format, q.asOf, q.months, q.series
	if ms, asked, err = pdfSeries(f, date, ms, asked); err != nil {
		return err
	}
	pp, err := s.reports.FindPartnerPortfolio(c.UserContext(), actor(c), c.Params("partner"), date)
	if err != nil {
		return err
	}
	var series []reports.PortfolioPoint
	if asked {
		if series, err = s.reports.PartnerPortfolioSeries(c.UserContext(), actor(c), pp.Partner.ID, ms); err != nil {
			return err
		}
	}
	totals := reports.SumPortfolio(pp.Facilities, reports.All)
	byCoop := reports.SumPortfolio(pp.Facilities, reports.ByCooperative)
	d := download{report: "partner-portfolio", owner: pp.Partner.Name, date: pp.AsOf}
	switch f.kind {
	case formatCSV:
		return d.sendCSV(c, render.PartnerPortfolioCSV(pp, totals, byCoop, series, f.csv, f.lang))
	case formatPDF:
		return d.sendPDF(c, render.PartnerPortfolioPDF(pp, totals, byCoop, series, today(), f.lang))
	}
	return c.JSON(partnerPortfolioJSON{Partner: partnerRefJSON{ID: pp.Partner.ID, Name: pp.Partner.Name, Model: string(pp.Partner.Model)},
		AsOf: pp.AsOf.String(), Facilities: mapSlice(pp.Facilities, toFacilityReport),
		Totals: mapSlice(totals, toPortfolioTotal), ByCooperative: mapSlice(byCoop, toPortfolioTotal),
		Series: toPortfolioPoints(series)})
}

func (s *server) platformPortfolio(c *fiber.Ctx) error {
	q, err := s.readPortfolioQuery(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	f, date, ms, asked := q.format, q.asOf, q.months, q.series
	if ms, asked, err = pdfSeries(f, date, ms, asked); err != nil {
		return err
	}
	pp, err := s.reports.FindPlatformPortfolio(c.UserContext(), actor(c), date)
	if err != nil {
		return err
	}
	var series []reports.PortfolioPoint
	if asked {
		if series, err = s.reports.PlatformPortfolioSeries(c.UserContext(), actor(c), ms); err != nil {
			return err
		}
	}
	totals := reports.SumPortfolio(pp.Facilities, reports.All)
	byModel := pp.SumByModel()
	byCoop := reports.SumPortfolio(pp.Facilities, reports.ByCooperative)
	d := download{report: "platform-portfolio", owner: "lumbung", date: pp.AsOf}
	if f.kind == formatPDF {
		return d.sendPDF(c, render.PlatformPortfolioPDF(pp.AsOf, totals, byModel, byCoop, series, today(), f.lang))
	}
	if f.kind == formatCSV {
		return d.sendCSV(c, render.PortfolioTotalsCSV(f.csv, f.lang, nil, render.TotalRows(render.ScopeTotal, totals),
			render.TotalRows(render.ScopeModel, byModel), render.TotalRows(render.ScopeCooperative, byCoop), render.SeriesRows(series)))
	}
	return c.JSON(platformPortfolioJSON{AsOf: pp.AsOf.String(), Totals: mapSlice(totals, toPortfolioTotal),
		ByModel: mapSlice(byModel, toPortfolioTotal), ByCooperative: mapSlice(byCoop, toPortfolioTotal),
		Series: toPortfolioPoints(series)})
}
