package yearend

import (
	"time"

	"context"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/ledger"
)

// shuLine is one posting of a year end, in minor units, for a member when
// it pays her share.
type shuLine struct {
	code     string
	side     ledger.Side
	minor    int64
	memberID string
}

// linesPerEntry is how many lines a year-end entry holds besides its line
// on SHU: a cooperative has more loans and members than one entry holds,
// so a year end spreads over as many entries as it needs, in one
// transaction.
const linesPerEntry = ledger.PostingsMax - 1

// shuEntries spreads lines over entries made from the template, each made
// whole by one line on SHU (3600) and numbered in its memo when there are
// several, in the cooperative's language.
func shuEntries(template ledger.EntryInput, lines []shuLine, cur ledger.Currency, lang accounts.Language) []ledger.EntryInput {
	var out []ledger.EntryInput
	parts := (len(lines) + linesPerEntry - 1) / linesPerEntry
	for start := 0; start < len(lines); start += linesPerEntry {
		e := template
		e.Metadata = map[string]string{}
		for k, v := range template.Metadata {
			e.Metadata[k] = v
		}
		if start > 0 {
			// Only the first entry answers for the request.
			e.IdempotencyKey = ""
			delete(e.Metadata, "request")
		}
		if parts > 1 {
			part := start/linesPerEntry + 1
			e.Memo = lang.PartMemo(template.Memo, part, parts)
			e.Metadata["part"] = strconv.Itoa(part)
		}
		var net int64 // debits less credits
		for _, l := range lines[start:min(start+linesPerEntry, len(lines))] {
			e.Postings = append(e.Postings, ledger.PostingInput{Account: l.code, Side: l.side, Amount: ledger.FromMinor(l.minor, cur)})
			if l.side == ledger.Debit {
				net += l.minor
			} else {
				net -= l.minor
			}
		}
		switch {
		case net > 0:
			e.Postings = append(e.Postings, ledger.PostingInput{Account: accounts.CodeSHU, Side: ledger.Credit, Amount: ledger.FromMinor(net, cur)})
		case net < 0:
			e.Postings = append(e.Postings, ledger.PostingInput{Account: accounts.CodeSHU, Side: ledger.Debit, Amount: ledger.FromMinor(-net, cur)})
		}
		out = append(out, e)
	}
	return out
}

// closingEntries builds the entries that empty every income and expense
// account's balance at December 31 into SHU, in code order, and returns
// them with the surplus: income less expenses. The first entry carries the
// idempotency key and the request's fingerprint.
func closingEntries(yc yearClose, accts []ledger.Account) ([]ledger.EntryInput, int64, error) {
	cur := yc.coop.Currency
	var lines []shuLine
	var surplus int64
	for _, a := range accts {
		if (a.Type != ledger.Income && a.Type != ledger.Expense) || a.BalanceMinor == 0 {
			continue
		}
		if a.Currency.Code() != cur.Code() {
			return nil, 0, ledger.Conflict("year_end.currency",
				"account %s is kept in %s; move its balance to an account in %s before closing the year", a.Code, a.Currency.Code(), cur.Code())
		}
		// Emptied on the side opposite its normal side; a balance below
		// zero on its normal side.
		l := shuLine{code: a.Code, side: ledger.Debit, minor: a.BalanceMinor}
		if a.Type.NormalSide() == ledger.Debit {
			l.side = ledger.Credit
		}
		if l.minor < 0 {
			l.side, l.minor = a.Type.NormalSide(), -l.minor
		}
		if a.Type == ledger.Income {
			surplus += a.BalanceMinor
		} else {
			surplus -= a.BalanceMinor
		}
		lines = append(lines, l)
	}
	year := strconv.Itoa(yc.in.Year)
	template := ledger.EntryInput{Kind: accounts.KindYearClose, Memo: yc.coop.Language.YearClosedMemo(yc.in.Year),
		EffectiveDate: lastDay(yc.in.Year), RecordedBy: yc.actor.UserID, IdempotencyKey: yc.in.IdempotencyKey,
		Metadata: map[string]string{"year": year, "request": yc.hash}}
	return shuEntries(template, lines, cur, yc.coop.Language), surplus, nil
}

