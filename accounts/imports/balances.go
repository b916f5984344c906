package imports

import (
	"context"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// KindOpeningBalance is the entry that brings one balance a cooperative
// kept before Lumbung into its book, against the opening balance equity
// account (3800): the two sides balance by construction, and the equity
// account ends up holding the cooperative's net worth on cut-over day.
const KindOpeningBalance = "opening.balance"

// membersMax bounds the members a file may name among.
const membersMax = 100_000

// openingMemo is every opening entry's memo, in both languages.
const openingMemo = "Saldo awal / opening balance"

// notOpened are the chart accounts an opening balance may not name: loans
// and their penalties come with the loans file, and the opening equity is
// the other side of every row.
var notOpened = map[string]bool{
	accounts.CodeLoansReceivable: true, accounts.CodePenaltiesReceivable: true, accounts.CodeOpeningEquity: true,
}

// members finds a cooperative's members by number and by name.
type members struct {
	byNumber map[int]accounts.Member
	byName   map[string][]accounts.Member
}

func (s *Service) members(ctx context.Context, books accounts.Books) (members, error) {
	ms, err := books.ActiveMembers(ctx, s.db, membersMax)
	if err != nil {
		return members{}, err
	}
	out := members{byNumber: map[int]accounts.Member{}, byName: map[string][]accounts.Member{}}
	for _, m := range ms {
		out.byNumber[m.Number] = m
		key := strings.ToLower(m.Name)
		out.byName[key] = append(out.byName[key], m)
	}
	return out, nil
}

// find reads the member a cell names: her member number, or her name when
// no other active member has it.
func (ms members) find(r record, col string) (accounts.Member, bool) {
	s := r.required(col)
	if s == "" {
		return accounts.Member{}, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		m, ok := ms.byNumber[n]
		if !ok {
			r.fail(col, "no active member of this cooperative")
		}
		return m, ok
	}
	switch found := ms.byName[strings.ToLower(s)]; len(found) {
	case 0:
		r.fail(col, "no active member of this cooperative")
	case 1:
		return found[0], true
	default:
		r.fail(col, "%d members have this name; give her member number", len(found))
	}
	return accounts.Member{}, false
}

// planBalances reads an opening balances file: every row on the cut-over
// day, each a member's pokok, wajib or sukarela, a facility's capital (by
// its account code) or another account of the chart (cash 1100, bank
// 1200, reserves 3500, ...).
func (s *Service) planBalances(ctx context.Context, books accounts.Books, rs []record) ([]step, error) {
	coop := books.Cooperative()
	ms, err := s.members(ctx, books)
	if err != nil {
		return nil, err
	}
	facilityByCode, err := s.facilitiesByCode(ctx, books)
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, r := range rs {
		codes = append(codes, strings.ToUpper(r.text("account")))
	}
	accts, err := ledger.AccountsByCode(ctx, s.db, coop.BookID, codes)
	if err != nil {
		return nil, err
	}
	today := ledger.DateOf(s.now().UTC())
	var cutOver ledger.Date
	steps := make([]step, 0, len(rs))
	for i, r := range rs {
		day := r.date("date", today)
		if i == 0 {
			cutOver = day
		} else if !day.IsZero() && !cutOver.IsZero() && day != cutOver {
			r.fail("date", "every row is on the cut-over day of the first row, %s", cutOver)
		}
		amount := r.minor("amount", coop.Currency, true)
		in := accounts.MoneyInput{Date: day, Memo: openingMemo}
		post := s.balanceStep(r, books, ms, facilityByCode, accts, in, amount)
		steps = append(steps, step{rec: r, col: "amount", post: post})
	}
	return steps, nil
}

// balanceStep is the posting of one row: which account it names decides
// the entry, and the row's problems are added to the file's.
func (s *Service) balanceStep(r record, books accounts.Books, ms members, facilityByCode map[string]string, accts map[string]ledger.Account,
	in accounts.MoneyInput, amount int64) func(context.Context, bun.Tx) (int, int, error) {
	coop, a := books.Cooperative(), books.Actor()
	account := strings.ToUpper(r.required("account"))
	if account == "" {
		return nil
	}
	meta := map[string]string{"import": string(OpeningBalances)}
	transfer := func(debit, credit string) func(context.Context, bun.Tx) (int, int, error) {
		return func(ctx context.Context, tx bun.Tx) (int, int, error) {
			_, err := s.ledger.PostTx(ctx, tx, coop.BookID, accounts.Transfer(a, KindOpeningBalance, in, debit, credit, amount, coop.Currency, meta))
			return 0, 1, err
		}
	}
	if t := accounts.SavingsType(strings.ToLower(account)); accounts.IsSavingsType(t) {
		m, ok := ms.find(r, "member")
		if !ok {
			return nil
		}
		meta["member_id"], meta["savings_type"] = m.ID, string(t)
		return transfer(accounts.CodeOpeningEquity, accounts.MemberAccountCode(t, m.Number))
	}
	if r.text("member") != "" {
		r.fail("member", "only for pokok, wajib or sukarela")
	}
	if id, ok := facilityByCode[account]; ok {
		return func(ctx context.Context, tx bun.Tx) (int, int, error) {
			_, err := s.capital.ReceiveTrancheTx(ctx, tx, books, id, amount, accounts.CodeOpeningEquity, in)
			return 0, 1, err
		}
	}
	acct, ok := accts[account]
	switch {
	case !ok:
		r.fail("account", "pokok, wajib, sukarela, or an account code of this cooperative's chart such as 1100")
		return nil
	case notOpened[account] || acct.Owner != nil || (acct.Type != ledger.Asset && acct.Type != ledger.Liability && acct.Type != ledger.Equity):
		r.fail("account", "an asset, liability or equity account of the chart; members' savings by pokok, wajib or sukarela, loans in their own file")
		return nil
	case acct.Type == ledger.Asset:
		return transfer(account, accounts.CodeOpeningEquity)
	}
	return transfer(accounts.CodeOpeningEquity, account)
}
