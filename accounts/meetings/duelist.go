package meetings

import (
	"context"
	"sort"
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// DueList is who owes what at each group's next meeting: the treasurer's
// plan for the week. Each meeting's lines are its collection sheet's lines
// of the members who owe something, computed by the same code, so the list
// and the sheet she takes to the meeting never disagree.
type DueList struct {
	From     ledger.Date
	Currency ledger.Currency
	Meetings []DueMeeting // by date, then group name
}

// DueMeeting is one group's next meeting.
type DueMeeting struct {
	Group      accounts.Group
	Date       ledger.Date
	Lines      []SheetLine // members owing a loan installment, arrears or wajib, by member number
	GroupLoans []SheetLoan // the group's joint loans with something due
	DueMinor   int64       // everything the meeting is owed
}

// dueListGroupsMax bounds the groups of one list: a cooperative of a few
// hundred kelompok stays inside it.
const dueListGroupsMax = 1000

// FindDueList returns, for each group of the cooperative, its first meeting
// on or after from (zero: today) and who owes what there. A group with no
// fixed meeting day meets on from itself. Its treasurer only. Errors:
// KindNotFound, KindForbidden; KindInvalid when the cooperative has more
// groups than one list holds.
func (s *Service) FindDueList(ctx context.Context, a accounts.Actor, cooperativeID string, from ledger.Date) (dl DueList, err error) {
	defer ledger.Wrap(&err, "FindDueList(%s, %s)", cooperativeID, from)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return DueList{}, err
	}
	coop := books.Cooperative()
	if from.IsZero() {
		from = ledger.DateOf(s.now().UTC())
	}
	groups, err := books.Groups(ctx, s.db, dueListGroupsMax+1)
	if err != nil {
		return DueList{}, err
	}
	if len(groups) > dueListGroupsMax {
		return DueList{}, ledger.Invalid("due_list.too_many_groups", "the cooperative has more groups than one list holds")
	}
	dl = DueList{From: from, Currency: coop.Currency}
	for _, g := range groups {
		sh, err := s.CollectionSheet(ctx, a, coop.ID, g.ID, nextMeeting(from, g.MeetingDay))
		if err != nil {
			return DueList{}, err
		}
		if m := owing(sh); m.DueMinor > 0 {
			dl.Meetings = append(dl.Meetings, m)
		}
	}
	// Sorted by date; the stable sort keeps groups of one day by name.
	sort.SliceStable(dl.Meetings, func(i, j int) bool { return dl.Meetings[i].Date.Before(dl.Meetings[j].Date) })
	return dl, nil
}

// nextMeeting is the first day on or after from that falls on the meeting
// day ("monday".."sunday"); from itself when the day is not fixed.
func nextMeeting(from ledger.Date, meetingDay string) ledger.Date {
	for i := range 7 {
		day := from.AddDays(i)
		if meetingDay == "" || strings.EqualFold(day.Time().Weekday().String(), meetingDay) {
			return day
		}
	}
	return from
}

// owing keeps the sheet's lines and group loans with something due.
func owing(sh Sheet) DueMeeting {
	m := DueMeeting{Group: sh.Group, Date: sh.Date}
	for _, line := range sh.Lines {
		due := line.WajibDueMinor + loansDue(line.Loans)
		if due == 0 {
			continue
		}
		line.Loans = dueOnly(line.Loans)
		m.Lines = append(m.Lines, line)
		m.DueMinor += due
	}
	m.GroupLoans = dueOnly(sh.GroupLoans)
	m.DueMinor += loansDue(m.GroupLoans)
	return m
}

func loansDue(ls []SheetLoan) int64 {
	var sum int64
	for _, l := range ls {
		sum += l.DueMinor
	}
	return sum
}

func dueOnly(ls []SheetLoan) []SheetLoan {
	var out []SheetLoan
	for _, l := range ls {
		if l.DueMinor > 0 {
			out = append(out, l)
		}
	}
	return out
}
