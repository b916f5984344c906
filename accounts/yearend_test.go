package accounts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// on returns the world's service and ledger running on another day: the
// day the treasurer closes the year, after it has ended.
func on(db *bun.DB, day time.Time) *services.Services {
	clock := func() time.Time { return day }
	return accountstest.NewServices(ledger.New(db, ledger.WithClock(clock)), services.Options{Core: []accounts.Option{accounts.WithClock(clock)}})
}

// january2 is when the tests close 2026.
var january2 = time.Date(2027, time.January, 2, 9, 0, 0, 0, time.UTC)

func saved(t *testing.T, w *accountstest.World, m accounts.Member, typ accounts.SavingsType, amount string, day ledger.Date) {
	t.Helper()
	if _, err := w.Savings.Deposit(context.Background(), w.Treasurer, w.Cooperative.ID, savings.SavingsInput{MemberID: m.ID, Type: typ,
		MoneyInput: accounts.MoneyInput{Amount: amount, Date: day}}); err != nil {
		t.Fatal(err)
	}
}

// workedYear is 2026 of a cooperative with two members who stay and one
// who leaves:
//
//   - Siti (no. 1) saves pokok 50,000 and wajib 100,000: capital 150,000.
//     Her loan of 1,200,000 (fee 12,000) pays two installments, interest
//     12,000 each: 24,000.
//   - Dewi (no. 2) saves pokok 50,000 and wajib 200,000: capital 250,000.
//     Her loan (fee 12,000) pays one installment: interest 12,000.
//   - Sri (no. 3) pays pokok 50,000 and leaves in September.
//   - An expense of 10,001.
//
// Income 60,000 (fees 24,000, interest 36,000) less 10,001: SHU 49,999.
func workedYear(t *testing.T, db *bun.DB) (*accountstest.World, [2]lending.Loan, accounts.Member) {
	t.Helper()
	ctx, jan3 := context.Background(), ledger.NewDate(2026, 1, 3)
	w := loanWorld(t, db)
	siti, dewi := w.Members[0], w.Members[1]
	sri, err := w.Core.CreateMember(ctx, w.Treasurer, w.Cooperative.ID, accounts.MemberInput{GroupID: w.Group.ID, Name: "Sri Mulyani", Gender: "female"})
	if err != nil {
		t.Fatal(err)
	}
	saved(t, w, siti, accounts.Pokok, "50000", jan3)
	saved(t, w, siti, accounts.Wajib, "100000", jan3)
	saved(t, w, siti, accounts.Sukarela, "20000", jan3)
	saved(t, w, dewi, accounts.Pokok, "50000", jan3)
	saved(t, w, dewi, accounts.Wajib, "200000", jan3)
	saved(t, w, sri, accounts.Pokok, "50000", jan3)
	loans := [2]lending.Loan{disbursed(t, w, flatLoan(w, 0)), disbursed(t, w, flatLoan(w, 1))}
	repay(t, w, loans[0].ID, "312000", ledger.NewDate(2026, 2, 5))
	repay(t, w, loans[0].ID, "312000", ledger.NewDate(2026, 3, 5))
	repay(t, w, loans[1].ID, "312000", ledger.NewDate(2026, 2, 5))
	if _, err := w.Books.RecordExpense(ctx, w.Treasurer, w.Cooperative.ID, books.FlowInput{Category: "ATK",
		MoneyInput: accounts.MoneyInput{Amount: "10001", Date: ledger.NewDate(2026, 6, 30)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Lending.Exit(ctx, w.Treasurer, w.Cooperative.ID, sri.ID, accounts.MoneyInput{Date: ledger.NewDate(2026, 9, 1)}); err != nil {
		t.Fatal(err)
	}
	return w, loans, sri
}

func TestCloseYear(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		in := yearend.YearEndInput{Year: 2026, Shares: byLaws, IdempotencyKey: "close-2026"}

		t.Run("WorkedYearToTheRupiah", func(t *testing.T) {
			w, loans, sri := workedYear(t, db)
			s, coop, tr := on(db, january2), w.Cooperative.ID, w.Treasurer
			ye, err := s.YearEnd.CloseYear(ctx, tr, coop, in)
			if err != nil {
				t.Fatal(err)
			}
			want := yearend.YearEnd{CooperativeID: coop, Year: 2026, Currency: w.Cooperative.Currency, Shares: byLaws,
				SurplusMinor: 49999, ReserveMinor: 12504, CapitalMinor: 14999, ParticipationMinor: 12499,
				Funds: []shu.FundPool{
					{Code: "2400.01", Name: "Dana pendidikan", Percent: "5", AmountMinor: 2499},
					{Code: "2400.02", Name: "Dana sosial", Percent: "5", AmountMinor: 2499},
					{Code: "2400.03", Name: "Dana pengurus", Percent: "10", AmountMinor: 4999},
				},
				CapitalBasisMinor: 400000, ParticipationBasisMinor: 36000, ClosedBy: tr.UserID, ClosedAt: january2,
				DecidedOn: ledger.DateOf(january2)}
			ignoreIDs := cmp.FilterPath(func(p cmp.Path) bool {
				return p.String() == "ClosingEntryID" || p.String() == "DistributionEntryID"
			}, cmp.Ignore())
			if diff := cmp.Diff(want, ye, ignoreIDs, cmpopts.EquateComparable(ledger.Currency{}, ledger.Date{})); diff != "" {
				t.Errorf("year end (-want +got):\n%s", diff)
			}

			book := w.Cooperative.BookID
			for code, want := range map[string]int64{
				accounts.CodeSHU: 0, accounts.CodeReserve: 12504, "2400.01": 2499, "2400.02": 2499, "2400.03": 4999,
				accounts.CodeFeeIncome: 0, "4100.L0001": 0, "4100.L0002": 0, accounts.CodeOperatingExpenses: 0,
				// Siti: her 20,000 and 5,625 + 8,333; Dewi: 9,374 + 4,166.
				accounts.MemberAccountCode(accounts.Sukarela, 1): 20000 + 13958,
				accounts.MemberAccountCode(accounts.Sukarela, 2): 13540,
			} {
				if got := lt.MustBalance(t, s.Core.Ledger(), book, code); got != want {
					t.Errorf("%s holds %d, want %d", code, got, want)
				}
			}

			slips, err := s.YearEnd.SHUSlips(ctx, tr, coop, 2026)
			if err != nil {
				t.Fatal(err)
			}
			slip := func(m accounts.Member, capital, interest, jasaModal, jasaAnggota int64) yearend.SHUSlip {
				return yearend.SHUSlip{Year: 2026, Currency: w.Cooperative.Currency, MemberID: m.ID, MemberNumber: m.Number, MemberName: m.Name,
					CapitalBasisMinor: capital, ParticipationBasisMinor: interest, CapitalMinor: jasaModal, ParticipationMinor: jasaAnggota,
					TotalMinor: jasaModal + jasaAnggota, CapitalPoolMinor: 14999, ParticipationPoolMinor: 12499,
					CapitalBasisTotalMinor: 400000, ParticipationBasisTotalMinor: 36000, EntryID: ye.DistributionEntryID}
			}
			wantSlips := []yearend.SHUSlip{slip(w.Members[0], 150000, 24000, 5625, 8333), slip(w.Members[1], 250000, 12000, 9374, 4166)}
			if diff := cmp.Diff(wantSlips, slips, cmpopts.EquateComparable(ledger.Currency{})); diff != "" {
				t.Errorf("slips (-want +got):\n%s", diff)
			}

			t.Run("MemberReadsHerSlipButNotAnothers", func(t *testing.T) {
				got, err := s.YearEnd.MySHUSlip(ctx, w.MemberActor[0], coop, w.Members[0].ID, 2026)
				if err != nil || got != wantSlips[0] {
					t.Errorf("her own slip: %+v, %v", got, err)
				}
				_, err = s.YearEnd.MySHUSlip(ctx, w.MemberActor[1], coop, w.Members[0].ID, 2026)
				accountstest.WantCode(t, err, ledger.KindNotFound, "member.not_found")
				_, err = s.YearEnd.MySHUSlip(ctx, tr, coop, sri.ID, 2026)
				accountstest.WantCode(t, err, ledger.KindNotFound, "shu_slip.not_found")
				_, err = s.YearEnd.MySHUSlip(ctx, w.MemberActor[0], coop, w.Members[0].ID, 2025)
				accountstest.WantCode(t, err, ledger.KindNotFound, "shu_slip.not_found")
				if got, err := s.YearEnd.FindYearEnd(ctx, w.MemberActor[1], coop, 2026); err != nil || got.SurplusMinor != 49999 {
					t.Errorf("the members read how their SHU was divided: %+v, %v", got, err)
				}
				_, err = s.YearEnd.FindYearEnd(ctx, w.PartnerUser, coop, 2026)
				accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
			})

			t.Run("IncomeStatementStillShowsTheYear", func(t *testing.T) {
				is, err := s.Reports.IncomeStatement(ctx, tr, coop, ledger.NewDate(2026, 1, 1), ledger.NewDate(2026, 12, 31))
				if err != nil {
					t.Fatal(err)
				}
				if is.Income.TotalMinor != 60000 || is.Expenses.TotalMinor != 10001 || is.SurplusMinor != 49999 {
					t.Errorf("income %d, expenses %d, surplus %d; want 60000, 10001, 49999", is.Income.TotalMinor, is.Expenses.TotalMinor, is.SurplusMinor)
				}
				bs, err := s.Reports.BalanceSheet(ctx, tr, coop, ledger.NewDate(2026, 12, 31))
				if err != nil {
					t.Fatal(err)
				}
				if bs.SurplusMinor != 0 {
					t.Errorf("balance sheet at December 31: surplus %d not closed", bs.SurplusMinor)
				}
			})

			t.Run("LoansKeepTheInterestPaid", func(t *testing.T) {
				v, err := s.Lending.FindLoan(ctx, tr, coop, loans[0].ID, ledger.NewDate(2027, 1, 2))
				if err != nil {
					t.Fatal(err)
				}
				if v.Position.PaidInstallments != 2 {
					t.Errorf("after the year end her loan shows %d installments paid, want 2", v.Position.PaidInstallments)
				}
				r, err := s.Lending.RepayLoan(ctx, tr, coop, loans[0].ID, accounts.MoneyInput{Amount: "312000"})
				if err != nil {
					t.Fatal(err)
				}
				if want := (lending.Allocation{InterestMinor: 12000, PrincipalMinor: 300000}); r.Allocation != want {
					t.Errorf("the third installment allocates %+v, want %+v", r.Allocation, want)
				}
			})

			t.Run("PostingIntoTheClosedYearIs409", func(t *testing.T) {
				_, err := s.Savings.Deposit(ctx, tr, coop, savings.SavingsInput{MemberID: w.Members[0].ID, Type: accounts.Sukarela,
					MoneyInput: accounts.MoneyInput{Amount: "1000", Date: ledger.NewDate(2026, 12, 31)}})
				accountstest.WantCode(t, err, ledger.KindConflict, "period.closed")
				if msg := ledger.AsError(err).Text(); msg != "the books are closed through 2026-12-31; date the entry after it" {
					t.Errorf("message %q", msg)
				}
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback() //nolint:errcheck // nothing is kept
				cash, err := s.Core.Ledger().FindAccountByCode(ctx, w.Cooperative.BookID, accounts.CodeCash)
				if err != nil {
					t.Fatal(err)
				}
				_, err = tx.ExecContext(ctx, `INSERT INTO postings
				    (entry_id, line, book_id, account_id, side, amount_minor, currency, sequence, effective_date)
				    VALUES (?, 99, ?, ?, 'debit', 1, 'IDR', 1, '2026-06-01')`, ye.ClosingEntryID, w.Cooperative.BookID, cash.ID)
				if !ledger.IsClosedPeriodRefusal(err) {
					t.Errorf("a raw posting into 2026: %v, want the trigger's refusal", err)
				}
			})

			t.Run("ClosingTwiceIs409AndTheKeyReplays", func(t *testing.T) {
				again, err := s.YearEnd.CloseYear(ctx, tr, coop, in)
				if err != nil || !again.Replayed || again.DistributionEntryID != ye.DistributionEntryID {
					t.Errorf("replay: %+v, %v", again, err)
				}
				other := in
				other.IdempotencyKey = ""
				_, err = s.YearEnd.CloseYear(ctx, tr, coop, other)
				accountstest.WantCode(t, err, ledger.KindConflict, "year_end.closed")
				other.IdempotencyKey = in.IdempotencyKey
				other.Shares = shu.Shares{Reserve: "100"}
				_, err = s.YearEnd.CloseYear(ctx, tr, coop, other)
				accountstest.WantCode(t, err, ledger.KindConflict, "entry.idempotency_key_reused")
			})
		})

		t.Run("YearNotEndedIs409", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s := on(db, time.Date(2026, time.December, 31, 23, 0, 0, 0, time.UTC))
			_, err := s.YearEnd.CloseYear(ctx, w.Treasurer, w.Cooperative.ID, in)
			accountstest.WantCode(t, err, ledger.KindConflict, "year_end.not_ended")
		})

		t.Run("OnlyTheTreasurerCloses", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s := on(db, january2)
			_, err := s.YearEnd.CloseYear(ctx, w.MemberActor[0], w.Cooperative.ID, in)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			_, err = s.YearEnd.SHUSlips(ctx, w.MemberActor[0], w.Cooperative.ID, 2026)
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			_, err = s.YearEnd.CloseYear(ctx, w.PartnerUser, w.Cooperative.ID, in)
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
		})

		t.Run("LossStaysInSHU", func(t *testing.T) {
			w := loanWorld(t, db)
			s, coop := on(db, january2), w.Cooperative.ID
			if _, err := s.Books.RecordExpense(ctx, w.Treasurer, coop, books.FlowInput{Category: "sewa",
				MoneyInput: accounts.MoneyInput{Amount: "5000", Date: ledger.NewDate(2026, 3, 1)}}); err != nil {
				t.Fatal(err)
			}
			ye, err := s.YearEnd.CloseYear(ctx, w.Treasurer, coop, in)
			if err != nil {
				t.Fatal(err)
			}
			if ye.SurplusMinor != -5000 || ye.ReserveMinor != 0 || ye.DistributionEntryID != "" || ye.ClosingEntryID == "" {
				t.Errorf("a loss year: %+v", ye)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.CodeSHU); got != -5000 {
				t.Errorf("SHU holds %d, want the loss, -5000", got)
			}
			slips, err := s.YearEnd.SHUSlips(ctx, w.Treasurer, coop, 2026)
			if err != nil || len(slips) != 0 {
				t.Errorf("slips of a loss year: %v, %v", slips, err)
			}
			_, err = s.YearEnd.MySHUSlip(ctx, w.MemberActor[0], coop, w.Members[0].ID, 2026)
			accountstest.WantCode(t, err, ledger.KindNotFound, "shu_slip.not_found")
		})

		t.Run("EarlierYearsCloseFirst", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s, coop := on(db, january2), w.Cooperative.ID
			saved(t, w, w.Members[0], accounts.Wajib, "10000", ledger.NewDate(2025, 12, 15))
			saved(t, w, w.Members[0], accounts.Wajib, "10000", ledger.NewDate(2026, 1, 15))
			_, err := s.YearEnd.CloseYear(ctx, w.Treasurer, coop, in)
			accountstest.WantCode(t, err, ledger.KindConflict, "year_end.earlier_year_open")
			if _, err := s.YearEnd.CloseYear(ctx, w.Treasurer, coop, yearend.YearEndInput{Year: 2025, Shares: byLaws}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.YearEnd.CloseYear(ctx, w.Treasurer, coop, in); err != nil {
				t.Errorf("2026 after 2025: %v", err)
			}
		})

		t.Run("QuietYearClosesAndReplays", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s := on(db, january2)
			ye, err := s.YearEnd.CloseYear(ctx, w.Treasurer, w.Cooperative.ID, in)
			if err != nil || ye.ClosingEntryID != "" || ye.SurplusMinor != 0 {
				t.Fatalf("a year with no income or expense: %+v, %v", ye, err)
			}
			again, err := s.YearEnd.CloseYear(ctx, w.Treasurer, w.Cooperative.ID, in)
			if err != nil || !again.Replayed {
				t.Errorf("replay of a quiet year: %+v, %v", again, err)
			}
		})

		t.Run("ConcurrentClosesCloseOnce", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s, coop, tr := on(db, january2), w.Cooperative.ID, w.Treasurer
			saved(t, w, w.Members[0], accounts.Wajib, "10000", ledger.NewDate(2026, 2, 1))
			if _, err := w.Books.RecordIncome(ctx, tr, coop, books.FlowInput{Category: "donasi",
				MoneyInput: accounts.MoneyInput{Amount: "1000", Date: ledger.NewDate(2026, 5, 1)}}); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			results := make([]yearend.YearEnd, 6)
			errs := make([]error, len(results))
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i], errs[i] = s.YearEnd.CloseYear(ctx, tr, coop, in)
				}()
			}
			wg.Wait()
			closed := 0
			for i, err := range errs {
				if err != nil {
					t.Errorf("close %d: %v", i, err)
					continue
				}
				if !results[i].Replayed {
					closed++
				}
				if results[i].DistributionEntryID != results[0].DistributionEntryID {
					t.Errorf("close %d answered another year end: %+v", i, results[i])
				}
			}
			if closed != 1 {
				t.Errorf("the year was closed %d times, want once", closed)
			}
			if got := lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.MemberAccountCode(accounts.Sukarela, 1)); got != 300 {
				t.Errorf("her sukarela holds %d, want her jasa modal of 300 once", got)
			}
		})

		t.Run("ManyMembersSpreadOverSeveralEntries", func(t *testing.T) {
			w := accountstest.NewWorld(t, db)
			s, coop, tr := on(db, january2), w.Cooperative.ID, w.Treasurer
			members := []accounts.Member{w.Members[0], w.Members[1]}
			for i := range 108 {
				m, err := w.Core.CreateMember(ctx, tr, coop, accounts.MemberInput{GroupID: w.Group.ID, Name: fmt.Sprintf("Anggota %d", i), Gender: "female"})
				if err != nil {
					t.Fatal(err)
				}
				members = append(members, m)
			}
			for i, m := range members {
				saved(t, w, m, accounts.Wajib, fmt.Sprint(10000+i), ledger.NewDate(2026, 2, 1))
			}
			if _, err := w.Books.RecordIncome(ctx, tr, coop, books.FlowInput{Category: "donasi",
				MoneyInput: accounts.MoneyInput{Amount: "1000003", Date: ledger.NewDate(2026, 5, 1)}}); err != nil {
				t.Fatal(err)
			}
			ye, err := s.YearEnd.CloseYear(ctx, tr, coop, yearend.YearEndInput{Year: 2026, Shares: shu.Shares{Reserve: "10", Capital: "90"}})
			if err != nil {
				t.Fatal(err)
			}
			slips, err := s.YearEnd.SHUSlips(ctx, tr, coop, 2026)
			if err != nil {
				t.Fatal(err)
			}
			var paid int64
			entries := map[string]bool{}
			for _, sl := range slips {
				paid += lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.MemberAccountCode(accounts.Sukarela, sl.MemberNumber))
				entries[sl.EntryID] = true
			}
			if len(slips) != 110 || paid != ye.CapitalMinor || ye.CapitalMinor != 900002 || len(entries) != 2 {
				t.Errorf("%d slips over %d entries paid %d; want 110 over 2 paying the pool %d of 900,002", len(slips), len(entries), paid, ye.CapitalMinor)
			}
		})
	})
}

