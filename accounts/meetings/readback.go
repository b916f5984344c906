package meetings

import (
	"context"
	"sort"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// RecordedMeeting is a group's meeting read back as its sheet recorded it:
// who came, what each member paid and for what, and who covered whom.
type RecordedMeeting struct {
	ID             string
	GroupID        string
	GroupName      string
	HeldOn         ledger.Date
	RecordedBy     string // the user's ID
	RecordedByName string // and her name, for the minutes
	RecordedAt     time.Time
	AmendedByName  string     // who last amended it; empty when never amended
	AmendedAt      *time.Time // when; nil when never amended
	Currency       ledger.Currency
	Lines          []RecordedLine // by member number
	Covers         []Cover
	CollectedMinor int64 // everything paid at the meeting: the cash the treasurer took in
}

// RecordedLine is one member's part of a recorded meeting.
type RecordedLine struct {
	Member        accounts.Member
	Attendance    Attendance
	RepresentedBy string // who came for her, when she was represented
	Loans         []LoanPayment
	WajibMinor    int64
	SukarelaMinor int64
}

// LoanPayment is a payment toward a loan at a meeting, with the entry that
// posted it.
type LoanPayment struct {
	LoanID      string
	EntryID     string
	AmountMinor int64
}

// Cover is a payment a member made toward a group loan for another member.
type Cover struct {
	LoanID           string
	EntryID          string
	CoveringMemberID string
	CoveredMemberID  string
	AmountMinor      int64
}

// FindMeeting reads back a group's meeting of a day. Its cooperative's
// treasurer and the group's members read it: the minutes of a meeting are
// the group's own. Errors: KindNotFound for a group outside the caller's
// scope (group.not_found) or a day with no meeting recorded
// (meeting.not_found).
func (s *Service) FindMeeting(ctx context.Context, a accounts.Actor, cooperativeID, groupID string, on ledger.Date) (rm RecordedMeeting, err error) {
	defer ledger.Wrap(&err, "FindMeeting(%s, %s, %s)", cooperativeID, groupID, on)
	read, err := s.core.GroupRead(ctx, a, cooperativeID, groupID)
	if err != nil {
		return RecordedMeeting{}, err
	}
	var row meetingRow
	err = s.db.NewSelect().Model(&row).Where("group_id = ? AND held_on = ?", groupID, on).Scan(ctx)
	if accounts.NoRows(err) {
		return RecordedMeeting{}, ledger.NotFound("meeting.not_found", "no meeting recorded for the group on %s", on)
	}
	if err != nil {
		return RecordedMeeting{}, err
	}
	rm = RecordedMeeting{ID: row.ID, GroupID: groupID, GroupName: read.Group().Name, HeldOn: row.HeldOn, RecordedBy: row.RecordedBy,
		RecordedAt: row.RecordedAt, AmendedAt: row.AmendedAt, Currency: read.Cooperative().Currency}
	if rm.RecordedByName, err = s.userName(ctx, row.RecordedBy); err != nil {
		return RecordedMeeting{}, err
	}
	if row.AmendedBy != nil {
		if rm.AmendedByName, err = s.userName(ctx, *row.AmendedBy); err != nil {
			return RecordedMeeting{}, err
		}
	}
	members, err := read.Members(ctx, s.db)
	if err != nil {
		return RecordedMeeting{}, err
	}
	lines, err := s.recordedLines(ctx, row.ID, members)
	if err != nil {
		return RecordedMeeting{}, err
	}
	rm.Lines = lines
	for _, l := range lines {
		rm.CollectedMinor += l.WajibMinor + l.SukarelaMinor
		for _, p := range l.Loans {
			rm.CollectedMinor += p.AmountMinor
		}
	}
	rm.Covers, err = s.meetingCovers(ctx, row.ID)
	return rm, err
}

// userName is the name of the user who recorded or amended a meeting.
func (s *Service) userName(ctx context.Context, userID string) (string, error) {
	var u accounts.UserRow
	if err := s.db.NewSelect().Model(&u).Column("name").Where("id = ?", userID).Scan(ctx); err != nil {
		return "", err
	}
	return u.Name, nil
}

// recordedLines builds each member's line from the meeting's attendance and
// payments, by member number.
func (s *Service) recordedLines(ctx context.Context, meetingID string, members []accounts.Member) ([]RecordedLine, error) {
	var attendance []attendanceRow
	if err := s.db.NewSelect().Model(&attendance).Where("meeting_id = ?", meetingID).Scan(ctx); err != nil {
		return nil, err
	}
	var payments []paymentRow
	if err := s.db.NewSelect().Model(&payments).Where("meeting_id = ?", meetingID).Scan(ctx); err != nil {
		return nil, err
	}
	byID := make(map[string]accounts.Member, len(members))
	for _, m := range members {
		byID[m.ID] = m
	}
	lines := make(map[string]*RecordedLine, len(attendance))
	for _, at := range attendance {
		l := &RecordedLine{Member: byID[at.MemberID], Attendance: at.Status}
		if at.RepresentedBy != nil {
			l.RepresentedBy = *at.RepresentedBy
		}
		lines[at.MemberID] = l
	}
	for _, p := range payments {
		l, ok := lines[p.MemberID]
		if !ok {
			continue // every payer is on the sheet; the attendance row is written first
		}
		switch {
		case p.What == paidLoan && p.LoanID != nil:
			l.Loans = append(l.Loans, LoanPayment{LoanID: *p.LoanID, EntryID: p.EntryID, AmountMinor: p.AmountMinor})
		case p.What == string(accounts.Wajib):
			l.WajibMinor += p.AmountMinor
		case p.What == string(accounts.Sukarela):
			l.SukarelaMinor += p.AmountMinor
		}
	}
	out := make([]RecordedLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Member.Number < out[j].Member.Number })
	return out, nil
}

