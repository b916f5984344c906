package accounts

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Model is a partner's partnership model: who the funder is, which shapes
// what it expects of the cooperatives it funds.
type Model string

const (
	Government       Model = "government"
	Private          Model = "private"
	Nonprofit        Model = "nonprofit"
	MultiStakeholder Model = "multi_stakeholder"
)

var models = map[Model]bool{Government: true, Private: true, Nonprofit: true, MultiStakeholder: true}

// Partner is a mitra: a funder that puts capital into cooperatives.
type Partner struct {
	ID        string
	Name      string
	Model     Model
	CreatedAt time.Time
}

type partnerRow struct {
	bun.BaseModel `bun:"table:partners"`

	ID        string    `bun:"id,pk"`
	Name      string    `bun:"name"`
	Model     Model     `bun:"model"`
	CreatedAt time.Time `bun:"created_at"`
}

func (r partnerRow) partner() Partner {
	return Partner{ID: r.ID, Name: r.Name, Model: r.Model, CreatedAt: r.CreatedAt}
}

// PartnerInput is what creating a partner takes.
type PartnerInput struct {
	Name  string
	Model Model
}

// CreatePartner registers a funder. Admins only.
// Errors: KindForbidden, KindInvalid, KindConflict for a name in use.
func (s *Service) CreatePartner(ctx context.Context, a Actor, in PartnerInput) (p Partner, err error) {
	defer ledger.Wrap(&err, "CreatePartner(%q)", in.Name)
	if _, err := RequireAdmin(a); err != nil {
		return Partner{}, err
	}
	var fields []ledger.FieldError
	name := CleanName("name", in.Name, &fields)
	if !models[in.Model] {
		fields = append(fields, ledger.FieldError{Field: "model", Reason: "one of government, private, nonprofit, multi_stakeholder"})
	}
	if len(fields) > 0 {
		return Partner{}, Invalid("partner.invalid", fields)
	}
	row := partnerRow{ID: ledger.NewID(), Name: name, Model: in.Model, CreatedAt: s.now().UTC()}
	if _, err := s.db.NewInsert().Model(&row).Exec(ctx); err != nil {
		if ledger.IsUniqueViolation(err, "partners_name_key") {
			return Partner{}, ledger.Conflict("partner.name_taken", "a partner named %s already exists", name)
		}
		return Partner{}, err
	}
	return row.partner(), nil
}

// FindPartnerByID returns a partner the actor may read.
// Errors: KindNotFound.
func (s *Service) FindPartnerByID(ctx context.Context, a Actor, id string) (p Partner, err error) {
	defer ledger.Wrap(&err, "FindPartnerByID(%s)", id)
	if !ledger.IsID(id) {
		return Partner{}, ErrPartnerNotFound()
	}
	if err := authorizePartnerRead(a, id); err != nil {
		return Partner{}, err
	}
	return partnerByID(ctx, s.db, id)
}

// partnerByID reads a partner through db, whoever asks.
func partnerByID(ctx context.Context, db bun.IDB, id string) (Partner, error) {
	if !ledger.IsID(id) {
		return Partner{}, ErrPartnerNotFound()
	}
	var row partnerRow
	err := db.NewSelect().Model(&row).Where("id = ?", id).Scan(ctx)
	if NoRows(err) {
		return Partner{}, ErrPartnerNotFound()
	}
	if err != nil {
		return Partner{}, err
	}
	return row.partner(), nil
}

// FindPartners lists partners. Admins only.
func (s *Service) FindPartners(ctx context.Context, a Actor, p Page) (ps []Partner, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindPartners")
	if _, err := RequireAdmin(a); err != nil {
		return nil, "", err
	}
	if p, err = p.Validate(); err != nil {
		return nil, "", err
	}
	var rows []partnerRow
	if err := p.Apply(s.db.NewSelect().Model(&rows), "id").Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = Next(rows, p.Limit, func(r partnerRow) string { return r.ID })
	for _, r := range rows {
		ps = append(ps, r.partner())
	}
	return ps, nextCursor, nil
}
