package imports

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
)

// methodWords and frequencyWords are what a sheet writes for a loan's
// interest method and installment period, in either language.
var (
	methodWords = map[string]loans.Method{
		"flat": loans.Flat, "tetap": loans.Flat, "declining": loans.Declining, "menurun": loans.Declining,
		"anuitas": loans.Declining, "equal_principal": loans.EqualPrincipal, "pokok_tetap": loans.EqualPrincipal,
	}
	frequencyWords = map[string]loans.Frequency{
		"weekly": loans.Weekly, "mingguan": loans.Weekly, "fortnightly": loans.Fortnightly, "dua_mingguan": loans.Fortnightly,
		"monthly": loans.Monthly, "bulanan": loans.Monthly,
	}
)

// planLoans reads a loans file: each row a member's loan, funded by a
// facility named by its account code, disbursed on a day, with what she
// has repaid in all by the day the sheet stands at.
func (s *Service) planLoans(ctx context.Context, books accounts.Books, rs []record) ([]step, error) {
	coop := books.Cooperative()
	ms, err := s.members(ctx, books)
	if err != nil {
		return nil, err
	}
	facilityByCode, err := s.facilitiesByCode(ctx, books)
	if err != nil {
		return nil, err
	}
	today := ledger.DateOf(s.now().UTC())
	steps := make([]step, 0, len(rs))
	for _, r := range rs {
		var in lending.OpeningLoan
		if m, ok := ms.find(r, "member"); ok {
			in.MemberID = m.ID
		}
		if f := r.required("facility"); f != "" {
			if in.FacilityID = facilityByCode[strings.ToUpper(f)]; in.FacilityID == "" {
				r.fail("facility", "the account code of a facility of this cooperative, such as 3300.F01")
			}
		}
		if p := r.required("principal"); p != "" {
			in.Principal = r.t.amount(p)
		}
		if rate := r.required("annual_rate"); rate != "" {
			in.AnnualRate = strings.TrimSuffix(r.t.amount(rate), "%")
		}
		in.Method = methodWords[strings.ToLower(r.required("method"))]
		if in.Method == "" && r.text("method") != "" {
			r.fail("method", "flat, declining or equal_principal (tetap, menurun, pokok_tetap)")
		}
		in.Frequency = frequencyWords[strings.ToLower(r.required("frequency"))]
		if in.Frequency == "" && r.text("frequency") != "" {
			r.fail("frequency", "weekly, fortnightly or monthly (mingguan, dua_mingguan, bulanan)")
		}
		if in.Installments = r.count("installments"); in.Installments == 0 && r.text("installments") == "" {
			r.fail("installments", "required")
		}
		in.GracePeriods, in.Purpose = r.count("grace_periods"), r.text("purpose")
		in.DisbursedOn = r.date("disbursed_on", today)
		if in.RepaidMinor = r.minor("repaid", coop.Currency, false); in.RepaidMinor > 0 {
			in.RepaidOn = r.date("repaid_on", today)
			if !in.RepaidOn.IsZero() && in.RepaidOn.Before(in.DisbursedOn) {
				r.fail("repaid_on", "on or after the disbursement")
			}
		}
		steps = append(steps, step{rec: r, col: "principal", post: func(ctx context.Context, tx bun.Tx) (int, int, error) {
			if _, err := s.lending.OpenLoanTx(ctx, tx, books, in); err != nil {
				return 0, 0, err
			}
			if in.RepaidMinor == 0 {
				return 1, 1, nil // the disbursement
			}
			return 1, 2, nil // the disbursement and the repayment
		}})
	}
	return steps, nil
}

// facilitiesByCode maps the cooperative's facilities by their account
// codes, upper-cased as sheets may write them, to their IDs: how a sheet
// names the facility that funds a loan or holds a partner's capital.
func (s *Service) facilitiesByCode(ctx context.Context, books accounts.Books) (map[string]string, error) {
	facilities, err := books.Facilities(ctx, s.db)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]string, len(facilities))
	for _, f := range facilities {
		byCode[strings.ToUpper(f.AccountCode)] = f.ID
	}
	return byCode, nil
}
