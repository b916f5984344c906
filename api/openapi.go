package api

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
)

// openAPIDocument describes every route of the API; a test keeps it true:
// every registered route is in it, and responses in the API tests validate
// against its schemas.
//
//go:embed openapi.json
var openAPIDocument []byte

func serveOpenAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(openAPIDocument)
}
