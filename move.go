package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/migrations/snapshot"
)

const moveUsage = "Usage: lumbung move -to postgres://...   (or -to sqlite:DIR, a data directory)"

// move copies the whole configured store into another, empty one: from
// the embedded SQLite file to PostgreSQL when a cooperative outgrows it,
// or back. Every row moves as it is (entries, their sequence numbers and
// idempotency keys, users and their passwords); then the new store is
// verified and each book's trial balance compared with the old store's.
// The server must be stopped meanwhile: what it wrote during the move
// would be missing from the new store, and the comparison says so.
func (p *program) move(ctx context.Context, args []string) error {
	fs := p.flagSet("move")
	fs.Usage = func() { fmt.Fprintln(p.stderr, moveUsage) }
	to := fs.String("to", "", "the store to move to: postgres://... or sqlite:DIR")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	targetURL, targetDir, err := p.moveTarget(*to)
	if err != nil {
		fmt.Fprintf(p.stderr, "lumbung move: %v\n%s\n", err, moveUsage)
		return errUsage
	}
	src, err := p.openDB()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := ledger.Open(targetURL, targetDir, ledger.Timeouts{})
	if err != nil {
		return err
	}
	defer dst.Close()
	s, err := copyStore(ctx, src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "moved %d rows in %d tables, migration %s\n", s.Rows, s.Tables, s.Migration)
	if err := p.verifyStore(ctx, dst, ledger.VerifyScope{}); err != nil {
		return err
	}
	n, err := compareTrialBalances(ctx, src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "trial balances equal in both stores: %d books\n", n)
	return nil
}

// moveTarget reads -to as a Postgres URL or a SQLite data directory, and
// refuses the store being moved from.
func (p *program) moveTarget(to string) (databaseURL, dataDir string, err error) {
	switch {
	case strings.HasPrefix(to, "postgres://"), strings.HasPrefix(to, "postgresql://"):
		if to == p.cfg.DatabaseURL {
			return "", "", errors.New("-to names the store being moved from")
		}
		return to, "", nil
	case strings.HasPrefix(to, "sqlite:"):
		dir := strings.TrimPrefix(to, "sqlite:")
		if dir == "" {
			return "", "", errors.New("-to sqlite: needs a data directory")
		}
		same, err := sameDir(dir, p.cfg.DataDir)
		if err != nil {
			return "", "", err
		}
		if same && p.cfg.DatabaseURL == "" {
			return "", "", errors.New("-to names the store being moved from")
		}
		return "", dir, nil
	}
	return "", "", fmt.Errorf("-to %q is neither postgres://... nor sqlite:DIR", to)
}

func sameDir(a, b string) (bool, error) {
	absA, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	absB, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	return absA == absB, nil
}

// copyStore streams a snapshot of src into dst without a file between
// them; a failure on either side rolls the load back.
func copyStore(ctx context.Context, src, dst *bun.DB) (snapshot.Summary, error) {
	pr, pw := io.Pipe()
	written := make(chan error, 1)
	go func() {
		_, err := snapshot.Write(ctx, src, pw)
		pw.CloseWithError(err)
		written <- err
	}()
	s, err := snapshot.Restore(ctx, dst, pr)
	// A restore that stopped early leaves the writer blocked on the pipe;
	// closing it ends the writer with errRestoreEnded.
	pr.CloseWithError(errRestoreEnded)
	werr := <-written
	switch {
	case werr != nil && !errors.Is(werr, errRestoreEnded):
		return snapshot.Summary{}, fmt.Errorf("read the store moved from: %w", werr)
	case err != nil:
		return snapshot.Summary{}, err
	}
	return s, nil
}

var errRestoreEnded = errors.New("the restore ended")

// compareTrialBalances compares every book's trial balance, account by
// account, in the two stores, and returns how many books it compared.
func compareTrialBalances(ctx context.Context, a, b *bun.DB) (int, error) {
	la, lb := ledger.New(a), ledger.New(b)
	books, err := la.FindBooks(ctx)
	if err != nil {
		return 0, err
	}
	booksB, err := lb.FindBooks(ctx)
	if err != nil {
		return 0, err
	}
	if len(books) != len(booksB) {
		return 0, fmt.Errorf("%d books in the store moved from, %d in the new one", len(books), len(booksB))
	}
	for _, book := range books {
		tbA, err := la.TrialBalance(ctx, book.ID, ledger.Date{})
		if err != nil {
			return 0, err
		}
		tbB, err := lb.TrialBalance(ctx, book.ID, ledger.Date{})
		if err != nil {
			return 0, err
		}
		if from, to := trialLines(tbA), trialLines(tbB); !slices.Equal(from, to) {
			return 0, fmt.Errorf("book %s: the trial balances differ; was the server writing during the move?\nmoved from:\n%s\nmoved to:\n%s",
				book.ID, strings.Join(from, "\n"), strings.Join(to, "\n"))
		}
	}
	return len(books), nil
}

// trialLines is a trial balance as comparable lines: code, debit, credit.
func trialLines(tb ledger.TrialBalance) []string {
	lines := make([]string, len(tb.Lines))
	for i, l := range tb.Lines {
		lines[i] = fmt.Sprintf("%s %s debit %d credit %d", l.Account.Code, l.Account.Currency.Code(), l.DebitMinor, l.CreditMinor)
	}
	return lines
}
