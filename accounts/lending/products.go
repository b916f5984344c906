package lending

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// A loan product is the terms a cooperative lends on, named once
// ("Pinjaman Usaha Mingguan: flat 18 % a year, weekly, 25 installments,
// rounded to Rp 500, 1 % admin fee, Rp 2,000 late penalty, Rp 500,000 to
// Rp 5,000,000") and applied to every loan made under it. Members read the
// products on offer; the treasurer defines and retires them. A retired
// product takes no new loans; loans made under it keep their terms, which
// each loan stores.

// LoanProduct is a cooperative's named loan terms.
type LoanProduct struct {
	ID                       string
	CooperativeID            string
	Name                     string
	Currency                 ledger.Currency
	AnnualRatePercent        decimal.Decimal
	Method                   loans.Method
	Frequency                loans.Frequency
	Installments             int
	GracePeriods             int
	InstallmentMultipleMinor int64
	FeePercent               decimal.Decimal // of the principal, taken at disbursement
	PenaltyMinor             int64
	PrincipalMinMinor        int64
	PrincipalMaxMinor        int64
	// EffectiveAnnualRatePercent is set for flat products: the rate the
	// largest loan the product allows costs a year, beside the flat rate.
	EffectiveAnnualRatePercent *decimal.Decimal
	Retired                    bool
	CreatedAt                  time.Time
}

// auditRecord is what the audit log keeps of a product's terms.
func (p LoanProduct) auditRecord() map[string]any {
	cur := p.Currency
	return map[string]any{"name": p.Name, "annual_rate": p.AnnualRatePercent.String(), "method": p.Method,
		"frequency": p.Frequency, "installments": p.Installments, "grace_periods": p.GracePeriods,
		"fee_percent": p.FeePercent.String(), "penalty": ledger.FormatMinor(p.PenaltyMinor, cur),
		"installment_multiple": ledger.FormatMinor(p.InstallmentMultipleMinor, cur),
		"principal_min":        ledger.FormatMinor(p.PrincipalMinMinor, cur), "principal_max": ledger.FormatMinor(p.PrincipalMaxMinor, cur)}
}

type loanProductRow struct {
	bun.BaseModel `bun:"table:loan_products"`

	ID                       string          `bun:"id,pk"`
	CooperativeID            string          `bun:"cooperative_id"`
	Name                     string          `bun:"name"`
	AnnualRate               decimal.Decimal `bun:"annual_rate"`
	Method                   string          `bun:"method"`
	Frequency                string          `bun:"frequency"`
	Installments             int             `bun:"installments"`
	GracePeriods             int             `bun:"grace_periods"`
	InstallmentMultipleMinor int64           `bun:"installment_multiple_minor"`
	FeePercent               decimal.Decimal `bun:"fee_percent"`
	PenaltyMinor             int64           `bun:"penalty_minor"`
	PrincipalMinMinor        int64           `bun:"principal_min_minor"`
	PrincipalMaxMinor        int64           `bun:"principal_max_minor"`
	RetiredAt                *time.Time      `bun:"retired_at"`
	CreatedAt                time.Time       `bun:"created_at"`
}

// terms are the product's terms for a principal.
func (r loanProductRow) terms(cur ledger.Currency, principalMinor int64, disbursedOn ledger.Date) loans.Terms {
	return loans.Terms{Principal: principalMinor, Currency: cur, AnnualRatePercent: r.AnnualRate,
		Installments: r.Installments, Frequency: loans.Frequency(r.Frequency), Method: loans.Method(r.Method),
		GracePeriods: r.GracePeriods, InstallmentMultiple: r.InstallmentMultipleMinor, DisbursedOn: disbursedOn}
}

