package accounts

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Group is a kelompok: typically ten to thirty women who meet weekly, save
// together and share liability for each other's loans.
type Group struct {
	ID            string
	CooperativeID string
	Name          string
	MeetingDay    string // "monday".."sunday", or "" when not fixed
	// JointLiabilitySince is the day the group began to borrow under
	// joint liability (tanggung renteng); zero when it does not. From that
	// day its members may cover each other's loans at meetings.
	JointLiabilitySince ledger.Date
	CreatedAt           time.Time
}

// JointlyLiableOn says whether the group's members answer for each other's
// loans on a day.
func (g Group) JointlyLiableOn(day ledger.Date) bool {
	return !g.JointLiabilitySince.IsZero() && !day.Before(g.JointLiabilitySince)
}

type groupRow struct {
	bun.BaseModel `bun:"table:groups"`

	ID            string       `bun:"id,pk"`
	CooperativeID string       `bun:"cooperative_id"`
	Name          string       `bun:"name"`
	MeetingDay    *string      `bun:"meeting_day"`
	JointSince    *ledger.Date `bun:"joint_liability_since"`
	CreatedAt     time.Time    `bun:"created_at"`
}

func (r groupRow) group() Group {
	g := Group{ID: r.ID, CooperativeID: r.CooperativeID, Name: r.Name, CreatedAt: r.CreatedAt}
	if r.MeetingDay != nil {
		g.MeetingDay = *r.MeetingDay
	}
	if r.JointSince != nil {
		g.JointLiabilitySince = *r.JointSince
	}
	return g
}

// GroupInput creates or updates a group.
type GroupInput struct {
	Name                string
	MeetingDay          string
	JointLiabilitySince ledger.Date // zero: the group does not borrow under joint liability
}

func (in GroupInput) jointSince() *ledger.Date {
	if in.JointLiabilitySince.IsZero() {
		return nil
	}
	return &in.JointLiabilitySince
}

var meetingDays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

func (in GroupInput) validate() (GroupInput, error) {
	var fields []ledger.FieldError
	in.Name = CleanName("name", in.Name, &fields)
	if in.MeetingDay != "" && !meetingDays[in.MeetingDay] {
		fields = append(fields, ledger.FieldError{Field: "meeting_day", Reason: "a weekday in lower case, such as tuesday"})
	}
	if len(fields) > 0 {
		return in, Invalid("group.invalid", fields)
	}
	return in, nil
}

func (in GroupInput) meetingDay() *string {
	if in.MeetingDay == "" {
		return nil
	}
	return &in.MeetingDay
}

// CreateGroup adds a group to a cooperative. Its treasurer only.
// Errors: KindNotFound, KindForbidden, KindInvalid, KindConflict for a name
// already used in the cooperative.
func (s *Service) CreateGroup(ctx context.Context, a Actor, cooperativeID string, in GroupInput) (g Group, err error) {
	defer ledger.Wrap(&err, "CreateGroup(%s, %q)", cooperativeID, in.Name)
	if _, err := s.cooperativeForBooks(ctx, a, cooperativeID); err != nil {
		return Group{}, err
	}
	if in, err = in.validate(); err != nil {
		return Group{}, err
	}
	row := groupRow{ID: ledger.NewID(), CooperativeID: cooperativeID, Name: in.Name, MeetingDay: in.meetingDay(),
		JointSince: in.jointSince(), CreatedAt: s.now().UTC()}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return Audit(ctx, tx, a.UserID, Change{Scope: cooperativeID, Action: "group.create", SubjectKind: "group",
			SubjectID: row.ID, After: row.group().auditRecord()}, row.CreatedAt)
	})
	if ledger.IsUniqueViolation(err, "groups_name_key") {
		return Group{}, ledger.Conflict("group.name_taken", "the cooperative already has a group named %s", in.Name)
	}
	if err != nil {
		return Group{}, err
	}
	return row.group(), nil
}

// auditRecord is what the audit log keeps of a group's record.
func (g Group) auditRecord() map[string]any {
	r := map[string]any{"name": g.Name, "meeting_day": g.MeetingDay}
	if !g.JointLiabilitySince.IsZero() {
		r["joint_liability_since"] = g.JointLiabilitySince
	}
	return r
}

// UpdateGroup renames a group, changes its meeting day, or marks it as
// borrowing under joint liability from a day. Its treasurer only.
// Errors: as CreateGroup.
func (s *Service) UpdateGroup(ctx context.Context, a Actor, cooperativeID, groupID string, in GroupInput) (g Group, err error) {
	defer ledger.Wrap(&err, "UpdateGroup(%s, %s)", cooperativeID, groupID)
	if _, err := s.cooperativeForBooks(ctx, a, cooperativeID); err != nil {
		return Group{}, err
	}
	if in, err = in.validate(); err != nil {
		return Group{}, err
	}
	if !ledger.IsID(groupID) {
		return Group{}, ErrGroupNotFound()
	}
	var row groupRow
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		before, err := findGroup(ctx, tx, cooperativeID, groupID)
		if err != nil {
			return err
		}
		err = tx.NewUpdate().Model(&row).
			Set("name = ?", in.Name).Set("meeting_day = ?", in.meetingDay()).Set("joint_liability_since = ?", in.jointSince()).
			Where("id = ? AND cooperative_id = ?", groupID, cooperativeID).
			Returning("*").Scan(ctx)
		if err != nil {
			return err
		}
		return Audit(ctx, tx, a.UserID, Change{Scope: cooperativeID, Action: "group.update", SubjectKind: "group",
			SubjectID: groupID, Before: before.auditRecord(), After: row.group().auditRecord()}, s.now())
	})
	switch {
	case ledger.KindOf(err) == ledger.KindNotFound:
		return Group{}, err
	case NoRows(err):
		return Group{}, ErrGroupNotFound()
	case ledger.IsUniqueViolation(err, "groups_name_key"):
		return Group{}, ledger.Conflict("group.name_taken", "the cooperative already has a group named %s", in.Name)
	case err != nil:
		return Group{}, err
	}
	return row.group(), nil
}

// FindGroups lists a cooperative's groups. Its treasurer only.
func (s *Service) FindGroups(ctx context.Context, a Actor, cooperativeID string, p Page) (gs []Group, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindGroups(%s)", cooperativeID)
	if _, err := s.cooperativeForBooksRead(ctx, a, cooperativeID); err != nil {
		return nil, "", err
	}
	if p, err = p.Validate(); err != nil {
		return nil, "", err
	}
	var rows []groupRow
	q := p.Apply(s.db.NewSelect().Model(&rows).Where("cooperative_id = ?", cooperativeID), "id")
	if err := q.Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = Next(rows, p.Limit, func(r groupRow) string { return r.ID })
	for _, r := range rows {
		gs = append(gs, r.group())
	}
	return gs, nextCursor, nil
}

// findGroup returns a group of a cooperative.
func (s *Service) findGroup(ctx context.Context, db bun.IDB, cooperativeID, groupID string) (Group, error) {
	return findGroup(ctx, db, cooperativeID, groupID)
}

func findGroup(ctx context.Context, db bun.IDB, cooperativeID, groupID string) (Group, error) {
	var row groupRow
	if !ledger.IsID(groupID) {
		return Group{}, ErrGroupNotFound()
	}
	err := db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", groupID, cooperativeID).Scan(ctx)
	if NoRows(err) {
		return Group{}, ErrGroupNotFound()
	}
	return row.group(), err
}
