package capital

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Entry kinds of partner capital.
const (
	KindTranche           = "capital.tranche"
	KindFacilityRepayment = "capital.repayment"
)

// ReceiveTranche records capital arriving from a partner under a facility:
// cash or bank in, the facility's account credited. What a facility has
// received in all may not pass what the partner committed. Its
// cooperative's treasurer only.
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict beyond the
// commitment.
func (s *Service) ReceiveTranche(ctx context.Context, a accounts.Actor, cooperativeID, facilityID string, in accounts.MoneyInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "ReceiveTranche(%s, %s)", cooperativeID, facilityID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	coop := books.Cooperative()
	amount, funds, fields := in.Check(coop.Currency, nil)
	return s.core.Record(ctx, books, in.IdempotencyKey, KindTranche, accounts.Subject{"facility_id": facilityID, "request": in.Fingerprint()}, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			f, err := books.LockFacility(ctx, tx, facilityID)
			if err != nil {
				return ledger.Entry{}, err
			}
			if len(fields) > 0 {
				return ledger.Entry{}, accounts.Invalid("facility.invalid", fields)
			}
			return s.receiveTrancheTx(ctx, tx, a, coop, f, amount, funds, in)
		})
	})
}

// receiveTrancheTx posts a tranche under the facility's row lock. The
// commitment is checked here, before the write and against what the
// tranches before it committed; the schema holds received_minor to
// committed_minor, and lumbung verify compares it with the account.
func (s *Service) receiveTrancheTx(ctx context.Context, tx bun.Tx, a accounts.Actor, coop accounts.Cooperative, f accounts.Facility, amountMinor int64, funds string, in accounts.MoneyInput) (ledger.Entry, error) {
	// Written as a difference: received never passes committed, so this
	// cannot overflow where received + amount could.
	if amountMinor > f.CommittedMinor-f.ReceivedMinor {
		return ledger.Entry{}, ledger.Conflict("facility.over_commitment",
			"the partner committed %s and has sent %s; this tranche would pass the commitment",
			ledger.FormatMinor(f.CommittedMinor, coop.Currency), ledger.FormatMinor(f.ReceivedMinor, coop.Currency))
	}
	e, err := s.ledger.PostTx(ctx, tx, coop.BookID, accounts.Transfer(a, KindTranche, in, funds, f.AccountCode, amountMinor, coop.Currency,
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
	accounts.MoneyInput
}

// RepayFacility pays a partner back under a loan facility, in one entry
// split between principal and interest. Its cooperative's treasurer only.
// Errors: as ReceiveTranche; KindInvalid for a grant or equity facility;
// KindConflict when principal would exceed what is owed.
func (s *Service) RepayFacility(ctx context.Context, a accounts.Actor, cooperativeID, facilityID string, in FacilityRepaymentInput) (e ledger.Entry, err error) {
	defer ledger.Wrap(&err, "RepayFacility(%s, %s)", cooperativeID, facilityID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return ledger.Entry{}, err
	}
	return s.core.Record(ctx, books, in.IdempotencyKey, KindFacilityRepayment, accounts.Subject{"facility_id": facilityID, "request": in.MoneyInput.Fingerprint(in.Principal, in.Interest)}, func() (ledger.Entry, error) {
		return s.repayFacility(ctx, books, facilityID, in)
	})
}

func (s *Service) repayFacility(ctx context.Context, books accounts.Books, facilityID string, in FacilityRepaymentInput) (ledger.Entry, error) {
	coop, a := books.Cooperative(), books.Actor()
	f, err := books.Facility(ctx, s.db, facilityID)
	if err != nil {
		return ledger.Entry{}, err
	}
	if f.Kind != accounts.FacilityLoan {
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
	funds, err := in.FundsAccount()
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	if len(fields) == 0 && principal+interest == 0 {
		fields = append(fields, ledger.FieldError{Field: "principal", Reason: "a repayment needs principal, interest or both"})
	}
	if len(fields) > 0 {
		return ledger.Entry{}, accounts.Invalid("facility.invalid", fields)
	}
	entry := ledger.EntryInput{Kind: KindFacilityRepayment, Memo: in.Memo, EffectiveDate: in.Date, RecordedBy: a.UserID,
		IdempotencyKey: in.IdempotencyKey, Metadata: accounts.WithRequest(map[string]string{"facility_id": f.ID, "partner_id": f.PartnerID}, in.MoneyInput, in.Principal, in.Interest),
		Postings: []ledger.PostingInput{{Account: funds, Side: ledger.Credit, Amount: ledger.FromMinor(principal+interest, coop.Currency)}}}
	if principal > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: f.AccountCode, Side: ledger.Debit, Amount: ledger.FromMinor(principal, coop.Currency)})
	}
	if interest > 0 {
		entry.Postings = append(entry.Postings, ledger.PostingInput{Account: accounts.CodeInterestExpense, Side: ledger.Debit, Amount: ledger.FromMinor(interest, coop.Currency)})
	}
	// The facility account's floor of zero refuses principal beyond the debt.
	return s.ledger.Post(ctx, coop.BookID, entry)
}

// ReceiveTrancheTx receives a tranche inside the caller's transaction,
// under the facility's row lock it takes there, for a service that
// records it with other work: the opening balances of a cooperative that
// starts on Lumbung, whose partner capital arrived before, post it against
// the opening balance equity account. Errors: as ReceiveTranche.
func (s *Service) ReceiveTrancheTx(ctx context.Context, tx bun.Tx, books accounts.Books, facilityID string, amountMinor int64, funds string, in accounts.MoneyInput) (ledger.Entry, error) {
	f, err := books.LockFacility(ctx, tx, facilityID)
	if err != nil {
		return ledger.Entry{}, err
	}
	return s.receiveTrancheTx(ctx, tx, books.Actor(), books.Cooperative(), f, amountMinor, funds, in)
}
