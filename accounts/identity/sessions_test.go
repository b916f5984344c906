package identity_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// revokedSince returns the IDs of the sessions revoked after since.
func revokedSince(t *testing.T, s *identity.Service, since time.Time) map[string]bool {
	t.Helper()
	rs, err := s.FindRevokedSessions(context.Background(), since)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range rs {
		if ids[r.ID] {
			t.Errorf("session %s listed twice", r.ID)
		}
		if r.RevokedAt.Before(since) {
			t.Errorf("session %s revoked at %v, before %v", r.ID, r.RevokedAt, since)
		}
		ids[r.ID] = true
	}
	return ids
}

// ageRotations moves a session's rotations back in time, as if they had
// happened d ago: past the refresh grace, a rotated token is a copy.
func ageRotations(t *testing.T, db *bun.DB, sessionID string, d time.Duration) {
	t.Helper()
	if _, err := db.NewUpdate().Table("sessions").Set("rotated_at = ?", time.Now().UTC().Add(-d)).
		Where("family_id = ? AND rotated_at IS NOT NULL", sessionID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestSessionEnds(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Identity
		login := func(t *testing.T, role string) identity.Session {
			t.Helper()
			sess, err := s.Login(ctx, w.Logins[role], accountstest.Password)
			if err != nil {
				t.Fatal(err)
			}
			return sess
		}

		t.Run("RefreshKeepsTheSessionALoginStartsAnother", func(t *testing.T) {
			first := login(t, "member0")
			next, err := s.Refresh(ctx, first.RefreshToken)
			if err != nil {
				t.Fatal(err)
			}
			if next.ID != first.ID {
				t.Errorf("refresh: session %s, want the login's %s", next.ID, first.ID)
			}
			if other := login(t, "member0"); other.ID == first.ID {
				t.Errorf("a second login continued session %s", first.ID)
			}
		})

		t.Run("LogoutNamesTheSessionItEnded", func(t *testing.T) {
			since := time.Now()
			sess := login(t, "member0")
			ended, err := s.Logout(ctx, sess.RefreshToken)
			if err != nil || ended != sess.ID {
				t.Fatalf("logout: ended %q, %v; want %q", ended, err, sess.ID)
			}
			if !revokedSince(t, s, since)[sess.ID] {
				t.Errorf("session %s is not among the sessions revoked since the logout", sess.ID)
			}
			if ended, err := s.Logout(ctx, "no such token"); err != nil || ended != "" {
				t.Errorf("logout with an unknown token: ended %q, %v; want nothing", ended, err)
			}
		})

		t.Run("RevokedSessionsStartAfterSince", func(t *testing.T) {
			before, after := login(t, "member1"), login(t, "member1")
			if _, err := s.Logout(ctx, before.RefreshToken); err != nil {
				t.Fatal(err)
			}
			since := time.Now()
			if _, err := s.Logout(ctx, after.RefreshToken); err != nil {
				t.Fatal(err)
			}
			got := revokedSince(t, s, since)
			if got[before.ID] || !got[after.ID] {
				t.Errorf("revoked since the first logout: the first listed %v, the second %v; want false, true", got[before.ID], got[after.ID])
			}
		})

		t.Run("ReuseRevokesTheSessionForTheServersToSee", func(t *testing.T) {
			since := time.Now()
			sess := login(t, "partner")
			if _, err := s.Refresh(ctx, sess.RefreshToken); err != nil {
				t.Fatal(err)
			}
			ageRotations(t, db, sess.ID, 31*time.Second) // past the refresh grace
			_, err := s.Refresh(ctx, sess.RefreshToken)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
			if !revokedSince(t, s, since)[sess.ID] {
				t.Errorf("session %s, revoked for reuse, is not listed", sess.ID)
			}
		})

		// Ending a session's live row and then, on reuse, the rest of it
		// revokes it twice: it is listed once, at the later time.
		t.Run("ASessionEndedTwiceIsListedOnceAtItsLatest", func(t *testing.T) {
			since := time.Now()
			login := "twice." + lt.UniqueTag() + "@lumbung.test"
			u, err := s.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: login, Name: "Ibu Ratna", Password: accountstest.Password})
			if err != nil {
				t.Fatal(err)
			}
			g, err := s.AddGrant(ctx, accounts.Operator, u.ID, identity.GrantInput{Role: accounts.RolePartner, PartnerID: w.Partner.ID})
			if err != nil {
				t.Fatal(err)
			}
			sess, err := s.Login(ctx, login, accountstest.Password)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Refresh(ctx, sess.RefreshToken); err != nil {
				t.Fatal(err)
			}
			if _, err := s.RemoveGrant(ctx, accounts.Operator, u.ID, g.ID); err != nil {
				t.Fatal(err)
			}
			// Postgres keeps microseconds: truncated alike, the first end
			// stays before this and the second not.
			between := time.Now().Truncate(time.Microsecond)
			_, err = s.Refresh(ctx, sess.RefreshToken)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
			rs, err := s.FindRevokedSessions(ctx, since)
			if err != nil {
				t.Fatal(err)
			}
			var listed []time.Time
			for _, r := range rs {
				if r.ID == sess.ID {
					listed = append(listed, r.RevokedAt)
				}
			}
			if len(listed) != 1 || listed[0].Before(between) {
				t.Errorf("session %s listed at %v; want once, at %v or later", sess.ID, listed, between)
			}
		})

		// A refresh racing a logout can add a row to the session after the
		// revocation: the session stays ended all the same.
		t.Run("AnEndedSessionStaysEnded", func(t *testing.T) {
			sess := login(t, "partner")
			next, err := s.Refresh(ctx, sess.RefreshToken)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.NewUpdate().Table("sessions").Set("revoked_at = ?", time.Now().UTC()).
				Where("family_id = ? AND rotated_at IS NOT NULL", sess.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			_, err = s.Refresh(ctx, next.RefreshToken)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
		})
	})
}

