package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestUserCreate(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
		env := storeEnv(t, databaseURL, dataDir)
		create := func(stdin string, args ...string) (int, string) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"user", "create"}, args...), mapEnv(env),
				strings.NewReader(stdin), &stdout, &stderr)
			return code, stdout.String() + stderr.String()
		}

		t.Run("FirstAdminCanLogIn", func(t *testing.T) {
			code, out := create("a long admin password\n", "-login", "Ketua@Koperasi.test", "-role", "admin", "-password-stdin")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, out)
			}
			s := services.New(ledger.New(db), services.Options{}).Identity
			sess, err := s.Login(context.Background(), "ketua@koperasi.test", "a long admin password")
			if err != nil || len(sess.Grants) != 1 || sess.Grants[0].Role != accounts.RoleAdmin {
				t.Fatalf("login as the new admin: %+v, %v", sess, err)
			}
		})

		t.Run("RefusesPasswordAsArgument", func(t *testing.T) {
			if code, out := create("", "-login", "x@y.test", "-role", "admin", "-password", "secret123456"); code != exitUsage {
				t.Errorf("exit %d, want %d: %s", code, exitUsage, out)
			}
		})

		t.Run("RefusesShortPassword", func(t *testing.T) {
			if code, out := create("short\n", "-login", "z@y.test", "-role", "admin", "-password-stdin"); code != exitFailure {
				t.Errorf("exit %d, want %d: %s", code, exitFailure, out)
			}
		})
	})
}

func TestUserPassword(t *testing.T) {
	ledgertest.Dialects(t, func(t *testing.T, databaseURL, dataDir string, db *bun.DB) {
		env := storeEnv(t, databaseURL, dataDir)
		lumbung := func(stdin string, args ...string) (int, string) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"user"}, args...), mapEnv(env),
				strings.NewReader(stdin), &stdout, &stderr)
			return code, stdout.String() + stderr.String()
		}
		if code, out := lumbung("the first admin password\n", "create", "-login", "lupa@koperasi.test", "-role", "admin", "-password-stdin"); code != exitOK {
			t.Fatalf("create: exit %d: %s", code, out)
		}
		s := services.New(ledger.New(db), services.Options{}).Identity
		ctx := context.Background()
		before, err := s.Login(ctx, "lupa@koperasi.test", "the first admin password")
		if err != nil {
			t.Fatal(err)
		}

		t.Run("SetsHerPasswordAndEndsHerSessions", func(t *testing.T) {
			code, out := lumbung("a password remembered\n", "password", "-login", "Lupa@Koperasi.test", "-password-stdin")
			if code != exitOK || !strings.Contains(out, "1 sessions ended") {
				t.Fatalf("exit %d: %s", code, out)
			}
			if _, err := s.Login(ctx, "lupa@koperasi.test", "a password remembered"); err != nil {
				t.Errorf("login with the new password: %v", err)
			}
			if _, err := s.Login(ctx, "lupa@koperasi.test", "the first admin password"); err == nil {
				t.Error("the old password still signs in")
			}
			if _, err := s.Refresh(ctx, before.RefreshToken); err == nil {
				t.Error("her session from before lives on")
			}
		})

		t.Run("RefusesPasswordAsArgument", func(t *testing.T) {
			if code, out := lumbung("", "password", "-login", "lupa@koperasi.test", "-password", "secret123456"); code != exitUsage {
				t.Errorf("exit %d, want %d: %s", code, exitUsage, out)
			}
		})

		t.Run("RefusesUnknownLoginAndShortPassword", func(t *testing.T) {
			for _, c := range []struct{ stdin, login string }{
				{"long enough password\n", "nobody@koperasi.test"},
				{"short\n", "lupa@koperasi.test"},
			} {
				if code, out := lumbung(c.stdin, "password", "-login", c.login, "-password-stdin"); code != exitFailure {
					t.Errorf("%s: exit %d, want %d: %s", c.login, code, exitFailure, out)
				}
			}
		})
	})
}
