package api

import (
	"bytes"
	"encoding/base64"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/ledger"
)

// checkpointJSON is a signed checkpoint as handed out: the statement as
// the exact bytes signed (a JSON text inside the JSON), so that anyone can
// check the signature without re-encoding it.
type checkpointJSON struct {
	ID             string    `json:"id"`
	Sequence       int64     `json:"sequence"`
	ChainHead      string    `json:"chain_head"`
	MonthEnd       *string   `json:"month_end"`
	TakenAt        time.Time `json:"taken_at"`
	Statement      string    `json:"statement"`
	Signature      string    `json:"signature"`
	PublicKey      string    `json:"public_key"`
	KeyFingerprint string    `json:"key_fingerprint"`
}

func toCheckpoint(c ledger.Checkpoint) checkpointJSON {
	out := checkpointJSON{ID: c.ID, Sequence: c.Sequence, ChainHead: c.ChainHead, TakenAt: c.TakenAt,
		Statement: string(c.Statement), Signature: base64.StdEncoding.EncodeToString(c.Signature),
		PublicKey: base64.StdEncoding.EncodeToString(c.PublicKey), KeyFingerprint: ledger.KeyFingerprint(c.PublicKey)}
	if !c.MonthEnd.IsZero() {
		day := c.MonthEnd.String()
		out.MonthEnd = &day
	}
	return out
}

func (s *server) listCheckpoints(c *fiber.Ctx) error {
	cs, err := s.proofs.Checkpoints(c.UserContext(), actor(c), c.Params("coop"))
	if err != nil {
		return err
	}
	out := struct {
		Checkpoints []checkpointJSON `json:"checkpoints"`
	}{Checkpoints: []checkpointJSON{}}
	for _, cp := range cs {
		out.Checkpoints = append(out.Checkpoints, toCheckpoint(cp))
	}
	return c.JSON(out)
}

func (s *server) takeCheckpoint(c *fiber.Ctx) error {
	cp, err := s.proofs.TakeCheckpoint(c.UserContext(), actor(c), c.Params("coop"))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toCheckpoint(cp))
}

// mimeJSONLines is the journal copy's type: one JSON object per line.
const mimeJSONLines = "application/jsonl"

// journalCopy answers the cooperative's journal copy, built whole before
// it is sent, like the journal export: never a truncated copy.
func (s *server) journalCopy(c *fiber.Ctx) error {
	var body bytes.Buffer
	if err := s.proofs.WriteJournalCopy(c.UserContext(), actor(c), c.Params("coop"), &body); err != nil {
		return err
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	d := download{report: "journal-copy", owner: coop, date: today()}
	return sendAttachment(c, mimeJSONLines, d.filename("jsonl"), body.Bytes())
}
