package accounts

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Cooperative is a koperasi (or a federation's member group keeping its own
// books): it owns one ledger book.
type Cooperative struct {
	ID       string
	BookID   string
	Name     string
	Currency ledger.Currency
	Language Language
	// CoverDebtTo is to whom a covered member owes a cover under joint
	// liability: the co-member who paid it (CoverDebtToMember) or her
	// group's solidarity fund (CoverDebtToFund).
	CoverDebtTo string
	// SecondApproval are the actions of its treasurers that wait for a
	// second treasurer's approval (four eyes), by the cooperative's choice.
	SecondApproval []ApprovalAction
	Savings        SavingsRules
	CreatedAt      time.Time
}

// SavingsRules are the amounts a cooperative's by-laws set: the one-off
// simpanan pokok each member pays on joining, and the simpanan wajib she
// pays every period.
type SavingsRules struct {
	PokokMinor     int64
	WajibMinor     int64
	WajibFrequency string // "weekly" or "monthly"
}

type cooperativeRow struct {
	bun.BaseModel `bun:"table:cooperatives"`

	ID               string          `bun:"id,pk"`
	BookID           string          `bun:"book_id"`
	Name             string          `bun:"name"`
	LastMemberNumber int             `bun:"last_member_number"`
	LastLoanNumber   int             `bun:"last_loan_number"`
	PokokMinor       int64           `bun:"pokok_minor"`
	WajibMinor       int64           `bun:"wajib_minor"`
	WajibFrequency   string          `bun:"wajib_frequency"`
	Language         Language        `bun:"language"`
	CoverDebtTo      string          `bun:"cover_debt_to"`
	SecondApproval   string          `bun:"second_approval"`
	CreatedAt        time.Time       `bun:"created_at"`
	Currency         ledger.Currency `bun:"currency,scanonly"`
}

func (r cooperativeRow) cooperative() Cooperative {
	return Cooperative{ID: r.ID, BookID: r.BookID, Name: r.Name, Currency: r.Currency, Language: r.Language, CoverDebtTo: r.CoverDebtTo, CreatedAt: r.CreatedAt,
		Savings:        SavingsRules{PokokMinor: r.PokokMinor, WajibMinor: r.WajibMinor, WajibFrequency: r.WajibFrequency},
		SecondApproval: parseApprovals(r.SecondApproval)}
}

// CooperativeInput is what creating a cooperative takes. The savings
// amounts are decimal strings in the currency; empty means none set yet.
type CooperativeInput struct {
	Name           string
	Currency       string
	Pokok          string
	Wajib          string
	WajibFrequency string // weekly or monthly; empty: monthly
	Language       string // id or en; empty: id
}

// CreateCooperative creates a cooperative with its book and the standard
// chart of accounts, in one transaction. Admins only.
// Errors: KindForbidden, KindInvalid.
func (s *Service) CreateCooperative(ctx context.Context, a Actor, in CooperativeInput) (c Cooperative, err error) {
	defer ledger.Wrap(&err, "CreateCooperative(%q)", in.Name)
	if _, err := RequireAdmin(a); err != nil {
		return Cooperative{}, err
	}
	var fields []ledger.FieldError
	name := CleanName("name", in.Name, &fields)
	lang := parseLanguage("language", in.Language, true, &fields)
	var rules SavingsRules
	if cur, err := ledger.ParseCurrency(in.Currency); err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	} else {
		rules, fields = parseSavingsRules(SavingsRulesInput{Pokok: in.Pokok, Wajib: in.Wajib, WajibFrequency: in.WajibFrequency}, cur, fields)
	}
	if len(fields) > 0 {
		return Cooperative{}, Invalid("cooperative.invalid", fields)
	}
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		book, err := ledger.CreateBookTx(ctx, tx, ledger.BookInput{Name: name, Currency: in.Currency}, now)
		if err != nil {
			return err
		}
		if err := CreateAccounts(ctx, tx, book.ID, standardChart, now); err != nil {
			return err
		}
		row := cooperativeRow{ID: ledger.NewID(), BookID: book.ID, Name: name, Language: lang, CoverDebtTo: CoverDebtToMember, CreatedAt: now,
			PokokMinor: rules.PokokMinor, WajibMinor: rules.WajibMinor, WajibFrequency: rules.WajibFrequency}
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		row.Currency = book.Currency
		c = row.cooperative()
		return nil
	})
	return c, err
}

