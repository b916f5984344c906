// Package meetings serves a group's weekly meeting: the collection sheet
// (what each member owes today: installments, wajib arrears), the recorded
// sheet (every repayment, deposit, attendance and cover, in one
// transaction, once per group and day), and the due list of the next
// meetings. A sheet locks its members' rows first, then posts entry after
// entry; across entries its ledger locks accumulate, so it may deadlock
// with a deposit at the office, which PostgreSQL detects and the bounded
// retry runs again.
//
// A cover (a member paying for a co-member under tanggung renteng) is a
// debt, booked with the cover (cover.debt: 1350 against 2350, owed to the
// co-member, or 2360, owed to the group's fund, as the cooperative's
// cover_debt_to says) and settled oldest first when the covered member
// repays (cover.repaid), her covers' rows locked. Checks confirms after
// the fact that what the covers still owe is what the accounts hold.
package meetings
