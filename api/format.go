package api

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// Reports come as JSON by default; ?format=csv and ?format=pdf ask for the
// same report as a file to download: a CSV for the treasurer's spreadsheet,
// a PDF to print for a meeting or send to a partner.

// The representations of a report, as ?format names them.
const (
	formatJSON = "json"
	formatCSV  = "csv"
	formatPDF  = "pdf"
)

// Content types of the downloads.
const (
	mimeCSV = "text/csv; charset=utf-8"
	mimePDF = "application/pdf"
)

// reportFormat is the representation a report is asked for.
type reportFormat struct {
	kind string          // formatJSON, formatCSV or formatPDF
	csv  render.CSVStyle // for formatCSV
	lang render.Lang     // the language of a CSV or PDF
}

// parseReportFormat reads ?format (default json), which must be json or one
// of the representations the route offers, and for CSV its delimiter and
// decimal mark. Those two belong to CSV alone: sent with another format
// they are refused, not ignored, so that a client that forgot format=csv
// learns it. Errors: KindInvalid naming the field.
func (s *server) parseReportFormat(c *fiber.Ctx, offered ...string) (reportFormat, error) {
	kind := c.Query("format")
	if kind == "" {
		kind = formatJSON
	}
	if kind != formatJSON && !slices.Contains(offered, kind) {
		return reportFormat{}, ledger.InvalidField("request.format", "format", "one of %s", formatChoices(offered))
	}
	lang, err := s.lang(c)
	if err != nil {
		return reportFormat{}, err
	}
	delimiter, decimal := c.Query("delimiter"), c.Query("decimal")
	if kind != formatCSV {
		if delimiter != "" {
			return reportFormat{}, ledger.InvalidField("request.delimiter", "delimiter", "only with format=csv")
		}
		if decimal != "" {
			return reportFormat{}, ledger.InvalidField("request.decimal", "decimal", "only with format=csv")
		}
		return reportFormat{kind: kind, lang: lang}, nil
	}
	style, err := render.ParseCSVStyle(delimiter, decimal)
	return reportFormat{kind: formatCSV, csv: style, lang: lang}, err
}

// lang is the language of a request's document: what the request names
// (requestLang), else the cooperative's own (cooperativeLang), else
// Indonesian. A browser always sends Accept-Language, so there its
// language wins over the cooperative's; ?lang wins over both.
// Errors: KindInvalid for a ?lang Lumbung does not speak.
func (s *server) lang(c *fiber.Ctx) (render.Lang, error) {
	lang, named, err := requestLang(c.Query("lang"), c.Get(fiber.HeaderAcceptLanguage))
	if err != nil || named {
		return lang, err
	}
	return s.cooperativeLang(c), nil
}

// cooperativeLang is the language of the cooperative a route under
// /v1/cooperatives/{coop} names, read with the caller's own rights: a
// cooperative she may not read, like one that does not exist, speaks
// Indonesian, so the language of her 404 tells her nothing. Any failure to
// read it falls back to Indonesian too: the language is never worth an
// error of its own.
func (s *server) cooperativeLang(c *fiber.Ctx) render.Lang {
	a := actor(c)
	id := c.Params("coop")
	if id == "" || a.UserID == "" {
		return render.ID
	}
	coop, err := s.accounts.FindCooperativeByID(c.UserContext(), a, id)
	if err != nil {
		return render.ID
	}
	lang, _ := render.ParseLang(string(coop.Language))
	return lang
}

const cooperativeLangKey = "lumbung.cooperative_lang"

// speakCooperativeLang keeps, for the problem a cooperative's route answers,
// the cooperative's language. It is read here, while the request's
// deadline still runs: the error handler runs after it has been cancelled.
func (s *server) speakCooperativeLang(c *fiber.Ctx) error {
	err := c.Next()
	if err != nil {
		c.Locals(cooperativeLangKey, s.cooperativeLang(c))
	}
	return err
}

// acceptLanguageTagsMax bounds the tags of an Accept-Language header read.
const acceptLanguageTagsMax = 16