func TestRemoveGrant(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Identity
		admin, _ := accountstest.NewAdmin(t, w.Services)
		login := func(t *testing.T, role string) identity.Session {
			t.Helper()
			sess, err := s.Login(ctx, w.Logins[role], accountstest.Password)
			if err != nil {
				t.Fatal(err)
			}
			return sess
		}

		t.Run("EndsEveryLiveSessionOfTheUserOnly", func(t *testing.T) {
			since := time.Now()
			phone, laptop := login(t, "treasurer"), login(t, "treasurer")
			laptop, err := s.Refresh(ctx, laptop.RefreshToken)
			if err != nil {
				t.Fatal(err)
			}
			loggedOut := login(t, "treasurer")
			if _, err := s.Logout(ctx, loggedOut.RefreshToken); err != nil {
				t.Fatal(err)
			}
			colleague := login(t, "approver")

			ended, err := s.RemoveGrant(ctx, admin, w.Treasurer.UserID, w.Treasurer.Grants[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(ended)
			want := []string{phone.ID, laptop.ID}
			slices.Sort(want)
			if diff := cmp.Diff(want, ended); diff != "" {
				t.Errorf("ended sessions (-want +got):\n%s", diff)
			}
			for _, sess := range []identity.Session{phone, laptop} {
				_, err := s.Refresh(ctx, sess.RefreshToken)
				accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
			}
			revoked := revokedSince(t, s, since)
			if !revoked[phone.ID] || !revoked[laptop.ID] || revoked[colleague.ID] {
				t.Errorf("revoked since: phone %v, laptop %v, colleague %v; want true, true, false",
					revoked[phone.ID], revoked[laptop.ID], revoked[colleague.ID])
			}
			if _, err := s.Refresh(ctx, colleague.RefreshToken); err != nil {
				t.Errorf("the other treasurer's session: %v", err)
			}
			if again := login(t, "treasurer"); len(again.Grants) != 0 {
				t.Errorf("signed in again, she holds %+v; want no grant", again.Grants)
			}
		})

		t.Run("UnknownGrantEndsNothing", func(t *testing.T) {
			sess := login(t, "member0")
			_, err := s.RemoveGrant(ctx, admin, w.MemberActor[0].UserID, w.Treasurer.Grants[0].ID)
			accountstest.WantCode(t, err, ledger.KindNotFound, "grant.not_found")
			if _, err := s.Refresh(ctx, sess.RefreshToken); err != nil {
				t.Errorf("her session after a refused removal: %v", err)
			}
		})

		// Sign-ins and refreshes racing the removal each either come before
		// it, and their session is ended by it, or after it, without the
		// grant: no session that goes on keeps the grant.
		t.Run("NoSignInOrRefreshRacingItKeepsTheGrant", func(t *testing.T) {
			const racers = 8
			member := w.MemberActor[1]
			earlier := make([]identity.Session, racers)
			for i := range earlier {
				earlier[i] = login(t, "member1")
			}
			var wg sync.WaitGroup
			sessions := make([]identity.Session, 2*racers)
			errs := make([]error, 2*racers)
			for i := range racers {
				wg.Go(func() { sessions[i], errs[i] = s.Login(ctx, w.Logins["member1"], accountstest.Password) })
				wg.Go(func() { sessions[racers+i], errs[racers+i] = s.Refresh(ctx, earlier[i].RefreshToken) })
			}
			ended, err := s.RemoveGrant(ctx, admin, member.UserID, member.Grants[0].ID)
			wg.Wait()
			if err != nil {
				t.Fatal(err)
			}
			for i, sess := range sessions {
				if i < racers && errs[i] != nil {
					t.Fatal(errs[i])
				}
				if errs[i] != nil {
					// A refresh after the removal finds its session ended.
					accountstest.WantCode(t, errs[i], ledger.KindUnauthenticated, "auth.invalid_refresh_token")
					continue
				}
				if len(sess.Grants) > 0 && !slices.Contains(ended, sess.ID) {
					t.Errorf("session %s holds %+v and was not ended", sess.ID, sess.Grants)
				}
			}
		})
	})
}
