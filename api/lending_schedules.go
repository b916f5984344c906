package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// The schedule preview: any signed-in user can see what a loan on given
// terms would cost, installment by installment, before anyone applies.

type scheduleRequest struct {
	Principal           string `json:"principal"`
	Currency            string `json:"currency"`
	AnnualRate          string `json:"annual_rate"`
	Installments        int    `json:"installments"`
	Frequency           string `json:"frequency"`
	InterestMethod      string `json:"interest_method"`
	GracePeriods        int    `json:"grace_periods"`
	InstallmentMultiple string `json:"installment_multiple"`
	DisbursedOn         string `json:"disbursed_on"`
}

type scheduleLineJSON struct {
	Number    int    `json:"number"`
	DueDate   string `json:"due_date"`
	Principal string `json:"principal"`
	Interest  string `json:"interest"`
	Total     string `json:"total"`
	Balance   string `json:"balance"`
}

type scheduleJSON struct {
	Installments        []scheduleLineJSON `json:"installments"`
	TotalPrincipal      string             `json:"total_principal"`
	TotalInterest       string             `json:"total_interest"`
	EffectiveAnnualRate *string            `json:"effective_annual_rate,omitempty"`
}

// terms parses the request, reporting every bad field at once.
func (req scheduleRequest) terms() (loans.Terms, error) {
	t := loans.Terms{Installments: req.Installments, Frequency: loans.Frequency(req.Frequency),
		Method: loans.Method(req.InterestMethod), GracePeriods: req.GracePeriods}
	var fields []ledger.FieldError
	keep := func(err error) {
		if e := ledger.AsError(err); e != nil {
			fields = append(fields, e.Fields...)
		}
	}
	cur, err := ledger.ParseCurrency(req.Currency)
	keep(err)
	t.Currency = cur
	if !cur.IsZero() {
		t.Principal, err = ledger.ParsePositiveMinor("principal", req.Principal, cur)
		keep(err)
		if req.InstallmentMultiple != "" {
			t.InstallmentMultiple, err = ledger.ParsePositiveMinor("installment_multiple", req.InstallmentMultiple, cur)
			keep(err)
		}
	}
	rate, err := ledger.ParseAmount("annual_rate", req.AnnualRate)
	keep(err)
	t.AnnualRatePercent = rate
	t.DisbursedOn, err = ledger.ParseDate(req.DisbursedOn)
	if err != nil {
		fields = append(fields, ledger.FieldError{Field: "disbursed_on", Reason: "a date of the form YYYY-MM-DD"})
	}
	if len(fields) > 0 {
		return t, ledger.Invalid("schedule.invalid", "the loan terms are not valid", fields...)
	}
	return t, t.Validate()
}

func (s *server) previewSchedule(c *fiber.Ctx) error {
	var req scheduleRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	t, err := req.terms()
	if err != nil {
		return err
	}
	sch, err := loans.Build(t)
	if err != nil {
		return err
	}
	cur := t.Currency
	out := scheduleJSON{TotalPrincipal: ledger.FormatMinor(sch.TotalPrincipalMinor, cur), TotalInterest: ledger.FormatMinor(sch.TotalInterestMinor, cur)}
	for _, i := range sch.Installments {
		out.Installments = append(out.Installments, scheduleLineJSON{Number: i.Number, DueDate: i.DueDate.String(),
			Principal: ledger.FormatMinor(i.PrincipalMinor, cur), Interest: ledger.FormatMinor(i.InterestMinor, cur),
			Total: ledger.FormatMinor(i.TotalMinor, cur), Balance: ledger.FormatMinor(i.BalanceMinor, cur)})
	}
	if sch.EffectiveAnnualRatePercent != nil {
		rate := sch.EffectiveAnnualRatePercent.StringFixed(2)
		out.EffectiveAnnualRate = &rate
	}
	return c.JSON(out)
}
