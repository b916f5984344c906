package accounts

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Member is an anggota of a cooperative, in one of its groups. The record
// holds what the cooperative and its impact reports need, nothing more
// personal: no national ID, no address, no date of birth.
type Member struct {
	ID            string
	CooperativeID string
	GroupID       string
	Number        int // the member number within the cooperative, from 1
	Name          string
	Gender        string // female, male, other, undisclosed
	JoinedOn      ledger.Date
	BusinessType  string
	Phone         string
	ExitedOn      *ledger.Date // set when she has left the cooperative
	CreatedAt     time.Time
}

// MemberRow is a member as stored, for the reports that read many members
// at once.
type MemberRow = memberRow

type memberRow struct {
	bun.BaseModel `bun:"table:members"`

	ID            string       `bun:"id,pk"`
	CooperativeID string       `bun:"cooperative_id"`
	GroupID       string       `bun:"group_id"`
	Number        int          `bun:"number"`
	Name          string       `bun:"name"`
	Gender        string       `bun:"gender"`
	JoinedOn      ledger.Date  `bun:"joined_on"`
	BusinessType  string       `bun:"business_type"`
	Phone         string       `bun:"phone"`
	ExitedOn      *ledger.Date `bun:"exited_on"`
	CreatedAt     time.Time    `bun:"created_at"`
}

// Between reports whether she was a member on some day from..to: joined by
// to, and not left before from (leaving on from itself counts her out).
func (m Member) Between(from, to ledger.Date) bool {
	return !m.JoinedOn.After(to) && (m.ExitedOn == nil || m.ExitedOn.After(from))
}

// Member is the row as the services hand it out.
func (r memberRow) Member() Member {
	return Member{ID: r.ID, CooperativeID: r.CooperativeID, GroupID: r.GroupID, Number: r.Number, Name: r.Name,
		Gender: r.Gender, JoinedOn: r.JoinedOn, BusinessType: r.BusinessType, Phone: r.Phone, ExitedOn: r.ExitedOn,
		CreatedAt: r.CreatedAt}
}

// MemberInput creates or updates a member. A zero JoinedOn means today.
type MemberInput struct {
	GroupID      string
	Name         string
	Gender       string
	JoinedOn     ledger.Date
	BusinessType string
	Phone        string
}

var genders = map[string]bool{"female": true, "male": true, "other": true, "undisclosed": true}

// Validate checks a member's record as of today and returns it cleaned:
// trimmed, and joined today when no day is given. Errors: KindInvalid,
// naming every field that is wrong.
func (in MemberInput) Validate(today ledger.Date) (MemberInput, error) {
	var fields []ledger.FieldError
	in.Name = CleanName("name", in.Name, &fields)
	if !genders[in.Gender] {
		fields = append(fields, ledger.FieldError{Field: "gender", Reason: "one of female, male, other, undisclosed"})
	}
	if in.JoinedOn.IsZero() {
		in.JoinedOn = today
	} else if in.JoinedOn.After(today.AddDays(1)) {
		fields = append(fields, ledger.FieldError{Field: "joined_on", Reason: "must not be in the future"})
	}
	in.BusinessType = strings.TrimSpace(in.BusinessType)
	if len(in.BusinessType) > textLengthMax {
		fields = append(fields, ledger.FieldError{Field: "business_type", Reason: "at most 200 characters"})
	}
	in.Phone = strings.TrimSpace(in.Phone)
	if len(in.Phone) > phoneLengthMax || strings.Trim(in.Phone, "+0123456789 -") != "" {
		fields = append(fields, ledger.FieldError{Field: "phone", Reason: "digits, spaces, '-' and a leading '+', at most 32"})
	}
	if len(fields) > 0 {
		return in, Invalid("member.invalid", fields)
	}
	return in, nil
}

// CreateMember enrols a member in a group and opens her savings accounts,
// in one transaction. The cooperative's treasurer only.
// Errors: KindNotFound, KindForbidden, KindInvalid (an unknown group too).
func (s *Service) CreateMember(ctx context.Context, a Actor, cooperativeID string, in MemberInput) (m Member, err error) {
	defer ledger.Wrap(&err, "CreateMember(%s)", cooperativeID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return Member{}, err
	}
	now := s.now().UTC()
	if in, err = in.Validate(ledger.DateOf(now)); err != nil {
		return Member{}, err
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		m, err = CreateMemberTx(ctx, tx, Books{actor: a, coop: coop}, in, now)
		return err
	})
	return m, err
}

