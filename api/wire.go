package api

import (
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// The JSON forms of the domain's nouns. Amounts travel as decimal strings
// in their currency ("150000" rupiah, "1250.50" shillings); dates as
// YYYY-MM-DD; times as RFC 3339.

type cooperativeJSON struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Currency       string    `json:"currency"`
	Pokok          string    `json:"pokok"`
	Wajib          string    `json:"wajib"`
	WajibFrequency string    `json:"wajib_frequency"`
	Language       string    `json:"language"`
	CoverDebtTo    string    `json:"cover_debt_to"`
	CreatedAt      time.Time `json:"created_at"`
}

func toCooperative(c accounts.Cooperative) cooperativeJSON {
	return cooperativeJSON{ID: c.ID, Name: c.Name, Currency: c.Currency.Code(), CreatedAt: c.CreatedAt,
		Pokok: ledger.FormatMinor(c.Savings.PokokMinor, c.Currency), Wajib: ledger.FormatMinor(c.Savings.WajibMinor, c.Currency),
		WajibFrequency: c.Savings.WajibFrequency, Language: string(c.Language), CoverDebtTo: c.CoverDebtTo}
}

type groupJSON struct {
	ID            string `json:"id"`
	CooperativeID string `json:"cooperative_id"`
	Name          string `json:"name"`
	MeetingDay    string `json:"meeting_day,omitempty"`
	// JointLiabilitySince is the day the group began to borrow under joint
	// liability; null when it does not.
	JointLiabilitySince *string   `json:"joint_liability_since"`
	CreatedAt           time.Time `json:"created_at"`
}

func toGroup(g accounts.Group) groupJSON {
	out := groupJSON{ID: g.ID, CooperativeID: g.CooperativeID, Name: g.Name, MeetingDay: g.MeetingDay, CreatedAt: g.CreatedAt}
	if !g.JointLiabilitySince.IsZero() {
		since := g.JointLiabilitySince.String()
		out.JointLiabilitySince = &since
	}
	return out
}

type memberJSON struct {
	ID            string    `json:"id"`
	CooperativeID string    `json:"cooperative_id"`
	GroupID       string    `json:"group_id"`
	Number        int       `json:"number"`
	Name          string    `json:"name"`
	Gender        string    `json:"gender"`
	JoinedOn      string    `json:"joined_on"`
	BusinessType  string    `json:"business_type"`
	Phone         string    `json:"phone"`
	ExitedOn      *string   `json:"exited_on"` // null while she is a member
	CreatedAt     time.Time `json:"created_at"`
}

func toMember(m accounts.Member) memberJSON {
	out := memberJSON{ID: m.ID, CooperativeID: m.CooperativeID, GroupID: m.GroupID, Number: m.Number, Name: m.Name,
		Gender: m.Gender, JoinedOn: m.JoinedOn.String(), BusinessType: m.BusinessType, Phone: m.Phone, CreatedAt: m.CreatedAt}
	if m.ExitedOn != nil {
		s := m.ExitedOn.String()
		out.ExitedOn = &s
	}
	return out
}

type partnerJSON struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Model     string    `json:"model"`
	CreatedAt time.Time `json:"created_at"`
}

func toPartner(p accounts.Partner) partnerJSON {
	return partnerJSON{ID: p.ID, Name: p.Name, Model: string(p.Model), CreatedAt: p.CreatedAt}
}

type facilityJSON struct {
	ID            string    `json:"id"`
	PartnerID     string    `json:"partner_id"`
	CooperativeID string    `json:"cooperative_id"`
	Kind          string    `json:"kind"`
	Committed     string    `json:"committed"`
	Currency      string    `json:"currency"`
	Purpose       string    `json:"purpose"`
	StartsOn      string    `json:"starts_on"`
	EndsOn        *string   `json:"ends_on"`
	AccountCode   string    `json:"account_code"` // the ledger account its capital is received into
	CreatedAt     time.Time `json:"created_at"`
	// Partner names who funds it, in the listing a treasurer reads of her
	// cooperative's facilities; the partner's own listing leaves it out.
	Partner *partnerRefJSON `json:"partner,omitempty"`
}