// requestLang is the language a request asks for, for its document or
// its problem: ?lang (id or en; anything else is refused, naming lang),
// else the first language of Accept-Language that Lumbung speaks, by
// q-value, else Indonesian, the language of a cooperative in Indonesia.
// named is false when the request names no language Lumbung speaks.
// Errors: KindInvalid.
func requestLang(query, acceptLanguage string) (lang render.Lang, named bool, err error) {
	if query != "" {
		lang, ok := render.ParseLang(query)
		if !ok || strings.Contains(query, "-") {
			return render.ID, false, ledger.InvalidField("request.lang", "lang", "id or en")
		}
		return lang, true, nil
	}
	best, bestQ := render.ID, 0.0
	for i, part := range strings.Split(acceptLanguage, ",") {
		if i == acceptLanguageTagsMax {
			break
		}
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			parsed, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue // a malformed weight: the tag is skipped, as if absent
			}
			q = parsed
		}
		if lang, ok := render.ParseLang(tag); ok && q > bestQ {
			best, bestQ = lang, q
		}
	}
	return best, bestQ > 0, nil
}

// formatChoices lists the formats a route takes, "json, csv, pdf", in
// words no language needs to translate.
func formatChoices(offered []string) string {
	return strings.Join(append([]string{formatJSON}, offered...), ", ")
}

// download is a report sent as a file. Its name says what it is, whose,
// and of which day: "balance-sheet-koperasi-wanita-sejahtera-2026-01-31.csv".
type download struct {
	report string      // "balance-sheet", "statement-2100-0007"
	owner  string      // the cooperative's or partner's name
	date   ledger.Date // the report's day: its as-of date or its period's end
}

func (d download) filename(ext string) string {
	return d.report + "-" + slug(d.owner) + "-" + d.date.String() + "." + ext
}

func (d download) sendCSV(c *fiber.Ctx, sheet *render.Sheet) error {
	body, err := sheet.Bytes()
	if err != nil {
		return err
	}
	return sendAttachment(c, mimeCSV, d.filename("csv"), body)
}

func (d download) sendPDF(c *fiber.Ctx, doc *render.PDF) error {
	body, err := doc.Bytes()
	if err != nil {
		return err
	}
	return sendAttachment(c, mimePDF, d.filename("pdf"), body)
}

// sendAttachment answers with a file the browser saves rather than shows.
// The file name is made by slug and dates only, so it needs no escaping
// inside the quotes.
func sendAttachment(c *fiber.Ctx, contentType, filename string, body []byte) error {
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	return c.Send(body)
}

// slugLengthMax keeps a file name short enough for every file system and
// phone once the report and date are added.
const slugLengthMax = 60

// slug turns a name into a file name part: lower-case ASCII letters and
// digits, accents dropped ("Désa" is "desa"), any other run of characters
// as one hyphen, at most slugLengthMax long. A name with no such letters
// ("—") gives "report".
func slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accent of a decomposed letter
		}
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			hyphen = true
			continue
		}
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteRune(r)
	}
	out := b.String()
	if len(out) > slugLengthMax {
		out = strings.TrimRight(out[:slugLengthMax], "-")
	}
	if out == "" {
		return "report"
	}
	return out
}

// today is the day a download without a date of its own is filed under,
// and the day every PDF says it was generated: UTC, as all of Lumbung's
// dates.
func today() ledger.Date { return ledger.DateOf(time.Now().UTC()) }

// cooperativeName is the name a cooperative's download is filed and titled
// under. Everyone who may read one of a cooperative's reports may read its
// record, so this refuses no one the report admitted.
func (s *server) cooperativeName(c *fiber.Ctx) (string, error) {
	coop, err := s.accounts.FindCooperativeByID(c.UserContext(), actor(c), c.Params("coop"))
	return coop.Name, err
}

// sendCooperativeCSV sends a report of the route's cooperative as a CSV
// named for the report, the cooperative and the report's day.
func (s *server) sendCooperativeCSV(c *fiber.Ctx, report string, date ledger.Date, sheet *render.Sheet) error {
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	return download{report: report, owner: coop, date: date}.sendCSV(c, sheet)
}
