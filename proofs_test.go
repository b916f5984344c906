package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestCheckpointAndVerifyJournalCommands: the operator signs checkpoints
// with the key kept in the data directory, a funder's copies verify with
// verify-journal, the second against the first, and an edited copy fails.
func TestCheckpointAndVerifyJournalCommands(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
		env := storeEnv(t, databaseURL, dataDir)
		wantCode(t, lumbung(t, env, "migrate", "up"), exitOK)
		b := postEntries(t, db)
		dir := t.TempDir()
		copyTo := func(name string) string {
			t.Helper()
			path := filepath.Join(dir, name)
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := ledger.WriteJournalCopy(context.Background(), db, b.ID, ledger.JournalCopyHeader{Cooperative: "Koperasi Uji"}, time.Now(), f); err != nil {
				t.Fatal(err)
			}
			return path
		}

		r := lumbung(t, env, "checkpoint", "-book", b.ID)
		wantCode(t, r, exitOK)
		if !strings.Contains(r.stdout, "of book "+b.ID+" at entry #3") {
			t.Fatalf("checkpoint stdout:\n%s", r.stdout)
		}
		first := copyTo("first.jsonl")
		r = lumbung(t, env, "verify-journal", first)
		wantCode(t, r, exitOK)
		if !strings.Contains(r.stdout, "3 entries, chain intact") || !strings.Contains(r.stdout, "checkpoint at entry #3 (on demand") {
			t.Fatalf("verify-journal stdout:\n%s", r.stdout)
		}

		ledgertest.MustPost(t, ledger.New(db), b.ID, "1100", "2130", "5000")
		wantCode(t, lumbung(t, env, "checkpoint", "-book", b.ID), exitOK)
		second := copyTo("second.jsonl")
		r = lumbung(t, env, "verify-journal", "-since", first, second)
		wantCode(t, r, exitOK)
		if !strings.Contains(r.stdout, "entries up to #3 unchanged") {
			t.Fatalf("verify-journal -since stdout:\n%s", r.stdout)
		}

		// A portfolio naming this journal's head, with a facility received
		// into 2130: its figures are checked against the copy.
		head, err := ledger.VerifyJournalCopy(mustOpen(t, second), nil)
		if err != nil {
			t.Fatal(err)
		}
		portfolio := func(received string) string {
			path := filepath.Join(dir, "portfolio-"+received+".json")
			doc := `{"facilities":[{"facility":{"id":"f1","account_code":"2130","currency":"IDR"},"received":"` + received +
				`","loans":{"outstanding":"0"},"journal":{"sequence":` + strconv.FormatInt(head.LastSequence, 10) + `,"chain_hash":"` + head.ChainHead + `"}}]}`
			if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}
		r = lumbung(t, env, "verify-journal", "-portfolio", portfolio("180000"), second)
		wantCode(t, r, exitOK)
		if !strings.Contains(r.stdout, "capital received and loans outstanding follow from this journal (facilities checked: 1)") {
			t.Fatalf("verify-journal -portfolio stdout:\n%s", r.stdout)
		}
		r = lumbung(t, env, "verify-journal", "-portfolio", portfolio("190000"), second)
		wantCode(t, r, exitFailure)
		if !strings.Contains(r.stderr, "shown 190000 received, the journal credits 180000 to 2130") {
			t.Fatalf("verify-journal -portfolio of a wrong figure, stderr:\n%s", r.stderr)
		}

		body, err := os.ReadFile(second)
		if err != nil {
			t.Fatal(err)
		}
		edited := filepath.Join(dir, "edited.jsonl")
		if err := os.WriteFile(edited, []byte(strings.Replace(string(body), `"amount_minor":25000`, `"amount_minor":2500`, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		r = lumbung(t, env, "verify-journal", edited)
		wantCode(t, r, exitFailure)
		if !strings.Contains(r.stderr, "entry #2: the chain breaks here") {
			t.Fatalf("verify-journal of an edited copy, stderr:\n%s", r.stderr)
		}
		wantCode(t, lumbung(t, env, "verify-journal"), exitUsage)
	})
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
