package api

import (
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// A problem's detail and its fields' reasons are written in the reader's
// language. Each sentence is made in English where the error is made, as a
// constant template with its figures kept apart (ledger.Error's Message
// and Args, a FieldError's Reason and Args); detailsID gives each template
// its Indonesian, and the same figures are formatted into whichever
// template the reader gets. Keying by the English template rather than by
// the error's code keeps the codes as they are (one code, such as
// loan.status, has several sentences) and keeps each sentence beside the
// code that decides it; TestProblemTextsTranslated finds every template
// in the code base and fails on one without its Indonesian.

// sentence is a template in the reader's language filled with its
// figures. A template the catalogue lacks stays English: the test above
// keeps that from shipping, and English is still better than nothing.
func sentence(lang render.Lang, template string, args []any) string {
	if lang == render.ID {
		if id, ok := detailsID[template]; ok {
			template = id
		}
	}
	if len(args) == 0 {
		return template
	}
	return fmt.Sprintf(template, args...)
}

// detail is an error's sentence in the reader's language: its message, or
// for an error that has none, its fields and their reasons.
func detail(lang render.Lang, e *ledger.Error) string {
	if e.Message != "" {
		return sentence(lang, e.Message, e.Args)
	}
	var out string
	for i, f := range e.Fields {
		if i > 0 {
			out += "; "
		}
		out += f.Field + ": " + sentence(lang, f.Reason, f.Args)
	}
	return out
}

// statusProblem is what a status the app answers by itself (not a domain
// error) says: its code, when it has one ("" keeps the type about:blank),
// and its English template; a template of a route takes the request's
// method and path.
type statusProblem struct {
	code    string
	message string
	ofRoute bool
}

// statusProblems are the problems Fiber and the app's own middleware
// answer with a status alone. Fiber's own words ("Cannot GET /x") are
// not used: they are English only and name no code a client can branch on.
var statusProblems = map[int]statusProblem{
	fiber.StatusNotFound:              {codeRouteNotFound, "no route answers %s %s", true},
	fiber.StatusMethodNotAllowed:      {"", "%s is not a method of %s", true},
	fiber.StatusRequestEntityTooLarge: {"", "the body is larger than a request may be (1 MiB)", false},
	fiber.StatusUnsupportedMediaType:  {"", "send the body as application/json", false},
	fiber.StatusTooManyRequests:       {"", "too many failed logins; wait before trying again", false},
	fiber.StatusServiceUnavailable:    {"", "the database is not answering", false},
}

// codeRouteNotFound is the code of a path (or method) no route answers.
const codeRouteNotFound = "route.not_found"

// fiberProblem is the problem of an error Fiber or the app's middleware
// answered with a status alone.
func fiberProblem(c *fiber.Ctx, lang render.Lang, status int) problem {
	sp, ok := statusProblems[status]
	if !ok {
		return problem{Type: "about:blank", Title: http.StatusText(status), Status: status}
	}
	var args []any
	if sp.ofRoute {
		args = []any{c.Method(), c.Path()}
	}
	p := problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: sentence(lang, sp.message, args)}
	if sp.code != "" {
		p.Type, p.Code = problemTypePrefix+sp.code, sp.code
	}
	return p
}
