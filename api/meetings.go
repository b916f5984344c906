package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

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
		return s.sendCooperativeCSV(c, "due-list", dl.From, render.DueListCSV(dl, f.csv))
	}
	cur := dl.Currency
	return c.JSON(dueListJSON{From: dl.From.String(), Currency: cur.Code(),
		Meetings: mapSlice(dl.Meetings, func(m meetings.DueMeeting) dueMeetingJSON {
			return dueMeetingJSON{GroupID: m.Group.ID, GroupName: m.Group.Name, Date: m.Date.String(),
				Due: ledger.FormatMinor(m.DueMinor, cur), GroupLoans: toSheetLoans(m.GroupLoans, cur),
				Lines: mapSlice(m.Lines, func(l meetings.SheetLine) sheetLineJSON { return toSheetLine(l, cur) })}
		})})
}