// TestYearEndTakesTheDayTheMembersDecided closes a year on the day its
// annual meeting decided it: the SHU credits carry that day; a day inside
// the year closed, or a day to come, is refused.
func TestYearEndTakesTheDayTheMembersDecided(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w, _, _ := workedYear(t, db)
		s, coop, tr := on(db, january2), w.Cooperative.ID, w.Treasurer
		for _, bad := range []ledger.Date{ledger.NewDate(2026, 12, 31), ledger.NewDate(2027, 1, 20)} {
			_, err := s.YearEnd.CloseYear(ctx, tr, coop, yearend.YearEndInput{Year: 2026, Shares: byLaws, DecidedOn: bad})
			accountstest.WantCode(t, err, ledger.KindInvalid, "year_end.invalid")
		}
		rat := ledger.NewDate(2027, 1, 1)
		ye, err := s.YearEnd.CloseYear(ctx, tr, coop, yearend.YearEndInput{Year: 2026, Shares: byLaws, DecidedOn: rat})
		if err != nil {
			t.Fatal(err)
		}
		if ye.DecidedOn != rat {
			t.Errorf("decided on %s, want %s", ye.DecidedOn, rat)
		}
		e, err := s.Core.Ledger().FindEntryByID(ctx, w.Cooperative.BookID, ye.DistributionEntryID)
		if err != nil {
			t.Fatal(err)
		}
		if e.EffectiveDate != rat {
			t.Errorf("the SHU credits are dated %s, want the members' meeting's %s", e.EffectiveDate, rat)
		}
	})
}

