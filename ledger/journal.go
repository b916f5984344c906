package ledger

// The plain-text accounting export: a book written as a journal that
// hledger and ledger-cli read, so that a cooperative's accountant or auditor
// can check Lumbung's books with tools that share nothing with it.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
)

// journalPageSize is how many entries the export reads per query: with at
// most postingsMax postings each, one page holds at most 50,000 postings,
// whatever the size of the book.
const journalPageSize = 500

// Journal layout: account names are padded to a common column (up to
// journalNameColumnMax characters, past which a long name just takes two
// spaces) and amounts are right-aligned in journalAmountColumn characters,
// so that decimal points line up as in hledger's own print.
const (
	journalNameColumnMax = 60
	journalAmountColumn  = 16
)

// journalTypes names each account type as hledger's top-level accounts do
// (hledger calls income "revenues") with the type tag hledger reads from an
// account directive: A, L, E, R, X.
var journalTypes = map[Type]struct{ root, tag string }{
	Asset:     {"assets", "A"},
	Liability: {"liabilities", "L"},
	Equity:    {"equity", "E"},
	Income:    {"revenues", "R"},
	Expense:   {"expenses", "X"},
}

// WriteJournal writes every entry of a book, in sequence order, as a
// plain-text journal that hledger (1.25 and later) and ledger-cli (3.x) read:
//
//	; Koperasi Wanita Lumbung Sejahtera — exported by Lumbung
//	; book 0193..., 4210 entries
//
//	commodity IDR 1000.
//
//	account assets:1100 Cash (kas)
//	    ; type:A
//
//	2026-01-05 (#12) savings.deposit | Collection sheet 2026-01-05
//	    ; entry:0193..., recorded_by:0192...
//	    assets:1100 Cash (kas)                          IDR 52500
//	    equity:3200.0001 Simpanan wajib Siti            IDR -2000
//
// The choices, each made so that the file parses the same in both tools:
//
//   - An account is named <type>:<code> <name>, the type in hledger's
//     English top-level names (assets, liabilities, equity, revenues,
//     expenses). The name is cleaned: every run of whitespace or control
//     characters (tabs, newlines, two spaces, which would end a name) becomes
//     one space, and ':' (which separates levels) becomes '-'. The code is
//     unique in the book and contains neither, so two accounts never share
//     a journal name.
//   - Each account is declared first by an account directive with its type
//     tag on the indented line below, where ledger-cli ignores it (on the
//     directive's own line ledger-cli would take the comment into the name).
//   - Each currency the book's accounts hold is declared by a commodity
//     directive whose sample amount has exactly the currency's fraction
//     digits. hledger requires a decimal mark there even for a currency
//     without fraction digits, hence "IDR 1000." with its trailing point.
//   - Amounts are the ISO code, one space, then the signed amount with
//     exactly the currency's fraction digits (FormatMinor): debits positive,
//     credits negative, "IDR 52500", "KES -1250.50".
//   - A transaction is dated by the entry's effective date; its code is the
//     entry's number (#12), its description the kind and the memo on one
//     line with ';' (where hledger starts a comment) turned into ','.
//   - The entry's ID and who recorded it are hledger tags on a comment line;
//     a reversal carries reverses:#N, the number of the entry it undoes. Tag
//     values end at a comma, so commas in them become spaces.
//
// The export is a consistent cut: it covers the entries up to the book's
// last number when it starts, and entries posted meanwhile are left for
// the next export. It reads a page of entries at a time, so memory stays
// bounded on a book of any length. Output is buffered and flushed before
// WriteJournal returns.
//
// Errors: KindNotFound for an unknown book; KindInvalid when the book holds
// more accounts than one listing returns (accountsMax); a failed write to w
// or a failed query is returned as it came, wrapped with context.
func WriteJournal(ctx context.Context, db bun.IDB, bookID string, w io.Writer) (err error) {
	defer Wrap(&err, "WriteJournal(%s)", bookID)
	// The last number is read before the accounts: every entry up to it is
	// committed, so every account it posts to is already there to be read.
	book, err := findBookRow(ctx, db, bookID)
	if err != nil {
		return err
	}
	accounts, err := journalAccounts(ctx, db, bookID)
	if err != nil {
		return err
	}
	jw := newJournalWriter(w, accounts)
	jw.header(book)
	for after := int64(0); after < book.LastSequence && jw.err == nil; {
		entries, err := journalPage(ctx, db, bookID, after, book.LastSequence)
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			return fmt.Errorf("no entries after #%d though the book counts %d", after, book.LastSequence)
		}
		for _, e := range entries {
			if err := jw.entry(e); err != nil {
				return err
			}
		}
		after = entries[len(entries)-1].Sequence
	}
	return jw.flush()
}

