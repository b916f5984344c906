package ledger

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar day with no time of day and no zone: an entry's
// effective date, a due date. It is stored as DATE on Postgres and as
// ISO 8601 text on SQLite, where text order is date order.
type Date struct {
	t time.Time // midnight UTC; the zero value is the zero Date
}

const dateLayout = "2006-01-02"

// NewDate returns the date year-month-day, normalised as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses YYYY-MM-DD strictly.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date of the form YYYY-MM-DD: %q", s)
	}
	return Date{t}, nil
}

func (d Date) IsZero() bool                 { return d.t.IsZero() }
func (d Date) String() string               { return d.t.Format(dateLayout) }
func (d Date) Time() time.Time              { return d.t }
func (d Date) Before(o Date) bool           { return d.t.Before(o.t) }
func (d Date) After(o Date) bool            { return d.t.After(o.t) }
func (d Date) AddDays(n int) Date           { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) DaysSince(o Date) int         { return int(d.t.Sub(o.t).Hours() / 24) }
func (d Date) Compare(o Date) int           { return d.t.Compare(o.t) }
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the date as MarshalText writes it.
func (d *Date) UnmarshalText(b []byte) error {
	parsed, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Value stores the date as YYYY-MM-DD, which both dialects accept.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a DATE (Postgres returns time.Time) or ISO text (SQLite).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = DateOf(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("ledger: cannot scan %T into Date", src)
	}
}

func (d *Date) scanText(s string) error {
	if len(s) > len(dateLayout) {
		s = s[:len(dateLayout)] // a driver may render a DATE as a timestamp
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
