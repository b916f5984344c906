package snapshot

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// kind is how a column's values travel in a snapshot, whichever store they
// come from or go to.
type kind string

const (
	kindInt       kind = "integer"   // a JSON number, within int64
	kindText      kind = "text"      // a JSON string
	kindTimestamp kind = "timestamp" // a JSON string, RFC 3339 in UTC
	kindDate      kind = "date"      // a JSON string, YYYY-MM-DD
	kindBytes     kind = "bytes"     // a JSON string, standard base64
	kindBool      kind = "boolean"   // true or false
)

// storedTimeLayout is how bun writes a time into a SQLite TEXT column (and
// into a PostgreSQL literal), always in UTC: a timestamp loaded into SQLite
// is stored exactly as the services would have stored it.
const storedTimeLayout = "2006-01-02 15:04:05.999999-07:00"

const dateLayout = "2006-01-02"

// postgresKind classifies a PostgreSQL column by information_schema's
// data_type.
func postgresKind(dataType string) (kind, error) {
	switch dataType {
	case "bigint", "integer", "smallint":
		return kindInt, nil
	case "text", "character", "character varying", "uuid", "json", "jsonb", "numeric":
		return kindText, nil
	case "timestamp with time zone", "timestamp without time zone":
		return kindTimestamp, nil
	case "date":
		return kindDate, nil
	case "bytea":
		return kindBytes, nil
	case "boolean":
		return kindBool, nil
	}
	return "", fmt.Errorf("postgres type %q cannot be carried (floats never hold money)", dataType)
}

// sqliteKind classifies a SQLite column by its declared type, by SQLite's
// own affinity rules; a column without a declared type holds anything and
// cannot be carried faithfully.
func sqliteKind(declared string) (kind, error) {
	t := strings.ToUpper(declared)
	switch {
	case strings.Contains(t, "INT"):
		return kindInt, nil
	case strings.Contains(t, "CHAR"), strings.Contains(t, "CLOB"), strings.Contains(t, "TEXT"):
		return kindText, nil
	case t == "BLOB":
		return kindBytes, nil
	}
	return "", fmt.Errorf("sqlite type %q cannot be carried (floats never hold money)", declared)
}

// encode turns a scanned value into its JSON form; nil stays null.
func encode(k kind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case kindInt:
		return json.Number(strconv.FormatInt(v.(int64), 10)), nil
	case kindText:
		return v.(string), nil
	case kindTimestamp:
		return v.(time.Time).UTC().Format(time.RFC3339Nano), nil
	case kindDate:
		return v.(time.Time).Format(dateLayout), nil
	case kindBytes:
		return base64.StdEncoding.EncodeToString(v.([]byte)), nil
	case kindBool:
		return v.(bool), nil
	}
	return nil, fmt.Errorf("unknown kind %q", k)
}

// decode turns a value of a snapshot's column of kind from into the
// argument for a target column of kind to: the same kind, or the
// neighbour the other store uses for it (SQLite keeps timestamps and dates
// as TEXT, booleans as INTEGER).
func decode(raw json.RawMessage, from, to kind) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	switch from {
	case kindInt:
		var n int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("not an integer: %s", raw)
		}
		return intTo(n, to)
	case kindBool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, fmt.Errorf("not a boolean: %s", raw)
		}
		return boolTo(b, to)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("not a string: %s", raw)
	}
	switch from {
	case kindText:
		return textTo(s, to)
	case kindTimestamp:
		return timestampTo(s, to)
	case kindDate:
		return dateTo(s, to)
	case kindBytes:
		if to != kindBytes {
			break
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("not base64: %w", err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("a %s value cannot go into a %s column", from, to)
}

func intTo(n int64, to kind) (any, error) {
	switch {
	case to == kindInt:
		return n, nil
	case to == kindBool && (n == 0 || n == 1):
		return n == 1, nil
	}
	return nil, fmt.Errorf("the integer %d cannot go into a %s column", n, to)
}

func boolTo(b bool, to kind) (any, error) {
	switch to {
	case kindBool:
		return b, nil
	case kindInt:
		if b {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return nil, fmt.Errorf("a boolean cannot go into a %s column", to)
}

// textTo reads a SQLite TEXT value into a column of a richer type.
func textTo(s string, to kind) (any, error) {
	switch to {
	case kindText:
		return s, nil
	case kindTimestamp:
		for _, layout := range []string{storedTimeLayout, time.RFC3339Nano} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), nil
			}
		}
		return nil, fmt.Errorf("%q is not a timestamp", s)
	case kindDate:
		return dateTo(s, to)
	}
	return nil, fmt.Errorf("text cannot go into a %s column", to)
}

func timestampTo(s string, to kind) (any, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, fmt.Errorf("%q is not an RFC 3339 timestamp", s)
	}
	switch to {
	case kindTimestamp:
		return t.UTC(), nil
	case kindText:
		return t.UTC().Format(storedTimeLayout), nil
	}
	return nil, fmt.Errorf("a timestamp cannot go into a %s column", to)
}

func dateTo(s string, to kind) (any, error) {
	if _, err := time.Parse(dateLayout, s); err != nil {
		return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	if to != kindDate && to != kindText {
		return nil, fmt.Errorf("a date cannot go into a %s column", to)
	}
	return s, nil
}
