package imports

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/lumbung/lumbung/ledger"
)

// record is one data row of a file, read column by column; each problem
// found is added to the file's list under the row's number as the sheet
// shows it (the header is row 1) and the column's name as the header
// writes it.
type record struct {
	t      *table
	l      layout
	cells  []string
	line   int
	fields *[]ledger.FieldError
}

func (r record) field(col string) string {
	name := r.l.name[col]
	if name == "" {
		name = col
	}
	return fmt.Sprintf("rows[%d].%s", r.line, name)
}

func (r record) fail(col, reason string, args ...any) {
	*r.fields = append(*r.fields, ledger.FieldError{Field: r.field(col), Reason: reason, Args: args})
}

// text is a column's cell, "" when the file has no such column or the row
// ends before it.
func (r record) text(col string) string {
	i, ok := r.l.index[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	s := r.cells[i]
	if len(s) > cellBytesMax || !utf8.ValidString(s) {
		r.fail(col, "at most %d characters", cellBytesMax)
		return ""
	}
	return s
}

// required is a cell that must be filled.
func (r record) required(col string) string {
	s := r.text(col)
	if s == "" {
		r.fail(col, "required")
	}
	return s
}

// date is a required day, not after today.
func (r record) date(col string, today ledger.Date) ledger.Date {
	s := r.required(col)
	if s == "" {
		return ledger.Date{}
	}
	d, ok := r.t.date(s)
	switch {
	case !ok:
		r.fail(col, "a date such as 2026-12-31 or 31/12/2026")
	case d.After(today):
		r.fail(col, "must not be in the future")
	}
	return d
}

// minor is an amount in the currency, above zero when required, else zero
// when blank.
func (r record) minor(col string, cur ledger.Currency, required bool) int64 {
	s := r.text(col)
	if s == "" {
		if required {
			r.fail(col, "required")
		}
		return 0
	}
	v, err := ledger.ParsePositiveMinor(col, r.t.amount(s), cur)
	if err != nil {
		r.refused(col, err)
	}
	return v
}

// count is a whole number from 0, zero when blank.
func (r record) count(col string) int {
	s := r.text(col)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		r.fail(col, "a whole number")
	}
	return n
}

// refused adds what a service said of a column's value under the row: its
// field reasons, or its sentence, kept as templates so that the reader
// gets them in her language.
func (r record) refused(col string, err error) {
	e := ledger.AsError(err)
	if e.Message != "" {
		r.fail(col, e.Message, e.Args...)
	}
	for _, f := range e.Fields {
		r.fail(col, f.Reason, f.Args...)
	}
}
