package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// exportCooperativesListed bounds how many cooperatives the error for a
// missing -cooperative names.
const exportCooperativesListed = 20

// export writes one cooperative's book in an accounting format, to standard
// output or to a file. It only reads the database.
func (p *program) export(ctx context.Context, args []string) error {
	fs := p.flagSet("export")
	format := fs.String("format", "", "the output format: ledger (an hledger / ledger-cli journal)")
	coopID := fs.String("cooperative", "", "the cooperative whose book to export; needed when the database holds several")
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	// "ledger" is the plain-text journal that hledger and ledger-cli read;
	// the flag is required so that other formats can join it later.
	if *format != "ledger" {
		fmt.Fprintf(p.stderr, "lumbung export: unknown format %q; the one format is: -format ledger\n", *format)
		fs.Usage()
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(p.stderr, "lumbung export: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	bookID, err := exportBookID(ctx, db, *coopID)
	if err != nil {
		return err
	}
	if *out == "" {
		return ledger.WriteJournal(ctx, db, bookID, p.stdout)
	}
	return writeFileAtomically(*out, func(w io.Writer) error { return ledger.WriteJournal(ctx, db, bookID, w) })
}

// exportBookID returns the book of the cooperative named, or of the only
// cooperative when none is named. It reads the cooperatives table directly
// because export needs nothing else of the cooperative.
func exportBookID(ctx context.Context, db bun.IDB, coopID string) (string, error) {
	var coops []struct {
		ID     string `bun:"id"`
		Name   string `bun:"name"`
		BookID string `bun:"book_id"`
	}
	q := db.NewSelect().Table("cooperatives").Column("id", "name", "book_id").OrderExpr("id").Limit(exportCooperativesListed + 1)
	if coopID != "" {
		if _, err := uuid.Parse(coopID); err != nil {
			return "", fmt.Errorf("no cooperative %q", coopID)
		}
		q = q.Where("id = ?", coopID)
	}
	if err := q.Scan(ctx, &coops); err != nil {
		return "", err
	}
	switch {
	case len(coops) == 1:
		return coops[0].BookID, nil
	case coopID != "":
		return "", fmt.Errorf("no cooperative %q", coopID)
	case len(coops) == 0:
		return "", errors.New("the database holds no cooperative")
	}
	var list strings.Builder
	for i, c := range coops {
		if i == exportCooperativesListed {
			list.WriteString("\n  ...")
			break
		}
		fmt.Fprintf(&list, "\n  %s  %s", c.ID, c.Name)
	}
	return "", fmt.Errorf("the database holds several cooperatives; name one with -cooperative ID:%s", list.String())
}

// writeFileAtomically writes a file through a temporary file beside it,
// renamed into place only once write has succeeded, so that a failed export
// never leaves a truncated journal that looks complete. The file is
// readable by its owner only: it holds a cooperative's accounts.
func writeFileAtomically(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lumbung-export-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
