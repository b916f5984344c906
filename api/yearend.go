package api

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// The year end: the treasurer closes a year into its SHU and divides it by
// the members' percentages; the members read how it was divided and each
// her own slip.

type fundShareJSON struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Percent string `json:"percent"`
}

type shuSharesJSON struct {
	Reserve       string          `json:"reserve"`
	Capital       string          `json:"capital"`
	Participation string          `json:"participation"`
	Other         []fundShareJSON `json:"other"`
}

type yearEndRequest struct {
	Year      int           `json:"year"`
	Shares    shuSharesJSON `json:"shares"`
	DecidedOn string        `json:"decided_on"`
}

type fundPoolJSON struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Percent string `json:"percent"`
	Amount  string `json:"amount"`
}

type yearEndJSON struct {
	CooperativeID       string         `json:"cooperative_id"`
	Year                int            `json:"year"`
	Currency            string         `json:"currency"`
	Shares              shuSharesJSON  `json:"shares"`
	Surplus             string         `json:"surplus"`
	Reserve             string         `json:"reserve"`
	Capital             string         `json:"capital"`
	Participation       string         `json:"participation"`
	Funds               []fundPoolJSON `json:"funds"`
	CapitalBasis        string         `json:"capital_basis"`
	ParticipationBasis  string         `json:"participation_basis"`
	ClosingEntryID      *string        `json:"closing_entry_id"`
	DistributionEntryID *string        `json:"distribution_entry_id"`
	DecidedOn           string         `json:"decided_on"`
	ClosedBy            string         `json:"closed_by"`
	ClosedAt            string         `json:"closed_at"`
	Replayed            bool           `json:"replayed"`
}

type shuSlipJSON struct {
	Year                    int     `json:"year"`
	Currency                string  `json:"currency"`
	MemberID                string  `json:"member_id"`
	MemberNumber            int     `json:"member_number"`
	Name                    string  `json:"name"`
	CapitalBasis            string  `json:"capital_basis"`
	ParticipationBasis      string  `json:"participation_basis"`
	Capital                 string  `json:"capital"`
	Participation           string  `json:"participation"`
	Total                   string  `json:"total"`
	CapitalPool             string  `json:"capital_pool"`
	ParticipationPool       string  `json:"participation_pool"`
	CapitalBasisTotal       string  `json:"capital_basis_total"`
	ParticipationBasisTotal string  `json:"participation_basis_total"`
	EntryID                 *string `json:"entry_id"`
}

type shuSlipsJSON struct {
	Year  int           `json:"year"`
	Slips []shuSlipJSON `json:"slips"`
}

// optionalID is nil for an empty ID: JSON null rather than "".
func optionalID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

func toSHUShares(sh shu.Shares) shuSharesJSON {
	return shuSharesJSON{Reserve: sh.Reserve, Capital: sh.Capital, Participation: sh.Participation,
		Other: mapSlice(sh.Other, func(f shu.FundShare) fundShareJSON {
			return fundShareJSON{Code: f.Code, Name: f.Name, Percent: f.Percent}
		})}
}

func toYearEnd(ye yearend.YearEnd) yearEndJSON {
	cur := ye.Currency
	return yearEndJSON{CooperativeID: ye.CooperativeID, Year: ye.Year, Currency: cur.Code(), Shares: toSHUShares(ye.Shares),
		Surplus: ledger.FormatMinor(ye.SurplusMinor, cur), Reserve: ledger.FormatMinor(ye.ReserveMinor, cur),
		Capital: ledger.FormatMinor(ye.CapitalMinor, cur), Participation: ledger.FormatMinor(ye.ParticipationMinor, cur),
		Funds: mapSlice(ye.Funds, func(f shu.FundPool) fundPoolJSON {
			return fundPoolJSON{Code: f.Code, Name: f.Name, Percent: f.Percent, Amount: ledger.FormatMinor(f.AmountMinor, cur)}
		}),
		CapitalBasis:        ledger.FormatMinor(ye.CapitalBasisMinor, cur),
		ParticipationBasis:  ledger.FormatMinor(ye.ParticipationBasisMinor, cur),
		ClosingEntryID:      optionalID(ye.ClosingEntryID),
		DistributionEntryID: optionalID(ye.DistributionEntryID),
		DecidedOn:           ye.DecidedOn.String(), ClosedBy: ye.ClosedBy, ClosedAt: ye.ClosedAt.UTC().Format(time.RFC3339), Replayed: ye.Replayed}
}

