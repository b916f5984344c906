package demo

import (
	"context"
	"fmt"
	"slices"

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
			w.position[m.ID] = who{gi, i}
		}
	}
	siti := w.members[w.groups[0].ID][0]
	_, err := w.user(ctx, "member", "siti@demo.lumbung.id", siti.Name, identity.GrantInput{Role: accounts.RoleMember, MemberID: siti.ID})
	return err
}

// The members whose year goes differently, by group and place in it. The
// weeks are counted back from today, so that today looks the same whatever
// the day the demo is made.
type who struct{ group, member int }

var (
	catchUp   = who{2, 3}  // misses four meetings in her last cycle, then catches up with penalties
	late35    = who{0, 3}  // comes, but has paid nothing on her loan for the last six weeks
	late95    = who{1, 7}  // has not come for the last fourteen weeks
	defaulter = who{2, 5}  // stops coming; her loan is written off
	leaver    = who{1, 19} // takes no loan in the latest cycle and leaves the cooperative
)

func (w *world) is(g, m int, x who) bool { return g == x.group && m == x.member }

func (w *world) member(x who) accounts.Member { return w.members[w.groups[x.group].ID][x.member] }

// meet runs the weeks up to today: loans, meetings, capital and expenses,
// and each year's end at the first meeting of the next. Today's meetings
// are left to be held.
func (w *world) meet(ctx context.Context) error {
	for week := 1; week <= w.n; week++ {
		day := w.dayOf(week)
		if last := w.dayOf(week - 1); last.Time().Year() != day.Time().Year() {
			if err := w.closeYear(ctx, last.Time().Year(), day); err != nil {
				return fmt.Errorf("week %d: %w", week, err)
			}
		}
		if week == w.n {
			return nil
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

// absence says whether a member missed a week's meeting, and if so whether
// she sent her payments all the same, with her husband or a neighbour who
// came for her (she is represented). Besides the members
// whose year goes differently, one member of each group misses each
// meeting, every other week paying nothing until the next.
func (w *world) absence(week, gi, mi int) (absent, sent bool) {
	back := w.n - week
	switch {
	case w.is(gi, mi, late95):
		return back <= 14, false
	case w.is(gi, mi, defaulter):
		return back <= cycleWeeks, false
	case w.is(gi, mi, catchUp) && back > 20 && back <= 24:
		return true, false
	case gi == groupLoanGroup && w.coveredAt(back) == mi:
		return true, false
	case w.is(gi, mi, late35) || w.is(gi, mi, catchUp):
		return false, false // their lateness is told above and in collect, not blurred by a missed week
	}
	return mi == (week*7+gi*5)%membersPerGroup, week%2 == 0
}

// coveredAt is the group-loan payer who is ill and whose share another
// pays, a number of weeks before today; -1 for none.
func (w *world) coveredAt(back int) int {
	switch back {
	case 15, 9, 3:
		return groupLoanPayers[2]
	case 11:
		return groupLoanPayers[3]
	}
	return -1
}

// collect fills in and records one group's sheet: members pay what is due,
// wajib and sometimes sukarela, except those who miss the meeting or whose
// year goes differently.
func (w *world) collect(ctx context.Context, week, gi int, g accounts.Group, day ledger.Date) error {
	sh, err := w.sheet(ctx, g, day)
	if err != nil {
		return err
	}
	in := meetings.SheetInput{Date: day}
	cur := w.coop.Currency
	for i, line := range sh.Lines {
		mi := w.position[line.Member.ID].member
		absent, sent := w.absence(week, gi, mi)
		p := meetings.SheetPayment{MemberID: line.Member.ID, Attendance: meetings.Present}
		switch {
		case absent && sent:
			p.Attendance, p.RepresentedBy = meetings.Represented, representative(sh.Lines, i, week)
		case absent:
			p.Attendance = meetings.Absent
		}
		if !absent || sent {
			for _, l := range line.Loans {
				if l.DueMinor > 0 && !(w.is(gi, mi, late35) && w.n-week <= 6) {
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
	for _, l := range sh.GroupLoans {
		if l.DueMinor > 0 {
			w.shareGroupLoan(in.Lines, l, week, gi)
		}
	}
	_, err = w.svc.Meetings.RecordCollection(ctx, w.treasurer, w.coop.ID, g.ID, in)
	return err
}

// husbands come to a meeting for their wives now and then.
var husbands = []string{"Pak Slamet", "Pak Sugeng", "Pak Wagiman", "Pak Joko", "Pak Sutrisno"}

// representative names who brings the money of a member who is away: her
// husband some weeks, the neighbour next on the sheet the others.
func representative(lines []meetings.SheetLine, i, week int) string {
	if week%3 == 0 {
		return husbands[(week+i)%len(husbands)] + " (suami)"
	}
	return lines[(i+1)%len(lines)].Member.Name + " (tetangga)"
}

// shareGroupLoan pays what a group loan asks at a meeting in equal shares
// of its payers. A payer who is away and sent nothing is covered by one who
// came, as joint liability asks. The first payer takes the rounding
// remainder.
func (w *world) shareGroupLoan(lines []meetings.SheetPayment, l meetings.SheetLoan, week, gi int) {
	cur := w.coop.Currency
	share := l.DueMinor / int64(len(groupLoanPayers))
	remainder := l.DueMinor - share*int64(len(groupLoanPayers))
	var coverer *meetings.SheetPayment
	var covered []string
	for i := range lines {
		mi := w.position[lines[i].MemberID].member
		if !slices.Contains(groupLoanPayers, mi) {
			continue
		}
		if absent, sent := w.absence(week, gi, mi); absent && !sent {
			covered = append(covered, lines[i].MemberID)
			continue
		}
		if coverer == nil && lines[i].Attendance == meetings.Present {
			coverer = &lines[i]
		}
		lines[i].Loans = append(lines[i].Loans, meetings.SheetLoanPayment{LoanID: l.LoanID, Amount: ledger.FormatMinor(share+remainder, cur)})
		remainder = 0
	}
	for _, id := range covered {
		coverer.Loans = append(coverer.Loans, meetings.SheetLoanPayment{LoanID: l.LoanID, Amount: ledger.FormatMinor(share, cur), Covers: id})
	}
}

// sheet charges late penalties on the group's loans before the meeting, as
// the treasurer does when she prepares the sheet, and returns the sheet
// she takes to it: each penalty is added to what its loan asks today,
// which saves reading the whole sheet again.
func (w *world) sheet(ctx context.Context, g accounts.Group, day ledger.Date) (meetings.Sheet, error) {
	sh, err := w.svc.Meetings.CollectionSheet(ctx, w.treasurer, w.coop.ID, g.ID, day)
	if err != nil {
		return sh, err
	}
	for _, line := range sh.Lines {
		for i, l := range line.Loans {
			if l.DaysPastDue == 0 {
				continue
			}
			e, err := w.svc.Lending.AssessPenalties(ctx, w.treasurer, w.coop.ID, l.LoanID, day)
			if err != nil {
				return sh, err
			}
			if e == nil {
				continue
			}
			for _, p := range e.Postings {
				if p.Side == ledger.Debit {
					line.Loans[i].DueMinor += p.AmountMinor
				}
			}
		}
	}
	return sh, nil
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
	case week == w.n-cycleWeeks:
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
	if week == w.n-12 {
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
	if week == w.n-14 {
		if err := w.repayCovers(ctx, day); err != nil {
			return err
		}
	}
	if week == w.n-8 {
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
// members' annual meeting decided that day: the reserve, jasa modal, jasa
// anggota, and the education, social and board funds common in koperasi
// by-laws.
func (w *world) closeYear(ctx context.Context, year int, decidedOn ledger.Date) error {
	_, err := w.svc.YearEnd.CloseYear(ctx, w.treasurer, w.coop.ID, yearend.YearEndInput{Year: year, DecidedOn: decidedOn,
		IdempotencyKey: fmt.Sprintf("demo-year-end-%d", year),
		Shares: shu.Shares{Reserve: "40", Capital: "20", Participation: "25", Other: []shu.FundShare{
			{Code: "2400.01", Name: "Dana pendidikan", Percent: "5"},
			{Code: "2400.02", Name: "Dana sosial", Percent: "5"},
			{Code: "2400.03", Name: "Dana pengurus", Percent: "5"},
		}}})
	return err
}

// repayCovers has the group-loan payer who was ill fifteen weeks ago repay
// at the desk, the week she is back, what her co-member paid for her then:
// the covers of her later illnesses stay owed, as a debt the books show.
func (w *world) repayCovers(ctx context.Context, day ledger.Date) error {
	m := w.members[w.groups[groupLoanGroup].ID][groupLoanPayers[2]]
	cs, _, err := w.svc.Meetings.FindMemberCovers(ctx, w.treasurer, w.coop.ID, m.ID, meetings.CoverFilter{})
	if err != nil {
		return err
	}
	var owed int64
	for _, c := range cs {
		if c.CoveredID == m.ID {
			owed += c.OwedMinor()
		}
	}
	if owed == 0 {
		return nil
	}
	_, err = w.svc.Meetings.RepayCovers(ctx, w.treasurer, w.coop.ID, m.ID, accounts.MoneyInput{Amount: ledger.FormatMinor(owed, w.coop.Currency), Date: day})
	return err
}