func (r loanProductRow) product(cur ledger.Currency, today ledger.Date) LoanProduct {
	p := LoanProduct{ID: r.ID, CooperativeID: r.CooperativeID, Name: r.Name, Currency: cur,
		AnnualRatePercent: r.AnnualRate, Method: loans.Method(r.Method), Frequency: loans.Frequency(r.Frequency),
		Installments: r.Installments, GracePeriods: r.GracePeriods, InstallmentMultipleMinor: r.InstallmentMultipleMinor,
		FeePercent: r.FeePercent, PenaltyMinor: r.PenaltyMinor, PrincipalMinMinor: r.PrincipalMinMinor,
		PrincipalMaxMinor: r.PrincipalMaxMinor, Retired: r.RetiredAt != nil, CreatedAt: r.CreatedAt}
	if p.Method == loans.Flat {
		if sch, err := loans.Build(r.terms(cur, r.PrincipalMaxMinor, today)); err == nil {
			p.EffectiveAnnualRatePercent = sch.EffectiveAnnualRatePercent
		}
	}
	return p
}

// feeMinor is the product's fee on a principal: its percentage, rounded
// half to even to the currency's unit, as the schedule rounds.
func (r loanProductRow) feeMinor(principalMinor int64) int64 {
	return decimal.NewFromInt(principalMinor).Mul(r.FeePercent).Div(decimal.NewFromInt(100)).RoundBank(0).IntPart()
}

// LoanProductInput defines a product. Amounts and percentages are decimal
// strings, as in a loan application; field names in errors are the API's.
type LoanProductInput struct {
	Name                string
	AnnualRate          string
	Method              loans.Method
	Frequency           loans.Frequency
	Installments        int
	GracePeriods        int
	InstallmentMultiple string // empty: the currency's unit
	FeePercent          string // empty: no fee
	Penalty             string
	PrincipalMin        string
	PrincipalMax        string
}

// Limits of a product.
const (
	productNameLengthMax = 100
	// loanProductsMax bounds one cooperative's catalogue: a handful is usual.
	loanProductsMax = 200
)

// feePercentPattern is a fee percentage: at most two decimals, below 100.
var feePercentPattern = regexp.MustCompile(`^[0-9]{1,2}(\.[0-9]{1,2})?$`)

// CreateLoanProduct defines a loan product. Its treasurer only. Errors:
// KindNotFound, KindForbidden; KindInvalid naming each bad field
// (loan_product.invalid); KindConflict for a name the cooperative already
// uses (loan_product.name_taken).
func (s *Service) CreateLoanProduct(ctx context.Context, a accounts.Actor, cooperativeID string, in LoanProductInput) (p LoanProduct, err error) {
	defer ledger.Wrap(&err, "CreateLoanProduct(%s)", cooperativeID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return LoanProduct{}, err
	}
	coop := books.Cooperative()
	row, err := productRow(coop, in, ledger.DateOf(s.now().UTC()))
	if err != nil {
		return LoanProduct{}, err
	}
	row.ID, row.CreatedAt = ledger.NewID(), s.now().UTC()
	p = row.product(coop.Currency, ledger.DateOf(row.CreatedAt))
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: coop.ID, Action: "loan_product.create",
			SubjectKind: "loan_product", SubjectID: row.ID, After: p.auditRecord()}, row.CreatedAt)
	})
	if ledger.IsUniqueViolation(err, "loan_products_name_key") {
		return LoanProduct{}, ledger.Conflict("loan_product.name_taken", "the cooperative already has a loan product of that name")
	}
	if err != nil {
		return LoanProduct{}, err
	}
	return p, nil
}

