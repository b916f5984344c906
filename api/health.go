package api

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"
)

// readyTimeout bounds the readiness check's database ping: a load balancer
// probing every few seconds needs a prompt "not ready", not a request that
// hangs as long as the database does.
const readyTimeout = 2 * time.Second

// healthStatus is the body of a successful health check.
type healthStatus struct {
	Status string `json:"status"`
}

// live answers the liveness check: the process is up and serving HTTP. It
// deliberately ignores the database, so an orchestrator does not restart a
// healthy server because Postgres is briefly away.
func live(c *fiber.Ctx) error {
	return c.JSON(healthStatus{Status: "ok"})
}

// ready answers the readiness check: the server can do useful work only
// when its database answers.
func ready(db *bun.DB, logger *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), readyTimeout)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			logger.Warn("not ready: database ping failed", "request_id", requestID(c), "err", err)
			return fiber.ErrServiceUnavailable
		}
		return c.JSON(healthStatus{Status: "ok"})
	}
}
