package api

import (
	"encoding/base64"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Cursors are opaque to clients: base64url of what the listing resumes
// after (an ID, or an entry sequence number).
func encodeCursor(s string) string {
	if s == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(c *fiber.Ctx) (string, error) {
	raw := c.Query("cursor")
	if raw == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return "", ledger.InvalidField("page.cursor", "cursor", "not a cursor this listing made")
	}
	return string(b), nil
}

// page reads the limit and cursor of a listing of IDs.
func page(c *fiber.Ctx) (accounts.Page, error) {
	limit, err := queryLimit(c)
	if err != nil {
		return accounts.Page{}, err
	}
	after, err := decodeCursor(c)
	return accounts.Page{After: after, Limit: limit}, err
}

// entryPage reads the limit and cursor of a listing of entries.
func entryPage(c *fiber.Ctx) (before int64, limit int, err error) {
	if limit, err = queryLimit(c); err != nil {
		return 0, 0, err
	}
	cursor, err := decodeCursor(c)
	if err != nil || cursor == "" {
		return 0, limit, err
	}
	before, err = strconv.ParseInt(cursor, 10, 64)
	if err != nil || before <= 0 {
		return 0, 0, ledger.InvalidField("page.cursor", "cursor", "not a cursor this listing made")
	}
	return before, limit, nil
}

func queryLimit(c *fiber.Ctx) (int, error) {
	raw := c.Query("limit")
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > accounts.PageSizeMax {
		return 0, ledger.InvalidField("page.size", "limit", "a whole number from 1 to 200")
	}
	return n, nil
}

// asOf reads the optional as_of date of a balance query.
func asOf(c *fiber.Ctx) (ledger.Date, error) {
	raw := c.Query("as_of")
	if raw == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDate(raw)
	if err != nil {
		return ledger.Date{}, ledger.InvalidField("request.as_of", "as_of", "a date of the form YYYY-MM-DD")
	}
	return d, nil
}

// listOf is the envelope of every listing.
type listOf[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func newList[T any](items []T, next string) listOf[T] {
	if items == nil {
		items = []T{}
	}
	return listOf[T]{Items: items, NextCursor: encodeCursor(next)}
}
