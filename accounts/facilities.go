package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// FacilityKind is how a partner's capital sits in a cooperative's books.
type FacilityKind string

const (
	FacilityGrant  FacilityKind = "grant"  // hibah: equity, never repaid
	FacilityLoan   FacilityKind = "loan"   // a liability, repaid to the partner with interest
	FacilityEquity FacilityKind = "equity" // the partner holds a stake
)

var facilityKinds = map[FacilityKind]bool{FacilityGrant: true, FacilityLoan: true, FacilityEquity: true}

// Facility is a partner's commitment of capital to a cooperative. A
// partner's portfolio is exactly what its facilities fund.
type Facility struct {
	ID             string
	PartnerID      string
	CooperativeID  string
	Kind           FacilityKind
	CommittedMinor int64
	Currency       ledger.Currency
	Purpose        string
	StartsOn       ledger.Date
	EndsOn         *ledger.Date
	AccountCode    string // the ledger account its capital is received into
	ReceivedMinor  int64  // what its tranches have brought so far
	CreatedAt      time.Time
}

type facilityRow struct {
	bun.BaseModel `bun:"table:facilities"`

	ID             string          `bun:"id,pk"`
	PartnerID      string          `bun:"partner_id"`
	CooperativeID  string          `bun:"cooperative_id"`
	Kind           FacilityKind    `bun:"kind"`
	CommittedMinor int64           `bun:"committed_minor"`
	Currency       ledger.Currency `bun:"currency"`
	Purpose        string          `bun:"purpose"`
	StartsOn       ledger.Date     `bun:"starts_on"`
	EndsOn         *ledger.Date    `bun:"ends_on"`
	AccountCode    string          `bun:"account_code"`
	ReceivedMinor  int64           `bun:"received_minor"` // tranches so far; the schema holds it to committed_minor
	CreatedAt      time.Time       `bun:"created_at"`
}

func (r facilityRow) facility() Facility {
	return Facility{ReceivedMinor: r.ReceivedMinor, ID: r.ID, PartnerID: r.PartnerID, CooperativeID: r.CooperativeID, Kind: r.Kind,
		CommittedMinor: r.CommittedMinor, Currency: r.Currency, Purpose: r.Purpose,
		StartsOn: r.StartsOn, EndsOn: r.EndsOn, AccountCode: r.AccountCode, CreatedAt: r.CreatedAt}
}

// FacilityInput records a commitment. Committed is a decimal string in the
// cooperative's currency.
type FacilityInput struct {
	CooperativeID string
	Kind          FacilityKind
	Committed     string
	Purpose       string
	StartsOn      ledger.Date
	EndsOn        *ledger.Date
}

// CreateFacility records a partner's commitment to a cooperative, in the
// cooperative's currency. Admins only.
// Errors: KindForbidden, KindInvalid, KindNotFound for an unknown partner.
func (s *Service) CreateFacility(ctx context.Context, a Actor, partnerID string, in FacilityInput) (f Facility, err error) {
	defer ledger.Wrap(&err, "CreateFacility(%s)", partnerID)
	if _, err := RequireAdmin(a); err != nil {
		return Facility{}, err
	}
	var fields []ledger.FieldError
	coop, err := s.findCooperative(ctx, in.CooperativeID)
	if !ledger.IsID(in.CooperativeID) || ledger.KindOf(err) == ledger.KindNotFound {
		fields = append(fields, ledger.FieldError{Field: "cooperative_id", Reason: "no such cooperative"})
	} else if err != nil {
		return Facility{}, err
	}
	if !facilityKinds[in.Kind] {
		fields = append(fields, ledger.FieldError{Field: "kind", Reason: "one of grant, loan, equity"})
	}
	var committed int64
	if coop.ID != "" {
		if committed, err = ledger.ParsePositiveMinor("committed", in.Committed, coop.Currency); err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
	}
	in.Purpose = strings.TrimSpace(in.Purpose)
	if len(in.Purpose) > textLengthMax {
		fields = append(fields, ledger.FieldError{Field: "purpose", Reason: "at most 200 characters"})
	}
	if in.StartsOn.IsZero() {
		in.StartsOn = ledger.DateOf(s.now().UTC())
	}
	if in.EndsOn != nil && in.EndsOn.Before(in.StartsOn) {
		fields = append(fields, ledger.FieldError{Field: "ends_on", Reason: "must not be before starts_on"})
	}
	if len(fields) > 0 {
		return Facility{}, Invalid("facility.invalid", fields)
	}
	partner, err := s.FindPartnerByID(ctx, a, partnerID)
	if err != nil {
		return Facility{}, err
	}
	now := s.now().UTC()
	row := facilityRow{ID: ledger.NewID(), PartnerID: partnerID, CooperativeID: coop.ID, Kind: in.Kind, CommittedMinor: committed,
		Currency: coop.Currency, Purpose: in.Purpose, StartsOn: in.StartsOn, EndsOn: in.EndsOn, CreatedAt: now}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		n, err := tx.NewSelect().Table("facilities").Where("cooperative_id = ?", coop.ID).Count(ctx)
		if err != nil {
			return err
		}
		acct := facilityAccount(row, int(n)+1, partner.Name)
		row.AccountCode = acct.Code
		if _, err := ledger.CreateAccountTx(ctx, tx, coop.BookID, acct, now); err != nil {
			return err
		}
		if _, err = tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return Audit(ctx, tx, a.UserID, Change{Scope: coop.ID, Action: "facility.create", SubjectKind: "facility",
			SubjectID: row.ID, After: map[string]any{"partner_id": partnerID, "kind": row.Kind, "account_code": row.AccountCode,
				"committed": ledger.FormatMinor(committed, coop.Currency), "purpose": row.Purpose,
				"starts_on": row.StartsOn, "ends_on": row.EndsOn}}, now)
	})
	if err != nil {
		return Facility{}, err
	}
	return row.facility(), nil
}

