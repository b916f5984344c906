// Package ledger is Lumbung's double-entry engine.
//
// Vocabulary:
//
//   - A Book is one cooperative's set of accounts and journal: the tenant
//     boundary. It is kept in one currency.
//   - An Account is a ledger account in a book: a code unique in the book, a
//     Type (asset, liability, equity, income, expense) from which its normal
//     side follows, the book's currency, an optional owner reference (a
//     member's savings, a loan, a partner facility) and an optional floor
//     below which its balance may never go.
//   - An Entry is a journal entry: two or more postings that balance per
//     currency, with a per-book gapless sequence number, a kind, a memo,
//     metadata, an effective date distinct from the time it was recorded,
//     and who recorded it.
//   - A Posting moves an amount, in integer minor units, to the debit or the
//     credit side of one account.
//
// Invariants, each checked in Go before a write, held by the schema where a
// schema can hold it, and verified after by Verify:
//
//   - every account is kept in its book's currency;
//   - every entry balances per currency;
//   - every stored balance equals the sum of its account's postings;
//   - every book's trial balance is zero per currency;
//   - no floor-bound account is below its floor;
//   - sequence numbers in a book run 1..n with no gaps;
//   - entries and postings are never updated or deleted (database triggers);
//     a mistake is corrected by one reversal entry;
//   - nothing is posted on or before the day a book is closed through
//     (ClosePeriodTx; a trigger on postings), and closing only moves forward.
//
// Balances are signed on the account's normal side: a cash account holding
// Rp 100,000 and a savings liability owing Rp 100,000 both show 100000.
package ledger