// distributeTx divides the surplus among the members who remain, the
// reserve and the funds, opens the funds' accounts where absent, and posts
// the distribution. It returns the distribution, each member's share row,
// and the first entry's ID.
func (s *Service) distributeTx(ctx context.Context, tx bun.Tx, yc yearClose, accts []ledger.Account, surplus int64) (shu.Distribution, []shuShareRow, *string, error) {
	claims, err := s.shuClaims(ctx, tx, yc.books, accts, yc.in.Year)
	if err != nil {
		return shu.Distribution{}, nil, nil, err
	}
	d, err := yc.shares.Distribute(surplus, claims)
	if err != nil {
		return shu.Distribution{}, nil, nil, err
	}
	if err := openFunds(ctx, tx, yc.coop.BookID, d.Funds, yc); err != nil {
		return shu.Distribution{}, nil, nil, err
	}
	lines := distributionLines(d)
	year := strconv.Itoa(yc.in.Year)
	template := ledger.EntryInput{Kind: KindSHUDistribution, Memo: yc.coop.Language.SHUDividedMemo(yc.in.Year),
		EffectiveDate: yc.decidedOn(), RecordedBy: yc.actor.UserID, Metadata: map[string]string{"year": year}}
	ids := []string{}
	for _, in := range shuEntries(template, lines, yc.coop.Currency, yc.coop.Language) {
		e, err := s.ledger.PostTx(ctx, tx, yc.coop.BookID, in)
		if err != nil {
			return shu.Distribution{}, nil, nil, err
		}
		ids = append(ids, e.ID)
	}
	entryOf := map[string]*string{}
	for i, l := range lines {
		if l.memberID != "" {
			entryOf[l.memberID] = &ids[i/linesPerEntry]
		}
	}
	rows := make([]shuShareRow, len(d.Members))
	for i, m := range d.Members {
		rows[i] = shuShareRow{CooperativeID: yc.coop.ID, Year: yc.in.Year, MemberID: m.MemberID,
			CapitalBasisMinor: m.CapitalBasisMinor, ParticipationBasisMinor: m.ParticipationBasisMinor,
			CapitalMinor: m.CapitalMinor, ParticipationMinor: m.ParticipationMinor, EntryID: entryOf[m.MemberID]}
	}
	return d, rows, &ids[0], nil
}

// distributionLines credits the reserve, each fund, and each member's
// sukarela savings with her share, leaving out what is zero.
func distributionLines(d shu.Distribution) []shuLine {
	var lines []shuLine
	if d.ReserveMinor > 0 {
		lines = append(lines, shuLine{code: accounts.CodeReserve, side: ledger.Credit, minor: d.ReserveMinor})
	}
	for _, f := range d.Funds {
		if f.AmountMinor > 0 {
			lines = append(lines, shuLine{code: f.Code, side: ledger.Credit, minor: f.AmountMinor})
		}
	}
	for _, m := range d.Members {
		if total := m.TotalMinor(); total > 0 {
			lines = append(lines, shuLine{code: accounts.MemberAccountCode(accounts.Sukarela, m.MemberNumber), side: ledger.Credit, minor: total, memberID: m.MemberID})
		}
	}
	return lines
}

// shuClaims reads each remaining member's bases from the balances at
// December 31: her pokok and wajib, and the interest credited to her own
// loans' interest accounts (with every earlier year closed, that balance is
// the interest she paid in the year), plus the interest she paid at
// meetings on her group's loans (groupLoanInterest). A basis below zero
// claims nothing.
func (s *Service) shuClaims(ctx context.Context, tx bun.Tx, books accounts.Books, accts []ledger.Account, year int) ([]shu.Claim, error) {
	coop := books.Cooperative()
	members, err := books.ActiveMembers(ctx, tx, yearEndMembersMax+1)
	if err != nil {
		return nil, err
	}
	if len(members) > yearEndMembersMax {
		return nil, ledger.Conflict("year_end.too_large", "more than %d members share the SHU", yearEndMembersMax)
	}
	var loans []struct {
		ID       string `bun:"id"`
		MemberID string `bun:"member_id"`
	}
	if err := tx.NewSelect().Table("loans").Column("id", "member_id").
		Where("cooperative_id = ? AND member_id IS NOT NULL", coop.ID).Scan(ctx, &loans); err != nil {
		return nil, err
	}
	borrower := make(map[string]string, len(loans))
	for _, l := range loans {
		borrower[l.ID] = l.MemberID
	}
	capital, interest := map[string]int64{}, map[string]int64{}
	for _, a := range accts {
		if a.Owner == nil || a.BalanceMinor <= 0 {
			continue
		}
		switch {
		case a.Owner.Kind == accounts.OwnerMember && (strings.HasPrefix(a.Code, accounts.CodePokok+".") || strings.HasPrefix(a.Code, accounts.CodeWajib+".")):
			capital[a.Owner.ID] += a.BalanceMinor
		case a.Owner.Kind == lending.OwnerLoan && strings.HasPrefix(a.Code, accounts.CodeInterestIncome+"."):
			if m, ok := borrower[a.Owner.ID]; ok {
				interest[m] += a.BalanceMinor
			}
		}
	}
	paid, err := groupLoanInterest(ctx, tx, books, year)
	if err != nil {
		return nil, err
	}
	claims := make([]shu.Claim, len(members))
	for i, m := range members {
		claims[i] = shu.Claim{MemberID: m.ID, MemberNumber: m.Number, CapitalBasisMinor: capital[m.ID],
			ParticipationBasisMinor: interest[m.ID] + max(0, paid[m.ID])}
	}
	return claims, nil
}

