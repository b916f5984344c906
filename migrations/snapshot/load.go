package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// tableLoad inserts one table's rows in batches. A row that references a
// row of the same table not yet inserted (an entry reversing one that
// comes later in key order) waits until that row is in.
type tableLoad struct {
	ctx     context.Context
	tx      bun.Tx
	th      tableHeader
	target  table
	batch   [][]any
	loaded  []map[string]bool              // per self reference: the referenced keys inserted
	waiting map[string][][]json.RawMessage // by the key a row waits for
}

// loadTable reads th.Rows rows from lr into the store's table target.
func loadTable(ctx context.Context, tx bun.Tx, th tableHeader, target table, lr *lineReader) error {
	l := &tableLoad{ctx: ctx, tx: tx, th: th, target: target, waiting: map[string][][]json.RawMessage{}}
	for range target.selfRefs {
		l.loaded = append(l.loaded, map[string]bool{})
	}
	for i := int64(0); i < th.Rows; i++ {
		line, err := lr.hashed()
		if err != nil {
			return fmt.Errorf("snapshot: %s row %d: %w", th.Name, i+1, err)
		}
		var raw []json.RawMessage
		if err := json.Unmarshal(line, &raw); err != nil || len(raw) != len(th.Columns) {
			return fmt.Errorf("snapshot: line %d (%s row %d) is not a row of %d values", lr.n, th.Name, i+1, len(th.Columns))
		}
		if err := l.add(raw); err != nil {
			return err
		}
	}
	if err := l.flush(); err != nil {
		return err
	}
	for key := range l.waiting {
		return fmt.Errorf("snapshot: %s: rows reference %s, which the snapshot does not hold", th.Name, key)
	}
	return nil
}

// add inserts a row once the rows it references in its own table are in,
// and then the rows that were waiting for it.
func (l *tableLoad) add(raw []json.RawMessage) error {
	if key, ok := l.missing(raw); !ok {
		l.waiting[key] = append(l.waiting[key], raw)
		return nil
	}
	values := make([]any, len(raw))
	for i, c := range l.target.columns {
		v, err := decode(raw[i], l.th.Columns[i].Kind, c.kind)
		if err != nil {
			return fmt.Errorf("snapshot: %s.%s: %w", l.th.Name, c.name, err)
		}
		values[i] = v
	}
	l.batch = append(l.batch, values)
	if len(l.batch) >= insertRowsMax {
		if err := l.flush(); err != nil {
			return err
		}
	}
	for i, ref := range l.target.selfRefs {
		key := l.key(raw, ref.references)
		l.loaded[i][key] = true
		released := l.waiting[key]
		delete(l.waiting, key)
		for _, row := range released {
			if err := l.add(row); err != nil {
				return err
			}
		}
	}
	return nil
}

// missing returns the first key of its own table a row references that
// is not yet loaded.
func (l *tableLoad) missing(raw []json.RawMessage) (string, bool) {
	for i, ref := range l.target.selfRefs {
		key := l.key(raw, ref.columns)
		if key != "" && !l.loaded[i][key] {
			return key, false
		}
	}
	return "", true
}

// key joins the raw values of the named columns; "" when any is null, as
// a foreign key with a null column references nothing.
func (l *tableLoad) key(raw []json.RawMessage, names []string) string {
	parts := make([]string, len(names))
	for i, name := range names {
		for j, c := range l.th.Columns {
			if c.Name == name {
				if bytes.Equal(raw[j], []byte("null")) {
					return ""
				}
				parts[i] = string(raw[j])
			}
		}
	}
	return strings.Join(parts, ",")
}

// flush inserts the batch in one statement; rows referencing rows of the
// same table come after them in it, and both dialects check a statement's
// foreign keys once it has inserted all its rows.
func (l *tableLoad) flush() error {
	if len(l.batch) == 0 {
		return nil
	}
	names := make([]string, len(l.target.columns))
	for i, c := range l.target.columns {
		names[i] = c.name
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	var q strings.Builder
	q.WriteString("INSERT INTO " + quote(l.th.Name) + " (" + quoteAll(names) + ") VALUES ")
	args := make([]any, 0, len(l.batch)*len(names))
	for i, values := range l.batch {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
		args = append(args, values...)
	}
	if _, err := l.tx.ExecContext(l.ctx, q.String(), args...); err != nil {
		return fmt.Errorf("snapshot: load %s: %w", l.th.Name, err)
	}
	l.batch = l.batch[:0]
	return nil
}
