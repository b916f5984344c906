package lending

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// A group loan under joint liability (tanggung renteng) names each
// member's share of its principal when it is applied for; her own
// schedule is the group's split by loans.ShareSchedules. Every repayment
// of it names the share it pays and who paid: the member herself, or a
// co-member who covered her.

// ShareInput is one member's share in an application: a decimal string.
type ShareInput struct {
	MemberID  string
	Principal string
}

// sharesMax bounds one loan's shares: a group is ten to thirty women, a
// federation's large group at most a hundred (as a meeting's sheet).
const sharesMax = 100

// ShareView is a member's share of a group loan on a day: her schedule and
// what was paid toward it, by her and by co-members who covered her.
type ShareView struct {
	loans.ShareSchedule
	Name         string
	Number       int   // her member number
	PaidMinor    int64 // every repayment credited to her share by the day
	CoveredMinor int64 // of which co-members paid for her
	DueMinor     int64 // her installments fallen due by the day, principal and interest
	ArrearsMinor int64 // what of them is unpaid: due less paid, never below zero
}

type shareRow struct {
	bun.BaseModel `bun:"table:loan_shares"`

	LoanID         string `bun:"loan_id,pk"`
	MemberID       string `bun:"member_id,pk"`
	PrincipalMinor int64  `bun:"principal_minor"`
}

// shareFields checks an application's shares against its borrower: a
// group loan names one share for each member who borrows, each an active
// member of the group, summing to the principal; a member's loan names
// none. The rows are returned for ApplyLoan to insert with the loan.
func (s *Service) shareFields(ctx context.Context, books accounts.Books, in LoanApplication, row loanRow) ([]shareRow, []ledger.FieldError, error) {
	var fields []ledger.FieldError
	add := func(field, reason string, args ...any) {
		fields = append(fields, ledger.FieldError{Field: field, Reason: reason, Args: args})
	}
	if in.GroupID == "" {
		if len(in.Shares) > 0 {
			add("shares", "only a group loan has shares")
		}
		return nil, fields, nil
	}
	if len(in.Shares) == 0 || len(in.Shares) > sharesMax {
		add("shares", "a group loan names each member's share of the principal, 1 to %d shares", sharesMax)
		return nil, fields, nil
	}
	rows := make([]shareRow, 0, len(in.Shares))
	seen := map[string]bool{}
	var sum int64
	for i, sh := range in.Shares {
		field := fmt.Sprintf("shares[%d]", i)
		m, err := books.Member(ctx, s.db, sh.MemberID, accounts.MemberUnlocked)
		switch {
		case ledger.KindOf(err) == ledger.KindNotFound || (err == nil && (m.GroupID != in.GroupID || m.ExitedOn != nil)):
			add(field+".member_id", "no active member of the group")
		case err != nil:
			return nil, nil, err
		case seen[m.ID]:
			add(field+".member_id", "the member has one share")
		}
		seen[sh.MemberID] = true
		amount, err := ledger.ParsePositiveMinor(field+".principal", sh.Principal, row.Currency)
		if err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
		sum += amount
		rows = append(rows, shareRow{MemberID: sh.MemberID, PrincipalMinor: amount})
	}
	if len(fields) == 0 && row.PrincipalMinor > 0 && sum != row.PrincipalMinor {
		add("shares", "the shares sum to %s, the principal is %s", ledger.FormatMinor(sum, row.Currency), ledger.FormatMinor(row.PrincipalMinor, row.Currency))
	}
	return rows, fields, nil
}

// checkShareSplit refuses shares the schedule cannot be split over (a
// share of a few rupiah against many installments), on the schedule the
// terms give today: a schedule's amounts do not depend on its dates.
func checkShareSplit(row loanRow, shares []shareRow, terms loans.Terms) []ledger.FieldError {
	sch, err := loans.Build(terms)
	if err != nil {
		return nil // the terms' own errors are reported by Validate
	}
	_, err = loans.ShareSchedules(sch.Installments, row.PrincipalMinor, toShares(shares))
	if err != nil {
		return ledger.AsError(err).Fields
	}
	return nil
}

func toShares(rows []shareRow) []loans.Share {
	out := make([]loans.Share, len(rows))
	for i, r := range rows {
		out[i] = loans.Share{MemberID: r.MemberID, PrincipalMinor: r.PrincipalMinor}
	}
	return out
}

// shareHolder is a share as the views read it, with its member.
type shareHolder struct {
	LoanID         string `bun:"loan_id"`
	MemberID       string `bun:"member_id"`
	Name           string `bun:"name"`
	Number         int    `bun:"number"`
	PrincipalMinor int64  `bun:"principal_minor"`
}

// sharesOf reads the shares of the loans, each loan's by member number.
func sharesOf(ctx context.Context, db bun.IDB, loanIDs []string) (map[string][]shareHolder, error) {
	out := map[string][]shareHolder{}
	if len(loanIDs) == 0 {
		return out, nil
	}
	var rows []shareHolder
	err := db.NewSelect().TableExpr("loan_shares AS s").Join("JOIN members AS m ON m.id = s.member_id").
		ColumnExpr("s.loan_id, s.member_id, m.name, m.number, s.principal_minor").
		Where("s.loan_id IN (?)", bun.List(loanIDs)).OrderExpr("s.loan_id, m.number").Scan(ctx, &rows)
	for _, r := range rows {
		out[r.LoanID] = append(out[r.LoanID], r)
	}
	return out, err
}

