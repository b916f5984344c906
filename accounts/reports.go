package accounts

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// GroupSummary is a group's books in total, as its members may see them
// (transparency is a cooperative principle): the group's savings and
// loans, with no member's own figures.
type GroupSummary struct {
	Group        Group
	AsOf         ledger.Date
	Currency     ledger.Currency
	Members      int
	SavingsMinor map[SavingsType]int64
	Loans        Portfolio
}

// FindGroupSummary returns a group's summary books on a day (zero: today).
// The cooperative's treasurer, or a member of that group; others are told
// the group does not exist.
func (s *Service) FindGroupSummary(ctx context.Context, a Actor, cooperativeID, groupID string, asOf ledger.Date) (gs GroupSummary, err error) {
	defer ledger.Wrap(&err, "FindGroupSummary(%s, %s)", cooperativeID, groupID)
	if !ledger.IsID(cooperativeID) {
		return GroupSummary{}, errGroupNotFound()
	}
	if err := s.authorizeGroupRead(ctx, a, cooperativeID, groupID); err != nil {
		return GroupSummary{}, err
	}
	coop, err := s.findCooperative(ctx, cooperativeID)
	if err != nil {
		return GroupSummary{}, err
	}
	g, err := s.findGroup(ctx, s.db, cooperativeID, groupID)
	if err != nil {
		return GroupSummary{}, err
	}
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	var members []memberRow
	if err := s.db.NewSelect().Model(&members).Where("group_id = ?", groupID).Scan(ctx); err != nil {
		return GroupSummary{}, err
	}
	gs = GroupSummary{Group: g, AsOf: asOf, Currency: coop.Currency, SavingsMinor: map[SavingsType]int64{}}
	ids := make([]string, 0, len(members))
	for _, m := range members {
		if m.memberBetween(asOf, asOf) {
			gs.Members++
		}
		ids = append(ids, m.ID)
	}
	if gs.SavingsMinor, err = s.savingsOf(ctx, coop, ids, asOf); err != nil {
		return GroupSummary{}, err
	}
	rows, err := s.loansWhere(ctx, func(q *bun.SelectQuery) *bun.SelectQuery {
		if len(ids) == 0 {
			return q.Where("group_id = ?", groupID)
		}
		return q.Where("group_id = ? OR member_id IN (?)", groupID, bun.In(ids))
	})
	if err != nil {
		return GroupSummary{}, err
	}
	gs.Loans, err = s.portfolioOf(ctx, coop.BookID, coop.Currency, rows, asOf)
	return gs, err
}

// authorizeGroupRead lets a group's summary be read by the cooperative's
// treasurer and by the group's own members; a member who has left reads
// her own past, not the group's present.
func (s *Service) authorizeGroupRead(ctx context.Context, a Actor, cooperativeID, groupID string) error {
	if a.IsTreasurerOf(cooperativeID) {
		return nil
	}
	for _, g := range a.MemberGrants() {
		if g.CooperativeID != cooperativeID {
			continue
		}
		m, err := s.findMember(ctx, cooperativeID, g.MemberID)
		if err != nil {
			return err
		}
		if m.GroupID == groupID && m.ExitedOn == nil {
			return nil
		}
	}
	return errGroupNotFound()
}

// savingsOf sums the members' savings by type on a day.
func (s *Service) savingsOf(ctx context.Context, coop Cooperative, memberIDs []string, asOf ledger.Date) (map[SavingsType]int64, error) {
	if len(memberIDs) == 0 {
		return map[SavingsType]int64{}, nil
	}
	accts, err := ledger.AccountsOn(ctx, s.db, coop.BookID, asOf, func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("a.owner_kind = ? AND a.owner_id IN (?)", OwnerMember, bun.In(memberIDs))
	})
	if err != nil {
		return nil, err
	}
	return savingsIn(inBookCurrency(accts, coop.Currency), memberIDs), nil
}

// savingsIn sums, by type, the savings accounts among accts that belong to
// the members.
func savingsIn(accts []ledger.Account, memberIDs []string) map[SavingsType]int64 {
	out := map[SavingsType]int64{}
	owned := make(map[string]bool, len(memberIDs))
	for _, id := range memberIDs {
		owned[id] = true
	}
	prefix := map[string]SavingsType{CodePokok: Pokok, CodeWajib: Wajib, CodeSukarela: Sukarela}
	for _, acct := range accts {
		if acct.Owner == nil || acct.Owner.Kind != OwnerMember || !owned[acct.Owner.ID] {
			continue
		}
		if t, ok := prefix[acct.Code[:len(CodePokok)]]; ok {
			out[t] += acct.BalanceMinor
		}
	}
	return out
}
