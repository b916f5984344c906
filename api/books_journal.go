package api

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/ledger"
)

// formatLedger is the plain-text journal hledger and ledger-cli read, the
// one export format; ?format is required so that others can join it.
const formatLedger = "ledger"

// exportJournal answers the cooperative's book as a journal file. It is
// built whole before it is sent: a failure halfway is a problem answer,
// never a truncated journal that looks complete.
func (s *server) exportJournal(c *fiber.Ctx) error {
	if c.Query("format") != formatLedger {
		return ledger.InvalidField("request.format", "format", "ledger (an hledger / ledger-cli journal)")
	}
	var journal bytes.Buffer
	if err := s.books.ExportJournal(c.UserContext(), actor(c), c.Params("coop"), &journal); err != nil {
		return err
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	d := download{report: "journal", owner: coop, date: today()}
	return sendAttachment(c, "text/plain; charset=utf-8", d.filename("journal"), journal.Bytes())
}