func toSHUSlip(sl yearend.SHUSlip) shuSlipJSON {
	cur := sl.Currency
	return shuSlipJSON{Year: sl.Year, Currency: cur.Code(), MemberID: sl.MemberID, MemberNumber: sl.MemberNumber, Name: sl.MemberName,
		CapitalBasis: ledger.FormatMinor(sl.CapitalBasisMinor, cur), ParticipationBasis: ledger.FormatMinor(sl.ParticipationBasisMinor, cur),
		Capital: ledger.FormatMinor(sl.CapitalMinor, cur), Participation: ledger.FormatMinor(sl.ParticipationMinor, cur),
		Total: ledger.FormatMinor(sl.TotalMinor, cur), CapitalPool: ledger.FormatMinor(sl.CapitalPoolMinor, cur),
		ParticipationPool:       ledger.FormatMinor(sl.ParticipationPoolMinor, cur),
		CapitalBasisTotal:       ledger.FormatMinor(sl.CapitalBasisTotalMinor, cur),
		ParticipationBasisTotal: ledger.FormatMinor(sl.ParticipationBasisTotalMinor, cur),
		EntryID:                 optionalID(sl.EntryID)}
}

// yearParam reads the year in the path. The service bounds it; here it
// only has to be a number.
func yearParam(c *fiber.Ctx) (int, error) {
	year, err := strconv.Atoi(c.Params("year"))
	if err != nil {
		return 0, ledger.InvalidField("year_end.invalid", "year", "a year such as 2026")
	}
	return year, nil
}

// yearEndInput decodes a year end's request: to close the year, or to
// preview its close.
func yearEndInput(c *fiber.Ctx) (yearend.YearEndInput, error) {
	var req yearEndRequest
	if err := decode(c, &req); err != nil {
		return yearend.YearEndInput{}, err
	}
	decided, err := optionalDate("decided_on", req.DecidedOn)
	if err != nil {
		return yearend.YearEndInput{}, err
	}
	return yearend.YearEndInput{Year: req.Year, DecidedOn: decided, IdempotencyKey: c.Get(headerIdempotencyKey),
		Shares: shu.Shares{Reserve: req.Shares.Reserve, Capital: req.Shares.Capital, Participation: req.Shares.Participation,
			Other: mapSlice(req.Shares.Other, func(f fundShareJSON) shu.FundShare {
				return shu.FundShare{Code: f.Code, Name: f.Name, Percent: f.Percent}
			})}}, nil
}

// previewYear answers what closing the year would record, recording none
// of it: the pools and every member's SHU, for the members' meeting.
func (s *server) previewYear(c *fiber.Ctx) error {
	in, err := yearEndInput(c)
	if err != nil {
		return err
	}
	pv, err := s.yearEnd.PreviewYear(c.UserContext(), actor(c), c.Params("coop"), in)
	if err != nil {
		return err
	}
	return c.JSON(struct {
		YearEnd yearEndJSON   `json:"year_end"`
		Slips   []shuSlipJSON `json:"slips"`
	}{toYearEnd(pv.YearEnd), mapSlice(pv.Slips, toSHUSlip)})
}

func (s *server) closeYear(c *fiber.Ctx) error {
	in, err := yearEndInput(c)
	if err != nil {
		return err
	}
	if waits, err := s.secondTreasurer(c, accounts.ApproveYearEnd); waits || err != nil {
		return s.askApproval(c, err, func(ctx context.Context, a accounts.Actor, coop string) (approvals.Approval, error) {
			return s.approvals.RequestYearEnd(ctx, a, coop, approvals.YearEnd{Input: in})
		})
	}
	ye, err := s.yearEnd.CloseYear(c.UserContext(), actor(c), c.Params("coop"), in)
	if err != nil {
		return err
	}
	c.Location(fmt.Sprintf("/v1/cooperatives/%s/year-ends/%d", c.Params("coop"), ye.Year))
	return c.Status(recordedStatus(c, ye.Replayed)).JSON(toYearEnd(ye))
}

func (s *server) getYearEnd(c *fiber.Ctx) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	ye, err := s.yearEnd.FindYearEnd(c.UserContext(), actor(c), c.Params("coop"), year)
	if err != nil {
		return err
	}
	return c.JSON(toYearEnd(ye))
}

func (s *server) listSHUSlips(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV)
	if err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	slips, err := s.yearEnd.SHUSlips(c.UserContext(), actor(c), c.Params("coop"), year)
	if err != nil {
		return err
	}
	if f.kind == formatJSON {
		return c.JSON(shuSlipsJSON{Year: year, Slips: mapSlice(slips, toSHUSlip)})
	}
	return s.sendCooperativeCSV(c, "shu-slips", ledger.NewDate(year, time.December, 31), render.SHUSlipsCSV(slips, f.csv, f.lang))
}

func (s *server) memberSHUSlip(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatPDF)
	if err != nil {
		return err
	}
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	sl, err := s.yearEnd.MySHUSlip(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), year)
	if err != nil {
		return err
	}
	if f.kind == formatJSON {
		return c.JSON(toSHUSlip(sl))
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	d := download{report: fmt.Sprintf("shu-slip-%04d", sl.MemberNumber), owner: coop, date: ledger.NewDate(year, time.December, 31)}
	return d.sendPDF(c, render.SHUSlipPDF(sl, coop, today(), f.lang))
}
