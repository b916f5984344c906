package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestImportCommand(t *testing.T) {
	t.Run("WithoutACooperativeKindOrFileIsUsageError", func(t *testing.T) {
		env := storeEnv(t, "", "")
		wantCode(t, lumbung(t, env, "import", "-kind", "members", "members.csv"), exitUsage)
		wantCode(t, lumbung(t, env, "import", "-cooperative", "x", "-kind", "savings", "members.csv"), exitUsage)
		wantCode(t, lumbung(t, env, "import", "-cooperative", "x", "-kind", "members"), exitUsage)
		wantCode(t, lumbung(t, env, "import", "-cooperative", "x", "-kind", "members", "members.pdf"), exitUsage)
	})

	ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
		ledgertest.MustMigrate(t, db)
		env := storeEnv(t, databaseURL, dataDir)
		w := accountstest.NewWorld(t, db)
		coop := w.Cooperative.ID
		dir := t.TempDir()
		write := func(name, content string) string {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}
		members := func() int {
			var count int
			if err := db.NewSelect().Table("members").Where("cooperative_id = ?", coop).ColumnExpr("count(*)").Scan(t.Context(), &count); err != nil {
				t.Fatal(err)
			}
			return count
		}

		bad := write("bad.csv", "kelompok;nama;jenis_kelamin;tanggal_masuk\nKelompok Melati;Ani;perempuan;15/01/2024\n")
		r := lumbung(t, env, "import", "-cooperative", coop, "-kind", "members", bad)
		wantCode(t, r, exitFailure)
		if !strings.Contains(r.stdout, "rows[2].kelompok: no such group in this cooperative") {
			t.Errorf("a refused file printed %q, want its row and column", r.stdout)
		}

		good := write("anggota.csv", "kelompok;nama;jenis_kelamin;tanggal_masuk\nKelompok Mawar;Ani;perempuan;15/01/2024\n")
		r = lumbung(t, env, "import", "-cooperative", coop, "-kind", "members", "-dry-run", good)
		wantCode(t, r, exitOK)
		if !strings.HasPrefix(r.stdout, "dry run: 1 rows would create 1") || members() != 2 {
			t.Errorf("the dry run printed %q and left %d members, want 2", r.stdout, members())
		}
		r = lumbung(t, env, "import", "-cooperative", coop, "-kind", "members", good)
		wantCode(t, r, exitOK)
		if !strings.HasPrefix(r.stdout, "imported ") || members() != 3 {
			t.Errorf("the import printed %q and left %d members, want 3", r.stdout, members())
		}
		r = lumbung(t, env, "import", "-cooperative", coop, "-kind", "members", good)
		wantCode(t, r, exitOK)
		if !strings.HasPrefix(r.stdout, "already imported") || members() != 3 {
			t.Errorf("the same file again printed %q and left %d members, want 3", r.stdout, members())
		}
		wantCode(t, lumbung(t, env, "verify"), exitOK)
	})
}
