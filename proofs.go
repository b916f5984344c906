package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/lumbung/lumbung/accounts/proofs"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
)

// monthEndsEvery is how often the server looks for a month that has ended
// without its checkpoints: hourly, so a server started on the 1st, or down
// over midnight, signs them within the hour.
const monthEndsEvery = time.Hour

// closeMonths takes the month-end checkpoints now and then every
// monthEndsEvery until ctx ends. A failure is logged and tried again at
// the next tick: a checkpoint late by an hour is still the month's.
func closeMonths(ctx context.Context, p *proofs.Service, logger *slog.Logger) {
	tick := time.NewTicker(monthEndsEvery)
	defer tick.Stop()
	for {
		if n, err := p.CloseMonths(ctx); err != nil && ctx.Err() == nil {
			logger.Error("month-end checkpoints", "err", err)
		} else if n > 0 {
			logger.Info("month-end checkpoints signed", "books", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// checkpoint signs the month-end checkpoints that are due and, on demand,
// one of every book as it stands now (or of one cooperative's book).
func (p *program) checkpoint(ctx context.Context, args []string) error {
	fs := p.flagSet("checkpoint")
	bookID := fs.String("book", "", "sign a checkpoint of this book now")
	if err := parse(fs, args); err != nil {
		return err
	}
	key, err := checkpointKey(p.cfg.CheckpointKey, p.cfg.DataDir)
	if err != nil {
		return err
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	l := ledger.New(db)
	svc := services.New(l, services.Options{CheckpointKey: key})
	n, err := svc.Proofs.CloseMonths(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "month-end checkpoints signed: %d\n", n)
	if *bookID != "" {
		c, err := l.TakeCheckpoint(ctx, *bookID, ledger.Date{}, key)
		if err != nil {
			return err
		}
		fmt.Fprintf(p.stdout, "checkpoint %s of book %s at entry #%d, chain head %s\n", c.ID, c.BookID, c.Sequence, c.ChainHead)
	}
	fmt.Fprintf(p.stdout, "signing key fingerprint %s\n", ledger.KeyFingerprint(svc.Proofs.PublicKey()))
	return nil
}

// verifyJournal checks a journal copy offline: no database, no server.
func (p *program) verifyJournal(_ context.Context, args []string) error {
	fs := p.flagSet("verify-journal")
	since := fs.String("since", "", "a copy kept earlier, which this one must extend")
	portfolio := fs.String("portfolio", "", "the partner's portfolio (its JSON from the API), whose figures must follow from this journal")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(p.stderr, "lumbung verify-journal: name one journal copy FILE")
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	var prev io.Reader
	if *since != "" {
		pf, err := os.Open(*since)
		if err != nil {
			return err
		}
		defer pf.Close()
		prev = pf
	}
	got, err := ledger.VerifyJournalCopy(f, prev)
	if err != nil {
		fmt.Fprintf(p.stderr, "lumbung verify-journal: %s: %v\n", fs.Arg(0), err)
		return errViolations
	}
	fmt.Fprintf(p.stdout, "journal of %s (book %s), exported %s: %d entries, chain intact, every entry balanced\n",
		got.Cooperative, got.Book, got.ExportedAt, got.LastSequence)
	for _, st := range got.Checkpoints {
		kind := "on demand"
		if st.MonthEnd != "" {
			kind = "month end " + st.MonthEnd
		}
		fmt.Fprintf(p.stdout, "checkpoint at entry #%d (%s, signed %s): signature valid, trial balance follows from the journal\n", st.Sequence, kind, st.TakenAt)
	}
	for _, k := range got.KeyFingerprints {
		fmt.Fprintf(p.stdout, "signed with key %s\n", k)
	}
	if *since != "" {
		fmt.Fprintf(p.stdout, "extends %s: entries up to #%d unchanged, its checkpoints all present\n", *since, got.Extends)
	}
	if *portfolio != "" {
		return p.checkFigures(fs.Arg(0), *portfolio)
	}
	return nil
}

// checkFigures checks the figures of a partner's portfolio against a
// journal copy verified already.
func (p *program) checkFigures(copyPath, portfolioPath string) error {
	pf, err := os.Open(portfolioPath)
	if err != nil {
		return err
	}
	defer pf.Close()
	figures, err := proofs.PortfolioFigures(pf)
	if err != nil {
		return err
	}
	f, err := os.Open(copyPath)
	if err != nil {
		return err
	}
	defer f.Close()
	checked, err := proofs.CheckFigures(f, figures)
	if err != nil {
		fmt.Fprintf(p.stderr, "lumbung verify-journal: %s: %v\n", portfolioPath, err)
		return errViolations
	}
	if checked == 0 {
		fmt.Fprintf(p.stderr, "lumbung verify-journal: %s names no entry of this journal: it is another cooperative's, or another day's\n", portfolioPath)
		return errViolations
	}
	fmt.Fprintf(p.stdout, "portfolio %s: capital received and loans outstanding follow from this journal (facilities checked: %d)\n", portfolioPath, checked)
	return nil
}
