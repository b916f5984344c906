package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/ledger"
)

// decode reads a request body strictly into dst: JSON only, one value,
// no unknown fields. Malformed JSON is a 400; a well-formed body with an
// unknown field or a value of the wrong type is a 422 naming the field.
func decode(c *fiber.Ctx, dst any) error {
	if ct := c.Get(fiber.HeaderContentType); !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return fiber.NewError(fiber.StatusUnsupportedMediaType, "send the body as application/json")
	}
	return decodeJSON(c.Body(), dst)
}

// decodeOptional is decode for routes whose body may be left out
// entirely (a reversal, a disbursement on today's date): an empty body
// leaves dst as it is.
func decodeOptional(c *fiber.Ctx, dst any) error {
	if len(c.Body()) == 0 {
		return nil
	}
	return decode(c, dst)
}

// decodeJSON is decode without the HTTP request, for the fuzz target.
func decodeJSON(body []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errMalformed("the body holds more than one JSON value")
	}
	return nil
}

// codeMalformed marks a body that is not JSON at all: a 400, where a
// well-formed body with wrong contents is a 422.
const codeMalformed = "request.malformed"

func errMalformed(detail string) error {
	return &ledger.Error{Kind: ledger.KindInvalid, Code: codeMalformed, Message: detail}
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return ledger.InvalidField("request.field_type", field, fmt.Sprintf("must be a JSON %s", jsonKind(typeErr.Type.Kind().String())))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json reports unknown fields only as text; the field name
		// is the quoted rest of the message.
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		if field == "" {
			return ledger.InvalidField("request.unknown_field", "body", "holds a field whose name is empty")
		}
		return ledger.InvalidField("request.unknown_field", field, "not a field of this request")
	case errors.As(err, &syntaxErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errMalformed("the body is not valid JSON")
	default:
		return errMalformed("the body could not be read as JSON")
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "struct", "map":
		return "object"
	case "bool":
		return "boolean"
	default:
		return "number"
	}
}
