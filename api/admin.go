package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
)

// Platform administration: cooperatives, partners and their facilities,
// users and their grants.

type cooperativeRequest struct {
	Name           string `json:"name"`
	Currency       string `json:"currency"`
	Pokok          string `json:"pokok"`
	Wajib          string `json:"wajib"`
	WajibFrequency string `json:"wajib_frequency"`
}

func (s *server) createCooperative(c *fiber.Ctx) error {
	var req cooperativeRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	coop, err := s.accounts.CreateCooperative(c.UserContext(), actor(c), accounts.CooperativeInput(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toCooperative(coop))
}

func (s *server) listCooperatives(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	cs, next, err := s.accounts.FindCooperatives(c.UserContext(), actor(c), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(cs, toCooperative), next))
}

func (s *server) getCooperative(c *fiber.Ctx) error {
	coop, err := s.accounts.FindCooperativeByID(c.UserContext(), actor(c), c.Params("coop"))
	if err != nil {
		return err
	}
	return c.JSON(toCooperative(coop))
}

type partnerRequest struct {
	Name  string `json:"name"`
	Model string `json:"model"`
}

func (s *server) createPartner(c *fiber.Ctx) error {
	var req partnerRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	p, err := s.accounts.CreatePartner(c.UserContext(), actor(c), accounts.PartnerInput{Name: req.Name, Model: accounts.Model(req.Model)})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toPartner(p))
}

func (s *server) listPartners(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	ps, next, err := s.accounts.FindPartners(c.UserContext(), actor(c), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(ps, toPartner), next))
}

func (s *server) getPartner(c *fiber.Ctx) error {
	p, err := s.accounts.FindPartnerByID(c.UserContext(), actor(c), c.Params("partner"))
	if err != nil {
		return err
	}
	return c.JSON(toPartner(p))
}

type facilityRequest struct {
	CooperativeID string  `json:"cooperative_id"`
	Kind          string  `json:"kind"`
	Committed     string  `json:"committed"`
	Purpose       string  `json:"purpose"`
	StartsOn      string  `json:"starts_on"`
	EndsOn        *string `json:"ends_on"`
}

func (s *server) createFacility(c *fiber.Ctx) error {
	var req facilityRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in := accounts.FacilityInput{CooperativeID: req.CooperativeID, Kind: accounts.FacilityKind(req.Kind),
		Committed: req.Committed, Purpose: req.Purpose}
	var err error
	if in.StartsOn, err = optionalDate("starts_on", req.StartsOn); err != nil {
		return err
	}
	if req.EndsOn != nil {
		ends, err := optionalDate("ends_on", *req.EndsOn)
		if err != nil {
			return err
		}
		in.EndsOn = &ends
	}
	f, err := s.accounts.CreateFacility(c.UserContext(), actor(c), c.Params("partner"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toFacility(f))
}

func (s *server) listFacilities(c *fiber.Ctx) error {
	fs, err := s.accounts.FindFacilities(c.UserContext(), actor(c), c.Params("partner"))
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(fs, toFacility), ""))
}

type userRequest struct {
	Login    string `json:"login"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

func (s *server) createUser(c *fiber.Ctx) error {
	var req userRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	u, err := s.identity.CreateUser(c.UserContext(), actor(c), identity.UserInput(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toUser(u))
}

func (s *server) listUsers(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	us, next, err := s.identity.FindUsers(c.UserContext(), actor(c), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(us, toUser), next))
}

type grantRequest struct {
	Role          string `json:"role"`
	CooperativeID string `json:"cooperative_id"`
	MemberID      string `json:"member_id"`
	PartnerID     string `json:"partner_id"`
}

func (s *server) addGrant(c *fiber.Ctx) error {
	var req grantRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	g, err := s.identity.AddGrant(c.UserContext(), actor(c), c.Params("user"), identity.GrantInput{
		Role: accounts.Role(req.Role), CooperativeID: req.CooperativeID, MemberID: req.MemberID, PartnerID: req.PartnerID})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toGrant(g))
}

func (s *server) listGrants(c *fiber.Ctx) error {
	gs, err := s.identity.FindGrants(c.UserContext(), actor(c), c.Params("user"))
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(gs, toGrant), ""))
}

// removeGrant takes a grant away; the user's sessions end with it, and so
// do the access tokens that carry it.
func (s *server) removeGrant(c *fiber.Ctx) error {
	ended, err := s.identity.RemoveGrant(c.UserContext(), actor(c), c.Params("user"), c.Params("grant"))
	if err != nil {
		return err
	}
	s.revocations.revoke(ended...)
	return c.SendStatus(fiber.StatusNoContent)
}

// optionalDate parses a YYYY-MM-DD field; empty gives the zero date.
func optionalDate(field, s string) (ledger.Date, error) {
	if s == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDate(s)
	if err != nil {
		return ledger.Date{}, ledger.InvalidField("request.date", field, "a date of the form YYYY-MM-DD")
	}
	return d, nil
}
