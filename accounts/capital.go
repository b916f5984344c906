package accounts

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// Entry kinds of partner capital.
const (
	KindTranche           = "capital.tranche"
	KindFacilityRepayment = "capital.repayment"
)

// findFacility returns a facility of a cooperative, read through db.
func findFacility(ctx context.Context, db bun.IDB, cooperativeID, facilityID string) (Facility, error) {
	if !ledger.IsID(facilityID) {
		return Facility{}, errFacilityNotFound()
	}
	var row facilityRow
	err := db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", facilityID, cooperativeID).Scan(ctx)
	if NoRows(err) {
		return Facility{}, errFacilityNotFound()
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
		return errFacilityNotFound()
	}
	err := lockFacility(ctx, tx, row, cooperativeID, facilityID)
	if NoRows(err) {
		return errFacilityNotFound()
	}
	return err
}

func errFacilityNotFound() error { return ledger.NotFound("facility.not_found", "no such facility") }

// ReceiveTranche records capital arriving from a partner under a facility:
// cash or bank in, the facility's account credited. What a facility has
// received in all may not pass what the partner committed. Its
// cooperative's treasurer only.
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict beyond the
// commitment.
func (s *Service) ReceiveTranche(ctx context.Context, a Actor, cooperativeID, facilityID string, in MoneyInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "ReceiveTranche(%s, %s)", cooperativeID, facilityID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	amount, funds, fields := in.check(coop.Currency, nil)
	return s.keyed(ctx, coop.BookID, in.IdempotencyKey, KindTranche, subject{"facility_id": facilityID, "request": in.fingerprint()}, func() (ledger.Entry, error) {
		return s.entryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			var row facilityRow
			if err := lockFacilityRow(ctx, tx, &row, coop.ID, facilityID); err != nil {
				return ledger.Entry{}, err
			}
			if len(fields) > 0 {
				return ledger.Entry{}, Invalid("facility.invalid", fields)
			}
			return s.receiveTrancheTx(ctx, tx, a, coop, row, amount, funds, in)
		})
	})
}

// receiveTrancheTx posts a tranche under the facility's row lock. The
// commitment is checked here, before the write and against what the
// tranches before it committed; the schema holds received_minor to
// committed_minor, and lumbung verify compares it with the account.
func (s *Service) receiveTrancheTx(ctx context.Context, tx bun.Tx, a Actor, coop Cooperative, f facilityRow, amountMinor int64, funds string, in MoneyInput) (ledger.Entry, error) {
	// Written as a difference: received never passes committed, so this
	// cannot overflow where received + amount could.
	if amountMinor > f.CommittedMinor-f.ReceivedMinor {
		return ledger.Entry{}, ledger.Conflict("facility.over_commitment", fmt.Sprintf(
			"the partner committed %s and has sent %s; this tranche would pass the commitment",
			ledger.FormatMinor(f.CommittedMinor, coop.Currency), ledger.FormatMinor(f.ReceivedMinor, coop.Currency)))
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, transfer(a, KindTranche, in, funds, f.AccountCode, amountMinor, coop.Currency,
		map[string]string{"facility_id": f.ID, "partner_id": f.PartnerID}))
	if err != nil || e.Replayed {
		return e, err
	}
	_, err = tx.NewUpdate().Table("facilities").Set("received_minor = received_minor + ?", amountMinor).
		Where("id = ?", f.ID).Exec(ctx)
	return e, err
}

// FacilityRepaymentInput is a repayment to a partner under a loan facility:
// principal reduces the debt, interest is the cooperative's expense.
type FacilityRepaymentInput struct {
	Principal string
	Interest  string
	MoneyInput
}

// RepayFacility pays a partner back under a loan facility, in one entry
// split between principal and interest. Its cooperative's treasurer only.
// Errors: as ReceiveTranche; KindInvalid for a grant or equity facility;
// KindConflict when principal would exceed what is owed.
func (s *Service) RepayFacility(ctx context.Context, a Actor, cooperativeID, facilityID string, in FacilityRepaymentInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "RepayFacility(%s, %s)", cooperativeID, facilityID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	return s.keyed(ctx, coop.BookID, in.IdempotencyKey, KindFacilityRepayment, subject{"facility_id": facilityID, "request": in.MoneyInput.fingerprint(in.Principal, in.Interest)}, func() (ledger.Entry, error) {
		return s.repayFacility(ctx, a, coop, facilityID, in)
	})
}

func (s *Service) repayFacility(ctx context.Context, a Actor, coop Cooperative, facilityID string, in FacilityRepaymentInput) (ledger.Entry, error) {
	f, err := findFacility(ctx, s.db, coop.ID, facilityID)
	if err != nil {
		return ledger.Entry{}, err
	}
	if f.Kind != FacilityLoan {
		return ledger.Entry{}, ledger.InvalidField("facility.invalid", "facility", "only a loan facility is repaid")
	}
	var fields []ledger.FieldError
	principal, interest := int64(0), int64(0)
	for _, part := range []struct {
		field, text string
		dst         *int64
	}{{"principal", in.Principal, &principal}, {"interest", in.Interest, &interest}} {
		if part.text == "" || part.text == "0" {
			continue
		}
		v, err := ledger.ParsePositiveMinor(part.field, part.text, coop.Currency)
		if err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
		*part.dst = v
	}
	funds, err := in.fundsAccount()
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	if len(fields) == 0 && principal+interest == 0 {
		fields = append(fields, ledger.FieldError{Field: "principal", Reason: "a repayment needs principal, interest or both"})
	}
	if len(fields) > 0 {
		return ledger.Entry{}, Invalid("facility.invalid", fields)
	}
	entry := ledger.EntryInput{Kind: KindFacilityRepayment, Memo: in.Memo, EffectiveDate: in.Date, RecordedBy: a.UserID,
		IdempotencyKey: in.IdempotencyKey, Metadata: withRequest(map[string]string{"facility_id": f.ID, "partner_id": f.PartnerID}, in.MoneyInput, in.Principal, in.Interest),
		Postings: []ledger.PostingInput{{Account: funds, Side: ledger.Credit, Amount: ledger.FromMinor(principal+interest, coop.Currency)}}}
	if principal > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: f.AccountCode, Side: ledger.Debit, Amount: ledger.FromMinor(principal, coop.Currency)})
	}
	if interest > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: CodeInterestExpense, Side: ledger.Debit, Amount: ledger.FromMinor(interest, coop.Currency)})
	}
	// The facility account's floor of zero refuses principal beyond the debt.
	return s.ledger.Post(ctx, coop.BookID, entry)
}
