package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// problemContentType marks an error body as RFC 9457 problem details.
const problemContentType = "application/problem+json"

// problem is an RFC 9457 problem details document. Type is a stable
// identifier clients may branch on; "about:blank" says the status alone
// carries the meaning, and then Title is the status' standard phrase.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
}

// internalDetail is all a client learns of an unexpected failure: the cause
// may name tables, queries or other cooperatives' data, so it goes to the
// log only, under the request ID the client can quote.
const internalDetail = "an unexpected error occurred; it has been logged under this request's X-Request-ID"

// errorHandler answers every error a handler or middleware returns with a
// problem document. A *fiber.Error (unknown route, body too large, a failed
// readiness check) keeps its status and message; anything else is a 500
// with a generic detail and the real error logged.
func errorHandler(logger *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		var fe *fiber.Error
		if errors.As(err, &fe) {
			return writeProblem(c, statusProblem(fe.Code, fe.Message))
		}
		logger.Error("request failed",
			"request_id", requestID(c), "method", c.Method(), "path", c.Path(), "err", err)
		return writeProblem(c, statusProblem(fiber.StatusInternalServerError, internalDetail))
	}
}

// statusProblem is a problem whose meaning is its HTTP status.
func statusProblem(status int, detail string) problem {
	return problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

func writeProblem(c *fiber.Ctx, p problem) error {
	return c.Status(p.Status).JSON(p, problemContentType)
}
