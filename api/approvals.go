package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
)

type approvalJSON struct {
	ID          string     `json:"id"`
	Action      string     `json:"action"`
	Subject     string     `json:"subject"`
	Status      string     `json:"status"`
	RequestedBy string     `json:"requested_by"`
	RequestedAt time.Time  `json:"requested_at"`
	DecidedBy   *string    `json:"decided_by"`
	DecidedAt   *time.Time `json:"decided_at"`
	Result      *string    `json:"result"`
}

func toApproval(a approvals.Approval) approvalJSON {
	out := approvalJSON{ID: a.ID, Action: string(a.Action), Subject: a.Subject, Status: a.Status,
		RequestedBy: a.RequestedBy, RequestedAt: a.RequestedAt, DecidedAt: a.DecidedAt}
	if a.DecidedBy != "" {
		out.DecidedBy = &a.DecidedBy
	}
	if a.Result != "" {
		out.Result = &a.Result
	}
	return out
}

// secondTreasurer says whether the cooperative puts the action under four
// eyes; the request itself was decoded and checked before, so that a
// request that waits is one that can be carried out as sent.
func (s *server) secondTreasurer(c *fiber.Ctx, action accounts.ApprovalAction) (bool, error) {
	return s.approvals.Required(c.UserContext(), actor(c), c.Params("coop"), action)
}

// askApproval answers a request that waits for a second treasurer: 202
// with the approval it waits in (200 for the same request sent again).
func (s *server) askApproval(c *fiber.Ctx, err error, ask func(ctx context.Context, a accounts.Actor, coop string) (approvals.Approval, error)) error {
	if err != nil {
		return err
	}
	ap, err := ask(c.UserContext(), actor(c), c.Params("coop"))
	if err != nil {
		return err
	}
	c.Location("/v1/cooperatives/" + c.Params("coop") + "/approvals?status=pending")
	return c.Status(fiber.StatusAccepted).JSON(toApproval(ap))
}

func (s *server) listApprovals(c *fiber.Ctx) error {
	as, err := s.approvals.FindApprovals(c.UserContext(), actor(c), c.Params("coop"), c.Query("status"))
	if err != nil {
		return err
	}
	return c.JSON(struct {
		Items []approvalJSON `json:"items"`
	}{mapSlice(as, toApproval)})
}

func (s *server) approveRequest(c *fiber.Ctx) error {
	ap, err := s.approvals.Approve(c.UserContext(), actor(c), c.Params("coop"), c.Params("approval"))
	if err != nil {
		return err
	}
	return c.JSON(toApproval(ap))
}

func (s *server) rejectRequest(c *fiber.Ctx) error {
	ap, err := s.approvals.Reject(c.UserContext(), actor(c), c.Params("coop"), c.Params("approval"))
	if err != nil {
		return err
	}
	return c.JSON(toApproval(ap))
}
