package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// problemContentType marks an error body as RFC 9457 problem details.
const problemContentType = "application/problem+json"

// problem is an RFC 9457 problem details document. Type is a stable
// identifier clients may branch on; "about:blank" says the status alone
// carries the meaning, and then Title is the status' standard phrase.
type problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Code   string         `json:"code,omitempty"`   // the stable code the type is built from
	Errors []fieldProblem `json:"errors,omitempty"` // for validation: the offending fields
}

// fieldProblem names one offending field of a request and why.
type fieldProblem struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// problemTypePrefix makes a stable problem type from an error code:
// "/problems/entry.unbalanced". It is a relative URI reference, as RFC 9457
// allows, so it names the problem without tying it to a host.
const problemTypePrefix = "/problems/"

// kindStatus is the one table from error kinds to HTTP statuses.
var kindStatus = map[ledger.Kind]int{
	ledger.KindInvalid:         fiber.StatusUnprocessableEntity,
	ledger.KindNotFound:        fiber.StatusNotFound,
	ledger.KindConflict:        fiber.StatusConflict,
	ledger.KindForbidden:       fiber.StatusForbidden,
	ledger.KindUnavailable:     fiber.StatusServiceUnavailable,
	ledger.KindUnauthenticated: fiber.StatusUnauthorized,
}

// retryAfterSeconds is what every 503 tells a client to wait: contention
// clears in milliseconds, so one second is generous; after a failed
// readiness check it only says when to ask again.
const retryAfterSeconds = "1"

// setStatusHeaders sets the headers an error status calls for, whichever
// path produced it: a 503 says when to retry, a 401 how to authenticate.
func setStatusHeaders(c *fiber.Ctx, status int) {
	switch status {
	case fiber.StatusServiceUnavailable:
		c.Set(fiber.HeaderRetryAfter, retryAfterSeconds)
	case fiber.StatusUnauthorized:
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="lumbung"`)
	}
}

// domainProblem turns a classified error into its problem document.
func domainProblem(e *ledger.Error, lang render.Lang) (problem, bool) {
	status, ok := kindStatus[e.Kind]
	if !ok {
		return problem{}, false
	}
	if e.Code == codeMalformed {
		status = fiber.StatusBadRequest
	}
	p := problem{Type: problemTypePrefix + e.Code, Title: http.StatusText(status), Status: status, Detail: detail(lang, e), Code: e.Code}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Reason: sentence(lang, f.Reason, f.Args)})
	}
	return p, true
}

// internalDetail is all a client learns of an unexpected failure: the cause
// may name tables, queries or other cooperatives' data, so it goes to the
// log only, under the request ID the client can quote.
const internalDetail = "an unexpected error occurred; it has been logged under this request's X-Request-ID"

// errorHandler answers every error a handler or middleware returns with a
// problem document, its detail in the reader's language (problemLang). A
// *fiber.Error (unknown route, body too large, a failed readiness check)
// keeps its status; anything else is a 500 with a generic detail and the
// real error logged.
func errorHandler(logger *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		lang := problemLang(c)
		var fe *fiber.Error
		if errors.As(err, &fe) {
			return writeProblem(c, fiberProblem(c, lang, fe.Code))
		}
		if isTimeout(err) && ledger.KindOf(err) != ledger.KindUnavailable {
			err = errTimedOut(err)
		}
		if e := ledger.AsError(err); e != nil {
			if p, ok := domainProblem(e, lang); ok {
				return writeProblem(c, p)
			}
		}
		logger.Error("request failed",
			"request_id", requestID(c), "method", c.Method(), "path", c.Path(), "err", err)
		status := fiber.StatusInternalServerError
		return writeProblem(c, problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
			Detail: sentence(lang, internalDetail, nil)})
	}
}

// problemLang is the language of a problem's detail: the request's ?lang
// when it is one Lumbung speaks, else its Accept-Language, else the
// language of the route's cooperative (speakCooperativeLang), else
// Indonesian. A ?lang it does not speak is not refused here: the problem
// may be about that very parameter.
func problemLang(c *fiber.Ctx) render.Lang {
	lang, named, err := requestLang(c.Query("lang"), c.Get(fiber.HeaderAcceptLanguage))
	if err != nil {
		lang, named, _ = requestLang("", c.Get(fiber.HeaderAcceptLanguage))
	}
	if named {
		return lang
	}
	lang, _ = c.Locals(cooperativeLangKey).(render.Lang)
	return lang
}

// writeProblem answers with a problem document and the headers its status
// calls for.
func writeProblem(c *fiber.Ctx, p problem) error {
	setStatusHeaders(c, p.Status)
	return c.Status(p.Status).JSON(p, problemContentType)
}
