package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/ledger"
)

// Covers under joint liability (tanggung renteng), read back: who paid for
// whom, toward which loan, at which meeting, how much.

type coverPartyJSON struct {
	MemberID string `json:"member_id"`
	Name     string `json:"name"`
}

type coverRecordJSON struct {
	EntryID    string         `json:"entry_id"`
	HeldOn     string         `json:"held_on"`
	LoanID     string         `json:"loan_id"`
	LoanNumber int            `json:"loan_number"`
	GroupID    string         `json:"group_id"`
	GroupName  string         `json:"group_name"`
	Covering   coverPartyJSON `json:"covering"`
	Covered    coverPartyJSON `json:"covered"`
	Amount     string         `json:"amount"`
	// DebtTo is to whom the covered member owes it: "member" (the
	// co-member who paid) or "fund" (the group's solidarity fund); null
	// for a cover recorded before covers were debts.
	DebtTo *string `json:"debt_to"`
	Repaid string  `json:"repaid"` // what she has repaid of it, today
	Owed   string  `json:"owed"`   // what she still owes of it, today
}

type coversJSON struct {
	Currency string            `json:"currency"`
	Items    []coverRecordJSON `json:"items"`
	Total    string            `json:"total"`
	Owed     string            `json:"owed"` // of the total, what is still owed today
}

// memberCoversJSON is a member's covers both ways, with what she paid for
// others and what others paid for her.
type memberCoversJSON struct {
	Currency  string            `json:"currency"`
	Items     []coverRecordJSON `json:"items"`
	Total     string            `json:"total"`
	Given     string            `json:"given"`    // what she paid for co-members
	Received  string            `json:"received"` // what co-members paid for her
	Owed      string            `json:"owed"`
	Owes      string            `json:"owes"`        // what she still owes of the covers paid for her
	OwedToHer string            `json:"owed_to_her"` // what co-members still owe her of covers she paid, owed to her (not to a fund)
}

// coverFilter reads the period and, for the cooperative's list, the group
// and loan a request narrows the covers to.
func coverFilter(c *fiber.Ctx) (meetings.CoverFilter, error) {
	from, err := optionalDate("from", c.Query("from"))
	if err != nil {
		return meetings.CoverFilter{}, err
	}
	to, err := optionalDate("to", c.Query("to"))
	return meetings.CoverFilter{GroupID: c.Query("group_id"), LoanID: c.Query("loan_id"), From: from, To: to}, err
}

func toCovers(cs []meetings.CoverRecord, cur ledger.Currency) coversJSON {
	var total, owed int64
	items := mapSlice(cs, func(r meetings.CoverRecord) coverRecordJSON {
		total += r.AmountMinor
		owed += r.OwedMinor()
		out := coverRecordJSON{EntryID: r.EntryID, HeldOn: r.HeldOn.String(), LoanID: r.LoanID, LoanNumber: r.LoanNumber,
			GroupID: r.GroupID, GroupName: r.GroupName, Covering: coverPartyJSON{MemberID: r.CoveringID, Name: r.CoveringName},
			Covered: coverPartyJSON{MemberID: r.CoveredID, Name: r.CoveredName}, Amount: ledger.FormatMinor(r.AmountMinor, cur),
			Repaid: ledger.FormatMinor(r.SettledMinor, cur), Owed: ledger.FormatMinor(r.OwedMinor(), cur)}
		if r.DebtTo != "" {
			out.DebtTo = &r.DebtTo
		}
		return out
	})
	return coversJSON{Currency: cur.Code(), Items: items, Total: ledger.FormatMinor(total, cur), Owed: ledger.FormatMinor(owed, cur)}
}

// listCovers is the cooperative's covers, by group or loan, for its
// treasurer and supervisor.
func (s *server) listCovers(c *fiber.Ctx) error {
	f, err := coverFilter(c)
	if err != nil {
		return err
	}
	cs, cur, err := s.meetings.FindCovers(c.UserContext(), actor(c), c.Params("coop"), f)
	if err != nil {
		return err
	}
	return c.JSON(toCovers(cs, cur))
}

// memberCovers is every cover a member was part of, both ways.
func (s *server) memberCovers(c *fiber.Ctx) error {
	f, err := coverFilter(c)
	if err != nil {
		return err
	}
	if f.GroupID != "" || f.LoanID != "" {
		return ledger.InvalidField("request.group_id", "group_id", "not taken here: a member's covers are all of hers")
	}
	member := c.Params("member")
	cs, cur, err := s.meetings.FindMemberCovers(c.UserContext(), actor(c), c.Params("coop"), member, f)
	if err != nil {
		return err
	}
	return c.JSON(memberCoversOf(member, cs, cur))
}

// memberCoversOf sums a member's covers both ways: what she gave and
// received, what she still owes and what is still owed to her.
func memberCoversOf(member string, cs []meetings.CoverRecord, cur ledger.Currency) memberCoversJSON {
	var given, received, owes, owedToHer int64
	for _, r := range cs {
		if r.CoveringID == member {
			given += r.AmountMinor
			if r.DebtTo == accounts.CoverDebtToMember {
				owedToHer += r.OwedMinor()
			}
		} else {
			received += r.AmountMinor
			owes += r.OwedMinor()
		}
	}
	all := toCovers(cs, cur)
	return memberCoversJSON{Currency: all.Currency, Items: all.Items, Total: all.Total, Owed: all.Owed,
		Given: ledger.FormatMinor(given, cur), Received: ledger.FormatMinor(received, cur),
		Owes: ledger.FormatMinor(owes, cur), OwedToHer: ledger.FormatMinor(owedToHer, cur)}
}

// coverRepaymentJSON is a member's repayment of covers: its entry, and
// her covers afterwards.
type coverRepaymentJSON struct {
	Entry  entryJSON        `json:"entry"`
	Covers memberCoversJSON `json:"covers"`
}

// repayCovers records a member's repayment of the covers co-members paid
// for her, settled oldest first.
func (s *server) repayCovers(c *fiber.Ctx) error {
	var req moneyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	e, err := s.meetings.RepayCovers(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), in)
	if err != nil {
		return err
	}
	cs, cur, err := s.meetings.FindMemberCovers(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), meetings.CoverFilter{})
	if err != nil {
		return err
	}
	return c.Status(recordedStatus(c, e.Replayed)).JSON(coverRepaymentJSON{Entry: toEntry(e), Covers: memberCoversOf(c.Params("member"), cs, cur)})
}
