package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// A cooperative's groups and members, kept by its treasurer.

type groupRequest struct {
	Name       string `json:"name"`
	MeetingDay string `json:"meeting_day"`
}

func (s *server) createGroup(c *fiber.Ctx) error {
	var req groupRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	g, err := s.accounts.CreateGroup(c.UserContext(), actor(c), c.Params("coop"), accounts.GroupInput(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toGroup(g))
}

// replaceGroup replaces a group's record: a meeting day left out of the
// body is cleared, as PUT says.
func (s *server) replaceGroup(c *fiber.Ctx) error {
	var req groupRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	g, err := s.accounts.UpdateGroup(c.UserContext(), actor(c), c.Params("coop"), c.Params("group"), accounts.GroupInput(req))
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