// meetingCovers reads the covers a meeting's sheet recorded: those whose
// entry the meeting posted.
func (s *Service) meetingCovers(ctx context.Context, meetingID string) ([]Cover, error) {
	var rows []coverRow
	if err := s.db.NewSelect().Model(&rows).
		Where("entry_id IN (SELECT entry_id FROM meeting_payments WHERE meeting_id = ?)", meetingID).
		OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Cover, len(rows))
	for i, r := range rows {
		out[i] = Cover{LoanID: r.LoanID, EntryID: r.EntryID, CoveringMemberID: r.CoveringMemberID,
			CoveredMemberID: r.CoveredMemberID, AmountMinor: r.AmountMinor}
	}
	return out, nil
}

// LastMeeting returns a member's part of the last meeting of her group
// that recorded her, and whether there was one: what she sees of the
// meeting she was at. The caller holds her MemberRead scope.
func (s *Service) LastMeeting(ctx context.Context, read accounts.MemberRead) (ledger.Date, RecordedLine, bool, error) {
	m := read.Member()
	var row meetingRow
	err := s.db.NewSelect().Model(&row).
		Where("group_id = ? AND id IN (SELECT meeting_id FROM meeting_attendance WHERE member_id = ?)", m.GroupID, m.ID).
		OrderExpr("held_on DESC").Limit(1).Scan(ctx)
	if accounts.NoRows(err) {
		return ledger.Date{}, RecordedLine{}, false, nil
	}
	if err != nil {
		return ledger.Date{}, RecordedLine{}, false, err
	}
	lines, err := s.recordedLines(ctx, row.ID, []accounts.Member{m})
	if err != nil {
		return ledger.Date{}, RecordedLine{}, false, err
	}
	for _, l := range lines {
		if l.Member.ID == m.ID {
			return row.HeldOn, l, true, nil
		}
	}
	return ledger.Date{}, RecordedLine{}, false, nil
}