// CooperativeSettings is what changes in a cooperative's settings: a nil
// field stays as it is.
type CooperativeSettings struct {
	Language    *string // id or en
	CoverDebtTo *string // member or fund
	// SecondApproval replaces the actions that wait for a second
	// treasurer's approval (ApprovalActions); empty: none do.
	SecondApproval *[]string
}

// To whom a cover is owed: the cooperative's choice of the two forms of
// tanggung renteng. It applies to covers recorded after it is made.
const (
	CoverDebtToMember = "member" // the co-member who paid it
	CoverDebtToFund   = "fund"   // the group's solidarity fund
)

// UpdateCooperative changes a cooperative's settings: its admin's or its
// treasurer's to make (authorizeCooperativeSettings).
// Errors: KindNotFound for a cooperative the actor may not read;
// KindForbidden for one she reads but may not change; KindInvalid.
func (s *Service) UpdateCooperative(ctx context.Context, a Actor, id string, in CooperativeSettings) (c Cooperative, err error) {
	defer ledger.Wrap(&err, "UpdateCooperative(%s)", id)
	if !ledger.IsID(id) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	if err := s.authorizeCooperativeSettings(ctx, a, id); err != nil {
		return Cooperative{}, err
	}
	if in.Language == nil && in.CoverDebtTo == nil && in.SecondApproval == nil {
		return s.findCooperative(ctx, id)
	}
	var fields []ledger.FieldError
	q := s.db.NewUpdate().Table("cooperatives").Where("id = ?", id)
	if in.Language != nil {
		q = q.Set("language = ?", parseLanguage("language", *in.Language, false, &fields))
	}
	if in.CoverDebtTo != nil {
		if *in.CoverDebtTo != CoverDebtToMember && *in.CoverDebtTo != CoverDebtToFund {
			fields = append(fields, ledger.FieldError{Field: "cover_debt_to", Reason: "member or fund"})
		}
		q = q.Set("cover_debt_to = ?", *in.CoverDebtTo)
	}
	if in.SecondApproval != nil {
		stored, ok := storeApprovals(*in.SecondApproval)
		if !ok {
			fields = append(fields, ledger.FieldError{Field: "second_approval", Reason: "a list of write_off, reversal, meeting_amend and year_end, each once"})
		}
		q = q.Set("second_approval = ?", stored)
	}
	if len(fields) > 0 {
		return Cooperative{}, Invalid("cooperative.invalid", fields)
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		before, err := cooperativeByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := q.Conn(tx).Exec(ctx); err != nil {
			return err
		}
		after, err := cooperativeByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return Audit(ctx, tx, a.UserID, Change{Scope: id, Action: "cooperative.settings", SubjectKind: "cooperative",
			SubjectID: id, Before: before.settingsRecord(), After: after.settingsRecord()}, s.now())
	})
	if err != nil {
		return Cooperative{}, err
	}
	return s.findCooperative(ctx, id)
}

// settingsRecord is what the audit log keeps of a cooperative's settings
// and savings rules.
func (c Cooperative) settingsRecord() map[string]any {
	return map[string]any{"language": c.Language, "cover_debt_to": c.CoverDebtTo, "second_approval": c.SecondApproval,
		"pokok": ledger.FormatMinor(c.Savings.PokokMinor, c.Currency), "wajib": ledger.FormatMinor(c.Savings.WajibMinor, c.Currency),
		"wajib_frequency": c.Savings.WajibFrequency}
}

