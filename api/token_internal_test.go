package api

import (
	"bytes"
	"testing"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
)

// TestRememberedTokenStillExpires checks what the tokens remembered after
// their first check still refuse: an expired one, and one whose text
// differs from the remembered one by a character.
func TestRememberedTokenStillExpires(t *testing.T) {
	tokens, err := NewTokens(bytes.Repeat([]byte("k"), SigningKeyBytesMin))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	tokens.now = func() time.Time { return now }
	token, expires, err := tokens.Issue(identity.Session{ID: "s1", User: accounts.User{ID: "u1"},
		Grants: []accounts.Grant{{Role: accounts.RoleTreasurer, CooperativeID: "c1"}}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // verified, then remembered
		a, session, err := tokens.Parse(token)
		if err != nil {
			t.Fatal(err)
		}
		if a.UserID != "u1" || session != "s1" || len(a.Grants) != 1 || a.Grants[0].CooperativeID != "c1" {
			t.Fatalf("the token speaks for %+v of session %q", a, session)
		}
	}
	tampered := []byte(token)
	tampered[len(tampered)-2] ^= 1
	if _, _, err := tokens.Parse(string(tampered)); err == nil {
		t.Error("a token whose signature differs from a remembered one is accepted")
	}
	now = expires.Add(-time.Second)
	if _, _, err := tokens.Parse(token); err != nil {
		t.Errorf("a second before it expires: %v", err)
	}
	now = expires
	if _, _, err := tokens.Parse(token); err == nil {
		t.Error("a remembered token is accepted once it has expired")
	}
}
