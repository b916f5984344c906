package ledger

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"
)

// Page sizes for entry listings.
const (
	PageSizeDefault = 50
	PageSizeMax     = 200
)

// FindEntryByID returns an entry of a book with its postings and, if it was
// reversed, the reversing entry's ID. Errors: KindNotFound.
func (l *Ledger) FindEntryByID(ctx context.Context, bookID, id string) (e Entry, err error) {
	defer Wrap(&err, "FindEntryByID(%s, %s)", bookID, id)
	return findEntry(ctx, l.db, bookID, id)
}

// findEntry reads an entry of a book through db. Errors: KindNotFound.
func findEntry(ctx context.Context, db bun.IDB, bookID, id string) (Entry, error) {
	if !IsID(bookID) || !IsID(id) {
		return Entry{}, NotFound("entry.not_found", "no such entry")
	}
	var row entryRow
	err := db.NewSelect().Model(&row).Where("book_id = ? AND id = ?", bookID, id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, NotFound("entry.not_found", "no such entry")
	}
	if err != nil {
		return Entry{}, err
	}
	entries, err := loadEntries(ctx, db, []entryRow{row})
	if err != nil {
		return Entry{}, err
	}
	return entries[0], nil
}

// EntryFilter selects a page of a book's entries, newest first.
type EntryFilter struct {
	BookID    string // required
	AccountID string // only entries with a posting on this account
	Before    int64  // cursor: only entries with a smaller sequence; 0 for the newest
	Limit     int    // page size; 0 for PageSizeDefault, at most PageSizeMax
}

// EntryPage is one page of entries. Next is the cursor for the following
// page (pass it as Before), or 0 on the last page.
type EntryPage struct {
	Entries []Entry
	Next    int64
}

// FindEntries lists entries newest first. Errors: KindInvalid for a page
// size beyond PageSizeMax or a negative cursor.
func (l *Ledger) FindEntries(ctx context.Context, f EntryFilter) (p EntryPage, err error) {
	defer Wrap(&err, "FindEntries(%s)", f.BookID)
	if f.Limit == 0 {
		f.Limit = PageSizeDefault
	}
	if f.Limit < 1 || f.Limit > PageSizeMax {
		return EntryPage{}, InvalidField("page.size", "limit", "between 1 and 200")
	}
	if f.Before < 0 {
		return EntryPage{}, InvalidField("page.cursor", "cursor", "not a cursor this listing made")
	}
	if !IsID(f.BookID) || (f.AccountID != "" && !IsID(f.AccountID)) {
		return EntryPage{}, nil
	}
	var rows []entryRow
	q := l.db.NewSelect().Model(&rows).Where("book_id = ?", f.BookID).OrderExpr("sequence DESC").Limit(int64(f.Limit + 1))
	if f.Before > 0 {
		q = q.Where("sequence < ?", f.Before)
	}
	if f.AccountID != "" {
		sub := l.db.NewSelect().Table("postings").Column("entry_id").Where("account_id = ?", f.AccountID)
		if f.Before > 0 {
			sub = sub.Where("sequence < ?", f.Before)
		}
		q = q.Where("id IN (?)", sub)
	}
	if err := q.Scan(ctx); err != nil {
		return EntryPage{}, err
	}
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		p.Next = rows[len(rows)-1].Sequence
	}
	p.Entries, err = loadEntries(ctx, l.db, rows)
	return p, err
}

