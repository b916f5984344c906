// Package migrations holds Lumbung's schema as embedded SQL files, one folder
// per dialect with the same versions in each, in bun's file naming
// (VERSION_NAME.tx.up.sql and .tx.down.sql). A shipped migration is never
// edited; a change is a new version in both folders.
package migrations

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/migrate"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// Folder returns the embedded SQL files of one dialect.
func Folder(name dialect.Name) (fs.FS, error) {
	switch name {
	case dialect.PG:
		return fs.Sub(files, "postgres")
	case dialect.SQLite:
		return fs.Sub(files, "sqlite")
	default:
		return nil, fmt.Errorf("migrations: no migrations for dialect %s", name)
	}
}

// NewMigrator returns a bun migrator over the migrations of db's dialect.
func NewMigrator(db *bun.DB) (*migrate.Migrator, error) {
	folder, err := Folder(db.Dialect().Name())
	if err != nil {
		return nil, err
	}
	set := migrate.NewMigrations()
	if err := set.Discover(folder); err != nil {
		return nil, fmt.Errorf("migrations: discover: %w", err)
	}
	return migrate.NewMigrator(db, set), nil
}

// Up applies every pending migration under the migration lock, so that two
// servers starting together do not both migrate.
func Up(ctx context.Context, db *bun.DB) (*migrate.MigrationGroup, error) {
	m, err := initialized(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("migrations: lock (a stale lock is cleared by 'lumbung migrate unlock'): %w", err)
	}
	defer m.Unlock(ctx) //nolint:errcheck // an unlock failure leaves a lock that 'migrate unlock' clears
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrations: up: %w", err)
	}
	return group, nil
}

// UpThrough applies the pending migrations up to and including version
// last and none after it: a restore brings an empty store to the version
// its snapshot was taken at, and the next start of the server applies the
// newer ones to the restored data as to any other. Errors: last is not one
// of this program's migrations (a snapshot of a newer Lumbung).
func UpThrough(ctx context.Context, db *bun.DB, last string) (*migrate.MigrationGroup, error) {
	folder, err := Folder(db.Dialect().Name())
	if err != nil {
		return nil, err
	}
	all := migrate.NewMigrations()
	if err := all.Discover(folder); err != nil {
		return nil, fmt.Errorf("migrations: discover: %w", err)
	}
	set, found := migrate.NewMigrations(), false
	for _, mig := range all.Sorted() {
		if mig.Name <= last {
			set.Add(mig)
			found = found || mig.Name == last
		}
	}
	if !found {
		return nil, fmt.Errorf("migrations: this program has no migration %s; it is older than the one whose data this is", last)
	}
	m := migrate.NewMigrator(db, set)
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("migrations: init: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("migrations: lock (a stale lock is cleared by 'lumbung migrate unlock'): %w", err)
	}
	defer m.Unlock(ctx) //nolint:errcheck // see Up
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrations: up through %s: %w", last, err)
	}
	return group, nil
}

// Down rolls back the last applied group of migrations.
func Down(ctx context.Context, db *bun.DB) (*migrate.MigrationGroup, error) {
	m, err := initialized(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("migrations: lock: %w", err)
	}
	defer m.Unlock(ctx) //nolint:errcheck // see Up
	group, err := m.Rollback(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrations: down: %w", err)
	}
	return group, nil
}

// Status lists every migration, oldest first, with whether and when it was
// applied. It creates bun's bookkeeping tables on a database never migrated.
func Status(ctx context.Context, db *bun.DB) (migrate.MigrationSlice, error) {
	m, err := initialized(ctx, db)
	if err != nil {
		return nil, err
	}
	ms, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrations: status: %w", err)
	}
	return ms, nil
}

// Unlock clears the migration lock an interrupted run leaves behind; while
// it stands, every later migration (and so every server start) refuses.
func Unlock(ctx context.Context, db *bun.DB) error {
	m, err := initialized(ctx, db)
	if err != nil {
		return err
	}
	if err := m.Unlock(ctx); err != nil {
		return fmt.Errorf("migrations: unlock: %w", err)
	}
	return nil
}

func initialized(ctx context.Context, db *bun.DB) (*migrate.Migrator, error) {
	m, err := NewMigrator(db)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("migrations: init: %w", err)
	}
	return m, nil
}
