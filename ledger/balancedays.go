package ledger

import (
	"context"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// balanceDaysMax bounds the days one AccountsOnDays reads: each is a branch
// of the statement's CASE. Five years of month ends fit.
const balanceDaysMax = 100

// AccountsOnDays lists the accounts AccountsOn lists, with their balances
// at the end of each of the days: out[i] holds them on days[i]. The days
// ascend strictly. Errors: as AccountsOn; KindInvalid for no days, days out
// of order or more than balanceDaysMax.
//
// It reads the balances on the last day as AccountsOn does, then the
// postings between the first day and the last once, summed by account and
// by the stretch between two days they fall in: a year of month ends reads
// the year's postings once, where AccountsOn on each month end would read
// the postings after each, again and again.
func AccountsOnDays(ctx context.Context, db bun.IDB, bookID string, days []Date, filter Accounts) (out [][]Account, err error) {
	defer Wrap(&err, "AccountsOnDays(%s, %d days)", bookID, len(days))
	if len(days) == 0 || len(days) > balanceDaysMax {
		return nil, InvalidField("ledger.days", "days", "between 1 and %d days", balanceDaysMax)
	}
	for i := 1; i < len(days); i++ {
		if !days[i-1].Before(days[i]) {
			return nil, Invalid("ledger.days", "days in ascending order, each once")
		}
	}
	n := len(days)
	last, err := AccountsOn(ctx, db, bookID, days[n-1], filter)
	if err != nil {
		return nil, err
	}
	out = make([][]Account, n)
	out[n-1] = last
	if n == 1 || len(last) == 0 {
		for i := range n - 1 {
			out[i] = []Account{}
		}
		return out, nil
	}
	net, err := netByStretch(ctx, db, last, days)
	if err != nil {
		return nil, err
	}
	// Going back a day at a time, take off what was posted after it.
	later := make([]int64, len(last)) // debits less credits after the day
	for i := n - 2; i >= 0; i-- {
		out[i] = make([]Account, len(last))
		for j, a := range last {
			if stretches := net[a.ID]; stretches != nil {
				later[j] += stretches[i+1]
			}
			a.BalanceMinor -= a.Type.Effect(Debit, later[j])
			out[i][j] = a
		}
	}
	return out, nil
}

// stretchAccountsMax bounds the accounts one read of netByStretch names,
// so that a statement stays a few tens of kilobytes.
const stretchAccountsMax = 1000

// netByStretch sums the debits less credits of the accounts by stretch:
// stretch k (1 to len(days)-1) holds the postings effective after
// days[k-1] up to days[k]. The accounts are named by ID rather than joined,
// so that the planner probes postings_account_date_idx for each instead of
// reading every book's postings.
func netByStretch(ctx context.Context, db bun.IDB, accts []Account, days []Date) (map[string][]int64, error) {
	var stretch strings.Builder
	args := make([]any, 0, len(days)-1)
	stretch.WriteString("CASE")
	for k := 1; k < len(days); k++ {
		stretch.WriteString(" WHEN effective_date <= ? THEN " + strconv.Itoa(k))
		args = append(args, days[k])
	}
	stretch.WriteString(" END AS stretch")
	net := map[string][]int64{}
	for start := 0; start < len(accts); start += stretchAccountsMax {
		batch := accts[start:min(start+stretchAccountsMax, len(accts))]
		ids := make([]string, len(batch))
		for i, a := range batch {
			ids[i] = a.ID
		}
		var sums []struct {
			AccountID string `bun:"account_id"`
			Stretch   int    `bun:"stretch"`
			NetMinor  int64  `bun:"net_minor"`
		}
		err := db.NewSelect().Table("postings").
			Column("account_id").
			ColumnExpr(stretch.String(), args...).
			ColumnExpr("SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END) AS net_minor").
			Where("account_id IN (?) AND effective_date > ? AND effective_date <= ?", bun.List(ids), days[0], days[len(days)-1]).
			GroupExpr("account_id, stretch").
			Scan(ctx, &sums)
		if err != nil {
			return nil, err
		}
		for _, s := range sums {
			if net[s.AccountID] == nil {
				net[s.AccountID] = make([]int64, len(days))
			}
			net[s.AccountID][s.Stretch] += s.NetMinor
		}
	}
	return net, nil
}