// loadEntries attaches postings (with account codes) and reversal links to
// entry rows, in two queries whatever the number of rows.
func loadEntries(ctx context.Context, db bun.IDB, rows []entryRow) ([]Entry, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var lines []struct {
		EntryID     string   `bun:"entry_id"`
		Line        int      `bun:"line"`
		AccountID   string   `bun:"account_id"`
		Code        string   `bun:"code"`
		Side        Side     `bun:"side"`
		AmountMinor int64    `bun:"amount_minor"`
		Currency    Currency `bun:"currency"`
	}
	err := db.NewSelect().TableExpr("postings AS p").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("p.entry_id, p.line, p.account_id, a.code, p.side, p.amount_minor, p.currency").
		Where("p.entry_id IN (?)", bun.List(ids)).
		OrderExpr("p.entry_id, p.line").
		Scan(ctx, &lines)
	if err != nil {
		return nil, err
	}
	postings := map[string][]Posting{}
	for _, ln := range lines {
		postings[ln.EntryID] = append(postings[ln.EntryID], Posting{Line: ln.Line, AccountID: ln.AccountID,
			AccountCode: ln.Code, Side: ln.Side, AmountMinor: ln.AmountMinor, Currency: ln.Currency})
	}
	var reversals []entryRow
	if err := db.NewSelect().Model(&reversals).Column("id", "reverses_id").
		Where("reverses_id IN (?)", bun.List(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	reversedBy := map[string]string{}
	for _, r := range reversals {
		reversedBy[*r.ReversesID] = r.ID
	}
	out := make([]Entry, len(rows))
	for i, r := range rows {
		out[i] = r.entry(postings[r.ID])
		out[i].ReversedByID = reversedBy[r.ID]
	}
	return out, nil
}

// BalanceAsOf returns an account's balance, on its normal side, counting the
// postings effective on or before the date. Today's balance is the stored
// one (Account.BalanceMinor); a past one is summed from postings.
func (l *Ledger) BalanceAsOf(ctx context.Context, a Account, asOf Date) (balance int64, err error) {
	defer Wrap(&err, "BalanceAsOf(%s, %s)", a.ID, asOf)
	debits, credits, err := Turnover(ctx, l.db, a, asOf)
	if err != nil {
		return 0, err
	}
	return a.Type.Effect(Debit, debits) + a.Type.Effect(Credit, credits), nil
}

// Turnover returns the totals posted to each side of an account by entries
// effective on or before asOf (all of them when asOf is zero): what a
// facility has received in all, what a member has paid in all. It reads
// through db, so a service inside a transaction passes its transaction.
func Turnover(ctx context.Context, db bun.IDB, a Account, asOf Date) (debitsMinor, creditsMinor int64, err error) {
	defer Wrap(&err, "Turnover(%s, %s)", a.ID, asOf)
	var sums struct {
		Debits  int64 `bun:"debits"`
		Credits int64 `bun:"credits"`
	}
	q := db.NewSelect().Table("postings").
		ColumnExpr("COALESCE(SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE 0 END), 0) AS debits").
		ColumnExpr("COALESCE(SUM(CASE WHEN side = 'credit' THEN amount_minor ELSE 0 END), 0) AS credits").
		Where("account_id = ?", a.ID)
	if !asOf.IsZero() {
		q = q.Where("effective_date <= ?", asOf)
	}
	if err := q.Scan(ctx, &sums); err != nil {
		return 0, 0, err
	}
	return sums.Debits, sums.Credits, nil
}

// CreditsOn returns the totals credited to an account by entries effective
// on or before each of the days, ascending: what a facility had received in
// all by each month end. Its postings up to the last day are read once,
// summed by date.
func CreditsOn(ctx context.Context, db bun.IDB, a Account, days []Date) (creditsMinor []int64, err error) {
	defer Wrap(&err, "CreditsOn(%s, %d days)", a.ID, len(days))
	creditsMinor = make([]int64, len(days))
	if len(days) == 0 {
		return creditsMinor, nil
	}
	var sums []struct {
		On      Date  `bun:"on_day"`
		Credits int64 `bun:"credits"`
	}
	if err := db.NewSelect().Table("postings").
		ColumnExpr("effective_date AS on_day, SUM(amount_minor) AS credits").
		Where("account_id = ? AND side = 'credit' AND effective_date <= ?", a.ID, days[len(days)-1]).
		GroupExpr("effective_date").Scan(ctx, &sums); err != nil {
		return nil, err
	}
	for _, s := range sums {
		for i, day := range days {
			if !s.On.After(day) {
				creditsMinor[i] += s.Credits
			}
		}
	}
	return creditsMinor, nil
}

// TrialBalanceLine is one account's balance shown in the debit or the
// credit column, as a trial balance prints it.
type TrialBalanceLine struct {
	Account     Account
	DebitMinor  int64
	CreditMinor int64
}

// TrialBalance lists every account of a book with its balance in the debit
// or credit column, and the column totals per currency, which are equal in a
// sound book. A zero asOf means now (the stored balances); a date means
// postings effective on or before it.
type TrialBalance struct {
	AsOf    Date
	Lines   []TrialBalanceLine
	Debits  map[string]int64 // per currency code
	Credits map[string]int64
}

// TrialBalance computes a book's trial balance. Errors: KindNotFound.
func (l *Ledger) TrialBalance(ctx context.Context, bookID string, asOf Date) (tb TrialBalance, err error) {
	defer Wrap(&err, "TrialBalance(%s, %s)", bookID, asOf)
	if _, err := l.FindBookByID(ctx, bookID); err != nil {
		return TrialBalance{}, err
	}
	var accounts []Account
	if asOf.IsZero() {
		accounts, err = l.FindAccounts(ctx, AccountFilter{BookID: bookID})
	} else {
		accounts, err = AccountsOn(ctx, l.db, bookID, asOf, Accounts{})
	}
	if err != nil {
		return TrialBalance{}, err
	}
	tb = TrialBalance{AsOf: asOf, Lines: make([]TrialBalanceLine, 0, len(accounts)), Debits: map[string]int64{}, Credits: map[string]int64{}}
	for _, a := range accounts {
		line := TrialBalanceLine{Account: a}
		// A balance on the normal side shows in that side's column; a
		// balance below zero shows in the other.
		debit := a.Type.Effect(Debit, a.BalanceMinor)
		if debit >= 0 {
			line.DebitMinor = debit
		} else {
			line.CreditMinor = -debit
		}
		code := a.Currency.Code()
		tb.Debits[code] += line.DebitMinor
		tb.Credits[code] += line.CreditMinor
		tb.Lines = append(tb.Lines, line)
	}
	return tb, nil
}

// Accounts narrows the accounts a balance report reads: a report that needs
// a few accounts reads only theirs. Each field set must match; the zero
// value matches every account of the book.
type Accounts struct {
	Codes      []string // one of these codes
	OwnerKinds []string // owned by one of these kinds of owner
	OwnerIDs   []string // owned by one of these owners
}

// probeNamesMax is how many codes or owners a filter may name and still
// have each account's later postings probed one by one: past it, one pass
// over the book's later postings costs less.
const probeNamesMax = 50

// wide reports whether the filter spans enough of a book to read it in
// one pass: the whole book, every account of a kind of owner (every
// member's, say), or more codes or owners than probeNamesMax.
func (f Accounts) wide() bool {
	return (f.Codes == nil || len(f.Codes) > probeNamesMax) && (f.OwnerIDs == nil || len(f.OwnerIDs) > probeNamesMax)
}

// where adds the narrowing to a query of accounts aliased a.
func (f Accounts) where(q *bun.SelectQuery) *bun.SelectQuery {
	if f.Codes != nil {
		q = q.Where("a.code IN (?)", bun.List(f.Codes))
	}
	if f.OwnerKinds != nil {
		q = q.Where("a.owner_kind IN (?)", bun.List(f.OwnerKinds))
	}
	if f.OwnerIDs != nil {
		q = q.Where("a.owner_id IN (?)", bun.List(f.OwnerIDs))
	}
	return q
}

// AccountsOn lists a book's accounts ordered by code with their balances
// at the end of a day, read through db: a service inside a transaction
// passes it, and reads what its own transaction sees. Only the accounts
// the filter matches are read. Errors: as FindAccounts.
//
// A balance on a day is the stored balance less what was posted after the
// day. The stored balance is the sum of every posting (Verify checks it), so
// this equals the sum of the postings up to the day, but it reads only the
// postings after it: for much of the book in one pass over them (see
// Accounts.wide), for a few accounts one probe of postings_account_date_idx
// each. For a report on
// today there are none, where summing a book's postings from the start
// reads them all. One statement reads both, from one snapshot.
func AccountsOn(ctx context.Context, db bun.IDB, bookID string, on Date, filter Accounts) (as []Account, err error) {
	defer Wrap(&err, "AccountsOn(%s, %s)", bookID, on)
	if !IsID(bookID) {
		return nil, nil
	}
	var rows []struct {
		accountRow `bun:",extend"`
		LaterMinor int64 `bun:"later_minor"` // debits minus credits after the day
	}
	q := db.NewSelect().Model(&rows).ModelTableExpr("ledger_accounts AS a").ColumnExpr("a.*")
	if filter.wide() {
		// Much of the book: one pass over the book's postings after the day
		// (postings_book_date_idx), summed per account, instead of one
		// probe per account, which on a book of thousands of accounts costs
		// far more than the few days of postings a past-day report needs.
		q = q.ColumnExpr("COALESCE(later.net_minor, 0) AS later_minor").
			Join("LEFT JOIN (SELECT p.account_id, SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END) AS net_minor"+
				" FROM postings AS p WHERE p.book_id = ? AND p.effective_date > ? GROUP BY p.account_id) AS later ON later.account_id = a.id", bookID, on)
	} else {
		q = q.ColumnExpr("(SELECT COALESCE(SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE -p.amount_minor END), 0)"+
			" FROM postings AS p WHERE p.account_id = a.id AND p.effective_date > ?) AS later_minor", on)
	}
	q = q.Where("a.book_id = ?", bookID).OrderExpr("a.code").Limit(int64(accountsMax + 1))
	if err := filter.where(q).Scan(ctx); err != nil {
		return nil, err
	}
	if len(rows) > accountsMax {
		return nil, Invalid("account.too_many", "more accounts match than one listing returns; narrow the filter")
	}
	as = make([]Account, len(rows))
	for i, r := range rows {
		as[i] = r.account()
		as[i].BalanceMinor -= r.Type.Effect(Debit, r.LaterMinor)
	}
	return as, nil
}

// FindEntryByKey returns the entry recorded under an idempotency key in a
// book, if any, read through db (a transaction passes itself).
func FindEntryByKey(ctx context.Context, db bun.IDB, bookID, key string) (e Entry, found bool, err error) {
	defer Wrap(&err, "FindEntryByKey(%s)", bookID)
	if !IsID(bookID) || key == "" {
		return Entry{}, false, nil
	}
	row, found, err := findEntryByKey(ctx, db, bookID, key)
	if err != nil || !found {
		return Entry{}, false, err
	}
	entries, err := loadEntries(ctx, db, []entryRow{row})
	if err != nil {
		return Entry{}, false, err
	}
	return entries[0], true, nil
}
