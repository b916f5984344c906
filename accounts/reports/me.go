package reports

import (
	"context"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/ledger"
)

// Me is what a signed-in user sees of herself: her memberships with her
// savings, and the partners she reads for with the cooperatives they fund.
type Me struct {
	User        accounts.User
	Memberships []Membership
	Partners    []PartnerView
	Treasurer   []accounts.Cooperative // the cooperatives whose books she keeps
	Supervisor  []accounts.Cooperative // the cooperatives she supervises (pengawas)
	Admin       bool
}

// Membership is a member's own view of one cooperative: her record, her
// group and her savings accounts with their balances.
type Membership struct {
	Cooperative accounts.Cooperative
	Group       accounts.Group
	Member      accounts.Member
	Accounts    []ledger.Account // her savings sub-accounts, by code
	Savings     map[accounts.SavingsType]int64
	Loans       []lending.LoanView
	SHUYears    []int        // the years she has an SHU slip for
	LastMeeting *MeetingPart // her part of the last meeting that recorded her; nil before the first
}

// MeetingPart is a member's part of one meeting: whether she came and what
// she paid.
type MeetingPart struct {
	HeldOn ledger.Date
	Line   meetings.RecordedLine
}

// PartnerView is a partner's own view: its record and what it funds.
type PartnerView struct {
	Partner      accounts.Partner
	Facilities   []accounts.Facility
	Cooperatives []accounts.Cooperative
}

// FindMe returns the actor's own view. Errors: KindNotFound if the user no
// longer exists.
func (s *Service) FindMe(ctx context.Context, a accounts.Actor) (me Me, err error) {
	defer ledger.Wrap(&err, "FindMe")
	var u accounts.UserRow
	if !ledger.IsID(a.UserID) {
		return Me{}, accounts.ErrUserNotFound()
	}
	if err := s.db.NewSelect().Model(&u).Where("id = ?", a.UserID).Scan(ctx); err != nil {
		if accounts.NoRows(err) {
			return Me{}, accounts.ErrUserNotFound()
		}
		return Me{}, err
	}
	me = Me{User: u.User(), Admin: a.IsAdmin()}
	for _, g := range a.Grants {
		switch g.Role {
		case accounts.RoleMember:
			m, err := s.membership(ctx, a, g)
			if err != nil {
				return Me{}, err
			}
			me.Memberships = append(me.Memberships, m)
		case accounts.RolePartner:
			p, err := s.partnerView(ctx, a, g.PartnerID)
			if err != nil {
				return Me{}, err
			}
			me.Partners = append(me.Partners, p)
		case accounts.RoleTreasurer:
			books, err := s.core.Books(ctx, a, g.CooperativeID)
			if err != nil {
				return Me{}, err
			}
			me.Treasurer = append(me.Treasurer, books.Cooperative())
		case accounts.RoleSupervisor:
			books, err := s.core.BooksRead(ctx, a, g.CooperativeID)
			if err != nil {
				return Me{}, err
			}
			me.Supervisor = append(me.Supervisor, books.Cooperative())
		}
	}
	return me, nil
}

func (s *Service) membership(ctx context.Context, a accounts.Actor, g accounts.Grant) (Membership, error) {
	read, err := s.core.MemberRead(ctx, a, g.CooperativeID, g.MemberID)
	if err != nil {
		return Membership{}, err
	}
	coop, m := read.Cooperative(), read.Member()
	grp, err := read.Group(ctx, s.db)
	if err != nil {
		return Membership{}, err
	}
	accts, err := s.ledger.FindAccounts(ctx, ledger.AccountFilter{BookID: coop.BookID, Owner: &ledger.Owner{Kind: accounts.OwnerMember, ID: m.ID}})
	if err != nil {
		return Membership{}, err
	}
	loans, err := s.lending.MemberLoans(ctx, coop.BookID, m.ID)
	if err != nil {
		return Membership{}, err
	}
	ms := Membership{Cooperative: coop, Group: grp, Member: m, Accounts: accts,
		Savings: savingsIn(accounts.InBookCurrency(accts, coop.Currency), []string{m.ID}), Loans: loans}
	if ms.SHUYears, err = s.yearEnd.SlipYears(ctx, read); err != nil {
		return Membership{}, err
	}
	on, line, met, err := s.meetings.LastMeeting(ctx, read)
	if err != nil {
		return Membership{}, err
	}
	if met {
		ms.LastMeeting = &MeetingPart{HeldOn: on, Line: line}
	}
	return ms, nil
}

func (s *Service) partnerView(ctx context.Context, a accounts.Actor, partnerID string) (PartnerView, error) {
	p, err := s.core.FindPartnerByID(ctx, a, partnerID)
	if err != nil {
		return PartnerView{}, err
	}
	fs, err := s.core.FindFacilities(ctx, a, partnerID)
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
		c, err := s.core.FacilityCooperative(ctx, f)
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
func (s *Service) FindMyEntries(ctx context.Context, a accounts.Actor, accountID string, before int64, limit int) (p StatementPage, err error) {
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
func (s *Service) myAccount(ctx context.Context, a accounts.Actor, accountID string) (ledger.Account, error) {
	notFound := ledger.NotFound("account.not_found", "no such account")
	for _, g := range a.MemberGrants() {
		read, err := s.core.MemberRead(ctx, a, g.CooperativeID, g.MemberID)
		if err != nil {
			return ledger.Account{}, err
		}
		coop := read.Cooperative()
		acct, err := s.ledger.FindAccountByID(ctx, coop.BookID, accountID)
		if ledger.KindOf(err) == ledger.KindNotFound {
			continue
		}
		if err != nil {
			return ledger.Account{}, err
		}
		if acct.Owner != nil && acct.Owner.Kind == accounts.OwnerMember && acct.Owner.ID == g.MemberID {
			return acct, nil
		}
	}
	return ledger.Account{}, notFound
}
