// Package meetings serves a group's weekly meeting: the collection sheet
// (what each member owes today: installments, wajib arrears), the recorded
// sheet (every repayment, deposit, attendance and cover, in one
// transaction, once per group and day), and the due list of the next
// meetings. A sheet locks its members' rows first, then posts entry after
// entry; across entries its ledger locks accumulate, so it may deadlock
// with a deposit at the office, which PostgreSQL detects and the bounded
// retry runs again.
package meetings
