package main

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestWantsDemo(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, databaseURL, _ string, db *bun.DB) {
		ctx := context.Background()
		ledgertest.MustMigrate(t, db)
		wants := func(cfg Config) bool {
			t.Helper()
			got, err := wantsDemo(ctx, cfg, db)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		embedded := databaseURL == ""
		if got := wants(Config{DatabaseURL: databaseURL, Demo: demoFirstStart}); got != embedded {
			t.Errorf("empty database, embedded=%v: seeds %v, want %v (only the embedded store is seeded)", embedded, got, embedded)
		}
		if wants(Config{DatabaseURL: databaseURL, Demo: demoOff}) {
			t.Error("LUMBUNG_DEMO=off still seeds")
		}
		s := accounts.New(ledger.New(db))
		if _, err := s.CreateCooperative(ctx, accounts.Operator, accounts.CooperativeInput{Name: "Koperasi Nyata", Currency: "IDR"}); err != nil {
			t.Fatal(err)
		}
		if wants(Config{DatabaseURL: databaseURL, Demo: demoFirstStart}) {
			t.Error("a database with a cooperative would be seeded")
		}
	})
}
