// Package books is the treasurer's own bookkeeping over the ledger: the
// cooperative's ledger accounts (an extra account never takes a code
// prefix the services reserve), entries of her own and their reversals,
// expenses and other income by category, the trial balance, and the
// journal export for hledger or ledger-cli. Every money rule here belongs
// to the ledger.
package books