// productRow checks a product's input and returns the row to insert. The
// terms are checked by the schedule's own rules at both ends of the
// principal range, so that every loan the product allows can be made.
func productRow(coop accounts.Cooperative, in LoanProductInput, today ledger.Date) (loanProductRow, error) {
	var fields []ledger.FieldError
	add := func(field, reason string) { fields = append(fields, ledger.FieldError{Field: field, Reason: reason}) }
	row := loanProductRow{CooperativeID: coop.ID, Name: strings.TrimSpace(in.Name), Method: string(in.Method),
		Frequency: string(in.Frequency), Installments: in.Installments, GracePeriods: in.GracePeriods}
	if row.Name == "" || len(row.Name) > productNameLengthMax {
		add("name", "a name of 1 to 100 characters")
	}
	rate, err := decimal.NewFromString(in.AnnualRate)
	if _, perr := ledger.ParseAmount("annual_rate", in.AnnualRate); perr != nil || err != nil {
		add("annual_rate", "a percent per year as a decimal string, such as \"18\" or \"24.5\"")
	}
	row.AnnualRate = rate
	if in.FeePercent != "" {
		if !feePercentPattern.MatchString(in.FeePercent) {
			add("fee_percent", "a percent of the principal below 100 with at most two decimals, such as \"1\" or \"1.5\"")
		} else {
			row.FeePercent = decimal.RequireFromString(in.FeePercent)
		}
	}
	for _, f := range []struct {
		name, text string
		required   bool
		dst        *int64
	}{{"principal_min", in.PrincipalMin, true, &row.PrincipalMinMinor}, {"principal_max", in.PrincipalMax, true, &row.PrincipalMaxMinor},
		{"installment_multiple", in.InstallmentMultiple, false, &row.InstallmentMultipleMinor},
		{"penalty", in.Penalty, false, &row.PenaltyMinor}} {
		if f.text == "" && !f.required {
			continue
		}
		v, err := ledger.ParsePositiveMinor(f.name, f.text, coop.Currency)
		if err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
		*f.dst = v
	}
	if len(fields) == 0 && row.PrincipalMaxMinor < row.PrincipalMinMinor {
		add("principal_max", "at least principal_min")
	}
	if len(fields) == 0 {
		for _, principal := range []int64{row.PrincipalMinMinor, row.PrincipalMaxMinor} {
			if err := row.terms(coop.Currency, principal, today).Validate(); err != nil {
				fields = append(fields, ledger.AsError(err).Fields...)
				break
			}
		}
	}
	if len(fields) > 0 {
		return loanProductRow{}, accounts.Invalid("loan_product.invalid", fields)
	}
	return row, nil
}

// FindLoanProducts lists a cooperative's products by name, the retired
// ones only when asked. Its treasurer and its members. Errors:
// KindNotFound.
func (s *Service) FindLoanProducts(ctx context.Context, a accounts.Actor, cooperativeID string, withRetired bool) (ps []LoanProduct, err error) {
	defer ledger.Wrap(&err, "FindLoanProducts(%s)", cooperativeID)
	coop, err := s.cooperativeForMembers(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	var rows []loanProductRow
	q := s.db.NewSelect().Model(&rows).Where("cooperative_id = ?", coop.ID).OrderExpr("name").Limit(loanProductsMax)
	if !withRetired {
		q = q.Where("retired_at IS NULL")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	today := ledger.DateOf(s.now().UTC())
	ps = make([]LoanProduct, len(rows))
	for i, r := range rows {
		ps[i] = r.product(coop.Currency, today)
	}
	return ps, nil
}

// FindLoanProduct returns one product. Who may: as FindLoanProducts.
// Errors: KindNotFound (loan_product.not_found).
func (s *Service) FindLoanProduct(ctx context.Context, a accounts.Actor, cooperativeID, productID string) (p LoanProduct, err error) {
	defer ledger.Wrap(&err, "FindLoanProduct(%s, %s)", cooperativeID, productID)
	coop, err := s.cooperativeForMembers(ctx, a, cooperativeID)
	if err != nil {
		return LoanProduct{}, err
	}
	row, err := s.findProductRow(ctx, coop.ID, productID)
	if err != nil {
		return LoanProduct{}, err
	}
	return row.product(coop.Currency, ledger.DateOf(s.now().UTC())), nil
}

// RetireLoanProduct stops a product taking new loans; retiring it again
// changes nothing. Its treasurer only. Errors: KindNotFound, KindForbidden.
func (s *Service) RetireLoanProduct(ctx context.Context, a accounts.Actor, cooperativeID, productID string) (p LoanProduct, err error) {
	defer ledger.Wrap(&err, "RetireLoanProduct(%s, %s)", cooperativeID, productID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return LoanProduct{}, err
	}
	coop := books.Cooperative()
	if _, err := s.findProductRow(ctx, coop.ID, productID); err != nil {
		return LoanProduct{}, err
	}
	now := s.now().UTC()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		res, err := tx.NewUpdate().Table("loan_products").Set("retired_at = ?", now).
			Where("id = ? AND retired_at IS NULL", productID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // retired before: nothing changed, nothing to record
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: coop.ID, Action: "loan_product.retire",
			SubjectKind: "loan_product", SubjectID: productID, After: map[string]any{"retired_at": now}}, now)
	})
	if err != nil {
		return LoanProduct{}, err
	}
	row, err := s.findProductRow(ctx, coop.ID, productID)
	if err != nil {
		return LoanProduct{}, err
	}
	return row.product(coop.Currency, ledger.DateOf(s.now().UTC())), nil
}

