package accounts

import "github.com/lumbung/lumbung/ledger"

// InBookCurrency returns the accounts kept in the book's currency, leaving
// out any other. Every figure the reports sum from a book's accounts is a
// figure in its currency, and another currency's minor units added in at
// face value would be wrong: Lumbung keeps no exchange rates.
//
// The ledger opens no account in another currency than its book's, so one
// found here was written behind its back, and `lumbung verify` names it
// (account_currency). The reports leave it out rather than refuse: entries
// balance per currency, so the accounts in the book's currency still
// balance among themselves and the cooperative's figures stay whole, and
// one stray row does not stop every report of the cooperative (a partner's
// portfolio across many cooperatives among them). The year end refuses
// instead (year_end.currency): closing without the account would leave its
// income or expense behind.
func InBookCurrency(accts []ledger.Account, cur ledger.Currency) []ledger.Account {
	out := make([]ledger.Account, 0, len(accts))
	for _, a := range accts {
		if a.Currency.Code() == cur.Code() {
			out = append(out, a)
		}
	}
	return out
}