// selectCooperatives is the query every cooperative read starts from: the
// row with its book's currency.
func selectCooperatives(db bun.IDB, rows any) *bun.SelectQuery {
	return db.NewSelect().Model(rows).
		ColumnExpr("c.*, b.currency").
		ModelTableExpr("cooperatives AS c").
		Join("JOIN books AS b ON b.id = c.book_id")
}

// FindCooperativeByID returns a cooperative the actor may read.
// Errors: KindNotFound when it does not exist or is outside her scope.
func (s *Service) FindCooperativeByID(ctx context.Context, a Actor, id string) (c Cooperative, err error) {
	defer ledger.Wrap(&err, "FindCooperativeByID(%s)", id)
	if !ledger.IsID(id) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	if err := s.authorizeCooperativeRead(ctx, a, id); err != nil {
		return Cooperative{}, err
	}
	return s.findCooperative(ctx, id)
}

func (s *Service) findCooperative(ctx context.Context, id string) (Cooperative, error) {
	return cooperativeByID(ctx, s.db, id)
}

// cooperativeByID reads a cooperative through db, whoever asks: the policy
// and its scopes are its only callers outside this file.
func cooperativeByID(ctx context.Context, db bun.IDB, id string) (Cooperative, error) {
	if !ledger.IsID(id) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	var row cooperativeRow
	err := selectCooperatives(db, &row).Where("c.id = ?", id).Scan(ctx)
	if NoRows(err) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	if err != nil {
		return Cooperative{}, err
	}
	return row.cooperative(), nil
}

// FindCooperatives lists the cooperatives the actor may read: all for an
// admin; her own for a treasurer or member; those it funds for a partner.
func (s *Service) FindCooperatives(ctx context.Context, a Actor, p Page) (cs []Cooperative, nextCursor string, err error) {
	defer ledger.Wrap(&err, "FindCooperatives")
	if p, err = p.Validate(); err != nil {
		return nil, "", err
	}
	var rows []cooperativeRow
	q := p.Apply(selectCooperatives(s.db, &rows), "c.id")
	if !a.IsAdmin() {
		ids, err := s.cooperativeIDsInScope(ctx, a)
		if err != nil {
			return nil, "", err
		}
		if len(ids) == 0 {
			return nil, "", nil
		}
		q = q.Where("c.id IN (?)", bun.List(ids))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, nextCursor = Next(rows, p.Limit, func(r cooperativeRow) string { return r.ID })
	for _, r := range rows {
		cs = append(cs, r.cooperative())
	}
	return cs, nextCursor, nil
}

// cooperativeIDsInScope returns the cooperatives a non-admin actor reaches.
func (s *Service) cooperativeIDsInScope(ctx context.Context, a Actor) ([]string, error) {
	var ids []string
	for _, g := range a.Grants {
		if g.CooperativeID != "" {
			ids = append(ids, g.CooperativeID)
		}
	}
	if pids := a.PartnerIDs(); len(pids) > 0 {
		funded, err := s.fundedCooperativeIDs(ctx, pids)
		if err != nil {
			return nil, err
		}
		ids = append(ids, funded...)
	}
	return ids, nil
}

// cooperativeForBooks returns a cooperative whose books the actor keeps.
// Errors: as authorizeBooks, and KindNotFound for an unknown cooperative.
func (s *Service) cooperativeForBooks(ctx context.Context, a Actor, id string) (Cooperative, error) {
	if !ledger.IsID(id) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	if err := authorizeBooks(a, id); err != nil {
		return Cooperative{}, err
	}
	return s.findCooperative(ctx, id)
}

// cooperativeForBooksRead is cooperativeForBooks for reading: its
// supervisor too (authorizeBooksRead).
func (s *Service) cooperativeForBooksRead(ctx context.Context, a Actor, id string) (Cooperative, error) {
	if !ledger.IsID(id) {
		return Cooperative{}, ErrCooperativeNotFound()
	}
	if err := authorizeBooksRead(a, id); err != nil {
		return Cooperative{}, err
	}
	return s.findCooperative(ctx, id)
}