// sharePaid is what was credited to one share by a day.
type sharePaid struct{ paid, covered int64 }

// sharesPaidOn reads what was credited to each share of the loans by a
// day: map[loan][member].
func sharesPaidOn(ctx context.Context, db bun.IDB, loanIDs []string, asOf ledger.Date) (map[string]map[string]sharePaid, error) {
	out := map[string]map[string]sharePaid{}
	if len(loanIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		LoanID       string `bun:"loan_id"`
		MemberID     string `bun:"member_id"`
		PaidMinor    int64  `bun:"paid_minor"`
		CoveredMinor int64  `bun:"covered_minor"`
	}
	err := db.NewSelect().TableExpr("loan_share_payments AS sp").Join("JOIN entries AS e ON e.id = sp.entry_id").
		ColumnExpr("sp.loan_id, sp.member_id, SUM(sp.amount_minor) AS paid_minor").
		ColumnExpr("SUM(CASE WHEN sp.paid_by_member_id <> sp.member_id THEN sp.amount_minor ELSE 0 END) AS covered_minor").
		Where("sp.loan_id IN (?) AND e.effective_date <= ?", bun.List(loanIDs), asOf).
		GroupExpr("sp.loan_id, sp.member_id").Scan(ctx, &rows)
	for _, r := range rows {
		if out[r.LoanID] == nil {
			out[r.LoanID] = map[string]sharePaid{}
		}
		out[r.LoanID][r.MemberID] = sharePaid{paid: r.PaidMinor, covered: r.CoveredMinor}
	}
	return out, err
}

// shareViews splits a disbursed group loan's schedule among its shares
// and sets what was paid toward each by the day.
func shareViews(row loanRow, schedule []Installment, holders []shareHolder, paid map[string]sharePaid, asOf ledger.Date) ([]ShareView, error) {
	if len(holders) == 0 || len(schedule) == 0 {
		return nil, nil
	}
	group := make([]loans.Installment, len(schedule))
	for i, inst := range schedule {
		group[i] = loans.Installment{Number: inst.Number, DueDate: inst.DueDate, PrincipalMinor: inst.PrincipalMinor, InterestMinor: inst.InterestMinor}
	}
	shares := make([]loans.Share, len(holders))
	for i, h := range holders {
		shares[i] = loans.Share{MemberID: h.MemberID, PrincipalMinor: h.PrincipalMinor}
	}
	split, err := loans.ShareSchedules(group, row.PrincipalMinor, shares)
	if err != nil {
		return nil, fmt.Errorf("loan %d: shares stored that do not split: %w", row.Number, err)
	}
	out := make([]ShareView, len(holders))
	for i, h := range holders {
		v := ShareView{ShareSchedule: split[i], Name: h.Name, Number: h.Number,
			PaidMinor: paid[h.MemberID].paid, CoveredMinor: paid[h.MemberID].covered}
		for _, inst := range split[i].Installments {
			if !inst.DueDate.After(asOf) {
				v.DueMinor += inst.TotalMinor
			}
		}
		v.ArrearsMinor = max(0, v.DueMinor-v.PaidMinor)
		out[i] = v
	}
	return out, nil
}

// sharePaymentRow records whose share of a group loan a repayment paid,
// and who paid it.
type sharePaymentRow struct {
	bun.BaseModel `bun:"table:loan_share_payments"`

	EntryID        string `bun:"entry_id,pk"`
	LoanID         string `bun:"loan_id"`
	MemberID       string `bun:"member_id"`
	PaidByMemberID string `bun:"paid_by_member_id"`
	AmountMinor    int64  `bun:"amount_minor"`
}

// Payer says who paid a repayment: at the office, the member who brought
// it (required for a group loan with shares); at a meeting, the member on
// whose line it was paid, and For the member she covered.
type Payer struct {
	MemberID string
	For      string // whose share or loan she paid; empty: her own
}

// shareOfPayer checks, under the loan's lock, that a repayment of a group
// loan with shares names a payer who holds the share it pays, and returns
// that share's member; "" for a loan without shares.
func shareOfPayer(ctx context.Context, tx bun.Tx, row loanRow, p Payer) (string, error) {
	if row.GroupID == nil {
		if p.MemberID != "" && p.For == "" && p.MemberID != *row.MemberID {
			return "", ledger.InvalidField("loan.invalid", "member_id", "not the borrower of this loan")
		}
		return "", nil
	}
	var shares []string
	if err := tx.NewSelect().Table("loan_shares").Column("member_id").Where("loan_id = ?", row.ID).Scan(ctx, &shares); err != nil {
		return "", err
	}
	if len(shares) == 0 {
		return "", nil // a group loan from before shares: the group pays as one
	}
	if p.MemberID == "" {
		return "", ledger.InvalidField("loan.invalid", "member_id", "required for a group loan: the member who paid")
	}
	share, field := p.MemberID, "member_id"
	if p.For != "" {
		share, field = p.For, "covers"
	}
	for _, id := range shares {
		if id == share {
			return share, nil
		}
	}
	return "", ledger.InvalidField("loan.invalid", field, "holds no share of this loan")
}
