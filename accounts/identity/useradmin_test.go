package identity_test

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

const newPassword = "a password of her own"

func TestChangePassword(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Identity

		t.Run("EndsEverySessionAndStartsANewOne", func(t *testing.T) {
			since := time.Now()
			login := w.Logins["member1"]
			phone, laptop := signIn(t, s, login, accountstest.Password), signIn(t, s, login, accountstest.Password)
			sess, ended, err := s.ChangePassword(ctx, identity.PasswordChange{Login: login, Password: accountstest.Password, NewPassword: newPassword})
			if err != nil {
				t.Fatal(err)
			}
			if len(ended) != 2 || !revokedSince(t, s, since)[phone.ID] || !revokedSince(t, s, since)[laptop.ID] {
				t.Errorf("ended %v; want both earlier sessions", ended)
			}
			if _, err := s.Refresh(ctx, sess.RefreshToken); err != nil {
				t.Errorf("the new session: %v", err)
			}
			_, err = s.Login(ctx, login, accountstest.Password)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
			signIn(t, s, login, newPassword)
		})

		t.Run("AWrongPasswordChangesNothing", func(t *testing.T) {
			login := w.Logins["partner"]
			_, _, err := s.ChangePassword(ctx, identity.PasswordChange{Login: login, Password: "not her password", NewPassword: newPassword})
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
			signIn(t, s, login, accountstest.Password)
		})

		t.Run("TheNewPasswordIsCheckedFirst", func(t *testing.T) {
			for _, np := range []string{"short", accountstest.Password} {
				_, _, err := s.ChangePassword(ctx, identity.PasswordChange{Login: w.Logins["partner"], Password: accountstest.Password, NewPassword: np})
				accountstest.WantCode(t, err, ledger.KindInvalid, "password.invalid")
			}
		})
	})
}

func TestResetPassword(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		other := accountstest.NewWorld(t, db)
		s := w.Identity
		admin, adminLogin := accountstest.NewAdmin(t, w.Services)

		t.Run("TheTemporaryPasswordOnlyBuysHerOwnOnce", func(t *testing.T) {
			login := w.Logins["member0"]
			before := signIn(t, s, login, accountstest.Password)
			r, ended, err := s.ResetPassword(ctx, w.Treasurer, w.MemberActor[0].UserID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ended) != 1 || ended[0] != before.ID || len(r.Password) < 10 || !r.ExpiresAt.After(time.Now().Add(24*time.Hour)) {
				t.Errorf("reset: ended %v, password %q expiring %v", ended, r.Password, r.ExpiresAt)
			}
			_, err = s.Refresh(ctx, before.RefreshToken)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
			_, err = s.Login(ctx, login, accountstest.Password)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
			_, err = s.Login(ctx, login, r.Password)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.password_change_required")
			change := identity.PasswordChange{Login: login, Password: r.Password, NewPassword: newPassword}
			if _, _, err := s.ChangePassword(ctx, change); err != nil {
				t.Fatal(err)
			}
			_, _, err = s.ChangePassword(ctx, identity.PasswordChange{Login: login, Password: r.Password, NewPassword: "yet another password"})
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
			signIn(t, s, login, newPassword)
		})

		t.Run("AnExpiredTemporaryPasswordIsRefused", func(t *testing.T) {
			r, _, err := s.ResetPassword(ctx, admin, w.PartnerUser.UserID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.NewUpdate().Table("users").Set("password_temporary_until = ?", time.Now().UTC().Add(-time.Minute)).
				Where("id = ?", w.PartnerUser.UserID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			_, _, err = s.ChangePassword(ctx, identity.PasswordChange{Login: w.Logins["partner"], Password: r.Password, NewPassword: newPassword})
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.password_expired")
		})

		t.Run("ATreasurerKeepsHerMembersOnly", func(t *testing.T) {
			for name, userID := range map[string]string{
				"admin":                    admin.UserID,
				"herself":                  w.Treasurer.UserID,
				"another treasurer":        w.Approver.UserID,
				"a partner":                w.PartnerUser.UserID,
				"another coop's member":    other.MemberActor[0].UserID,
				"another coop's treasurer": other.Treasurer.UserID,
				"nobody":                   "01a237a2-d264-7681-84c7-8b7108ab9727",
			} {
				_, _, err := s.ResetPassword(ctx, w.Treasurer, userID)
				if ledger.CodeOf(err) != "user.not_found" {
					t.Errorf("resetting %s: %v, want user.not_found", name, err)
				}
				_, err = s.Deactivate(ctx, w.Treasurer, userID)
				if ledger.CodeOf(err) != "user.not_found" {
					t.Errorf("deactivating %s: %v, want user.not_found", name, err)
				}
			}
			signIn(t, s, adminLogin, accountstest.Password)
			signIn(t, s, w.Logins["approver"], accountstest.Password)
		})

		t.Run("AMemberWhoIsAlsoMoreIsNotHerTreasurers", func(t *testing.T) {
			if _, err := s.AddGrant(ctx, admin, w.MemberActor[1].UserID,
				identity.GrantInput{Role: accounts.RolePartner, PartnerID: w.Partner.ID}); err != nil {
				t.Fatal(err)
			}
			_, _, err := s.ResetPassword(ctx, w.Treasurer, w.MemberActor[1].UserID)
			accountstest.WantCode(t, err, ledger.KindNotFound, "user.not_found")
			if _, _, err := s.ResetPassword(ctx, admin, w.MemberActor[1].UserID); err != nil {
				t.Errorf("the admin resets anyone's: %v", err)
			}
		})

		t.Run("MembersAndPartnersKeepNobodys", func(t *testing.T) {
			for _, a := range []accounts.Actor{w.MemberActor[0], w.PartnerUser} {
				_, _, err := s.ResetPassword(ctx, a, w.MemberActor[0].UserID)
				accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			}
		})
	})
}

