// Package loans lays out the repayment schedule of a loan to a member
// (pinjaman anggota): pure rules over plain values, with no database.
//
// Vocabulary:
//
//   - Terms: what the treasurer and the member agreed: principal (pokok),
//     annual rate, number of installments (angsuran), frequency, method,
//     grace periods (masa tenggang), the multiple installments are rounded
//     to, and the disbursement date.
//   - Method: flat (bunga flat: interest on the original principal for the
//     whole term, spread evenly), declining (bunga anuitas: equal
//     installments, interest on the outstanding balance) or equal_principal
//     (bunga efektif: equal principal, interest on the outstanding balance,
//     so installments fall).
//   - Installment k is due k periods after disbursement; a grace installment
//     pays interest only.
//   - Schedule: the installments, their totals and, for flat loans, the
//     effective annual rate a member really pays.
//
// Rules:
//
//   - Amounts are integer minor units of the loan's currency. Interest is
//     rounded half-to-even to the currency's minor unit, once per
//     installment; an installment total is rounded half-to-even to the
//     installment multiple and principal, never interest, takes up the
//     difference (rounding.go, schedule.go say where and why).
//   - The last installment absorbs every remainder: principal sums to the
//     loan's principal exactly, the balance after the last installment is
//     zero, and a flat loan's interest sums to its total interest exactly.
//     Build checks these sums on every schedule; a schedule that breaks them
//     is a bug and is never returned.
//   - Every limit is a named constant (terms.go).
package loans
