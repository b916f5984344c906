package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
)

// The signed-in user's own view: her memberships and savings, or the
// cooperatives her partner funds.

type membershipJSON struct {
	Cooperative cooperativeJSON  `json:"cooperative"`
	Group       groupJSON        `json:"group"`
	Member      memberJSON       `json:"member"`
	Accounts    []accountJSON    `json:"accounts"`
	Savings     savingsJSON      `json:"savings"`
	Loans       []loanJSON       `json:"loans"`
	SHUYears    []int            `json:"shu_years"`
	LastMeeting *meetingPartJSON `json:"last_meeting"`
}

// meetingPartJSON is her part of the last meeting that recorded her.
type meetingPartJSON struct {
	HeldOn string `json:"held_on"`
	attendanceJSON
	Loans    []loanPaymentJSON `json:"loans"`
	Wajib    string            `json:"wajib"`
	Sukarela string            `json:"sukarela"`
}

// savingsJSON is a member's savings by type.
type savingsJSON struct {
	Pokok    string `json:"pokok"`
	Wajib    string `json:"wajib"`
	Sukarela string `json:"sukarela"`
}

type partnerViewJSON struct {
	Partner      partnerJSON       `json:"partner"`
	Facilities   []facilityJSON    `json:"facilities"`
	Cooperatives []cooperativeJSON `json:"cooperatives"`
}

type meJSON struct {
	User        userJSON          `json:"user"`
	Admin       bool              `json:"admin"`
	Treasurer   []cooperativeJSON `json:"treasurer_of"`
	Supervisor  []cooperativeJSON `json:"supervisor_of"`
	Memberships []membershipJSON  `json:"memberships"`
	Partners    []partnerViewJSON `json:"partners"`
}

func (s *server) me(c *fiber.Ctx) error {
	me, err := s.reports.FindMe(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	out := meJSON{User: toUser(me.User), Admin: me.Admin, Treasurer: mapSlice(me.Treasurer, toCooperative),
		Supervisor: mapSlice(me.Supervisor, toCooperative),
		Memberships: mapSlice(me.Memberships, func(m reports.Membership) membershipJSON {
			cur := m.Cooperative.Currency
			return membershipJSON{Cooperative: toCooperative(m.Cooperative), Group: toGroup(m.Group),
				Member: toMember(m.Member), Accounts: mapSlice(m.Accounts, toAccount),
				Savings: savingsJSON{Pokok: ledger.FormatMinor(m.Savings[accounts.Pokok], cur),
					Wajib: ledger.FormatMinor(m.Savings[accounts.Wajib], cur), Sukarela: ledger.FormatMinor(m.Savings[accounts.Sukarela], cur)},
				Loans: mapSlice(m.Loans, toLoan), SHUYears: append([]int{}, m.SHUYears...), LastMeeting: toMeetingPart(m.LastMeeting, cur)}
		}),
		Partners: mapSlice(me.Partners, func(p reports.PartnerView) partnerViewJSON {
			return partnerViewJSON{Partner: toPartner(p.Partner), Facilities: mapSlice(p.Facilities, toFacility),
				Cooperatives: mapSlice(p.Cooperatives, toCooperative)}
		}),
	}
	return c.JSON(out)
}

type statementLineJSON struct {
	EntryID       string `json:"entry_id"`
	Sequence      int64  `json:"sequence"`
	EffectiveDate string `json:"effective_date"`
	Kind          string `json:"kind"`
	Memo          string `json:"memo"`
	Side          string `json:"side"`
	Amount        string `json:"amount"`
	Currency      string `json:"currency"`
}

func (s *server) myEntries(c *fiber.Ctx) error {
	before, limit, err := entryPage(c)
	if err != nil {
		return err
	}
	p, err := s.reports.FindMyEntries(c.UserContext(), actor(c), c.Params("account"), before, limit)
	if err != nil {
		return err
	}
	lines := mapSlice(p.Lines, func(l reports.StatementLine) statementLineJSON {
		return statementLineJSON{EntryID: l.EntryID, Sequence: l.Sequence, EffectiveDate: l.EffectiveDate.String(),
			Kind: l.Kind, Memo: l.Memo, Side: string(l.Side), Amount: ledger.FormatMinor(l.AmountMinor, l.Currency), Currency: l.Currency.Code()}
	})
	return c.JSON(newList(lines, sequenceCursor(p.Next)))
}

func toMeetingPart(p *reports.MeetingPart, cur ledger.Currency) *meetingPartJSON {
	if p == nil {
		return nil
	}
	out := &meetingPartJSON{HeldOn: p.HeldOn.String(), attendanceJSON: toAttendance(p.Line), Loans: []loanPaymentJSON{},
		Wajib: ledger.FormatMinor(p.Line.WajibMinor, cur), Sukarela: ledger.FormatMinor(p.Line.SukarelaMinor, cur)}
	for _, l := range p.Line.Loans {
		out.Loans = append(out.Loans, loanPaymentJSON{LoanID: l.LoanID, EntryID: l.EntryID, Amount: ledger.FormatMinor(l.AmountMinor, cur)})
	}
	return out
}