// journalAccount is an account as the journal names it.
type journalAccount struct {
	id       string
	name     string
	tag      string
	currency Currency
}

// journalAccounts reads a book's accounts, ordered by code, with their
// journal names. A book holds at most accountsMax of them.
func journalAccounts(ctx context.Context, db bun.IDB, bookID string) ([]journalAccount, error) {
	var rows []accountRow
	err := db.NewSelect().Model(&rows).Column("id", "code", "name", "type", "currency").
		Where("book_id = ?", bookID).OrderExpr("code").Limit(accountsMax + 1).Scan(ctx)
	if err != nil {
		return nil, err
	}
	if len(rows) > accountsMax {
		return nil, Invalid("account.too_many", "the book holds more accounts than an export lists")
	}
	out := make([]journalAccount, 0, len(rows))
	for _, r := range rows {
		t, ok := journalTypes[r.Type]
		if !ok {
			return nil, fmt.Errorf("account %s has type %q, which the schema refuses", r.Code, r.Type)
		}
		name := t.root + ":" + r.Code
		if clean := strings.ReplaceAll(singleLine(r.Name), ":", "-"); clean != "" {
			name += " " + clean
		}
		out = append(out, journalAccount{id: r.ID, name: name, tag: t.tag, currency: r.Currency})
	}
	return out, nil
}

// journalEntry is an entry with what the journal shows of it.
type journalEntry struct {
	ID               string           `bun:"id"`
	Sequence         int64            `bun:"sequence"`
	Kind             string           `bun:"kind"`
	Memo             string           `bun:"memo"`
	EffectiveDate    Date             `bun:"effective_date"`
	RecordedBy       string           `bun:"recorded_by"`
	ReversesSequence *int64           `bun:"reverses_sequence"`
	Postings         []journalPosting `bun:"-"`
}

type journalPosting struct {
	EntryID     string   `bun:"entry_id"`
	AccountID   string   `bun:"account_id"`
	Side        Side     `bun:"side"`
	AmountMinor int64    `bun:"amount_minor"`
	Currency    Currency `bun:"currency"`
}

