// Package savings keeps the members' three savings (simpanan): pokok, the
// one-off principal share (equity; never beyond the cooperative's amount,
// which is the ceiling of her pokok account, checked by the ledger under
// the account's row lock), wajib, the mandatory periodic savings (equity;
// arrears counted by the by-laws' frequency from her joining day) and
// sukarela, voluntary savings (a liability, withdrawable, never below zero:
// the account's floor). Pokok and wajib come back only when she leaves
// (lending's Exit settles them against her loans).
//
// Entry kinds: savings.deposit and savings.withdrawal. A deposit or
// withdrawal shares her member row's lock, so that she cannot leave while
// money moves in or out of her accounts.
package savings
