package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
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
	Language       string `json:"language"`
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

// cooperativeSettingsRequest is a merge patch of a cooperative's settings:
// a field left out stays as it is.
type cooperativeSettingsRequest struct {
	Language    *string `json:"language"`
	CoverDebtTo *string `json:"cover_debt_to"`
}

func (s *server) updateCooperative(c *fiber.Ctx) error {
	var req cooperativeSettingsRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	coop, err := s.accounts.UpdateCooperative(c.UserContext(), actor(c), c.Params("coop"), accounts.CooperativeSettings(req))
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

// A cooperative's groups and members, kept by its treasurer.

type groupRequest struct {
	Name                string `json:"name"`
	MeetingDay          string `json:"meeting_day"`
	JointLiabilitySince string `json:"joint_liability_since"`
}

func (req groupRequest) input() (accounts.GroupInput, error) {
	since, err := optionalDate("joint_liability_since", req.JointLiabilitySince)
	return accounts.GroupInput{Name: req.Name, MeetingDay: req.MeetingDay, JointLiabilitySince: since}, err
}

func (s *server) createGroup(c *fiber.Ctx) error {
	var req groupRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	g, err := s.accounts.CreateGroup(c.UserContext(), actor(c), c.Params("coop"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toGroup(g))
}

// replaceGroup replaces a group's record: a meeting day or joint-liability
// day left out of the body is cleared, as PUT says.
func (s *server) replaceGroup(c *fiber.Ctx) error {
	var req groupRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	g, err := s.accounts.UpdateGroup(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), in)
	if err != nil {
		return err
	}
	return c.JSON(toGroup(g))
}

func (s *server) listGroups(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	gs, next, err := s.accounts.FindGroups(c.UserContext(), actor(c), c.Params("coop"), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(gs, toGroup), next))
}

type memberRequest struct {
	GroupID      string `json:"group_id"`
	Name         string `json:"name"`
	Gender       string `json:"gender"`
	JoinedOn     string `json:"joined_on"`
	BusinessType string `json:"business_type"`
	Phone        string `json:"phone"`
}

func (req memberRequest) input() (accounts.MemberInput, error) {
	joined, err := optionalDate("joined_on", req.JoinedOn)
	return accounts.MemberInput{GroupID: req.GroupID, Name: req.Name, Gender: req.Gender, JoinedOn: joined,
		BusinessType: req.BusinessType, Phone: req.Phone}, err
}

func (s *server) createMember(c *fiber.Ctx) error {
	var req memberRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	m, err := s.accounts.CreateMember(c.UserContext(), actor(c), c.Params("coop"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toMember(m))
}

// replaceMember replaces a member's record: a business type or phone left
// out of the body is cleared, as PUT says. Her joining date is required:
// enrolment reads a missing one as today, and here that would silently
// move the day she joined.
func (s *server) replaceMember(c *fiber.Ctx) error {
	var req memberRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if req.JoinedOn == "" {
		return ledger.InvalidField("member.invalid", "joined_on", "required: the day she joined, YYYY-MM-DD")
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	m, err := s.accounts.UpdateMember(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), in)
	if err != nil {
		return err
	}
	return c.JSON(toMember(m))
}

func (s *server) getMember(c *fiber.Ctx) error {
	m, err := s.accounts.FindMemberByID(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"))
	if err != nil {
		return err
	}
	return c.JSON(toMember(m))
}

func (s *server) listMembers(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	f := accounts.MemberFilter{GroupID: c.Query("group_id")}
	ms, next, err := s.accounts.FindMembers(c.UserContext(), actor(c), c.Params("coop"), f, p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(ms, toMember), next))
}
