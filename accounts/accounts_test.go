package accounts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

func deposit(member accounts.Member, amount string) ledger.EntryInput {
	return ledger.EntryInput{Kind: "savings.deposit", Postings: []ledger.PostingInput{
		{Account: accounts.CodeCash, Side: ledger.Debit, Amount: decimal.RequireFromString(amount)},
		{Account: accounts.MemberAccountCode(accounts.Sukarela, member.Number), Side: ledger.Credit, Amount: decimal.RequireFromString(amount)},
	}}
}

func TestCooperative(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Services

		t.Run("OpensTheStandardChartAndMemberSavings", func(t *testing.T) {
			as, err := s.Books.FindLedgerAccounts(ctx, w.Treasurer, w.Cooperative.ID, ledger.Date{})
			if err != nil {
				t.Fatal(err)
			}
			codes := map[string]bool{}
			for _, a := range as {
				codes[a.Code] = true
			}
			for _, want := range []string{accounts.CodeCash, accounts.CodeLoansReceivable, accounts.CodeGrants, accounts.CodeSHU,
				"3100.0001", "3200.0001", "2100.0001", "2100.0002"} {
				if !codes[want] {
					t.Errorf("account %s missing from the new cooperative's chart", want)
				}
			}
		})

		t.Run("NumbersMembersInOrder", func(t *testing.T) {
			if w.Members[0].Number != 1 || w.Members[1].Number != 2 {
				t.Errorf("member numbers %d, %d; want 1, 2", w.Members[0].Number, w.Members[1].Number)
			}
		})

		t.Run("SukarelaNeverBelowZero", func(t *testing.T) {
			_, err := s.Books.PostEntry(ctx, w.Treasurer, w.Cooperative.ID, deposit(w.Members[0], "10000"))
			if err != nil {
				t.Fatal(err)
			}
			withdraw := deposit(w.Members[0], "10001")
			withdraw.Postings[0].Side, withdraw.Postings[1].Side = ledger.Credit, ledger.Debit
			_, err = s.Books.PostEntry(ctx, w.Treasurer, w.Cooperative.ID, withdraw)
			accountstest.WantCode(t, err, ledger.KindConflict, "account.below_floor")
		})

		t.Run("ExtraAccountsStayOutOfMemberCodes", func(t *testing.T) {
			_, err := s.Books.CreateLedgerAccount(ctx, w.Treasurer, w.Cooperative.ID,
				ledger.AccountInput{Code: "2100.9999", Name: "sneaky", Type: ledger.Liability})
			accountstest.WantCode(t, err, ledger.KindInvalid, "account.invalid")
			if _, err := s.Books.CreateLedgerAccount(ctx, w.Treasurer, w.Cooperative.ID,
				ledger.AccountInput{Code: "5150", Name: "Meeting snacks", Type: ledger.Expense}); err != nil {
				t.Fatal(err)
			}
		})
	})
}

func TestAuthorisation(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		other := accountstest.NewWorld(t, db)
		s := w.Services

		t.Run("TreasurerOfAnotherCooperativeFindsNothing", func(t *testing.T) {
			_, err := s.Books.PostEntry(ctx, other.Treasurer, w.Cooperative.ID, deposit(w.Members[0], "1000"))
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
			_, _, err = s.Core.FindMembers(ctx, other.Treasurer, w.Cooperative.ID, accounts.MemberFilter{}, accounts.Page{})
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
		})

		t.Run("MemberMayNotKeepTheBooks", func(t *testing.T) {
			_, err := s.Books.PostEntry(ctx, w.MemberActor[0], w.Cooperative.ID, deposit(w.Members[0], "1000"))
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		})

		t.Run("PartnerReadsOnlyWhatItFunds", func(t *testing.T) {
			if _, err := s.Core.FindCooperativeByID(ctx, w.PartnerUser, w.Cooperative.ID); err != nil {
				t.Errorf("funded cooperative: %v", err)
			}
			_, err := s.Core.FindCooperativeByID(ctx, w.PartnerUser, other.Cooperative.ID)
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
			_, err = s.Core.FindPartnerByID(ctx, w.PartnerUser, other.Partner.ID)
			accountstest.WantCode(t, err, ledger.KindNotFound, "partner.not_found")
			cs, _, err := s.Core.FindCooperatives(ctx, w.PartnerUser, accounts.Page{})
			if err != nil || len(cs) != 1 || cs[0].ID != w.Cooperative.ID {
				t.Errorf("partner's cooperatives: %v, %v", cs, err)
			}
		})

		t.Run("OnlyAdminsAdminister", func(t *testing.T) {
			_, err := s.Core.CreateCooperative(ctx, w.Treasurer, accounts.CooperativeInput{Name: "Mine", Currency: "IDR"})
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		})

		t.Run("GrantScopeMustFitTheRole", func(t *testing.T) {
			admin, _ := accountstest.NewAdmin(t, w.Services)
			_, err := w.Identity.AddGrant(ctx, admin, w.Treasurer.UserID, identity.GrantInput{Role: accounts.RoleTreasurer})
			accountstest.WantCode(t, err, ledger.KindInvalid, "grant.invalid")
			_, err = w.Identity.AddGrant(ctx, admin, w.Treasurer.UserID, identity.GrantInput{Role: accounts.RoleAdmin, CooperativeID: w.Cooperative.ID})
			accountstest.WantCode(t, err, ledger.KindInvalid, "grant.invalid")
			_, err = w.Identity.AddGrant(ctx, admin, w.Treasurer.UserID, identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: w.Cooperative.ID})
			accountstest.WantCode(t, err, ledger.KindConflict, "grant.exists")
		})
	})
}

