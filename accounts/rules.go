package accounts

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// SavingsRulesInput sets a cooperative's savings amounts, as decimal
// strings in its currency. Empty amounts are zero (not required).
type SavingsRulesInput struct {
	Pokok          string
	Wajib          string
	WajibFrequency string
}

var wajibFrequencies = map[string]bool{"weekly": true, "monthly": true}

// parseSavingsRules checks the rules against the currency, adding field
// errors; an empty frequency is monthly, the usual by-law.
func parseSavingsRules(in SavingsRulesInput, cur ledger.Currency, fields []ledger.FieldError) (SavingsRules, []ledger.FieldError) {
	rules := SavingsRules{WajibFrequency: in.WajibFrequency}
	if rules.WajibFrequency == "" {
		rules.WajibFrequency = "monthly"
	}
	if !wajibFrequencies[rules.WajibFrequency] {
		fields = append(fields, ledger.FieldError{Field: "wajib_frequency", Reason: "weekly or monthly"})
	}
	for _, f := range []struct {
		name string
		text string
		dst  *int64
	}{{"pokok", in.Pokok, &rules.PokokMinor}, {"wajib", in.Wajib, &rules.WajibMinor}} {
		if f.text == "" {
			continue
		}
		minor, err := ledger.ParsePositiveMinor(f.name, f.text, cur)
		if err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
			continue
		}
		*f.dst = minor
	}
	return rules, fields
}

// UpdateSavingsRules changes the pokok and wajib amounts of a cooperative,
// as its members decided. Its treasurer only. Amounts already paid stay;
// wajib arrears are counted at the amount in force. The pokok amount is
// also the ceiling of each member's pokok account, changed in the same
// transaction.
// Errors: KindNotFound, KindForbidden, KindInvalid; KindConflict when a
// member has paid more pokok than the new amount (refund it first).
func (s *Service) UpdateSavingsRules(ctx context.Context, a Actor, cooperativeID string, in SavingsRulesInput) (c Cooperative, err error) {
	defer ledger.Wrap(&err, "UpdateSavingsRules(%s)", cooperativeID)
	coop, err := s.cooperativeForBooks(ctx, a, cooperativeID)
	if err != nil {
		return Cooperative{}, err
	}
	rules, fields := parseSavingsRules(in, coop.Currency, nil)
	if len(fields) > 0 {
		return Cooperative{}, Invalid("cooperative.invalid", fields)
	}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		_, err := tx.NewUpdate().Table("cooperatives").
			Set("pokok_minor = ?", rules.PokokMinor).Set("wajib_minor = ?", rules.WajibMinor).
			Set("wajib_frequency = ?", rules.WajibFrequency).Where("id = ?", cooperativeID).Exec(ctx)
		if err != nil {
			return err
		}
		err = ledger.SetCeilingsTx(ctx, tx, coop.BookID, pokokCodePrefix, rules.pokokCeiling())
		if ledger.CodeOf(err) == ledger.CodeAboveCeiling {
			return ledger.Conflict("savings.pokok_below_paid",
				"a member has paid more simpanan pokok than %s; refund the difference before lowering the amount",
				ledger.FormatMinor(rules.PokokMinor, coop.Currency))
		}
		if err != nil {
			return err
		}
		after := coop
		after.Savings = rules
		return Audit(ctx, tx, a.UserID, Change{Scope: coop.ID, Action: "cooperative.savings_rules", SubjectKind: "cooperative",
			SubjectID: coop.ID, Before: coop.settingsRecord(), After: after.settingsRecord()}, s.now())
	})
	if err != nil {
		return Cooperative{}, err
	}
	return s.findCooperative(ctx, cooperativeID)
}
