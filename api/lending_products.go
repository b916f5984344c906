package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// Loan products: the terms a cooperative lends on, for its treasurer to
// define and its members to read.

type loanProductRequest struct {
	Name                string `json:"name"`
	AnnualRate          string `json:"annual_rate"`
	InterestMethod      string `json:"interest_method"`
	Frequency           string `json:"frequency"`
	Installments        int    `json:"installments"`
	GracePeriods        int    `json:"grace_periods"`
	InstallmentMultiple string `json:"installment_multiple"`
	FeePercent          string `json:"fee_percent"`
	Penalty             string `json:"penalty"`
	PrincipalMin        string `json:"principal_min"`
	PrincipalMax        string `json:"principal_max"`
}

type loanProductJSON struct {
	ID                  string  `json:"id"`
	CooperativeID       string  `json:"cooperative_id"`
	Name                string  `json:"name"`
	Currency            string  `json:"currency"`
	AnnualRate          string  `json:"annual_rate"`
	EffectiveAnnualRate *string `json:"effective_annual_rate"` // flat products only
	InterestMethod      string  `json:"interest_method"`
	Frequency           string  `json:"frequency"`
	Installments        int     `json:"installments"`
	GracePeriods        int     `json:"grace_periods"`
	InstallmentMultiple string  `json:"installment_multiple"`
	FeePercent          string  `json:"fee_percent"`
	Penalty             string  `json:"penalty"`
	PrincipalMin        string  `json:"principal_min"`
	PrincipalMax        string  `json:"principal_max"`
	Retired             bool    `json:"retired"`
	CreatedAt           string  `json:"created_at"`
}

// loanProductListJSON is a cooperative's catalogue: a few products, never
// paged.
type loanProductListJSON struct {
	Items []loanProductJSON `json:"items"`
}

func toLoanProduct(p lending.LoanProduct) loanProductJSON {
	cur := p.Currency
	out := loanProductJSON{ID: p.ID, CooperativeID: p.CooperativeID, Name: p.Name, Currency: cur.Code(),
		AnnualRate: p.AnnualRatePercent.String(), InterestMethod: string(p.Method), Frequency: string(p.Frequency),
		Installments: p.Installments, GracePeriods: p.GracePeriods, InstallmentMultiple: ledger.FormatMinor(p.InstallmentMultipleMinor, cur),
		FeePercent: p.FeePercent.String(), Penalty: ledger.FormatMinor(p.PenaltyMinor, cur),
		PrincipalMin: ledger.FormatMinor(p.PrincipalMinMinor, cur), PrincipalMax: ledger.FormatMinor(p.PrincipalMaxMinor, cur),
		Retired: p.Retired, CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339)}
	if p.EffectiveAnnualRatePercent != nil {
		rate := p.EffectiveAnnualRatePercent.StringFixed(2)
		out.EffectiveAnnualRate = &rate
	}
	return out
}

func (s *server) createLoanProduct(c *fiber.Ctx) error {
	var req loanProductRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	p, err := s.lending.CreateLoanProduct(c.UserContext(), actor(c), c.Params("coop"), lending.LoanProductInput{
		Name: req.Name, AnnualRate: req.AnnualRate, Method: loans.Method(req.InterestMethod), Frequency: loans.Frequency(req.Frequency),
		Installments: req.Installments, GracePeriods: req.GracePeriods, InstallmentMultiple: req.InstallmentMultiple,
		FeePercent: req.FeePercent, Penalty: req.Penalty, PrincipalMin: req.PrincipalMin, PrincipalMax: req.PrincipalMax})
	if err != nil {
		return err
	}
	c.Location("/v1/cooperatives/" + c.Params("coop") + "/loan-products/" + p.ID)
	return c.Status(fiber.StatusCreated).JSON(toLoanProduct(p))
}

func (s *server) listLoanProducts(c *fiber.Ctx) error {
	var withRetired bool
	switch c.Query("retired") {
	case "", "false":
	case "true":
		withRetired = true
	default:
		return ledger.InvalidField("request.retired", "retired", "true or false")
	}
	ps, err := s.lending.FindLoanProducts(c.UserContext(), actor(c), c.Params("coop"), withRetired)
	if err != nil {
		return err
	}
	return c.JSON(loanProductListJSON{Items: mapSlice(ps, toLoanProduct)})
}

func (s *server) getLoanProduct(c *fiber.Ctx) error {
	p, err := s.lending.FindLoanProduct(c.UserContext(), actor(c), c.Params("coop"), c.Params("product"))
	if err != nil {
		return err
	}
	return c.JSON(toLoanProduct(p))
}

func (s *server) retireLoanProduct(c *fiber.Ctx) error {
	p, err := s.lending.RetireLoanProduct(c.UserContext(), actor(c), c.Params("coop"), c.Params("product"))
	if err != nil {
		return err
	}
	return c.JSON(toLoanProduct(p))
}
