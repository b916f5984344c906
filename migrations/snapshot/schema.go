package snapshot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"
)

// bookkeepingTables are bun's migration tables: a restore's target has its
// own, written by migrating it to the snapshot's version.
var bookkeepingTables = []string{"bun_migrations", "bun_migration_locks"}

// column is one column of a table and the kind its values travel as.
type column struct {
	name string
	kind kind
}

// table is one table of the store as its schema describes it.
type table struct {
	name    string
	columns []column
	key     []string // the primary key's columns, in order; rows are written in this order
	parents []string // the other tables its foreign keys reference
	// selfRefs are its foreign keys to itself (an entry reversing an
	// entry): a row is loaded only after the row it references.
	selfRefs []selfRef
}

// selfRef is a foreign key from columns of a table to columns of the same
// table.
type selfRef struct {
	columns, references []string
}

// foreignKey is one column pair of a foreign key, as the dialects list them.
type foreignKey struct {
	id                   string // the constraint, within its table
	child, parent        string
	column, parentColumn string
}

// readSchema lists the store's tables, bun's bookkeeping aside, in the
// order they load: every table after the tables it references.
func readSchema(ctx context.Context, tx bun.Tx) ([]table, error) {
	cols, keys, fks, err := readCatalog(ctx, tx)
	if err != nil {
		return nil, err
	}
	byName := map[string]*table{}
	for name, cs := range cols {
		if slices.Contains(bookkeepingTables, name) {
			continue
		}
		byName[name] = &table{name: name, columns: cs, key: keys[name]}
	}
	selfRefs := map[string]*selfRef{} // by table and constraint
	var selfOrder []string
	for _, fk := range fks {
		t := byName[fk.child]
		if t == nil {
			continue
		}
		if fk.parent != fk.child {
			if byName[fk.parent] != nil && !slices.Contains(t.parents, fk.parent) {
				t.parents = append(t.parents, fk.parent)
			}
			continue
		}
		id := fk.child + "\x00" + fk.id
		if selfRefs[id] == nil {
			selfRefs[id] = &selfRef{}
			selfOrder = append(selfOrder, id)
		}
		selfRefs[id].columns = append(selfRefs[id].columns, fk.column)
		selfRefs[id].references = append(selfRefs[id].references, fk.parentColumn)
	}
	for _, id := range selfOrder {
		name, _, _ := strings.Cut(id, "\x00")
		byName[name].selfRefs = append(byName[name].selfRefs, *selfRefs[id])
	}
	return loadOrder(byName)
}

// loadOrder sorts tables so that each comes after its parents, ties by
// name, so that a snapshot's order is the same every time.
func loadOrder(byName map[string]*table) ([]table, error) {
	var order []table
	done := map[string]bool{}
	for len(order) < len(byName) {
		var ready []string
		for name, t := range byName {
			if done[name] {
				continue
			}
			if !slices.ContainsFunc(t.parents, func(p string) bool { return !done[p] }) {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			return nil, fmt.Errorf("snapshot: the foreign keys between tables form a cycle; no load order exists")
		}
		slices.Sort(ready)
		for _, name := range ready {
			done[name] = true
			order = append(order, *byName[name])
		}
	}
	return order, nil
}

// quote quotes an identifier for both dialects.
func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func quoteAll(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quote(n)
	}
	return strings.Join(quoted, ", ")
}
