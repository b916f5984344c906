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
