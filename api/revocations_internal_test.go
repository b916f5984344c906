package api

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
	"github.com/lumbung/lumbung/migrations"
)

// endedSession makes a user with a session and ends it, returning its ID.
func endedSession(t *testing.T, s *identity.Service) string {
	t.Helper()
	ctx := context.Background()
	login := "ibu." + ledgertest.UniqueTag() + "@lumbung.test"
	if _, err := s.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: login, Name: "Ibu Ratna", Password: accountstest.Password}); err != nil {
		t.Fatal(err)
	}
	sess, err := s.Login(ctx, login, accountstest.Password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Logout(ctx, sess.RefreshToken); err != nil {
		t.Fatal(err)
	}
	return sess.ID
}

func TestRevocations(t *testing.T) {
	ctx := context.Background()
	newService := func(db *bun.DB) *identity.Service {
		return accountstest.NewServices(ledger.New(db), services.Options{}).Identity
	}

	// A database of its own per store, to close.
	t.Run("KeepTheirViewWhenAReloadFails", func(t *testing.T) {
		ledgertest.Dialects(t, func(t *testing.T, _, _ string, db *bun.DB) {
			if _, err := migrations.Up(ctx, db); err != nil {
				t.Fatal(err)
			}
			s := newService(db)
			loaded := endedSession(t, s)
			r := NewRevocations(s, slog.New(slog.DiscardHandler), time.Hour)
			if err := r.Load(ctx); err != nil {
				t.Fatal(err)
			}
			r.revoke("ended-here")
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if err := r.Load(ctx); err == nil {
				t.Fatal("a reload from a closed database succeeded")
			}
			for _, id := range []string{loaded, "ended-here"} {
				if !r.isRevoked(id) {
					t.Errorf("session %s is no longer refused after a failed reload", id)
				}
			}
		})
	})

	t.Run("ForgetWhatIsOlderThanAnAccessToken", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			s := newService(db)
			young, old := endedSession(t, s), endedSession(t, s)
			if _, err := db.NewUpdate().Table("sessions").Set("revoked_at = ?", time.Now().UTC().Add(-revocationWindow-time.Minute)).
				Where("family_id = ?", old).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			r := NewRevocations(s, slog.New(slog.DiscardHandler), time.Hour)
			r.revokedAt["kept long ago"] = time.Now().Add(-revocationWindow - time.Minute)
			r.revokedAt["kept lately"] = time.Now().Add(-accessTokenTTL)
			if err := r.Load(ctx); err != nil {
				t.Fatal(err)
			}
			for id, want := range map[string]bool{young: true, "kept lately": true, old: false, "kept long ago": false} {
				if got := r.isRevoked(id); got != want {
					t.Errorf("session %s refused: got %v, want %v", id, got, want)
				}
			}
		})
	})
}
