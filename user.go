package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/migrations"
)

// user creates a user with one grant from the command line: how the first
// admin comes to exist. The password is read from standard input, never
// from an argument, where the process list and shell history would keep it.
func (p *program) user(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "password" {
		return p.userPassword(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(p.stderr, "Usage: lumbung user create -login LOGIN -role ROLE [-cooperative ID | -member ID | -partner ID] [-name NAME] -password-stdin")
		fmt.Fprintln(p.stderr, "       lumbung user password -login LOGIN -password-stdin")
		return errUsage
	}
	fs := p.flagSet("user create")
	login := fs.String("login", "", "the login: an e-mail address or phone number")
	name := fs.String("name", "", "the user's name (default: the login)")
	role := fs.String("role", "", "admin, treasurer, supervisor, member or partner")
	coop := fs.String("cooperative", "", "the treasurer's or supervisor's cooperative ID")
	member := fs.String("member", "", "the member's member ID")
	partner := fs.String("partner", "", "the partner's partner ID")
	passwordStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if !*passwordStdin || *login == "" || *role == "" {
		fmt.Fprintln(p.stderr, "lumbung user create: -login, -role and -password-stdin are required")
		return errUsage
	}
	password, err := readPassword(p.stdin)
	if err != nil {
		return err
	}
	if *name == "" {
		*name = *login
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := migrations.Up(ctx, db); err != nil {
		return err
	}
	s := services.New(ledger.New(db), services.Options{}).Identity
	u, err := s.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: *login, Name: *name, Password: password})
	if err != nil {
		return err
	}
	g, err := s.AddGrant(ctx, accounts.Operator, u.ID, identity.GrantInput{Role: accounts.Role(*role),
		CooperativeID: *coop, MemberID: *member, PartnerID: *partner})
	if err != nil {
		return fmt.Errorf("user %s was created without a grant (add one with the API): %w", u.Login, err)
	}
	fmt.Fprintf(p.stdout, "created user %s (%s) with the %s role\n", u.Login, u.ID, g.Role)
	return nil
}

// userPassword sets a user's password from the command line: for an admin
// who forgot hers, when no other admin is there to reset it. It is a
// password of her own, not a temporary one, and every session she has
// ends: the servers refuse her access tokens within seconds.
func (p *program) userPassword(ctx context.Context, args []string) error {
	fs := p.flagSet("user password")
	login := fs.String("login", "", "the login: an e-mail address or phone number")
	passwordStdin := fs.Bool("password-stdin", false, "read the new password from the first line of standard input")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*passwordStdin || *login == "" {
		fmt.Fprintln(p.stderr, "lumbung user password: -login and -password-stdin are required")
		return errUsage
	}
	password, err := readPassword(p.stdin)
	if err != nil {
		return err
	}
	db, err := p.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := migrations.Up(ctx, db); err != nil {
		return err
	}
	s := services.New(ledger.New(db), services.Options{}).Identity
	ended, err := s.SetPassword(ctx, accounts.Operator, *login, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "set the password of %s; %d sessions ended\n", *login, len(ended))
	return nil
}

func readPassword(stdin io.Reader) (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
