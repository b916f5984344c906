package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/reports"
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
		return s.sendCooperativeCSV(c, "health-ratios", h.AsOf, healthCSV(h, f.csv))
	}
	cur := h.Currency
	return c.JSON(healthJSON{AsOf: h.AsOf.String(), From: h.From.String(), Currency: cur.Code(),
		Ratios: mapSlice(h.Ratios, func(r reports.Ratio) ratioJSON {
			out := ratioJSON{Key: r.Key, Name: r.Name, Definition: r.Definition,
				Numerator: ledger.FormatMinor(r.NumeratorMinor, cur), Denominator: ledger.FormatMinor(r.DenominatorMinor, cur)}
			if r.Defined {
				v := ratio(r.Value)
				out.Value = &v
			}
			return out
		})})
}

// healthCSV lays out one ratio per row; an undefined ratio's value cell is
// empty, not zero.
func healthCSV(h reports.Health, style csvStyle) *csvSheet {
	s := newCSVSheet(style)
	s.header("key", "name", "value", "numerator", "denominator", "definition")
	for _, r := range h.Ratios {
		value := blankCell
		if r.Defined {
			value = ratioCell(r.Value)
		}
		s.write(textCell(r.Key), textCell(r.Name), value, amountCell(r.NumeratorMinor, h.Currency),
			amountCell(r.DenominatorMinor, h.Currency), textCell(r.Definition))
	}
	return s
}

type dueMeetingJSON struct {
	GroupID    string          `json:"group_id"`
	GroupName  string          `json:"group_name"`
	Date       string          `json:"date"`
	Due        string          `json:"due"`
	Lines      []sheetLineJSON `json:"lines"`
	GroupLoans []sheetLoanJSON `json:"group_loans"`
}

type dueListJSON struct {
	From     string           `json:"from"`
	Currency string           `json:"currency"`
	Meetings []dueMeetingJSON `json:"meetings"`
}

func (s *server) dueList(c *fiber.Ctx) error {
	f, err := parseReportFormat(c, formatCSV)
	if err != nil {
		return err
	}
	from, err := optionalDate("from", c.Query("from"))
	if err != nil {
		return err
	}
	dl, err := s.meetings.FindDueList(c.UserContext(), actor(c), c.Params("coop"), from)
	if err != nil {
		return err
	}
	if f.kind == formatCSV {
		return s.sendCooperativeCSV(c, "due-list", dl.From, dueListCSV(dl, f.csv))
	}
	cur := dl.Currency
	return c.JSON(dueListJSON{From: dl.From.String(), Currency: cur.Code(),
		Meetings: mapSlice(dl.Meetings, func(m meetings.DueMeeting) dueMeetingJSON {
			return dueMeetingJSON{GroupID: m.Group.ID, GroupName: m.Group.Name, Date: m.Date.String(),
				Due: ledger.FormatMinor(m.DueMinor, cur), GroupLoans: toSheetLoans(m.GroupLoans, cur),
				Lines: mapSlice(m.Lines, func(l meetings.SheetLine) sheetLineJSON { return toSheetLine(l, cur) })}
		})})
}

// dueListCSV lays out one row per loan owed and one per wajib owed, each
// with its meeting and member, so that a sheet sorted or filtered by any
// column still reads whole.
func dueListCSV(dl meetings.DueList, style csvStyle) *csvSheet {
	cur := dl.Currency
	s := newCSVSheet(style)
	s.header("date", "group", "member_number", "name", "what", "loan_number", "due", "days_past_due")
	for _, m := range dl.Meetings {
		meeting := []cell{textCell(m.Date.String()), textCell(m.Group.Name)}
		loan := func(who []cell, l meetings.SheetLoan) {
			s.write(append(append(append([]cell{}, meeting...), who...), textCell("loan"), countCell(l.Number),
				amountCell(l.DueMinor, cur), countCell(l.DaysPastDue))...)
		}
		for _, line := range m.Lines {
			who := []cell{countCell(line.Member.Number), textCell(line.Member.Name)}
			for _, l := range line.Loans {
				loan(who, l)
			}
			if line.WajibDueMinor > 0 {
				s.write(append(append(append([]cell{}, meeting...), who...), textCell("wajib"), blankCell,
					amountCell(line.WajibDueMinor, cur), blankCell)...)
			}
		}
		for _, l := range m.GroupLoans {
			loan([]cell{blankCell, textCell("(the group)")}, l)
		}
	}
	return s
}
