package ledger

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error for the layers above. The list is closed and its
// values are never renumbered: the API maps each kind to one HTTP status.
type Kind int

const (
	KindInternal        Kind = iota // a bug or an unexpected failure; details go to the log only
	KindInvalid                     // the request itself is wrong; Fields say where
	KindNotFound                    // the thing does not exist, or the caller may not know it does
	KindConflict                    // the request is valid but clashes with the current state
	KindForbidden                   // the caller is known but may not do this
	KindUnavailable                 // a transient failure (contention, a database restart); retry later
	KindUnauthenticated             // the caller did not prove who she is (bad credentials or token)
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not_found"
	case KindConflict:
		return "conflict"
	case KindForbidden:
		return "forbidden"
	case KindUnavailable:
		return "unavailable"
	case KindUnauthenticated:
		return "unauthenticated"
	default:
		return "internal"
	}
}

// FieldError names one offending input field and why it was refused.
// Reason is a constant English template and Args the figures it carries
// (see Error).
type FieldError struct {
	Field  string
	Reason string
	Args   []any
}

// Text is the reason with its figures, in English.
func (f FieldError) Text() string { return format(f.Reason, f.Args) }

// Error is the error vocabulary shared by ledger, accounts and api: a kind, a
// stable dotted code (it becomes the problem type on the wire), a sentence
// for a human and, for invalid input, the fields at fault.
//
// The sentence is kept as a constant English template (Message) and the
// figures it carries (Args), not as one formatted string: the API answers
// in the reader's language by looking the template up in its catalogue and
// formatting the same figures into the translation. A template is a
// constant at the place the error is made, so a test can find every one
// and fail when a translation is missing. An error without a Message is
// described by its fields.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Args    []any
	Fields  []FieldError
	Err     error // the underlying cause, if any; never shown to clients
}

// Text is the sentence for a human, in English, with its figures.
func (e *Error) Text() string {
	if e.Message != "" {
		return format(e.Message, e.Args)
	}
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Text())
	}
	return strings.Join(parts, "; ")
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Text(), e.Err)
	}
	return e.Code + ": " + e.Text()
}

func (e *Error) Unwrap() error { return e.Err }

// format fills a template with its figures; a template without figures is
// taken as it is, so that a literal "%" in it needs no escaping.
func format(template string, args []any) string {
	if len(args) == 0 {
		return template
	}
	return fmt.Sprintf(template, args...)
}

// Invalid returns a KindInvalid error. With fields, the message should say
// what is wrong in general and the fields say where.
func Invalid(code, message string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: message, Fields: fields}
}

// InvalidField returns a KindInvalid error about a single field, the reason
// a template filled with args; its sentence is "field: reason".
func InvalidField(code, field, reason string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Code: code, Fields: []FieldError{{Field: field, Reason: reason, Args: args}}}
}

// NotFound returns a KindNotFound error, its message a template filled
// with args.
func NotFound(code, message string, args ...any) *Error {
	return &Error{Kind: KindNotFound, Code: code, Message: message, Args: args}
}

// Conflict returns a KindConflict error, its message a template filled
// with args.
func Conflict(code, message string, args ...any) *Error {
	return &Error{Kind: KindConflict, Code: code, Message: message, Args: args}
}

// Forbidden returns a KindForbidden error.
func Forbidden(code, message string) *Error {
	return &Error{Kind: KindForbidden, Code: code, Message: message}
}

// Unauthenticated returns a KindUnauthenticated error.
func Unauthenticated(code, message string) *Error {
	return &Error{Kind: KindUnauthenticated, Code: code, Message: message}
}

// Unavailable returns a KindUnavailable error wrapping a transient cause.
func Unavailable(code, message string, cause error) *Error {
	return &Error{Kind: KindUnavailable, Code: code, Message: message, Err: cause}
}

// AsError returns the *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// KindOf returns the kind of the first *Error in err's chain; anything
// unclassified is KindInternal.
func KindOf(err error) Kind {
	if e := AsError(err); e != nil {
		return e.Kind
	}
	return KindInternal
}

// CodeOf returns the code of the first *Error in err's chain, or "".
func CodeOf(err error) string {
	if e := AsError(err); e != nil {
		return e.Code
	}
	return ""
}

// wrap adds context to a non-nil error, keeping its chain: use it as
// `defer Wrap(&err, "Post(%s)", bookID)`.
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
