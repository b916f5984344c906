package identity_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestRefreshGrace(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Identity
		login := func(t *testing.T) identity.Session {
			t.Helper()
			sess, err := s.Login(ctx, w.Logins["member0"], accountstest.Password)
			if err != nil {
				t.Fatal(err)
			}
			return sess
		}
		refresh := func(t *testing.T, token string) identity.Session {
			t.Helper()
			next, err := s.Refresh(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			return next
		}
		wantRefused := func(t *testing.T, token string) {
			t.Helper()
			_, err := s.Refresh(ctx, token)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
		}
		t.Run("ALostAnswerIsAnsweredTheSameSuccessor", func(t *testing.T) {
			sess := login(t)
			first := refresh(t, sess.RefreshToken)
			again := refresh(t, sess.RefreshToken)
			if again.RefreshToken != first.RefreshToken || again.ID != sess.ID || !again.ExpiresAt.Equal(first.ExpiresAt) {
				t.Errorf("again: session %s, token %q, expiring %v; want %s, %q, %v",
					again.ID, again.RefreshToken, again.ExpiresAt, sess.ID, first.RefreshToken, first.ExpiresAt)
			}
			if len(again.Grants) != 1 || again.User.ID != w.MemberActor[0].UserID {
				t.Errorf("again: user %s with %+v; want member 0 with her grant", again.User.ID, again.Grants)
			}
			// The session lives on: the successor rotates as usual.
			if next := refresh(t, again.RefreshToken); next.ID != sess.ID {
				t.Errorf("after the grace answer: session %s, want %s", next.ID, sess.ID)
			}
		})

		t.Run("AfterTheGraceReuseRevokes", func(t *testing.T) {
			since := time.Now()
			sess := login(t)
			next := refresh(t, sess.RefreshToken)
			ageRotations(t, db, sess.ID, 31*time.Second)
			wantRefused(t, sess.RefreshToken)
			wantRefused(t, next.RefreshToken)
			if !revokedSince(t, s, since)[sess.ID] {
				t.Errorf("session %s is not listed as revoked", sess.ID)
			}
		})

		t.Run("AThirdGenerationReplayRevokes", func(t *testing.T) {
			sess := login(t)
			second := refresh(t, sess.RefreshToken)
			third := refresh(t, second.RefreshToken)
			// Within the grace of both rotations, the first token is older
			// than the immediate predecessor of the live one.
			wantRefused(t, sess.RefreshToken)
			wantRefused(t, third.RefreshToken)
			wantRefused(t, second.RefreshToken)
		})

		t.Run("TheImmediatePredecessorOfASecondRotationIsAnswered", func(t *testing.T) {
			sess := login(t)
			second := refresh(t, sess.RefreshToken)
			third := refresh(t, second.RefreshToken)
			if again := refresh(t, second.RefreshToken); again.RefreshToken != third.RefreshToken {
				t.Errorf("second token again: %q, want the third %q", again.RefreshToken, third.RefreshToken)
			}
		})

		t.Run("AnEndedSessionHasNoGrace", func(t *testing.T) {
			sess := login(t)
			next := refresh(t, sess.RefreshToken)
			if _, err := s.Logout(ctx, next.RefreshToken); err != nil {
				t.Fatal(err)
			}
			wantRefused(t, sess.RefreshToken)
		})

		t.Run("TheTableHoldsNoUsableToken", func(t *testing.T) {
			sess := login(t)
			next := refresh(t, sess.RefreshToken)
			var sealed string
			if err := db.NewSelect().Table("sessions").Column("successor_sealed").
				Where("family_id = ? AND successor_sealed IS NOT NULL", sess.ID).Scan(ctx, &sealed); err != nil {
				t.Fatal(err)
			}
			if sealed == "" || sealed == next.RefreshToken {
				t.Errorf("the seal is %q; the successor must not be readable", sealed)
			}
		})

		t.Run("TwoRefreshesAtOnceGetTheSameSuccessor", func(t *testing.T) {
			const racers = 2
			sess := login(t)
			var wg sync.WaitGroup
			got := make([]identity.Session, racers)
			errs := make([]error, racers)
			for i := range racers {
				wg.Go(func() { got[i], errs[i] = s.Refresh(ctx, sess.RefreshToken) })
			}
			wg.Wait()
			for i := range racers {
				if errs[i] != nil {
					t.Fatalf("refresh %d: %v", i, errs[i])
				}
				if got[i].RefreshToken != got[0].RefreshToken || got[i].ID != sess.ID {
					t.Errorf("refresh %d: session %s token %q; want %s, %q", i, got[i].ID, got[i].RefreshToken, sess.ID, got[0].RefreshToken)
				}
			}
			refresh(t, got[0].RefreshToken)
		})
	})
}
