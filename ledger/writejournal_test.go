package ledger_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// untidyChart makes a book in Kenyan shillings, a currency with cents, whose
// account names need cleaning before a journal can hold them.
func untidyChart(t *testing.T, l *ledger.Ledger) ledger.Book {
	t.Helper()
	b := lt.MustBook(t, l, "KES")
	for _, in := range []ledger.AccountInput{
		{Code: "1100", Name: "Cash (kas)", Type: ledger.Asset},
		{Code: "1150", Name: "Cash: Nairobi  office", Type: ledger.Asset},
		{Code: "2130", Name: "Sukarela\tsavings", Type: ledger.Liability},
		{Code: "2150", Name: "Savings (group fund)", Type: ledger.Liability},
		{Code: "4100", Name: "Interest income", Type: ledger.Income},
		{Code: "5100", Name: "Expenses", Type: ledger.Expense},
	} {
		lt.MustAccount(t, l, b.ID, in)
	}
	return b
}

func writeJournal(t *testing.T, db bun.IDB, bookID string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := ledger.WriteJournal(context.Background(), db, bookID, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// wantJournal is the export of the book TestWriteJournal's golden subtest
// makes; the placeholders are the book's name and ID and the entries' IDs.
const wantJournal = `; %s — exported by Lumbung
; book %s, 3 entries

commodity KES 1000.00

account assets:1100 Cash (kas)
    ; type:A
account assets:1150 Cash- Nairobi office
    ; type:A
account liabilities:2130 Sukarela savings
    ; type:L
account liabilities:2150 Savings (group fund)
    ; type:L
account revenues:4100 Interest income
    ; type:R
account expenses:5100 Expenses
    ; type:X

2024-11-20 (#1) savings.deposit | Collection sheet 2024-11-20
    ; entry:%s, recorded_by:ledgertest
    assets:1100 Cash (kas)                       KES 525.00
    liabilities:2130 Sukarela savings           KES -525.00
    assets:1150 Cash- Nairobi office            KES 1250.50
    liabilities:2150 Savings (group fund)      KES -1250.50

2024-11-21 (#2) expense.paid | Lamp oil, receipt #7
    ; entry:%s, recorded_by:Siti treasurer
    expenses:5100 Expenses                        KES 15.00
    assets:1100 Cash (kas)                       KES -15.00

2024-11-22 (#3) expense.paid | Reversal of entry #2
    ; entry:%s, recorded_by:ledgertest
    ; reverses:#2
    expenses:5100 Expenses                       KES -15.00
    assets:1100 Cash (kas)                        KES 15.00
`

func TestWriteJournal(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		l := ledger.New(db)

		t.Run("WritesEntriesWithCleanNamesAndMarkedReversals", func(t *testing.T) {
			b := untidyChart(t, l)
			e1, err := l.Post(ctx, b.ID, ledger.EntryInput{
				Kind: "savings.deposit", Memo: "Collection sheet 2024-11-20", RecordedBy: "ledgertest",
				EffectiveDate: ledger.NewDate(2024, time.November, 20),
				Postings: []ledger.PostingInput{
					{Account: "1100", Side: ledger.Debit, Amount: amount("525")},
					{Account: "2130", Side: ledger.Credit, Amount: amount("525")},
					{Account: "1150", Side: ledger.Debit, Amount: amount("1250.50")},
					{Account: "2150", Side: ledger.Credit, Amount: amount("1250.50")},
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			e2, err := l.Post(ctx, b.ID, ledger.EntryInput{
				Kind: "expense.paid", Memo: "Lamp oil; receipt\n#7", RecordedBy: "Siti, treasurer",
				EffectiveDate: ledger.NewDate(2024, time.November, 21),
				Postings: []ledger.PostingInput{
					{Account: "5100", Side: ledger.Debit, Amount: amount("15")},
					{Account: "1100", Side: ledger.Credit, Amount: amount("15")},
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			e3, err := l.Reverse(ctx, b.ID, e2.ID, ledger.ReversalInput{
				RecordedBy: "ledgertest", EffectiveDate: ledger.NewDate(2024, time.November, 22)})
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf(wantJournal, b.Name, b.ID, e1.ID, e2.ID, e3.ID)
			if diff := cmp.Diff(want, writeJournal(t, db, b.ID)); diff != "" {
				t.Errorf("journal (-want +got):\n%s", diff)
			}
		})

		t.Run("EmptyBookDeclaresItsAccounts", func(t *testing.T) {
			b := chart(t, l)
			got := writeJournal(t, db, b.ID)
			for _, want := range []string{", 0 entries\n", "\ncommodity IDR 1000.\n", "\naccount liabilities:2130 Sukarela savings\n    ; type:L\n"} {
				if !strings.Contains(got, want) {
					t.Errorf("journal of an empty book lacks %q:\n%s", want, got)
				}
			}
			if strings.Contains(got, "(#") {
				t.Errorf("journal of an empty book holds a transaction:\n%s", got)
			}
		})

		t.Run("PagesThroughLongBooksInOrder", func(t *testing.T) {
			b := chart(t, l)
			const entries = 501 // one more than a page
			for i := range entries {
				lt.MustPost(t, l, b.ID, "1100", "2130", strconv.Itoa(i+1))
			}
			got := writeJournal(t, db, b.ID)
			numbers := regexp.MustCompile(`(?m)^\d{4}-\d{2}-\d{2} \(#(\d+)\) `).FindAllStringSubmatch(got, -1)
			if len(numbers) != entries {
				t.Fatalf("journal holds %d transactions, want %d", len(numbers), entries)
			}
			for i, m := range numbers {
				if m[1] != strconv.Itoa(i+1) {
					t.Fatalf("transaction %d is #%s, want #%d", i+1, m[1], i+1)
				}
			}
			if want := "IDR -501\n"; !strings.HasSuffix(got, want) {
				t.Errorf("journal ends %q, want the last entry's credit %q", got[len(got)-40:], want)
			}
		})

		t.Run("UnknownBookIsNotFound", func(t *testing.T) {
			var buf bytes.Buffer
			err := ledger.WriteJournal(ctx, db, "0190a5f2-0000-7000-8000-000000000000", &buf)
			wantKind(t, err, ledger.KindNotFound, "book.not_found")
			if buf.Len() != 0 {
				t.Errorf("wrote %q for an unknown book", buf.String())
			}
		})
	})
}
