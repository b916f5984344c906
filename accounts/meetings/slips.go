package meetings

import (
	"context"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// Slip is a member's slip of a meeting (kitir): what she paid there and
// where her loans and savings stand at the end of the meeting's day, the
// paper she takes home to check against her own notebook.
type Slip struct {
	Line          RecordedLine // what she paid
	Loans         []SheetLoan  // her loans still open on the day, with what remains of each
	PokokMinor    int64        // her savings balances at the day's end
	WajibMinor    int64
	SukarelaMinor int64
}

// PaidMinor is everything she paid at the meeting, covers of others
// included: the figure the treasurer writes in words on the slip.
func (sl Slip) PaidMinor() int64 {
	total := sl.Line.WajibMinor + sl.Line.SukarelaMinor
	for _, p := range sl.Line.Loans {
		total += p.AmountMinor
	}
	return total
}

// MeetingSlips returns a recorded meeting and the slips of its members,
// by member number; with memberID, that member's slip alone. Balances are
// those at the end of the meeting's day, so a slip printed a week later
// still says what she was told then. Its cooperative's treasurer only: a
// slip shows a member's accounts, which her group may not read. Errors:
// KindNotFound (meeting.not_found, or member.not_found for a member not
// on the meeting's sheet), KindForbidden.
func (s *Service) MeetingSlips(ctx context.Context, a accounts.Actor, cooperativeID, groupID string, on ledger.Date, memberID string) (rm RecordedMeeting, slips []Slip, err error) {
	defer ledger.Wrap(&err, "MeetingSlips(%s, %s, %s)", cooperativeID, groupID, on)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return RecordedMeeting{}, nil, err
	}
	rm, err = s.FindMeeting(ctx, a, cooperativeID, groupID, on)
	if err != nil {
		return RecordedMeeting{}, nil, err
	}
	for _, line := range rm.Lines {
		if memberID != "" && line.Member.ID != memberID {
			continue
		}
		sl, err := s.slip(ctx, books, line, on)
		if err != nil {
			return RecordedMeeting{}, nil, err
		}
		slips = append(slips, sl)
	}
	if memberID != "" && len(slips) == 0 {
		return RecordedMeeting{}, nil, accounts.ErrMemberNotFound()
	}
	return rm, slips, nil
}

func (s *Service) slip(ctx context.Context, books accounts.Books, line RecordedLine, on ledger.Date) (Slip, error) {
	sl := Slip{Line: line}
	n := line.Member.Number
	codes := []string{accounts.MemberAccountCode(accounts.Pokok, n), accounts.MemberAccountCode(accounts.Wajib, n),
		accounts.MemberAccountCode(accounts.Sukarela, n)}
	accts, err := ledger.AccountsByCode(ctx, s.db, books.Cooperative().BookID, codes)
	if err != nil {
		return Slip{}, err
	}
	balances := make([]int64, len(codes))
	for i, code := range codes {
		a, ok := accts[code]
		if !ok {
			continue // a member who never saved of this kind has no account yet
		}
		if balances[i], err = s.ledger.BalanceAsOf(ctx, a, on); err != nil {
			return Slip{}, err
		}
	}
	sl.PokokMinor, sl.WajibMinor, sl.SukarelaMinor = balances[0], balances[1], balances[2]
	sl.Loans, err = s.sheetLoans(ctx, books, lending.Borrower{MemberID: line.Member.ID}, on)
	return sl, err
}
