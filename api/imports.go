package api

import (
	"mime"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/imports"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// The spreadsheets a treasurer kept before Lumbung, brought in: the file
// is the request's body, as text/csv or as an .xlsx workbook, within the
// app's body limit (1 MiB) and its request time.

const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// importFormats are the content types a file is sent as.
var importFormats = map[string]imports.Format{"text/csv": imports.CSV, mimeXLSX: imports.XLSX}

type importResponse struct {
	ID         string `json:"id,omitempty"`
	Kind       string `json:"kind"`
	Rows       int    `json:"rows"`
	Created    int    `json:"created"`
	Entries    int    `json:"entries"`
	DryRun     bool   `json:"dry_run"`
	Replayed   bool   `json:"replayed"`
	ImportedAt string `json:"imported_at"`
}

// importFile imports the body: 201 for a new import, 200 for a dry run or
// a file imported before (replayed).
func (s *server) importFile(c *fiber.Ctx) error {
	kind, err := importKind(c)
	if err != nil {
		return err
	}
	// An unknown content type is refused by the service, after it has
	// decided who may import: a caller who may not learns nothing more.
	mediaType, _, _ := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	format := importFormats[mediaType]
	dryRun := false
	if q := c.Query("dry_run"); q != "" {
		if dryRun, err = strconv.ParseBool(q); err != nil {
			return ledger.InvalidField("import.invalid", "dry_run", "true or false")
		}
	}
	res, err := s.imports.Import(c.UserContext(), actor(c), c.Params("coop"),
		imports.Input{Kind: kind, Format: format, Content: c.Body(), DryRun: dryRun})
	if err != nil {
		return err
	}
	status := fiber.StatusCreated
	if res.DryRun || res.Replayed {
		status = fiber.StatusOK
	}
	return c.Status(status).JSON(importResponse{ID: res.ID, Kind: string(res.Kind), Rows: res.Rows, Created: res.Created,
		Entries: res.Entries, DryRun: res.DryRun, Replayed: res.Replayed, ImportedAt: res.ImportedAt.UTC().Format(time.RFC3339)})
}

// importTemplate answers an empty file of a kind in the reader's language.
func (s *server) importTemplate(c *fiber.Ctx) error {
	kind, err := importKind(c)
	if err != nil {
		return err
	}
	format := imports.Format(c.Query("format", string(imports.CSV)))
	if format != imports.CSV && format != imports.XLSX {
		return ledger.InvalidField("request.format", "format", "csv or xlsx")
	}
	lang, err := s.lang(c)
	if err != nil {
		return err
	}
	language := accounts.LanguageID
	if lang == render.EN {
		language = accounts.LanguageEN
	}
	b, err := s.imports.Template(c.UserContext(), actor(c), c.Params("coop"), kind, format, language)
	if err != nil {
		return err
	}
	contentType := "text/csv; charset=utf-8"
	if format == imports.XLSX {
		contentType = mimeXLSX
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	d := download{report: "template-" + string(kind) + "-" + string(language), owner: coop, date: today()}
	return sendAttachment(c, contentType, d.filename(string(format)), b)
}

func importKind(c *fiber.Ctx) (imports.Kind, error) {
	kind, ok := imports.ParseKind(c.Params("kind"))
	if !ok {
		return "", ledger.NotFound("import.kind_not_found", "no such import: members, opening-balances or loans")
	}
	return kind, nil
}
