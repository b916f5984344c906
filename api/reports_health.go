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
	Key         string  `json:"key"`
	Name        string  `json:"name"`
	Definition  string  `json:"definition"`
	Value       *string `json:"value"` // null when the denominator is zero
	Numerator   string  `json:"numerator"`
	Denominator string  `json:"denominator"`
}

type healthJSON struct {
	AsOf     string      `json:"as_of"`
	From     string      `json:"from"`
	Currency string      `json:"currency"`
	Ratios   []ratioJSON `json:"ratios"`
}

func (s *server) healthRatios(c *fiber.Ctx) error {
	f, err := parseReportFormat(c, formatCSV)
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
			out := ratioJSON{Key: r.Key, Name: r.Name, Definition: r.Definition,
				Numerator: ledger.FormatMinor(r.NumeratorMinor, cur), Denominator: ledger.FormatMinor(r.DenominatorMinor, cur)}
			if r.Defined {
				v := render.Ratio(r.Value)
				out.Value = &v
			}
			return out
		})})
}
