// Package reports computes the read-only figures: a member's statement,
// the balance sheet and income statement, the health ratios, a group's
// summary, the partner and platform portfolios with their monthly series,
// and each person's own view (/v1/me). It never writes. Ratios are
// recomputed from summed figures, never averaged; amounts in different
// currencies are never added; balances on a day are the stored balance
// less the postings after it.
package reports
