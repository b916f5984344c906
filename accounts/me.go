package accounts

import (
	"context"

	"github.com/lumbung/lumbung/ledger"
)

// Me is what a signed-in user sees of herself: her memberships with her
// savings, and the partners she reads for with the cooperatives they fund.
type Me struct {
	User        User
	Memberships []Membership
	Partners    []PartnerView
	Treasurer   []Cooperative // the cooperatives whose books she keeps
	Admin       bool
}

// Membership is a member's own view of one cooperative: her record, her
// group and her savings accounts with their balances.
type Membership struct {
	Cooperative Cooperative
	Group       Group
	Member      Member
	Accounts    []ledger.Account // her savings sub-accounts, by code
	Savings     map[SavingsType]int64
	Loans       []LoanView
}

// PartnerView is a partner's own view: its record and what it funds.
type PartnerView struct {
	Partner      Partner
	Facilities   []Facility
	Cooperatives []Cooperative
}

// FindMe returns the actor's own view. Errors: KindNotFound if the user no
// longer exists.
func (s *Service) FindMe(ctx context.Context, a Actor) (me Me, err error) {
	defer ledger.Wrap(&err, "FindMe")
	var u UserRow
	if !ledger.IsID(a.UserID) {
		return Me{}, errUserNotFound()
	}
	if err := s.db.NewSelect().Model(&u).Where("id = ?", a.UserID).Scan(ctx); err != nil {
		if NoRows(err) {
			return Me{}, errUserNotFound()
		}
		return Me{}, err
	}
	me = Me{User: u.User(), Admin: a.IsAdmin()}
	for _, g := range a.Grants {
		switch g.Role {
		case RoleMember:
			m, err := s.membership(ctx, g)
			if err != nil {
				return Me{}, err
			}
			me.Memberships = append(me.Memberships, m)
		case RolePartner:
			p, err := s.partnerView(ctx, a, g.PartnerID)
			if err != nil {
				return Me{}, err
			}
			me.Partners = append(me.Partners, p)
		case RoleTreasurer:
			c, err := s.findCooperative(ctx, g.CooperativeID)
			if err != nil {
				return Me{}, err
			}
			me.Treasurer = append(me.Treasurer, c)
		}
	}
	return me, nil
}

func (s *Service) membership(ctx context.Context, g Grant) (Membership, error) {
	coop, err := s.findCooperative(ctx, g.CooperativeID)
	if err != nil {
		return Membership{}, err
	}
	m, err := s.findMember(ctx, g.CooperativeID, g.MemberID)
	if err != nil {
		return Membership{}, err
	}
	grp, err := s.findGroup(ctx, s.db, g.CooperativeID, m.GroupID)
	if err != nil {
		return Membership{}, err
	}
	accts, err := s.ledger.FindAccounts(ctx, ledger.AccountFilter{BookID: coop.BookID, Owner: &ledger.Owner{Kind: OwnerMember, ID: m.ID}})
	if err != nil {
		return Membership{}, err
	}
	loans, err := s.memberLoans(ctx, coop.BookID, m.ID)
	if err != nil {
		return Membership{}, err
	}
	return Membership{Cooperative: coop, Group: grp, Member: m, Accounts: accts,
		Savings: savingsIn(inBookCurrency(accts, coop.Currency), []string{m.ID}), Loans: loans}, nil
}

func (s *Service) partnerView(ctx context.Context, a Actor, partnerID string) (PartnerView, error) {
	p, err := s.FindPartnerByID(ctx, a, partnerID)
	if err != nil {
		return PartnerView{}, err
	}
	fs, err := s.FindFacilities(ctx, a, partnerID)
	if err != nil {
		return PartnerView{}, err
	}
	view := PartnerView{Partner: p, Facilities: fs}
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.CooperativeID] {
			continue
		}
		seen[f.CooperativeID] = true
		c, err := s.findCooperative(ctx, f.CooperativeID)
		if err != nil {
			return PartnerView{}, err
		}
		view.Cooperatives = append(view.Cooperatives, c)
	}
	return view, nil
}

// StatementLine is one movement on a member's own account. It carries the
// entry's date, kind and memo and her posting only: an entry that also
// moved other members' savings (a collection sheet) shows none of theirs.
type StatementLine struct {
	EntryID       string
	Sequence      int64
	EffectiveDate ledger.Date
	Kind          string
	Memo          string
	Side          ledger.Side
	AmountMinor   int64
	Currency      ledger.Currency
}

// StatementPage is a page of statement lines, newest first.
type StatementPage struct {
	Account ledger.Account
	Lines   []StatementLine
	Next    int64
}

// FindMyEntries lists the movements on one of the actor's own savings
// accounts. Errors: KindNotFound for any account that is not hers.
func (s *Service) FindMyEntries(ctx context.Context, a Actor, accountID string, before int64, limit int) (p StatementPage, err error) {
	defer ledger.Wrap(&err, "FindMyEntries(%s)", accountID)
	acct, err := s.myAccount(ctx, a, accountID)
	if err != nil {
		return StatementPage{}, err
	}
	page, err := s.ledger.FindEntries(ctx, ledger.EntryFilter{BookID: acct.BookID, AccountID: acct.ID, Before: before, Limit: limit})
	if err != nil {
		return StatementPage{}, err
	}
	p = StatementPage{Account: acct, Next: page.Next}
	for _, e := range page.Entries {
		for _, ps := range e.Postings {
			if ps.AccountID != acct.ID {
				continue
			}
			p.Lines = append(p.Lines, StatementLine{EntryID: e.ID, Sequence: e.Sequence, EffectiveDate: e.EffectiveDate,
				Kind: e.Kind, Memo: e.Memo, Side: ps.Side, AmountMinor: ps.AmountMinor, Currency: ps.Currency})
		}
	}
	return p, nil
}

// myAccount finds a ledger account owned by one of the actor's member
// records. Anything else, existing or not, is not found.
func (s *Service) myAccount(ctx context.Context, a Actor, accountID string) (ledger.Account, error) {
	notFound := ledger.NotFound("account.not_found", "no such account")
	for _, g := range a.MemberGrants() {
		coop, err := s.findCooperative(ctx, g.CooperativeID)
		if err != nil {
			return ledger.Account{}, err
		}
		acct, err := s.ledger.FindAccountByID(ctx, coop.BookID, accountID)
		if ledger.KindOf(err) == ledger.KindNotFound {
			continue
		}
		if err != nil {
			return ledger.Account{}, err
		}
		if acct.Owner != nil && acct.Owner.Kind == OwnerMember && acct.Owner.ID == g.MemberID {
			return acct, nil
		}
	}
	return ledger.Account{}, notFound
}