// facilityAccount is the ledger account a facility's capital is received
// into, under its kind's chart code: grants and equity are the
// cooperative's capital, a partner loan is a debt. The code numbers the
// cooperative's facilities in order ("3300.F01").
func facilityAccount(f facilityRow, number int, partnerName string) ledger.AccountInput {
	parent, typ, label := CodeGrants, ledger.Equity, "Hibah"
	switch f.Kind {
	case FacilityLoan:
		parent, typ, label = CodePartnerLoans, ledger.Liability, "Pinjaman"
	case FacilityEquity:
		parent, typ, label = CodePartnerEquity, ledger.Equity, "Penyertaan"
	}
	return ledger.AccountInput{Code: fmt.Sprintf("%s.F%02d", parent, number), Name: label + " " + partnerName,
		Type: typ, Owner: &ledger.Owner{Kind: OwnerFacility, ID: f.ID}, NonNegative: true}
}

// OwnerFacility marks ledger accounts that belong to a partner facility.
const OwnerFacility = "facility"

// FindFacilities lists a partner's facilities to an admin or the partner.
// Errors: KindNotFound for a partner outside the actor's scope.
func (s *Service) FindFacilities(ctx context.Context, a Actor, partnerID string) (fs []Facility, err error) {
	defer ledger.Wrap(&err, "FindFacilities(%s)", partnerID)
	if !ledger.IsID(partnerID) {
		return nil, ErrPartnerNotFound()
	}
	if err := authorizePartnerRead(a, partnerID); err != nil {
		return nil, err
	}
	var rows []facilityRow
	if err := s.db.NewSelect().Model(&rows).Where("partner_id = ?", partnerID).OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rows {
		fs = append(fs, r.facility())
	}
	return fs, nil
}

// fundedCooperativeIDs returns the cooperatives the partners' facilities fund.
func (s *Service) fundedCooperativeIDs(ctx context.Context, partnerIDs []string) ([]string, error) {
	var ids []string
	err := s.db.NewSelect().Table("facilities").Distinct().Column("cooperative_id").
		Where("partner_id IN (?)", bun.List(partnerIDs)).Scan(ctx, &ids)
	return ids, err
}

// FundingFacility is a facility with the partner who funds it: what a
// treasurer reads of her cooperative's capital.
type FundingFacility struct {
	Facility
	Partner Partner
}

// FindCooperativeFacilities lists the facilities that fund a cooperative,
// each with its partner and the partner's model, in the order they were
// committed. Its treasurer only.
func (s *Service) FindCooperativeFacilities(ctx context.Context, a Actor, cooperativeID string) (fs []FundingFacility, err error) {
	defer ledger.Wrap(&err, "FindCooperativeFacilities(%s)", cooperativeID)
	if _, err := s.cooperativeForBooksRead(ctx, a, cooperativeID); err != nil {
		return nil, err
	}
	var rows []facilityRow
	if err := s.db.NewSelect().Model(&rows).Where("cooperative_id = ?", cooperativeID).OrderExpr("id").Scan(ctx); err != nil {
		return nil, err
	}
	partners := map[string]Partner{}
	for _, r := range rows {
		p, ok := partners[r.PartnerID]
		if !ok {
			if p, err = partnerByID(ctx, s.db, r.PartnerID); err != nil {
				return nil, err
			}
			partners[r.PartnerID] = p
		}
		fs = append(fs, FundingFacility{Facility: r.facility(), Partner: p})
	}
	return fs, nil
}

// findFacility returns a facility of a cooperative, read through db.
func findFacility(ctx context.Context, db bun.IDB, cooperativeID, facilityID string) (Facility, error) {
	if !ledger.IsID(facilityID) {
		return Facility{}, ErrFacilityNotFound()
	}
	var row facilityRow
	err := db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", facilityID, cooperativeID).Scan(ctx)
	if NoRows(err) {
		return Facility{}, ErrFacilityNotFound()
	}
	if err != nil {
		return Facility{}, err
	}
	return row.facility(), nil
}

// lockFacilityRow reads a facility of the cooperative and holds its row
// lock until the transaction ends.
func lockFacilityRow(ctx context.Context, tx bun.Tx, row *facilityRow, cooperativeID, facilityID string) error {
	if !ledger.IsID(facilityID) {
		return ErrFacilityNotFound()
	}
	err := lockFacility(ctx, tx, row, cooperativeID, facilityID)
	if NoRows(err) {
		return ErrFacilityNotFound()
	}
	return err
}

func ErrFacilityNotFound() error { return ledger.NotFound("facility.not_found", "no such facility") }

// FacilityCooperative reads the cooperative a facility funds: the caller
// holds the facility because the policy let it read it (FindFacilities).
func (s *Service) FacilityCooperative(ctx context.Context, f Facility) (Cooperative, error) {
	return cooperativeByID(ctx, s.db, f.CooperativeID)
}
