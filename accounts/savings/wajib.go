package savings

import (
	"context"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// WajibPeriodsDue counts the simpanan wajib periods a member owes for, from
// the day she joined to asOf, both included: the first period is due on the
// day she joins, then one each week or each month after. Pure, so that the
// collection sheet and the statements count the same way.
func WajibPeriodsDue(frequency string, joinedOn, asOf ledger.Date) int {
	if asOf.Before(joinedOn) {
		return 0
	}
	if frequency == "weekly" {
		return asOf.DaysSince(joinedOn)/7 + 1
	}
	j, a := joinedOn.Time(), asOf.Time()
	months := (a.Year()-j.Year())*12 + int(a.Month()-j.Month())
	// A month is complete when asOf has reached the joining day of the month
	// (or the month's last day, for a woman who joined on the 31st).
	if a.Day() < j.Day() && a.Day() < lastDayOfMonth(a) {
		months--
	}
	return months + 1
}

func lastDayOfMonth(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MemberSavings is one member's savings as of a date.
type MemberSavings struct {
	Member       accounts.Member
	Currency     ledger.Currency
	AsOf         ledger.Date
	BalanceMinor map[accounts.SavingsType]int64
	Wajib        WajibStatus
}

// WajibStatus compares what a member has paid into wajib with what the
// cooperative's rule asks of her by a date. Arrears are never negative:
// paying ahead is credit, not arrears.
type WajibStatus struct {
	PeriodsDue   int
	DueMinor     int64
	PaidMinor    int64
	ArrearsMinor int64
}

// FindMemberSavings returns a member's savings balances and her wajib
// status as of a date (zero: today). Her cooperative's treasurer, or the
// member herself. Errors: KindNotFound for anyone else.
func (s *Service) FindMemberSavings(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, asOf ledger.Date) (ms MemberSavings, err error) {
	defer ledger.Wrap(&err, "FindMemberSavings(%s, %s)", cooperativeID, memberID)
	read, err := s.core.MemberRead(ctx, a, cooperativeID, memberID)
	if err != nil {
		return MemberSavings{}, err
	}
	coop, m := read.Cooperative(), read.Member()
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	ms = MemberSavings{Member: m, Currency: coop.Currency, AsOf: asOf, BalanceMinor: map[accounts.SavingsType]int64{}}
	for _, t := range accounts.SavingsTypes {
		acct, err := s.ledger.FindAccountByCode(ctx, coop.BookID, accounts.MemberAccountCode(t, m.Number))
		if err != nil {
			return MemberSavings{}, err
		}
		if ms.BalanceMinor[t], err = s.ledger.BalanceAsOf(ctx, acct, asOf); err != nil {
			return MemberSavings{}, err
		}
	}
	ms.Wajib = WajibStatusOf(coop.Savings, m, asOf, ms.BalanceMinor[accounts.Wajib])
	return ms, nil
}

// WajibStatusOf is the pure comparison behind FindMemberSavings and the
// collection sheet. Wajib paid
// is her wajib balance: it only grows until she exits.
func WajibStatusOf(rules accounts.SavingsRules, m accounts.Member, asOf ledger.Date, paidMinor int64) WajibStatus {
	end := asOf
	if m.ExitedOn != nil && m.ExitedOn.Before(end) {
		end = *m.ExitedOn
	}
	w := WajibStatus{PeriodsDue: WajibPeriodsDue(rules.WajibFrequency, m.JoinedOn, end), PaidMinor: paidMinor}
	w.DueMinor = int64(w.PeriodsDue) * rules.WajibMinor
	if w.DueMinor > w.PaidMinor {
		w.ArrearsMinor = w.DueMinor - w.PaidMinor
	}
	return w
}