// TestJasaAnggotaFollowsWhoPaidTheGroupLoan closes a year in which a
// group's loan was repaid at its meetings: Siti paid February's
// installment and April's for Dewi under their joint liability, Dewi paid
// March's (recorded short, then amended), and Rina repaid one installment
// of a loan of her own. Each installment carries 12,000 of interest, and
// jasa anggota follows whoever paid it: Siti 24,000, Dewi 12,000, Rina
// 12,000. The pool is 25 % of the year's 72,000 (fees 24,000, interest
// 48,000): 18,000, shared 9,000, 4,500 and 4,500.
func TestJasaAnggotaFollowsWhoPaidTheGroupLoan(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		tr, coop := w.Treasurer, w.Cooperative.ID
		siti, dewi := w.Members[0], w.Members[1]
		rina, err := w.Core.CreateMember(ctx, tr, coop, accounts.MemberInput{GroupID: w.Group.ID, Name: "Rina Wati", Gender: "female"})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []accounts.Member{siti, dewi, rina} {
			saved(t, w, m, accounts.Pokok, "50000", ledger.NewDate(2026, 1, 3))
		}
		shared := disbursed(t, w, groupLoan(w, flatLoan(w, 0))) // Siti's and Dewi's, 600,000 each
		own := flatLoan(w, 0)
		own.MemberID = rina.ID
		repay(t, w, disbursed(t, w, own).ID, "312000", ledger.NewDate(2026, 2, 5))

		pays := func(m accounts.Member, amount string, covers string) meetings.SheetPayment {
			return meetings.SheetPayment{MemberID: m.ID, Attendance: meetings.Present,
				Loans: []meetings.SheetLoanPayment{{LoanID: shared.ID, Amount: amount, Covers: covers}}}
		}
		record := func(day ledger.Date, lines ...meetings.SheetPayment) {
			t.Helper()
			if _, err := w.Meetings.RecordCollection(ctx, tr, coop, w.Group.ID, meetings.SheetInput{Date: day, Lines: lines}); err != nil {
				t.Fatal(err)
			}
		}
		record(ledger.NewDate(2026, 2, 5), pays(siti, "312000", ""))
		march := ledger.NewDate(2026, 3, 5)
		record(march, pays(dewi, "300000", ""))
		if _, err := w.Meetings.AmendCollection(ctx, tr, coop, w.Group.ID, march,
			meetings.SheetInput{Date: march, Lines: []meetings.SheetPayment{pays(dewi, "312000", "")}}); err != nil {
			t.Fatal(err)
		}
		record(ledger.NewDate(2026, 4, 5), pays(siti, "312000", dewi.ID), meetings.SheetPayment{MemberID: dewi.ID})

		s := on(db, january2)
		if _, err := s.YearEnd.CloseYear(ctx, tr, coop, yearend.YearEndInput{Year: 2026, Shares: byLaws}); err != nil {
			t.Fatal(err)
		}
		slips, err := s.YearEnd.SHUSlips(ctx, tr, coop, 2026)
		if err != nil {
			t.Fatal(err)
		}
		type participation struct{ Basis, Share, Pool int64 }
		got := map[string]participation{}
		for _, sl := range slips {
			got[sl.MemberName] = participation{sl.ParticipationBasisMinor, sl.ParticipationMinor, sl.ParticipationPoolMinor}
		}
		want := map[string]participation{
			siti.Name: {24000, 9000, 18000},
			dewi.Name: {12000, 4500, 18000},
			rina.Name: {12000, 4500, 18000},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("jasa anggota (-want +got):\n%s", diff)
		}
	})
}
