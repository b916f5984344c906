package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/imports"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
)

// importFileBytesMax is the largest file the command reads: the API's
// body limit, so that a file that imports here imports there too.
const importFileBytesMax = 1 << 20

// importFile brings a treasurer's spreadsheet into a cooperative's books
// from the command line, as the API's import does: all or nothing, the
// same file twice a replay. A refused file lists each problem on its own
// line, by row and column, and exits 1.
func (p *program) importFile(ctx context.Context, args []string) error {
	fs := p.flagSet("import")
	coopID := fs.String("cooperative", "", "the cooperative's ID")
	kind := fs.String("kind", "", "members, opening-balances or loans")
	dryRun := fs.Bool("dry-run", false, "check and post everything, then roll it back")
	if err := parse(fs, args); err != nil {
		return err
	}
	k, ok := imports.ParseKind(*kind)
	if !ok || *coopID == "" || fs.NArg() != 1 {
		fmt.Fprintln(p.stderr, "lumbung import: -cooperative, -kind (members, opening-balances or loans) and one FILE (.csv or .xlsx) are required")
		fs.Usage()
		return errUsage
	}
	path := fs.Arg(0)
	format := imports.Format(strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), "."))
	if format != imports.CSV && format != imports.XLSX {
		fmt.Fprintf(p.stderr, "lumbung import: %s is neither .csv nor .xlsx\n", path)
		return errUsage
	}
	content, err := readFileMax(path, importFileBytesMax)
	if err != nil {
		return err
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	s := services.New(ledger.New(db), services.Options{}).Imports
	res, err := s.Import(ctx, accounts.Operator, *coopID, imports.Input{Kind: k, Format: format, Content: content, DryRun: *dryRun})
	if e := ledger.AsError(err); e != nil && len(e.Fields) > 0 {
		for _, f := range e.Fields {
			fmt.Fprintf(p.stdout, "%s: %s\n", f.Field, f.Text())
		}
		return fmt.Errorf("%s refused: %d problems, nothing imported", path, len(e.Fields))
	}
	if err != nil {
		return err
	}
	switch {
	case res.DryRun:
		fmt.Fprintf(p.stdout, "dry run: %d rows would create %d and post %d entries; nothing imported\n", res.Rows, res.Created, res.Entries)
	case res.Replayed:
		fmt.Fprintf(p.stdout, "already imported as %s on %s: %d rows, %d created, %d entries; nothing changed\n",
			res.ID, res.ImportedAt.UTC().Format("2006-01-02 15:04"), res.Rows, res.Created, res.Entries)
	default:
		fmt.Fprintf(p.stdout, "imported %s: %d rows, %d created, %d entries\n", res.ID, res.Rows, res.Created, res.Entries)
	}
	return nil
}

// readFileMax reads a file of at most limit bytes.
func readFileMax(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errors.New(path + " is larger than 1 MiB; split it")
	}
	return b, nil
}
