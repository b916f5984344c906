package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/migrations/snapshot"
)

// BackupConfig is when and where serve takes its own backups; a zero Dir
// (the default) takes none.
type BackupConfig struct {
	Dir   string        // LUMBUNG_BACKUP_DIR
	Every time.Duration // LUMBUNG_BACKUP_EVERY
	Keep  int           // LUMBUNG_BACKUP_KEEP: the newest backups kept, older ones removed
}

const (
	defaultBackupEvery = 24 * time.Hour
	defaultBackupKeep  = 7
	// backupEveryMin keeps a typo ("1s" for "1h") from writing the whole
	// store every second.
	backupEveryMin = time.Minute
	// Scheduled backups are named lumbung-<UTC time>.jsonl.gz, so that the
	// names sort by age and pruning touches no other file.
	backupPrefix     = "lumbung-"
	backupSuffix     = ".jsonl.gz"
	backupTimeLayout = "20060102T150405.000Z"
)

// loadBackupConfig reads the scheduled backups' settings; without
// LUMBUNG_BACKUP_DIR the others are an error, not silently ignored.
func loadBackupConfig(getenv func(string) string) (BackupConfig, error) {
	dir, every, keep := getenv("LUMBUNG_BACKUP_DIR"), getenv("LUMBUNG_BACKUP_EVERY"), getenv("LUMBUNG_BACKUP_KEEP")
	if dir == "" {
		if every != "" || keep != "" {
			return BackupConfig{}, errors.New("LUMBUNG_BACKUP_EVERY and LUMBUNG_BACKUP_KEEP need LUMBUNG_BACKUP_DIR, where the backups go")
		}
		return BackupConfig{}, nil
	}
	cfg := BackupConfig{Dir: dir, Every: defaultBackupEvery, Keep: defaultBackupKeep}
	if every != "" {
		d, err := time.ParseDuration(every)
		if err != nil || d < backupEveryMin {
			return BackupConfig{}, fmt.Errorf("LUMBUNG_BACKUP_EVERY is %q; it takes a duration of at least %s, such as 6h", every, backupEveryMin)
		}
		cfg.Every = d
	}
	if keep != "" {
		n, err := strconv.Atoi(keep)
		if err != nil || n < 1 {
			return BackupConfig{}, fmt.Errorf("LUMBUNG_BACKUP_KEEP is %q; it takes a whole number of at least 1", keep)
		}
		cfg.Keep = n
	}
	return cfg, nil
}

// backup writes a snapshot of the store to a file while the server may go
// on serving.
func (p *program) backup(ctx context.Context, args []string) error {
	fs := p.flagSet("backup")
	out := fs.String("o", "", "the file to write (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(p.stderr, "Usage: lumbung backup -o FILE")
		return errUsage
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := writeBackup(ctx, db, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "backup written to %s: %d rows in %d tables, migration %s\n", *out, s.Rows, s.Tables, s.Migration)
	return nil
}

// writeBackup writes a snapshot to path through a temporary file in the
// same directory, renamed into place once on disk: a backup cut short by
// a crash or a full disk never stands under the name of a good one. The
// file is readable by its owner only, as it holds the users' password
// hashes.
func writeBackup(ctx context.Context, db *bun.DB, path string) (s snapshot.Summary, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".lumbung-backup-*.tmp")
	if err != nil {
		return s, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if s, err = snapshot.Write(ctx, db, f); err != nil {
		return s, err
	}
	if err = f.Sync(); err != nil {
		return s, err
	}
	if err = f.Close(); err != nil {
		return s, err
	}
	return s, os.Rename(f.Name(), path)
}

// restore loads a backup into the configured store, which must be empty,
// and then checks the ledger's invariants on what it loaded.
func (p *program) restore(ctx context.Context, args []string) error {
	fs := p.flagSet("restore")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(p.stderr, "Usage: lumbung restore FILE")
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := snapshot.Restore(ctx, db, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "restored %d rows in %d tables, migration %s\n", s.Rows, s.Tables, s.Migration)
	return p.verifyStore(ctx, db, ledger.VerifyScope{})
}

// runBackups takes a backup into cfg.Dir every cfg.Every until ctx ends,
// keeping the newest cfg.Keep. A failed backup is logged and tried again
// at the next turn: the server goes on serving.
func runBackups(ctx context.Context, db *bun.DB, cfg BackupConfig, logger *slog.Logger) {
	ticker := time.NewTicker(cfg.Every)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-ticker.C:
			path := filepath.Join(cfg.Dir, backupPrefix+now.UTC().Format(backupTimeLayout)+backupSuffix)
			s, err := writeBackup(ctx, db, path)
			if err != nil {
				logger.Error("backup failed", "path", path, "err", err)
				continue
			}
			logger.Info("backup written", "path", path, "rows", s.Rows, "migration", s.Migration)
			if err := pruneBackups(cfg.Dir, cfg.Keep); err != nil {
				logger.Error("removing old backups failed", "dir", cfg.Dir, "err", err)
			}
		}
	}
}

// startBackups runs runBackups in the background when a directory is
// configured, and returns what stops it, waiting for a backup under way.
// The backups read through connections of their own, without the server's
// statement timeout: reading a large store rightly outlasts a request.
func (p *program) startBackups(ctx context.Context, logger *slog.Logger) (stop func(), err error) {
	cfg := p.cfg.Backup
	if cfg.Dir == "" {
		return func() {}, nil
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("backup directory: %w", err)
	}
	db, err := p.openDB()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		runBackups(ctx, db, cfg, logger)
	}()
	logger.Info("scheduled backups", "dir", cfg.Dir, "every", cfg.Every.String(), "keep", cfg.Keep)
	return func() {
		cancel()
		wg.Wait()
		db.Close()
	}, nil
}

// pruneBackups removes all but the newest keep scheduled backups in dir.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasPrefix(e.Name(), backupPrefix) && strings.HasSuffix(e.Name(), backupSuffix) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	var errs []error
	for len(names) > keep {
		errs = append(errs, os.Remove(filepath.Join(dir, names[0])))
		names = names[1:]
	}
	return errors.Join(errs...)
}