// groupLoanInterest is the interest each member paid on her group's loans
// in a year: the interest posting of every entry a meeting recorded her as
// paying toward a group loan, less the interest of any reversal of such an
// entry. A co-member who covers for another paid it, and it counts for her.
// An amended meeting's first entries lost their payment rows and count for
// nobody, as do their reversals. A repayment at the office of a group loan
// with shares names who paid it (loan_share_payments); one of a group loan
// from before shares names no payer, and its interest counts for nobody.
// groupLoanPayers is who paid each repayment of a group loan: the meeting's
// payment rows, and for a repayment at the office the share payment's payer.
const groupLoanPayers = `SELECT entry_id, member_id, loan_id FROM meeting_payments
	UNION ALL SELECT entry_id, paid_by_member_id, loan_id FROM loan_share_payments
	 WHERE entry_id NOT IN (SELECT entry_id FROM meeting_payments)`

func groupLoanInterest(ctx context.Context, tx bun.Tx, books accounts.Books, year int) (map[string]int64, error) {
	coop := books.Cooperative()
	var rows []struct {
		MemberID    string      `bun:"member_id"`
		Side        ledger.Side `bun:"side"`
		AmountMinor int64       `bun:"amount_minor"`
	}
	err := tx.NewSelect().TableExpr("postings AS p").
		Join("JOIN entries AS e ON e.id = p.entry_id").
		Join("JOIN ("+groupLoanPayers+") AS mp ON mp.entry_id = COALESCE(e.reverses_id, e.id)").
		Join("JOIN loans AS l ON l.id = mp.loan_id").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("mp.member_id, p.side, p.amount_minor").
		Where("e.book_id = ? AND l.cooperative_id = ? AND l.group_id IS NOT NULL", coop.BookID, coop.ID).
		Where("a.owner_kind = ? AND a.owner_id = CAST(l.id AS TEXT) AND a.code LIKE ?", lending.OwnerLoan, accounts.CodeInterestIncome+".%").
		Where("p.effective_date >= ? AND p.effective_date <= ?", ledger.NewDate(year, time.January, 1), lastDay(year)).
		Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	paid := map[string]int64{}
	for _, r := range rows {
		paid[r.MemberID] += ledger.Income.Effect(r.Side, r.AmountMinor)
	}
	return paid, nil
}

// fundType is the account type a fund's code stands for.
func fundType(code string) ledger.Type {
	if strings.HasPrefix(code, accounts.CodeSHUFunds) {
		return ledger.Equity
	}
	return ledger.Liability
}

// openFunds opens the accounts of the funds, and their parent codes, that
// the book does not have yet; an account already under a fund's code must
// be of the fund's type and belong to nobody.
func openFunds(ctx context.Context, tx bun.Tx, bookID string, funds []shu.FundPool, yc yearClose) error {
	if len(funds) == 0 {
		return nil
	}
	parents := map[ledger.Type]ledger.AccountInput{
		ledger.Liability: {Code: accounts.CodeSHUFundsPayable, Name: "Funds owed out of SHU (dana SHU)", Type: ledger.Liability},
		ledger.Equity:    {Code: accounts.CodeSHUFunds, Name: "Funds kept out of SHU (dana SHU)", Type: ledger.Equity},
	}
	var wanted []ledger.AccountInput
	for _, f := range funds {
		// The parent names the group the balance sheet sums the funds in.
		if parent, ok := parents[fundType(f.Code)]; ok {
			wanted = append(wanted, parent)
			delete(parents, parent.Type)
		}
		wanted = append(wanted, ledger.AccountInput{Code: f.Code, Name: f.Name, Type: fundType(f.Code)})
	}
	codes := make([]string, len(wanted))
	for i, w := range wanted {
		codes[i] = w.Code
	}
	existing, err := ledger.AccountsByCode(ctx, tx, bookID, codes)
	if err != nil {
		return err
	}
	for _, w := range wanted {
		a, ok := existing[w.Code]
		switch {
		case ok && (a.Type != w.Type || a.Owner != nil):
			return ledger.Conflict("year_end.fund_account",
				"account %s (%s) is a %s account; a fund under %s needs a %s account of its own", a.Code, a.Name, a.Type, w.Code, w.Type)
		case !ok:
			if _, err := ledger.CreateAccountTx(ctx, tx, bookID, w, yc.now); err != nil {
				return err
			}
		}
	}
	return nil
}
