package api

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/ledger"
)

// decode reads a request body strictly into dst: JSON only, one value,
// field names exactly as the request spells them, each at most once, no
// unknown fields. Malformed JSON is a 400; a well-formed body with an
// unknown or repeated field, or a value of the wrong type, is a 422 naming
// the field.
func decode(c *fiber.Ctx, dst any) error {
	if ct := c.Get(fiber.HeaderContentType); !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return fiber.ErrUnsupportedMediaType
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
//
// A body must have one reading: whatever reads it on the way (a proxy, a
// log, the client's own check) must see the amounts the ledger posts. So
// names match their json tag exactly ("AMOUNT" is not "amount"), and a
// name given twice in any object is refused rather than the last one
// winning. The syntax is checked first, on its own, so that a body that is
// not JSON is a 400 whatever else is wrong with it.
func decodeJSON(body []byte, dst any) error {
	if err := checkSyntax(body); err != nil {
		return err
	}
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(false))
	if err := json.UnmarshalDecode(dec, dst, json.RejectUnknownMembers(true), json.MatchCaseInsensitiveNames(false)); err != nil {
		return decodeError(dec, err)
	}
	return nil
}

// checkSyntax refuses a body that is not exactly one JSON value of valid
// UTF-8. Repeated names are left to the second reading, which names them.
func checkSyntax(body []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(true))
	if _, err := dec.ReadValue(); err != nil {
		return errMalformed("the body is not valid JSON")
	}
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
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

// decodeError turns an error of the second reading into a field error.
// The decoder's errors carry a JSON pointer to the offending member, so
// the field is named without reading the message text.
func decodeError(dec *jsontext.Decoder, err error) error {
	var syntaxErr *jsontext.SyntacticError
	var semanticErr *json.SemanticError
	switch {
	case errors.As(err, &syntaxErr) && errors.Is(syntaxErr.Err, jsontext.ErrDuplicateName):
		return memberError(dec, "request.duplicate_field", syntaxErr.JSONPointer, "given more than once")
	case errors.As(err, &semanticErr) && errors.Is(semanticErr.Err, json.ErrUnknownName):
		return memberError(dec, "request.unknown_field", semanticErr.JSONPointer, "not a field of this request")
	case errors.As(err, &semanticErr):
		return memberError(dec, "request.field_type", semanticErr.JSONPointer, typeReason(semanticErr))
	default:
		return errMalformed("the body could not be read as JSON")
	}
}

// memberError names the member ptr points to; the body itself when ptr
// points to the whole body, and the object holding it when its name is
// empty, as an empty field name says nothing to a reader.
func memberError(dec *jsontext.Decoder, code string, ptr jsontext.Pointer, reason string) error {
	if ptr != "" && ptr.LastToken() == "" {
		ptr = ptr.Parent()
		reason = "holds a field with an empty name, which no request takes"
	}
	field := fieldPath(dec, ptr)
	if field == "" {
		field = "body"
	}
	return ledger.InvalidField(code, field, reason)
}

// fieldPath spells a JSON pointer as the services name fields:
// "/lines/2/sukarela" is "lines[2].sukarela". A pointer alone cannot tell
// an array index from a member named "2"; the decoder, stopped where it
// failed, still holds every object and array it was inside, and token i
// of the pointer lies in its stack level i.
func fieldPath(dec *jsontext.Decoder, ptr jsontext.Pointer) string {
	var b strings.Builder
	level := 0
	for name := range ptr.Tokens() {
		level++
		if level <= dec.StackDepth() {
			if kind, _ := dec.StackIndex(level); kind == '[' {
				b.WriteString("[" + name + "]")
				continue
			}
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(name)
	}
	return b.String()
}

// typeReason says what JSON a field takes, from the Go type it decodes
// into.
func typeReason(e *json.SemanticError) string {
	t := e.GoType
	if t == nil {
		return "holds a value of the wrong JSON type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "must be a JSON string"
	case reflect.Bool:
		return "must be a JSON boolean"
	case reflect.Slice, reflect.Array:
		return "must be a JSON array"
	case reflect.Struct, reflect.Map:
		return "must be a JSON object"
	}
	if e.JSONKind == '0' {
		// A number, refused by a whole-number field: a fraction, an
		// exponent or beyond the field's range.
		return "must be a whole number in range"
	}
	return "must be a JSON number"
}

// optionalDate parses a YYYY-MM-DD field; empty gives the zero date.
func optionalDate(field, s string) (ledger.Date, error) {
	if s == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDate(s)
	if err != nil {
		return ledger.Date{}, ledger.InvalidField("request.date", field, "a date of the form YYYY-MM-DD")
	}
	return d, nil
}
