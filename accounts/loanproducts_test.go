package accounts_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// monthlyProduct lends on flatLoan's terms (12 % flat a year, 4 monthly
// installments, Rp 5,000 late penalty) with a fee of 1 % of the principal,
// from Rp 500,000 to Rp 2,000,000.
func monthlyProduct(name string) lending.LoanProductInput {
	return lending.LoanProductInput{Name: name, AnnualRate: "12", Method: loans.Flat, Frequency: loans.Monthly, Installments: 4,
		FeePercent: "1", Penalty: "5000", PrincipalMin: "500000", PrincipalMax: "2000000"}
}

// productLoan applies for a loan under a product for member 0.
func productLoan(productID, principal string, w *accountstest.World) lending.LoanApplication {
	return lending.LoanApplication{MemberID: w.Members[0].ID, FacilityID: w.Facility.ID, ProductID: productID, Principal: principal,
		Purpose: "modal warung"}
}

func TestLoanProducts(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := loanWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		product, err := s.Lending.CreateLoanProduct(ctx, tr, coop, monthlyProduct("Pinjaman Usaha Bulanan"))
		if err != nil {
			t.Fatal(err)
		}

		t.Run("ALoanUnderAProductTakesItsTerms", func(t *testing.T) {
			l := disbursed(t, w, productLoan(product.ID, "1200000", w))
			same := disbursed(t, w, flatLoan(w, 1))
			// The product's terms and its 1 % fee are flatLoan's, so the two
			// loans owe the same schedule.
			if l.ProductID != product.ID || l.FeeMinor != 12000 || l.PenaltyMinor != 5000 {
				t.Errorf("product %q, fee %d, penalty %d; want %s, 12000, 5000", l.ProductID, l.FeeMinor, l.PenaltyMinor, product.ID)
			}
			if diff := cmp.Diff(same.Schedule, l.Schedule, cmpopts.EquateComparable(ledger.Date{})); diff != "" {
				t.Errorf("schedule under the product differs from the same terms typed in (-typed +product):\n%s", diff)
			}
			if same.ProductID != "" {
				t.Errorf("a loan on terms of its own names product %q", same.ProductID)
			}
		})

		t.Run("FeeIsItsPercentRoundedHalfToEven", func(t *testing.T) {
			p, err := s.Lending.CreateLoanProduct(ctx, tr, coop, lending.LoanProductInput{Name: "Pinjaman 1,5 %", AnnualRate: "12",
				Method: loans.Flat, Frequency: loans.Monthly, Installments: 4, FeePercent: "1.5", PrincipalMin: "500000", PrincipalMax: "2000000"})
			if err != nil {
				t.Fatal(err)
			}
			// 1.5 % of 1,000,100 is 15,001.5: to the even 15,002. Of
			// 1,000,300 it is 15,004.5: to the even 15,004.
			for principal, fee := range map[string]int64{"1000100": 15002, "1000300": 15004, "1000000": 15000} {
				l, err := s.Lending.ApplyLoan(ctx, tr, coop, productLoan(p.ID, principal, w))
				if err != nil {
					t.Fatal(err)
				}
				if l.FeeMinor != fee {
					t.Errorf("fee on %s: %d, want %d", principal, l.FeeMinor, fee)
				}
			}
		})

		t.Run("RefusesWhatTheProductDoesNotAllow", func(t *testing.T) {
			for _, tc := range []struct {
				name  string
				in    lending.LoanApplication
				field string
			}{
				{"PrincipalBelowTheRange", productLoan(product.ID, "499999", w), "principal"},
				{"PrincipalAboveTheRange", productLoan(product.ID, "2000001", w), "principal"},
				{"ARateBesideTheProduct", func() lending.LoanApplication {
					in := productLoan(product.ID, "1000000", w)
					in.AnnualRate = "6"
					return in
				}(), "annual_rate"},
				{"AProductOfAnotherCooperative", productLoan(otherProduct(t, db), "1000000", w), "product_id"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					_, err := s.Lending.ApplyLoan(ctx, tr, coop, tc.in)
					e := ledger.AsError(err)
					if e == nil || e.Kind != ledger.KindInvalid || len(e.Fields) == 0 || e.Fields[0].Field != tc.field {
						t.Errorf("got %v, want invalid naming %s", err, tc.field)
					}
				})
			}
		})

		t.Run("RetiredProductTakesNoNewLoansButItsLoansKeepTheirTerms", func(t *testing.T) {
			p, err := s.Lending.CreateLoanProduct(ctx, tr, coop, monthlyProduct("Pinjaman Lama"))
			if err != nil {
				t.Fatal(err)
			}
			before := disbursed(t, w, productLoan(p.ID, "800000", w))
			if _, err := s.Lending.RetireLoanProduct(ctx, tr, coop, p.ID); err != nil {
				t.Fatal(err)
			}
			_, err = s.Lending.ApplyLoan(ctx, tr, coop, productLoan(p.ID, "800000", w))
			if e := ledger.AsError(err); e == nil || len(e.Fields) != 1 || e.Fields[0].Field != "product_id" {
				t.Errorf("a loan under a retired product: %v, want invalid naming product_id", err)
			}
			v, err := s.Lending.FindLoan(ctx, tr, coop, before.ID, ledger.Date{})
			if err != nil || v.ProductID != p.ID || v.FeeMinor != 8000 || len(v.Schedule) != 4 {
				t.Errorf("the loan made before: %+v, %v", v.Loan, err)
			}
			active, err := s.Lending.FindLoanProducts(ctx, tr, coop, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range active {
				if a.ID == p.ID {
					t.Error("the retired product is still listed as on offer")
				}
			}
		})

		t.Run("ProductTermsAreCheckedAtBothEndsOfTheRange", func(t *testing.T) {
			for _, tc := range []struct {
				name  string
				edit  func(*lending.LoanProductInput)
				field string
			}{
				{"MaxBelowMin", func(in *lending.LoanProductInput) { in.PrincipalMax = "400000" }, "principal_max"},
				{"UnknownMethod", func(in *lending.LoanProductInput) { in.Method = "bunga_tetap" }, "interest_method"},
				{"FeeOfAHundredPercent", func(in *lending.LoanProductInput) { in.FeePercent = "100" }, "fee_percent"},
				{"MultipleTooLargeForTheSmallestLoan", func(in *lending.LoanProductInput) { in.InstallmentMultiple = "200000" }, "installment_multiple"},
				{"NoName", func(in *lending.LoanProductInput) { in.Name = " " }, "name"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					in := monthlyProduct("Produk " + tc.name)
					tc.edit(&in)
					_, err := s.Lending.CreateLoanProduct(ctx, tr, coop, in)
					e := ledger.AsError(err)
					if e == nil || e.Code != "loan_product.invalid" || len(e.Fields) == 0 || e.Fields[0].Field != tc.field {
						t.Errorf("got %v, want loan_product.invalid naming %s", err, tc.field)
					}
				})
			}
			_, err := s.Lending.CreateLoanProduct(ctx, tr, coop, monthlyProduct("Pinjaman Usaha Bulanan"))
			accountstest.WantCode(t, err, ledger.KindConflict, "loan_product.name_taken")
		})

		t.Run("MembersReadTheProductsOnOffer", func(t *testing.T) {
			ps, err := s.Lending.FindLoanProducts(ctx, w.MemberActor[1], coop, false)
			if err != nil {
				t.Fatal(err)
			}
			var found *lending.LoanProduct
			for i := range ps {
				if ps[i].ID == product.ID {
					found = &ps[i]
				}
			}
			// A flat 12 % over four months costs about 19.6 % a year on the
			// declining balance: the member sees both.
			if found == nil || found.EffectiveAnnualRatePercent == nil ||
				!found.EffectiveAnnualRatePercent.GreaterThan(decimal.NewFromInt(19)) || !found.EffectiveAnnualRatePercent.LessThan(decimal.NewFromInt(20)) {
				t.Errorf("the product as a member reads it: %+v", found)
			}
			_, err = s.Lending.CreateLoanProduct(ctx, w.MemberActor[0], coop, monthlyProduct("Pinjaman Anggota"))
			accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
			other := accountstest.NewWorld(t, db)
			_, err = s.Lending.FindLoanProducts(ctx, other.MemberActor[0], coop, false)
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
			_, err = s.Lending.FindLoanProduct(ctx, other.Treasurer, coop, product.ID)
			accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
		})
	})
}

// otherProduct is a product of another cooperative.
func otherProduct(t *testing.T, db *bun.DB) string {
	t.Helper()
	other := accountstest.NewWorld(t, db)
	p, err := other.Lending.CreateLoanProduct(context.Background(), other.Treasurer, other.Cooperative.ID, monthlyProduct("Pinjaman Lain"))
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}