func TestDeactivate(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Identity
		login, userID := w.Logins["member0"], w.MemberActor[0].UserID

		since := time.Now()
		sess := signIn(t, s, login, accountstest.Password)
		ended, err := s.Deactivate(ctx, w.Treasurer, userID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ended) != 1 || ended[0] != sess.ID || !revokedSince(t, s, since)[sess.ID] {
			t.Errorf("ended %v, want her session %s", ended, sess.ID)
		}
		_, err = s.Refresh(ctx, sess.RefreshToken)
		accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
		_, err = s.Login(ctx, login, accountstest.Password)
		accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.user_deactivated")
		_, err = s.Login(ctx, login, "not her password")
		accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
		_, _, err = s.ChangePassword(ctx, identity.PasswordChange{Login: login, Password: accountstest.Password, NewPassword: newPassword})
		accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.user_deactivated")
		if _, err := s.Deactivate(ctx, w.Treasurer, userID); err != nil {
			t.Errorf("deactivating her again: %v", err)
		}
		admin, _ := accountstest.NewAdmin(t, w.Services)
		_, err = s.Deactivate(ctx, admin, admin.UserID)
		accountstest.WantCode(t, err, ledger.KindInvalid, "user.self")

		if err := s.Reactivate(ctx, w.Treasurer, userID); err != nil {
			t.Fatal(err)
		}
		signIn(t, s, login, accountstest.Password)
		_, err = s.Refresh(ctx, sess.RefreshToken)
		accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
	})
}

func TestSetPassword(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Identity
		sess := signIn(t, s, w.Logins["partner"], accountstest.Password)
		ended, err := s.SetPassword(ctx, accounts.Operator, w.Logins["partner"], newPassword)
		if err != nil || len(ended) != 1 || ended[0] != sess.ID {
			t.Fatalf("set: ended %v, %v; want her session", ended, err)
		}
		signIn(t, s, w.Logins["partner"], newPassword)
		_, err = s.SetPassword(ctx, w.Treasurer, w.Logins["partner"], newPassword)
		accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		_, err = s.SetPassword(ctx, accounts.Operator, "nobody@lumbung.test", newPassword)
		accountstest.WantCode(t, err, ledger.KindNotFound, "user.not_found")
	})
}

func signIn(t *testing.T, s *identity.Service, login, password string) identity.Session {
	t.Helper()
	sess, err := s.Login(context.Background(), login, password)
	if err != nil {
		t.Fatalf("sign in as %s: %v", login, err)
	}
	return sess
}
