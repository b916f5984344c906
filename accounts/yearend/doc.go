// Package yearend closes a cooperative's year: income and expenses close
// into SHU on December 31 (accounts.KindYearClose), the SHU is divided by
// the by-laws' percentages (package shu) and credited to each member's
// sukarela (shu.distribution), and the journal is closed through December
// 31. It takes the book's lock first, so the balances it reads are the ones
// it closes; a loss stays in SHU; members who have left get nothing; a
// retry with the same key answers the year end already recorded. Errors
// carry year_end.* codes. Members read their SHU slips.
package yearend