func TestMemberStatement(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Services
		// One entry moving both members' savings, as a collection sheet does.
		in := ledger.EntryInput{Kind: "savings.deposit", Postings: []ledger.PostingInput{
			{Account: accounts.CodeCash, Side: ledger.Debit, Amount: decimal.NewFromInt(30000)},
			{Account: accounts.MemberAccountCode(accounts.Sukarela, 1), Side: ledger.Credit, Amount: decimal.NewFromInt(10000)},
			{Account: accounts.MemberAccountCode(accounts.Sukarela, 2), Side: ledger.Credit, Amount: decimal.NewFromInt(20000)},
		}}
		if _, err := s.Books.PostEntry(ctx, w.Treasurer, w.Cooperative.ID, in); err != nil {
			t.Fatal(err)
		}
		me, err := s.Reports.FindMe(ctx, w.MemberActor[0])
		if err != nil || len(me.Memberships) != 1 {
			t.Fatalf("FindMe: %+v, %v", me, err)
		}
		var sukarela ledger.Account
		for _, a := range me.Memberships[0].Accounts {
			if a.Code == accounts.MemberAccountCode(accounts.Sukarela, 1) {
				sukarela = a
			}
		}

		t.Run("ShowsHerBalance", func(t *testing.T) {
			if sukarela.BalanceMinor != 10000 {
				t.Errorf("her sukarela balance is %d, want 10000", sukarela.BalanceMinor)
			}
		})

		t.Run("ShowsOnlyHerPostings", func(t *testing.T) {
			p, err := s.Reports.FindMyEntries(ctx, w.MemberActor[0], sukarela.ID, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Lines) != 1 || p.Lines[0].AmountMinor != 10000 {
				t.Errorf("statement lines %+v; want her one posting of 10000", p.Lines)
			}
		})

		t.Run("AnotherMembersAccountIsNotFound", func(t *testing.T) {
			_, err := s.Reports.FindMyEntries(ctx, w.MemberActor[1], sukarela.ID, 0, 0)
			accountstest.WantCode(t, err, ledger.KindNotFound, "account.not_found")
		})
	})
}

func TestSessions(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s := w.Services
		login := w.Logins["treasurer"]

		t.Run("WrongPasswordAndUnknownLoginAreTheSameRefusal", func(t *testing.T) {
			_, err := s.Identity.Login(ctx, login, "wrong password!")
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
			_, err = s.Identity.Login(ctx, "nobody@lumbung.test", accountstest.Password)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_credentials")
		})

		t.Run("LoginIsCaseInsensitive", func(t *testing.T) {
			sess, err := s.Identity.Login(ctx, "  "+strings.ToUpper(login)+" ", accountstest.Password)
			if err != nil || len(sess.Grants) != 1 || sess.Grants[0].Role != accounts.RoleTreasurer {
				t.Fatalf("login: %+v, %v", sess, err)
			}
		})

		t.Run("RefreshRotatesAndReuseRevokesTheFamily", func(t *testing.T) {
			first, err := s.Identity.Login(ctx, login, accountstest.Password)
			if err != nil {
				t.Fatal(err)
			}
			second, err := s.Identity.Refresh(ctx, first.RefreshToken)
			if err != nil || second.RefreshToken == first.RefreshToken {
				t.Fatalf("refresh: %v", err)
			}
			// Past the refresh grace, in which a lost answer is answered again.
			if _, err := db.NewUpdate().Table("sessions").Set("rotated_at = ?", time.Now().UTC().Add(-time.Minute)).
				Where("family_id = ? AND rotated_at IS NOT NULL", first.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			_, err = s.Identity.Refresh(ctx, first.RefreshToken) // a stolen copy comes back
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
			_, err = s.Identity.Refresh(ctx, second.RefreshToken) // so the legitimate one dies too
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
		})

		t.Run("LogoutRevokes", func(t *testing.T) {
			sess, err := s.Identity.Login(ctx, login, accountstest.Password)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Identity.Logout(ctx, sess.RefreshToken); err != nil {
				t.Fatal(err)
			}
			_, err = s.Identity.Refresh(ctx, sess.RefreshToken)
			accountstest.WantCode(t, err, ledger.KindUnauthenticated, "auth.invalid_refresh_token")
		})
	})
}
