package reports

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// GroupSummary is a group's books in total, as its members may see them
// (transparency is a cooperative principle): the group's savings and
// loans, with no member's own figures.
type GroupSummary struct {
	Group        accounts.Group
	AsOf         ledger.Date
	Currency     ledger.Currency
	Members      int
	SavingsMinor map[accounts.SavingsType]int64
	Loans        lending.Portfolio
}

// FindGroupSummary returns a group's summary books on a day (zero: today).
// The cooperative's treasurer, or a member of that group; others are told
// the group does not exist.
func (s *Service) FindGroupSummary(ctx context.Context, a accounts.Actor, cooperativeID, groupID string, asOf ledger.Date) (gs GroupSummary, err error) {
	defer ledger.Wrap(&err, "FindGroupSummary(%s, %s)", cooperativeID, groupID)
	read, err := s.core.GroupRead(ctx, a, cooperativeID, groupID)
	if err != nil {
		return GroupSummary{}, err
	}
	coop, g := read.Cooperative(), read.Group()
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	members, err := read.Members(ctx, s.db)
	if err != nil {
		return GroupSummary{}, err
	}
	gs = GroupSummary{Group: g, AsOf: asOf, Currency: coop.Currency, SavingsMinor: map[accounts.SavingsType]int64{}}
	ids := make([]string, 0, len(members))
	for _, m := range members {
		if m.Between(asOf, asOf) {
			gs.Members++
		}
		ids = append(ids, m.ID)
	}
	if gs.SavingsMinor, err = s.savingsOf(ctx, coop, ids, asOf); err != nil {
		return GroupSummary{}, err
	}
	rows, err := s.lending.LoansWhere(ctx, func(q *bun.SelectQuery) *bun.SelectQuery {
		if len(ids) == 0 {
			return q.Where("group_id = ?", groupID)
		}
		return q.Where("group_id = ? OR member_id IN (?)", groupID, bun.List(ids))
	})
	if err != nil {
		return GroupSummary{}, err
	}
	gs.Loans, err = s.lending.PortfolioOf(ctx, coop.BookID, coop.Currency, rows, asOf)
	return gs, err
}

// savingsOf sums the members' savings by type on a day.
func (s *Service) savingsOf(ctx context.Context, coop accounts.Cooperative, memberIDs []string, asOf ledger.Date) (map[accounts.SavingsType]int64, error) {
	if len(memberIDs) == 0 {
		return map[accounts.SavingsType]int64{}, nil
	}
	accts, err := ledger.AccountsOn(ctx, s.db, coop.BookID, asOf, ledger.Accounts{OwnerKinds: []string{accounts.OwnerMember}, OwnerIDs: memberIDs})
	if err != nil {
		return nil, err
	}
	return savingsIn(accounts.InBookCurrency(accts, coop.Currency), memberIDs), nil
}

// savingsIn sums, by type, the savings accounts among accts that belong to
// the members.
func savingsIn(accts []ledger.Account, memberIDs []string) map[accounts.SavingsType]int64 {
	out := map[accounts.SavingsType]int64{}
	owned := make(map[string]bool, len(memberIDs))
	for _, id := range memberIDs {
		owned[id] = true
	}
	prefix := map[string]accounts.SavingsType{accounts.CodePokok: accounts.Pokok, accounts.CodeWajib: accounts.Wajib, accounts.CodeSukarela: accounts.Sukarela}
	for _, acct := range accts {
		if acct.Owner == nil || acct.Owner.Kind != accounts.OwnerMember || !owned[acct.Owner.ID] {
			continue
		}
		if t, ok := prefix[acct.Code[:len(accounts.CodePokok)]]; ok {
			out[t] += acct.BalanceMinor
		}
	}
	return out
}
