package demo

import (
	"context"
	"fmt"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

var names = []string{
	"Siti Aminah", "Dewi Lestari", "Sri Mulyani", "Ratna Sari", "Nur Hidayah", "Wulan Sari", "Yuliani", "Suparmi",
	"Rina Wati", "Endang Susilowati", "Tri Wahyuni", "Kartini", "Lestari Handayani", "Purwanti", "Sumarni", "Maryam",
	"Fatimah", "Indah Permata", "Nining Suryani", "Dwi Astuti", "Eka Rahmawati", "Sulastri", "Tutik Haryati", "Winarsih",
	"Asih Rahayu", "Marni", "Ngatini", "Parinem", "Rubiyah", "Sartini", "Siti Khotijah", "Warsini",
	"Yanti Kusuma", "Ani Suryani", "Budiarti", "Catur Wulandari", "Darsih", "Erna Widiastuti", "Fitri Handayani", "Giyem",
	"Hartini", "Ika Puspita", "Juminten", "Kasiyem", "Lilis Suryani", "Murni", "Nanik Sulistyowati", "Painem",
	"Ruminah", "Sukinah", "Tumini", "Umi Kalsum", "Wagiyem", "Yatmi", "Zulaikha", "Agustina", "Bariyah", "Christina Manik",
	"Dasiyem", "Emi Sulastri",
}

var businesses = []string{"warung kelontong", "jahit", "kue basah", "sayur keliling", "ternak ayam", "kerajinan bambu", "laundry", "gorengan"}

// membersPerGroup is a typical kelompok.
const membersPerGroup = 20

// enrol makes the members, each paying her simpanan pokok on joining.
func (w *world) enrol(ctx context.Context) error {
	for gi, g := range w.groups {
		for i := range membersPerGroup {
			n := gi*membersPerGroup + i
			m, err := w.s.CreateMember(ctx, w.treasurer, w.coop.ID, accounts.MemberInput{GroupID: g.ID, Name: names[n%len(names)],
				Gender: "female", JoinedOn: w.start, BusinessType: businesses[n%len(businesses)], Phone: fmt.Sprintf("0812%08d", 27000000+n*137)})
			if err != nil {
				return err
			}
			if _, err := w.svc.Savings.Deposit(ctx, w.treasurer, w.coop.ID, savings.SavingsInput{MemberID: m.ID, Type: accounts.Pokok,
				MoneyInput: accounts.MoneyInput{Amount: "50000", Date: w.start}}); err != nil {
				return err
			}
			w.members[g.ID] = append(w.members[g.ID], m)
		}
	}
	siti := w.members[w.groups[0].ID][0]
	_, err := w.user(ctx, "member", "siti@demo.lumbung.id", siti.Name, identity.GrantInput{Role: accounts.RoleMember, MemberID: siti.ID})
	return err
}

// The members whose year goes differently, by group and position.
type who struct{ group, member int }

var (
	latePayer = who{0, 3}  // misses four meetings, then catches up with penalties
	slowPayer = who{1, 7}  // misses three meetings
	defaulter = who{2, 5}  // stops paying; her loan is written off
	leaver    = who{1, 19} // takes no second loan and leaves the cooperative
)

// cycleTwoAt is the week second loans are disbursed, as first loans of 25
// weekly installments end.
const cycleTwoAt = 27

func (w *world) is(g, m int, x who) bool { return g == x.group && m == x.member }

func (w *world) member(x who) accounts.Member { return w.members[w.groups[x.group].ID][x.member] }

// meet runs the year week by week: loans, meetings, capital and expenses,
// and the year end at the first meeting of the new year.
func (w *world) meet(ctx context.Context) error {
	for week := 1; week < weeks; week++ {
		day := w.dayOf(week)
		if last := w.dayOf(week - 1); last.Time().Year() != day.Time().Year() {
			if err := w.closeYear(ctx, last.Time().Year()); err != nil {
				return fmt.Errorf("week %d: %w", week, err)
			}
		}
		if err := w.lend(ctx, week, day); err != nil {
			return fmt.Errorf("week %d: %w", week, err)
		}
		for gi, g := range w.groups {
			if err := w.collect(ctx, week, gi, g, day); err != nil {
				return fmt.Errorf("week %d, %s: %w", week, g.Name, err)
			}
		}
		if err := w.housekeeping(ctx, week, day); err != nil {
			return fmt.Errorf("week %d: %w", week, err)
		}
	}
	return nil
}

// lend disburses the first loans in week 1 and the second in cycleTwoAt.
func (w *world) lend(ctx context.Context, week int, day ledger.Date) error {
	if week != 1 && week != cycleTwoAt {
		return nil
	}
	for gi, g := range w.groups {
		facility := w.grant
		if gi == 2 {
			facility = w.loanFund
		}
		for mi, m := range w.members[g.ID] {
			if week == cycleTwoAt && (w.is(gi, mi, defaulter) || w.is(gi, mi, leaver)) {
				continue
			}
			principal := []string{"1000000", "1500000", "2000000"}[(mi+week)%3]
			if err := w.loan(ctx, w.application(m, facility, principal), day); err != nil {
				return fmt.Errorf("%s: %w", m.Name, err)
			}
		}
	}
	return nil
}

func (w *world) loan(ctx context.Context, in lending.LoanApplication, day ledger.Date) error {
	l, err := w.svc.Lending.ApplyLoan(ctx, w.treasurer, w.coop.ID, in)
	if err != nil {
		return err
	}
	if _, err := w.svc.Lending.ApproveLoan(ctx, w.approver, w.coop.ID, l.ID); err != nil {
		return err
	}
	_, _, err = w.svc.Lending.DisburseLoan(ctx, w.treasurer, w.coop.ID, l.ID, accounts.MoneyInput{Date: day})
	return err
}

// collect fills in and records one group's sheet: members pay what is due,
// wajib and sometimes sukarela, except those whose year goes differently.
func (w *world) collect(ctx context.Context, week, gi int, g accounts.Group, day ledger.Date) error {
	if err := w.penalise(ctx, g, day); err != nil {
		return err
	}
	sh, err := w.svc.Meetings.CollectionSheet(ctx, w.treasurer, w.coop.ID, g.ID, day)
	if err != nil {
		return err
	}
	in := meetings.SheetInput{Date: day}
	cur := w.coop.Currency
	for mi, line := range sh.Lines {
		absent := (w.is(gi, mi, latePayer) && week >= 8 && week < 12) ||
			(w.is(gi, mi, slowPayer) && week >= 12 && week < 15) ||
			(w.is(gi, mi, defaulter) && week >= 15)
		p := meetings.SheetPayment{MemberID: line.Member.ID, Attended: !absent}
		if !absent {
			for _, l := range line.Loans {
				if l.DueMinor > 0 {
					p.Loans = append(p.Loans, meetings.SheetLoanPayment{LoanID: l.LoanID, Amount: ledger.FormatMinor(l.DueMinor, cur)})
				}
			}
			if line.WajibDueMinor > 0 {
				p.Wajib = ledger.FormatMinor(line.WajibDueMinor, cur)
			}
			if (week+mi)%4 == 0 {
				p.Sukarela = []string{"5000", "10000", "20000"}[(week+mi)%3]
			}
		}
		in.Lines = append(in.Lines, p)
	}
	_, err = w.svc.Meetings.RecordCollection(ctx, w.treasurer, w.coop.ID, g.ID, in)
	return err
}

// penalise charges late penalties on the group's loans before the meeting,
// as the treasurer does when she prepares the sheet.
func (w *world) penalise(ctx context.Context, g accounts.Group, day ledger.Date) error {
	for _, m := range w.members[g.ID] {
		ls, _, err := w.svc.Lending.FindLoans(ctx, w.treasurer, w.coop.ID, lending.LoanFilter{MemberID: m.ID, Status: lending.LoanDisbursed}, accounts.Page{})
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.Position.DaysPastDue > 0 {
				if _, err := w.svc.Lending.AssessPenalties(ctx, w.treasurer, w.coop.ID, l.ID, day); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// housekeeping is the rest of the treasurer's year: the second grant
// tranche, interest to the lending partner each quarter, monthly expenses,
// the write-off and the member who leaves.
func (w *world) housekeeping(ctx context.Context, week int, day ledger.Date) error {
	t, coop := w.treasurer, w.coop.ID
	money := func(amount, memo string) accounts.MoneyInput {
		return accounts.MoneyInput{Amount: amount, Date: day, Memo: memo}
	}
	switch {
	case week == 26:
		if _, err := w.svc.Capital.ReceiveTranche(ctx, t, coop, w.grant.ID, money("50000000", "Tranche 2")); err != nil {
			return err
		}
	case week%13 == 0:
		if _, err := w.svc.Capital.RepayFacility(ctx, t, coop, w.loanFund.ID, capital.FacilityRepaymentInput{
			Interest: "1800000", MoneyInput: money("", "Bunga triwulan")}); err != nil {
			return err
		}
	}
	if week%4 == 0 {
		if err := w.bank(ctx, day); err != nil {
			return err
		}
		if _, err := w.svc.Books.RecordExpense(ctx, t, coop, books.FlowInput{Category: "ATK dan fotokopi", MoneyInput: money("150000", "")}); err != nil {
			return err
		}
		if _, err := w.svc.Books.RecordExpense(ctx, t, coop, books.FlowInput{Category: "transport pendamping", MoneyInput: money("200000", "")}); err != nil {
			return err
		}
	}
	if week == 40 {
		m := w.member(defaulter)
		ls, _, err := w.svc.Lending.FindLoans(ctx, t, coop, lending.LoanFilter{MemberID: m.ID, Status: lending.LoanDisbursed}, accounts.Page{})
		if err != nil {
			return err
		}
		for _, l := range ls {
			if _, err := w.svc.Lending.WriteOff(ctx, t, coop, l.ID, money("", "Dihapusbukukan: tidak tertagih")); err != nil {
				return err
			}
		}
	}
	if week == 44 {
		if _, err := w.svc.Lending.Exit(ctx, t, coop, w.member(leaver).ID, money("", "Keluar: pindah ke luar kota")); err != nil {
			return err
		}
	}
	return nil
}

// cashFloatMinor is what the cash box keeps between monthly trips to the
// bank: enough for a month's disbursements and withdrawals.
const cashFloatMinor = 60_000_000

// bank takes the cash above the float to the bank, as a careful treasurer
// does once a month.
func (w *world) bank(ctx context.Context, day ledger.Date) error {
	cash, err := w.svc.Books.FindLedgerAccount(ctx, w.treasurer, w.coop.ID, accounts.CodeCash, ledger.Date{})
	if err != nil || cash.BalanceMinor <= cashFloatMinor {
		return err
	}
	amount := ledger.FromMinor(cash.BalanceMinor-cashFloatMinor, w.coop.Currency)
	_, err = w.svc.Books.PostEntry(ctx, w.treasurer, w.coop.ID, ledger.EntryInput{Kind: "cash.transfer", EffectiveDate: day,
		Memo: "Setor ke bank", Postings: []ledger.PostingInput{
			{Account: accounts.CodeBank, Side: ledger.Debit, Amount: amount},
			{Account: accounts.CodeCash, Side: ledger.Credit, Amount: amount}}})
	return err
}

// closeYear closes the year that has just ended and shares its SHU as the
// members' annual meeting decided: the reserve, jasa modal, jasa anggota,
// and the education, social and board funds common in koperasi by-laws.
func (w *world) closeYear(ctx context.Context, year int) error {
	_, err := w.svc.YearEnd.CloseYear(ctx, w.treasurer, w.coop.ID, yearend.YearEndInput{Year: year,
		IdempotencyKey: fmt.Sprintf("demo-year-end-%d", year),
		Shares: shu.Shares{Reserve: "40", Capital: "20", Participation: "25", Other: []shu.FundShare{
			{Code: "2400.01", Name: "Dana pendidikan", Percent: "5"},
			{Code: "2400.02", Name: "Dana sosial", Percent: "5"},
			{Code: "2400.03", Name: "Dana pengurus", Percent: "5"},
		}}})
	return err
}
