package books

import (
	"context"
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// The cooperative's books as its treasurer keeps them: the ledger engine,
// reached only after authorizeBooks, with the book taken from the
// cooperative so that no request can name another cooperative's accounts.

// reservedCodePrefixes are the chart codes under which the services open
// accounts of their own: member savings, each loan's principal, penalty and
// interest, each facility's capital, the funds a year end names. A
// treasurer's extra account there could take a code a loan or member will
// need.
var reservedCodePrefixes = []string{
	accounts.CodePokok + ".", accounts.CodeWajib + ".", accounts.CodeSukarela + ".",
	accounts.CodeLoansReceivable + ".", accounts.CodePenaltiesReceivable + ".", accounts.CodeInterestIncome + ".",
	accounts.CodeGrants + ".", accounts.CodePartnerLoans + ".", accounts.CodePartnerEquity + ".",
	accounts.CodeSHUFundsPayable + ".", accounts.CodeSHUFunds + ".",
}

// FindLedgerAccounts lists the cooperative's ledger accounts with their
// balances, as of a date when asOf is not zero. Its treasurer only.
func (s *Service) FindLedgerAccounts(ctx context.Context, a accounts.Actor, cooperativeID string, asOf ledger.Date) (as []ledger.Account, err error) {
	defer ledger.Wrap(&err, "FindLedgerAccounts(%s)", cooperativeID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	coop := books.Cooperative()
	if asOf.IsZero() {
		return s.ledger.FindAccounts(ctx, ledger.AccountFilter{BookID: coop.BookID})
	}
	tb, err := s.ledger.TrialBalance(ctx, coop.BookID, asOf)
	if err != nil {
		return nil, err
	}
	for _, line := range tb.Lines {
		as = append(as, line.Account)
	}
	return as, nil
}

// FindLedgerAccount returns one account by code with its balance, as of a
// date when asOf is not zero. Its treasurer only. Errors: KindNotFound.
func (s *Service) FindLedgerAccount(ctx context.Context, a accounts.Actor, cooperativeID, code string, asOf ledger.Date) (acct ledger.Account, err error) {
	defer ledger.Wrap(&err, "FindLedgerAccount(%s, %q)", cooperativeID, code)
	book, err := s.core.BookRead(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Account{}, err
	}
	acct, err = s.ledger.FindAccountByCode(ctx, book.ID(), code)
	if err != nil || asOf.IsZero() {
		return acct, err
	}
	acct.BalanceMinor, err = s.ledger.BalanceAsOf(ctx, acct, asOf)
	return acct, err
}

// CreateLedgerAccount adds an account to the cooperative's chart, outside
// the reserved codes, in the cooperative's currency. Its treasurer only.
// Errors: KindInvalid (account.currency for another currency: the ledger
// keeps a book in one), KindConflict for a code in use.
func (s *Service) CreateLedgerAccount(ctx context.Context, a accounts.Actor, cooperativeID string, in ledger.AccountInput) (acct ledger.Account, err error) {
	defer ledger.Wrap(&err, "CreateLedgerAccount(%s, %q)", cooperativeID, in.Code)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Account{}, err
	}
	coop := books.Cooperative()
	for _, prefix := range reservedCodePrefixes {
		if strings.HasPrefix(in.Code, prefix) {
			return ledger.Account{}, ledger.InvalidField("account.invalid", "code", "codes under %s are kept for the accounts Lumbung opens itself", prefix)
		}
	}
	in.Owner = nil // owners are set by the services that open owned accounts
	return s.ledger.CreateAccount(ctx, coop.BookID, in)
}

// PostEntry records an entry in the cooperative's book, as recorded by the
// actor. Its treasurer only. Errors: as ledger.Post.
func (s *Service) PostEntry(ctx context.Context, a accounts.Actor, cooperativeID string, in ledger.EntryInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "PostEntry(%s)", cooperativeID)
	book, err := s.core.Book(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	in.RecordedBy = a.UserID
	return s.ledger.Post(ctx, book.ID(), in)
}

// ReverseEntry reverses an entry of the cooperative's book. Its treasurer
// only. A reversal she gives no memo gets one in the cooperative's
// language. Errors: as ledger.Reverse.
func (s *Service) ReverseEntry(ctx context.Context, a accounts.Actor, cooperativeID, entryID string, in ledger.ReversalInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "ReverseEntry(%s, %s)", cooperativeID, entryID)
	books, err := s.core.BooksFor(ctx, a, cooperativeID, accounts.ApproveReversal)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	in.RecordedBy = a.UserID
	if strings.TrimSpace(in.Memo) == "" {
		orig, err := s.ledger.FindEntryByID(ctx, coop.BookID, entryID)
		if err != nil {
			return ledger.Entry{}, err
		}
		in.Memo, in.DefaultMemo = "", coop.Language.ReversalMemo(orig.Sequence)
	}
	return s.ledger.Reverse(ctx, coop.BookID, entryID, in)
}

// FindEntryByID returns an entry of the cooperative's book. Its treasurer only.
func (s *Service) FindEntryByID(ctx context.Context, a accounts.Actor, cooperativeID, entryID string) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "FindEntryByID(%s, %s)", cooperativeID, entryID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	return s.ledger.FindEntryByID(ctx, coop.BookID, entryID)
}

// EntryFilter selects entries of a cooperative's book, newest first.
type EntryFilter struct {
	AccountCode string // only entries touching this account
	Before      int64  // the cursor: entries with a smaller sequence
	Limit       int
}

// FindEntries lists the cooperative's entries. Its treasurer only.
// Errors: KindInvalid for a bad page or an unknown account code.
func (s *Service) FindEntries(ctx context.Context, a accounts.Actor, cooperativeID string, f EntryFilter) (p ledger.EntryPage, err error) {
	defer ledger.Wrap(&err, "FindEntries(%s)", cooperativeID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return ledger.EntryPage{}, err
	}
	coop := books.Cooperative()
	lf := ledger.EntryFilter{BookID: coop.BookID, Before: f.Before, Limit: f.Limit}
	if f.AccountCode != "" {
		acct, err := s.ledger.FindAccountByCode(ctx, coop.BookID, f.AccountCode)
		if ledger.KindOf(err) == ledger.KindNotFound {
			return ledger.EntryPage{}, ledger.InvalidField("entry.filter", "account", "no such account in this cooperative")
		}
		if err != nil {
			return ledger.EntryPage{}, err
		}
		lf.AccountID = acct.ID
	}
	return s.ledger.FindEntries(ctx, lf)
}

// TrialBalance returns the cooperative's trial balance, now or as of a
// date. Its treasurer only.
func (s *Service) TrialBalance(ctx context.Context, a accounts.Actor, cooperativeID string, asOf ledger.Date) (tb ledger.TrialBalance, err error) {
	defer ledger.Wrap(&err, "TrialBalance(%s)", cooperativeID)
	book, err := s.core.BookRead(ctx, a, cooperativeID)
	if err != nil {
		return ledger.TrialBalance{}, err
	}
	return s.ledger.TrialBalance(ctx, book.ID(), asOf)
}
