package accounts_test

import (
	"context"
	"errors"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestLookupFailureIsNotAnAnswer breaks the one lookup a request makes of
// a member, group, loan, facility or account, as a lost connection would,
// and checks that the request fails with that error: not as if the thing
// did not exist (404) or the request were wrong (422).
func TestLookupFailureIsNotAnAnswer(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		tr, coop, siti, dewi := w.Treasurer, w.Cooperative.ID, w.Members[0], w.Members[1]
		application := groupLoan(w, flatLoan(w, 0))
		shared := disbursed(t, w, application)
		if _, err := w.Books.CreateLedgerAccount(ctx, tr, coop, ledger.AccountInput{Code: "5190", Name: "Meeting snacks", Type: ledger.Expense}); err != nil {
			t.Fatal(err)
		}
		sheet := func(p meetings.SheetPayment) meetings.SheetInput {
			p.Attendance = meetings.Present
			return meetings.SheetInput{Date: ledger.NewDate(2026, 2, 2), Lines: []meetings.SheetPayment{p}}
		}
		member := accounts.MemberInput{GroupID: w.Group.ID, Name: "Rina Wati", Gender: "female"}

		for _, tc := range []struct {
			name     string
			fragment string // in the SQL of the lookup that fails
			call     func(s *services.Services) error
		}{
			{"SheetLineMember", siti.ID, func(s *services.Services) error {
				_, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, sheet(meetings.SheetPayment{MemberID: siti.ID}))
				return err
			}},
			{"SheetLoan", shared.ID, func(s *services.Services) error {
				_, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, sheet(meetings.SheetPayment{MemberID: siti.ID,
					Loans: []meetings.SheetLoanPayment{{LoanID: shared.ID, Amount: "1000"}}}))
				return err
			}},
			{"SheetCoveredMember", dewi.ID, func(s *services.Services) error {
				_, err := s.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, sheet(meetings.SheetPayment{MemberID: siti.ID,
					Loans: []meetings.SheetLoanPayment{{LoanID: shared.ID, Amount: "1000", Covers: dewi.ID}}}))
				return err
			}},
			{"LoanBorrowingMember", siti.ID, func(s *services.Services) error {
				_, err := s.Lending.ApplyLoan(ctx, tr, coop, flatLoan(w, 0))
				return err
			}},
			{"LoanBorrowingGroup", w.Group.ID, func(s *services.Services) error {
				_, err := s.Lending.ApplyLoan(ctx, tr, coop, application)
				return err
			}},
			{"LoanFacility", w.Facility.ID, func(s *services.Services) error {
				_, err := s.Lending.ApplyLoan(ctx, tr, coop, flatLoan(w, 0))
				return err
			}},
			{"ExpenseAccount", "'5190'", func(s *services.Services) error {
				_, err := s.Books.RecordExpense(ctx, tr, coop, books.FlowInput{Account: "5190", Category: "snacks",
					MoneyInput: accounts.MoneyInput{Amount: "1000"}})
				return err
			}},
			{"NewMembersGroup", w.Group.ID, func(s *services.Services) error {
				_, err := s.Core.CreateMember(ctx, tr, coop, member)
				return err
			}},
			{"MovedMembersGroup", w.Group.ID, func(s *services.Services) error {
				_, err := s.Core.UpdateMember(ctx, tr, coop, dewi.ID, member)
				return err
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.call(accountstest.NewServices(ledger.New(lt.FailQueries(db, tc.fragment)), services.Options{}))
				if kind := ledger.KindOf(err); !errors.Is(err, context.Canceled) || kind == ledger.KindNotFound || kind == ledger.KindInvalid {
					t.Errorf("got %v (%s), want the lookup's own failure", err, kind)
				}
			})
		}
	})
}
