package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// The treasurer's week and the cooperative's health: who owes what at the
// next meetings, and the ratios a supervisor reads.

type ratioJSON struct {
	Key         string        `json:"key"`
	Name        string        `json:"name"`
	Definition  string        `json:"definition"`
	Unit        string        `json:"unit"`
	Value       *string       `json:"value"` // null when the denominator is zero
	Band        *string       `json:"band"`  // null when undefined or without a standard
	Standard    *standardJSON `json:"standard"`
	Numerator   string        `json:"numerator"`
	Denominator string        `json:"denominator"`
}

// standardJSON is the yardstick a ratio is read against: healthy up to
// (or, when higher is better, from) the healthy bound, watch up to the
// watch bound, unhealthy beyond.
type standardJSON struct {
	Better  string `json:"better"` // "higher" or "lower"
	Healthy string `json:"healthy"`
	Watch   string `json:"watch"`
	Source  string `json:"source"`
}

type healthJSON struct {
	AsOf     string      `json:"as_of"`
	From     string      `json:"from"`
	Currency string      `json:"currency"`
	Ratios   []ratioJSON `json:"ratios"`
}

func (s *server) healthRatios(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV)
	if err != nil {
		return err
	}
	date, err := asOf(c)
	if err != nil {
		return err
	}
	h, err := s.reports.FindHealth(c.UserContext(), actor(c), c.Params("coop"), date)
	if err != nil {
		return err
	}
	if f.kind == formatCSV {
		return s.sendCooperativeCSV(c, "health-ratios", h.AsOf, render.HealthCSV(h, f.csv, f.lang))
	}
	cur := h.Currency
	return c.JSON(healthJSON{AsOf: h.AsOf.String(), From: h.From.String(), Currency: cur.Code(),
		Ratios: mapSlice(h.Ratios, func(r reports.Ratio) ratioJSON {
			name, definition := render.RatioIn(r, f.lang)
			out := ratioJSON{Key: r.Key, Name: name, Definition: definition, Unit: reports.UnitRatio,
				Numerator: ledger.FormatMinor(r.NumeratorMinor, cur), Denominator: ledger.FormatMinor(r.DenominatorMinor, cur)}
			if r.Defined {
				v := render.Ratio(r.Value)
				out.Value = &v
			}
			if r.Band != "" {
				b := string(r.Band)
				out.Band = &b
			}
			if st := r.Standard; st != nil {
				better := "lower"
				if st.HigherIsBetter {
					better = "higher"
				}
				out.Standard = &standardJSON{Better: better, Healthy: render.BoundRatio(st.HealthyBP),
					Watch: render.BoundRatio(st.WatchBP), Source: render.SourceIn(r, f.lang)}
			}
			return out
		})})
}
