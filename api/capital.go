package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/capital"
)

func (s *server) cooperativeFacilities(c *fiber.Ctx) error {
	fs, err := s.accounts.FindCooperativeFacilities(c.UserContext(), actor(c), c.Params("coop"))
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(fs, func(f accounts.FundingFacility) facilityJSON {
		out := toFacility(f.Facility)
		out.Partner = &partnerRefJSON{ID: f.Partner.ID, Name: f.Partner.Name, Model: string(f.Partner.Model)}
		return out
	}), ""))
}

func (s *server) receiveTranche(c *fiber.Ctx) error {
	var req moneyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	e, err := s.capital.ReceiveTranche(c.UserContext(), actor(c), c.Params("coop"), c.Params("facility"), in)
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}

type facilityRepaymentRequest struct {
	Principal string `json:"principal"`
	Interest  string `json:"interest"`
	Date      string `json:"date"`
	Memo      string `json:"memo"`
	Via       string `json:"via"`
}

func (s *server) repayFacility(c *fiber.Ctx) error {
	var req facilityRepaymentRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := moneyRequest{Date: req.Date, Memo: req.Memo, Via: req.Via}.input(c)
	if err != nil {
		return err
	}
	e, err := s.capital.RepayFacility(c.UserContext(), actor(c), c.Params("coop"), c.Params("facility"),
		capital.FacilityRepaymentInput{Principal: req.Principal, Interest: req.Interest, MoneyInput: in})
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}