// CreateMemberTx enrols a member whose record Validate has cleaned, inside
// the caller's transaction, for a service that enrols her with other work
// (an import of a cooperative's members). Her number is the cooperative's
// next, taken under the cooperative's row lock the update holds.
// Errors: KindInvalid for a group not of the cooperative.
func CreateMemberTx(ctx context.Context, tx bun.Tx, b Books, in MemberInput, now time.Time) (Member, error) {
	coop := b.coop
	if _, err := findGroup(ctx, tx, coop.ID, in.GroupID); ledger.KindOf(err) == ledger.KindNotFound {
		return Member{}, ledger.InvalidField("member.invalid", "group_id", "no such group in this cooperative")
	} else if err != nil {
		return Member{}, err
	}
	var number int
	err := tx.NewUpdate().Table("cooperatives").Set("last_member_number = last_member_number + 1").
		Where("id = ?", coop.ID).Returning("last_member_number").Scan(ctx, &number)
	if err != nil {
		return Member{}, err
	}
	row := memberRow{ID: ledger.NewID(), CooperativeID: coop.ID, GroupID: in.GroupID, Number: number, Name: in.Name,
		Gender: in.Gender, JoinedOn: in.JoinedOn, BusinessType: in.BusinessType, Phone: in.Phone, CreatedAt: now}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Member{}, err
	}
	m := row.Member()
	return m, CreateAccounts(ctx, tx, coop.BookID, memberAccounts(m, coop.Savings), now)
}

// UpdateMember changes a member's record (her group too). Her member number
// and savings accounts stay. The cooperative's treasurer only.
// Errors: as CreateMember.
func (s *Service) UpdateMember(ctx context.Context, a Actor, cooperativeID, memberID string, in MemberInput) (m Member, err error) {
	defer ledger.Wrap(&err, "UpdateMember(%s, %s)", cooperativeID, memberID)
	if _, err := s.cooperativeForBooks(ctx, a, cooperativeID); err != nil {
		return Member{}, err
	}
	if !ledger.IsID(memberID) {
		return Member{}, ErrMemberNotFound()
	}
	if in, err = in.Validate(ledger.DateOf(s.now().UTC())); err != nil {
		return Member{}, err
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if _, err := s.findGroup(ctx, tx, cooperativeID, in.GroupID); ledger.KindOf(err) == ledger.KindNotFound {
			return ledger.InvalidField("member.invalid", "group_id", "no such group in this cooperative")
		} else if err != nil {
			return err
		}
		var row memberRow
		err := tx.NewUpdate().Model(&row).
			Set("group_id = ?", in.GroupID).Set("name = ?", in.Name).Set("gender = ?", in.Gender).
			Set("joined_on = ?", in.JoinedOn).Set("business_type = ?", in.BusinessType).Set("phone = ?", in.Phone).
			Where("id = ? AND cooperative_id = ?", memberID, cooperativeID).
			Returning("*").Scan(ctx)
		if NoRows(err) {
			return ErrMemberNotFound()
		}
		m = row.Member()
		return err
	})
	return m, err
}

// FindMemberByID returns a member of a cooperative to its treasurer.
// Errors: KindNotFound, KindForbidden.
func (s *Service) FindMemberByID(ctx context.Context, a Actor, cooperativeID, memberID string) (m Member, err error) {
	defer ledger.Wrap(&err, "FindMemberByID(%s, %s)", cooperativeID, memberID)
	if _, err := s.cooperativeForBooksRead(ctx, a, cooperativeID); err != nil {
		return Member{}, err
	}
	return s.findMember(ctx, cooperativeID, memberID)
}

func (s *Service) findMember(ctx context.Context, cooperativeID, memberID string) (Member, error) {
	return findMember(ctx, s.db, cooperativeID, memberID, MemberUnlocked)
}

// findMember reads a member of the cooperative through db, taking her row
// lock as lock says when db is a transaction.
func findMember(ctx context.Context, db bun.IDB, cooperativeID, memberID string, lock MemberLock) (Member, error) {
	if !ledger.IsID(memberID) {
		return Member{}, ErrMemberNotFound()
	}
	var row memberRow
	err := selectMember(db, &row, lock).Where("id = ? AND cooperative_id = ?", memberID, cooperativeID).Scan(ctx)
	if NoRows(err) {
		return Member{}, ErrMemberNotFound()
	}
	if err != nil {
		return Member{}, err
	}
	return row.Member(), nil
}

// MemberFilter narrows FindMembers.
type MemberFilter struct {
	GroupID string
}

// FindMembers lists a cooperative's members, by creation. Its treasurer only.
func (s *Service) FindMembers(ctx context.Context, a Actor, cooperativeID string, f MemberFilter, p Page) (ms []Member, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindMembers(%s)", cooperativeID)
	if _, err := s.cooperativeForBooksRead(ctx, a, cooperativeID); err != nil {
		return nil, "", err
	}
	if p, err = p.Validate(); err != nil {
		return nil, "", err
	}
	var rows []memberRow
	q := s.db.NewSelect().Model(&rows).Where("cooperative_id = ?", cooperativeID)
	if f.GroupID != "" {
		if !ledger.IsID(f.GroupID) {
			return nil, "", nil
		}
		q = q.Where("group_id = ?", f.GroupID)
	}
	if err := p.Apply(q, "id").Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = Next(rows, p.Limit, func(r memberRow) string { return r.ID })
	for _, r := range rows {
		ms = append(ms, r.Member())
	}
	return ms, nextCursor, nil
}
