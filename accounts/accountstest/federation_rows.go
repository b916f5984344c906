package accountstest

import (
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// copyTable is one table's generated rows, as COPY takes them.
type copyTable struct {
	name    string
	columns []string
	rows    int
	row     func(i int) ([]any, error)
}

// tables returns the book's rows in an order the foreign keys accept.
func (b *book) tables() []copyTable {
	coopID, bookID := pgID(uuid.MustParse(b.org.coop.ID)), pgID(uuid.MustParse(b.org.coop.BookID))
	groupIDs := make([]pgtype.UUID, len(b.org.groups))
	for i, g := range b.org.groups {
		groupIDs[i] = pgID(uuid.MustParse(g.ID))
	}
	var fresh []genAccount
	for _, a := range b.accounts {
		if !a.existing {
			fresh = append(fresh, a)
		}
	}
	var installments [][2]int // loan, installment
	for i, l := range b.loans {
		for j := range l.schedule {
			installments = append(installments, [2]int{i, j})
		}
	}
	cur := b.org.coop.Currency.Code()
	joined := b.start.Time()
	return []copyTable{
		{"members", []string{"id", "cooperative_id", "group_id", "number", "name", "gender", "joined_on", "business_type", "phone", "created_at"},
			len(b.members), func(i int) ([]any, error) {
				m := b.members[i]
				return []any{pgID(m.id), coopID, groupIDs[m.group], m.number, m.name, m.gender, joined, m.business, "", joined}, nil
			}},
		{"ledger_accounts", []string{"id", "book_id", "code", "name", "type", "currency", "owner_kind", "owner_id", "floor_minor", "ceiling_minor", "balance_minor", "created_at"},
			len(fresh), func(i int) ([]any, error) {
				a := fresh[i]
				var floor *int64
				if a.floor {
					floor = new(int64)
				}
				return []any{pgID(a.id), bookID, a.code, a.name, string(a.typ), cur, a.ownerKind, a.ownerID, floor, a.ceiling, a.balance, a.createdAt}, nil
			}},
		{"loans", []string{"id", "cooperative_id", "number", "member_id", "facility_id", "principal_minor", "currency", "annual_rate",
			"method", "frequency", "installments", "grace_periods", "installment_multiple_minor", "fee_minor", "penalty_minor", "purpose",
			"status", "applied_by", "applied_at", "approved_by", "approved_at", "disbursed_on", "closed_on"},
			len(b.loans), func(i int) ([]any, error) {
				l := b.loans[i]
				day := l.disbursedOn.Time()
				var closed *time.Time
				if l.closedOn != nil {
					t := l.closedOn.Time()
					closed = &t
				}
				return []any{pgID(l.id), coopID, l.number, pgID(l.member.id), pgID(uuid.MustParse(b.facilities[l.facility].facility.ID)), l.principal, cur,
					"24", "flat", "weekly", loanInstallments, 0, int64(loanMultipleMinor), l.fee, int64(0), "modal usaha",
					l.status, b.org.treasurer.UserID, day.Add(-46 * time.Hour), b.org.approver.UserID, day.Add(-22 * time.Hour), day, closed}, nil
			}},
		{"loan_installments", []string{"loan_id", "number", "due_date", "principal_minor", "interest_minor"},
			len(installments), func(i int) ([]any, error) {
				l := b.loans[installments[i][0]]
				inst := l.schedule[installments[i][1]]
				return []any{pgID(l.id), inst.Number, inst.DueDate.Time(), inst.PrincipalMinor, inst.InterestMinor}, nil
			}},
		{"entries", []string{"id", "book_id", "sequence", "kind", "memo", "metadata", "effective_date", "recorded_at", "recorded_by", "request_hash", "chain_hash"},
			len(b.entries), func(i int) ([]any, error) {
				e := b.entries[i]
				day := e.on.Time()
				return []any{pgID(e.id), bookID, e.sequence, e.kind, "", e.metadata, day, e.recordedAt(), b.org.treasurer.UserID, e.hash, e.chain}, nil
			}},
		{"postings", []string{"entry_id", "line", "book_id", "account_id", "side", "amount_minor", "currency", "sequence", "effective_date"},
			len(b.postings), b.postingRow(bookID, cur)},
	}
}

// postingRow returns the rows of the postings table, walking the entries
// in step with their postings.
func (b *book) postingRow(bookID pgtype.UUID, cur string) func(i int) ([]any, error) {
	entry := 0
	return func(i int) ([]any, error) {
		for i >= b.entries[entry].first+b.entries[entry].count {
			entry++
		}
		e, p := b.entries[entry], b.postings[i]
		return []any{pgID(e.id), i - e.first, bookID, pgID(b.accounts[p.account].id), string(p.side), p.amount, cur, e.sequence, e.on.Time()}, nil
	}
}

// pgID hands an ID to COPY as pgx encodes it directly; a uuid.UUID would
// go through its driver.Valuer text form and be parsed back, row by row.
func pgID(id uuid.UUID) pgtype.UUID { return pgtype.UUID{Bytes: id, Valid: true} }
