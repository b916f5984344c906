package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/ledger"
)

// RequestTimeoutDefault bounds every request when the configuration says
// nothing: a deposit takes milliseconds, a federation's portfolio series a
// few seconds; past this, the client is better told to try again than
// left waiting.
const RequestTimeoutDefault = 15 * time.Second

// deadline gives each request's context a deadline. The services pass it
// to every query, so a request stuck behind a lock or a full connection
// pool gives up at the deadline and answers 503, its transaction rolled
// back.
func deadline(timeout time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), timeout)
		defer cancel()
		c.SetUserContext(ctx)
		return c.Next()
	}
}

// errTimedOut answers a request that ran out of time.
func errTimedOut(cause error) error {
	return ledger.Unavailable("request.timeout", "the request ran out of time; nothing was changed, try again shortly", cause)
}

// isTimeout reports whether err is the request's deadline or the
// database's statement or lock timeout.
func isTimeout(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || ledger.IsTimeout(err)
}

// panicked is a handler's panic turned into an error. It is never a
// domain error, whatever value the handler panicked with, so that the
// client always gets a 500 and never a status the panic's value implies.
type panicked struct{ value any }

func (p panicked) Error() string { return fmt.Sprintf("handler panicked: %v", p.value) }

// recoverPanics turns a handler's panic into a 500, logging it with its
// stack. A panic is a bug: tests fail on the log line (api_test.go).
func recoverPanics(logger *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				logger.Error(panicLogMessage,
					"request_id", requestID(c), "method", c.Method(), "path", c.Path(),
					"panic", r, "stack", string(debug.Stack()))
				err = panicked{r}
			}
		}()
		return c.Next()
	}
}

// panicLogMessage is the log message of a recovered panic.
const panicLogMessage = "handler panicked"