// journalPage reads the next page of a book's entries after the number
// after and up to last, with their postings in line order.
func journalPage(ctx context.Context, db bun.IDB, bookID string, after, last int64) ([]journalEntry, error) {
	var entries []journalEntry
	err := db.NewSelect().TableExpr("entries AS e").
		Join("LEFT JOIN entries AS r ON r.id = e.reverses_id").
		ColumnExpr("e.id, e.sequence, e.kind, e.memo, e.effective_date, e.recorded_by, r.sequence AS reverses_sequence").
		Where("e.book_id = ? AND e.sequence > ? AND e.sequence <= ?", bookID, after, last).
		OrderExpr("e.sequence").Limit(journalPageSize).
		Scan(ctx, &entries)
	if err != nil || len(entries) == 0 {
		return nil, err
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	var postings []journalPosting
	err = db.NewSelect().Table("postings").
		Column("entry_id", "account_id", "side", "amount_minor", "currency").
		Where("entry_id IN (?)", bun.List(ids)).
		OrderExpr("sequence, line").
		Scan(ctx, &postings)
	if err != nil {
		return nil, err
	}
	byEntry := make(map[string][]journalPosting, len(entries))
	for _, p := range postings {
		byEntry[p.EntryID] = append(byEntry[p.EntryID], p)
	}
	for i := range entries {
		entries[i].Postings = byEntry[entries[i].ID]
	}
	return entries, nil
}

// journalWriter writes the journal's text, keeping the first write error
// so that the text can be written without checking every line.
type journalWriter struct {
	w         *bufio.Writer
	err       error
	accounts  []journalAccount          // ordered by code
	byID      map[string]journalAccount // the same, by account ID
	nameWidth int
}

func newJournalWriter(w io.Writer, accounts []journalAccount) *journalWriter {
	jw := &journalWriter{w: bufio.NewWriter(w), accounts: accounts, byID: make(map[string]journalAccount, len(accounts))}
	for _, a := range accounts {
		jw.byID[a.id] = a
		jw.nameWidth = max(jw.nameWidth, min(utf8.RuneCountInString(a.name), journalNameColumnMax))
	}
	return jw
}

func (jw *journalWriter) printf(format string, args ...any) {
	if jw.err == nil {
		_, jw.err = fmt.Fprintf(jw.w, format, args...)
	}
}

// header writes the title, the commodity declarations sorted by code and
// the account declarations in chart order, so that the same book always
// exports the same text.
func (jw *journalWriter) header(book bookRow) {
	jw.printf("; %s — exported by Lumbung\n", singleLine(book.Name))
	jw.printf("; book %s, %d entries\n\n", book.ID, book.LastSequence)
	scales := map[string]int32{}
	for _, a := range jw.accounts {
		scales[a.currency.Code()] = a.currency.Scale()
	}
	codes := make([]string, 0, len(scales))
	for code := range scales {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		// The sample amount's only job is to show the decimal mark and the
		// number of fraction digits: "1000." for none, "1000.00" for two.
		jw.printf("commodity %s 1000.%s\n", code, strings.Repeat("0", int(scales[code])))
	}
	jw.printf("\n")
	for _, a := range jw.accounts {
		jw.printf("account %s\n    ; type:%s\n", a.name, a.tag)
	}
}

// entry writes one entry as a transaction. A posting on an account the book
// does not hold, or in another currency than its account's, is a broken
// invariant: the export stops rather than write a journal that misstates
// the book.
func (jw *journalWriter) entry(e journalEntry) error {
	description := singleLine(e.Kind)
	if memo := singleLine(e.Memo); memo != "" {
		description += " | " + memo
	}
	description = strings.ReplaceAll(description, ";", ",")
	jw.printf("\n%s (#%d) %s\n", e.EffectiveDate, e.Sequence, description)
	jw.printf("    ; entry:%s, recorded_by:%s\n", e.ID, tagValue(e.RecordedBy))
	if e.ReversesSequence != nil {
		jw.printf("    ; reverses:#%d\n", *e.ReversesSequence)
	}
	for _, p := range e.Postings {
		a, ok := jw.byID[p.AccountID]
		if !ok || a.currency != p.Currency {
			return fmt.Errorf("entry #%d posts %s to account %s, which the book does not hold in that currency",
				e.Sequence, p.Currency, p.AccountID)
		}
		amount := p.AmountMinor
		if p.Side == Credit {
			amount = -amount
		}
		jw.printf("    %-*s  %*s\n", jw.nameWidth, a.name, journalAmountColumn,
			a.currency.Code()+" "+FormatMinor(amount, a.currency))
	}
	return nil
}

func (jw *journalWriter) flush() error {
	if jw.err == nil {
		jw.err = jw.w.Flush()
	}
	return jw.err
}

// singleLine turns every run of whitespace and control characters (tabs,
// newlines, no-break spaces, which hledger also counts as spaces) into a
// single space and trims the ends: journal text that stays on its line and
// never holds the two spaces that end an account name.
func singleLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tagValue is s as an hledger tag value, which ends at a comma.
func tagValue(s string) string {
	return singleLine(strings.ReplaceAll(s, ",", " "))
}
