package api

import (
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
)

type auditEventJSON struct {
	ID          string          `json:"id"`
	Sequence    int64           `json:"sequence"`
	At          time.Time       `json:"at"`
	ActorID     string          `json:"actor_id"`
	ActorName   string          `json:"actor_name"`
	Address     string          `json:"address"`
	Action      string          `json:"action"`
	SubjectKind string          `json:"subject_kind"`
	SubjectID   string          `json:"subject_id"`
	Before      json.RawMessage `json:"before"`
	After       json.RawMessage `json:"after"`
	ChainHash   string          `json:"chain_hash"`
}

func toAuditEvent(e accounts.AuditEvent) auditEventJSON {
	out := auditEventJSON{ID: e.ID, Sequence: e.Sequence, At: e.At, ActorID: e.ActorID, ActorName: e.ActorName, Address: e.Address, Action: e.Action,
		SubjectKind: e.SubjectKind, SubjectID: e.SubjectID, Before: e.Before, After: e.After, ChainHash: e.ChainHash}
	if out.Before == nil {
		out.Before = json.RawMessage("null")
	}
	if out.After == nil {
		out.After = json.RawMessage("null")
	}
	return out
}

func auditFilter(c *fiber.Ctx) accounts.AuditFilter {
	return accounts.AuditFilter{SubjectKind: c.Query("subject_kind"), SubjectID: c.Query("subject_id")}
}

func (s *server) cooperativeAudit(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	es, next, err := s.accounts.FindAudit(c.UserContext(), actor(c), c.Params("coop"), auditFilter(c), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(es, toAuditEvent), next))
}

func (s *server) platformAudit(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	es, next, err := s.accounts.FindPlatformAudit(c.UserContext(), actor(c), auditFilter(c), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(es, toAuditEvent), next))
}