func toFacility(f accounts.Facility) facilityJSON {
	out := facilityJSON{ID: f.ID, PartnerID: f.PartnerID, CooperativeID: f.CooperativeID, Kind: string(f.Kind),
		Committed: ledger.FormatMinor(f.CommittedMinor, f.Currency), Currency: f.Currency.Code(), Purpose: f.Purpose,
		StartsOn: f.StartsOn.String(), AccountCode: f.AccountCode, CreatedAt: f.CreatedAt}
	if f.EndsOn != nil {
		s := f.EndsOn.String()
		out.EndsOn = &s
	}
	return out
}

type userJSON struct {
	ID        string    `json:"id"`
	Login     string    `json:"login"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

func toUser(u accounts.User) userJSON {
	return userJSON{ID: u.ID, Login: u.Login, Name: u.Name, CreatedAt: u.CreatedAt}
}

type grantJSON struct {
	ID            string `json:"id"`
	Role          string `json:"role"`
	CooperativeID string `json:"cooperative_id,omitempty"`
	MemberID      string `json:"member_id,omitempty"`
	PartnerID     string `json:"partner_id,omitempty"`
}

func toGrant(g accounts.Grant) grantJSON {
	return grantJSON{ID: g.ID, Role: string(g.Role), CooperativeID: g.CooperativeID, MemberID: g.MemberID, PartnerID: g.PartnerID}
}

type accountJSON struct {
	ID         string     `json:"id"`
	Code       string     `json:"code"`
	Name       string     `json:"name"`
	Type       string     `json:"type"`
	NormalSide string     `json:"normal_side"`
	Currency   string     `json:"currency"`
	Balance    string     `json:"balance"`
	Floor      *string    `json:"floor"`
	Owner      *ownerJSON `json:"owner"`
}

type ownerJSON struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

func toAccount(a ledger.Account) accountJSON {
	out := accountJSON{ID: a.ID, Code: a.Code, Name: a.Name, Type: string(a.Type), NormalSide: string(a.Type.NormalSide()),
		Currency: a.Currency.Code(), Balance: ledger.FormatMinor(a.BalanceMinor, a.Currency)}
	if a.FloorMinor != nil {
		f := ledger.FormatMinor(*a.FloorMinor, a.Currency)
		out.Floor = &f
	}
	if a.Owner != nil {
		out.Owner = &ownerJSON{Kind: a.Owner.Kind, ID: a.Owner.ID}
	}
	return out
}

type postingJSON struct {
	Account  string `json:"account"`
	Side     string `json:"side"`
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

type entryJSON struct {
	ID             string            `json:"id"`
	Sequence       int64             `json:"sequence"`
	Kind           string            `json:"kind"`
	Memo           string            `json:"memo"`
	Metadata       map[string]string `json:"metadata"`
	EffectiveDate  string            `json:"effective_date"`
	RecordedAt     time.Time         `json:"recorded_at"`
	RecordedBy     string            `json:"recorded_by"`
	IdempotencyKey string            `json:"idempotency_key,omitempty"`
	Reverses       string            `json:"reverses,omitempty"`
	ReversedBy     string            `json:"reversed_by,omitempty"`
	ChainHash      string            `json:"chain_hash"`
	Postings       []postingJSON     `json:"postings"`
}

func toEntry(e ledger.Entry) entryJSON {
	out := entryJSON{ID: e.ID, Sequence: e.Sequence, Kind: e.Kind, Memo: e.Memo, Metadata: e.Metadata,
		EffectiveDate: e.EffectiveDate.String(), RecordedAt: e.RecordedAt, RecordedBy: e.RecordedBy,
		IdempotencyKey: e.IdempotencyKey, Reverses: e.ReversesID, ReversedBy: e.ReversedByID, ChainHash: e.ChainHash}
	if out.Metadata == nil {
		out.Metadata = map[string]string{}
	}
	for _, p := range e.Postings {
		out.Postings = append(out.Postings, postingJSON{Account: p.AccountCode, Side: string(p.Side),
			Amount: ledger.FormatMinor(p.AmountMinor, p.Currency), Currency: p.Currency.Code()})
	}
	return out
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
