// Package lending makes and keeps the loans: loan products, applications,
// the decision by a second treasurer (no one lends on her own say alone),
// disbursement, repayments, penalties, write-offs, a member's exit, and the
// portfolio with its arrears ageing.
//
// A loan moves applied → approved | rejected → disbursed → closed |
// written_off. A disbursement lends at most what its facility has received
// less what the facility's loans still owe, checked under the facility's
// row lock (Checks confirms it after). Repayments are allocated penalties,
// then per installment interest before principal, oldest first; a penalty
// is charged once per installment paid late. A member's exit settles her
// loans from her savings in one entry, holding her member row alone.
//
// A group loan under joint liability (tanggung renteng) names each
// member's share of its principal; her own schedule is the group's split
// by loans.ShareSchedules, and every repayment of it records the share it
// is credited to and who paid (loan_share_payments), checked under the
// loan's lock. A portfolio's arrears and PAR are the lender's, after
// covers; ArrearsBeforeCoverMinor adds the covers not yet repaid.
//
// Lock order: member row (exit), loan row, facility row, then the ledger.
// Entry kinds: loan.disbursement, loan.repayment, loan.penalty,
// loan.write_off, member.exit.
package lending