func (s *Service) findProductRow(ctx context.Context, cooperativeID, productID string) (loanProductRow, error) {
	var row loanProductRow
	if !ledger.IsID(productID) {
		return row, errProductNotFound()
	}
	err := s.db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", productID, cooperativeID).Scan(ctx)
	if accounts.NoRows(err) {
		return row, errProductNotFound()
	}
	return row, err
}

func errProductNotFound() error {
	return ledger.NotFound("loan_product.not_found", "no such loan product in this cooperative")
}

// cooperativeForMembers returns a cooperative to its treasurer or one of
// its members.
func (s *Service) cooperativeForMembers(ctx context.Context, a accounts.Actor, id string) (accounts.Cooperative, error) {
	read, err := s.core.MembersRead(ctx, a, id)
	return read.Cooperative(), err
}

// applyProduct fills a loan application from its product: the product's
// terms, its fee on the principal, and the range the principal must be in.
// An application under a product gives no terms of its own: the product is
// what the cooperative and the member agreed to, and a rate typed beside it
// would be a second, silent agreement.
func (s *Service) applyProduct(ctx context.Context, coop accounts.Cooperative, in LoanApplication) (LoanApplication, *string, error) {
	var fields []ledger.FieldError
	for _, f := range []struct{ name, value string }{{"annual_rate", in.AnnualRate}, {"interest_method", string(in.Method)},
		{"frequency", string(in.Frequency)}, {"installment_multiple", in.InstallmentMultiple}, {"fee", in.Fee},
		{"penalty", in.Penalty}} {
		if f.value != "" {
			fields = append(fields, ledger.FieldError{Field: f.name, Reason: "set by the loan product; leave it out"})
		}
	}
	if in.Installments != 0 || in.GracePeriods != 0 {
		fields = append(fields, ledger.FieldError{Field: "installments", Reason: "set by the loan product; leave it and grace_periods out"})
	}
	row, err := s.findProductRow(ctx, coop.ID, in.ProductID)
	switch {
	case ledger.KindOf(err) == ledger.KindNotFound:
		fields = append(fields, ledger.FieldError{Field: "product_id", Reason: "no loan product of this cooperative"})
	case err != nil:
		return LoanApplication{}, nil, err
	case row.RetiredAt != nil:
		fields = append(fields, ledger.FieldError{Field: "product_id", Reason: "the loan product is retired"})
	}
	if len(fields) > 0 {
		return LoanApplication{}, nil, accounts.Invalid("loan.invalid", fields)
	}
	principal, err := ledger.ParsePositiveMinor("principal", in.Principal, coop.Currency)
	if err != nil {
		return LoanApplication{}, nil, err
	}
	if principal < row.PrincipalMinMinor || principal > row.PrincipalMaxMinor {
		return LoanApplication{}, nil, accounts.Invalid("loan.invalid", []ledger.FieldError{{Field: "principal", Reason: "between %s and %s under this product",
			Args: []any{ledger.FormatMinor(row.PrincipalMinMinor, coop.Currency), ledger.FormatMinor(row.PrincipalMaxMinor, coop.Currency)}}})
	}
	in.AnnualRate, in.Method, in.Frequency = row.AnnualRate.String(), loans.Method(row.Method), loans.Frequency(row.Frequency)
	in.Installments, in.GracePeriods = row.Installments, row.GracePeriods
	if row.InstallmentMultipleMinor > 0 {
		in.InstallmentMultiple = ledger.FormatMinor(row.InstallmentMultipleMinor, coop.Currency)
	}
	if fee := row.feeMinor(principal); fee > 0 {
		in.Fee = ledger.FormatMinor(fee, coop.Currency)
	}
	if row.PenaltyMinor > 0 {
		in.Penalty = ledger.FormatMinor(row.PenaltyMinor, coop.Currency)
	}
	return in, &row.ID, nil
}
