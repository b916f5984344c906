package proofs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// FacilityFigures are a facility's figures a partner was shown in its
// portfolio, with the journal entry they name as their source.
type FacilityFigures struct {
	FacilityID       string
	AccountCode      string // where its capital is received
	Currency         ledger.Currency
	Sequence         int64  // the journal entry its figures follow from
	ChainHash        string // that entry's chain hash
	ReceivedMinor    int64  // capital received under it
	OutstandingMinor int64  // principal still owed on the loans it funds
}

// PortfolioFigures reads a partner's portfolio as the API answers it
// (GET /v1/partners/{partner}/portfolio, JSON): the facilities that name
// the journal they follow from. Errors: one naming what does not parse.
func PortfolioFigures(r io.Reader) ([]FacilityFigures, error) {
	var pp struct {
		Facilities []struct {
			Facility struct {
				ID          string `json:"id"`
				AccountCode string `json:"account_code"`
				Currency    string `json:"currency"`
			} `json:"facility"`
			Received string `json:"received"`
			Loans    struct {
				Outstanding string `json:"outstanding"`
			} `json:"loans"`
			Journal *struct {
				Sequence  int64  `json:"sequence"`
				ChainHash string `json:"chain_hash"`
			} `json:"journal"`
		} `json:"facilities"`
	}
	if err := json.NewDecoder(r).Decode(&pp); err != nil {
		return nil, fmt.Errorf("the portfolio is not the API's JSON: %w", err)
	}
	var out []FacilityFigures
	for i, f := range pp.Facilities {
		if f.Journal == nil {
			continue
		}
		cur, err := ledger.ParseCurrency(f.Facility.Currency)
		if err != nil {
			return nil, fmt.Errorf("facility %d: %w", i, err)
		}
		minor := func(field, s string) (int64, error) {
			d, err := decimal.NewFromString(s)
			if err != nil {
				return 0, fmt.Errorf("facility %d: %s %q is not an amount", i, field, s)
			}
			return ledger.ToMinor(field, d, cur)
		}
		ff := FacilityFigures{FacilityID: f.Facility.ID, AccountCode: f.Facility.AccountCode, Currency: cur,
			Sequence: f.Journal.Sequence, ChainHash: f.Journal.ChainHash}
		if ff.ReceivedMinor, err = minor("received", f.Received); err != nil {
			return nil, err
		}
		if ff.OutstandingMinor, err = minor("loans.outstanding", f.Loans.Outstanding); err != nil {
			return nil, err
		}
		out = append(out, ff)
	}
	return out, nil
}

// errFiguresChecked ends the walk once every facility has been checked.
var errFiguresChecked = errors.New("figures checked")

// CheckFigures re-reads a journal copy (verified already) and checks, for
// each facility whose figures name an entry of this journal (the same
// chain hash at that number), that what it says was received is what the
// journal credits to its account up to that entry, and that what it says
// is outstanding is the principal the journal leaves on the loans it
// funded (each loan's principal account, 1300.Lnnnn, tied to the facility
// by its disbursement's facility_id). It returns how many facilities it
// checked; facilities of other cooperatives' journals are left alone.
// Errors: the first figure that does not follow, named.
func CheckFigures(copy io.Reader, fs []FacilityFigures) (checked int, err error) {
	credits := map[string]int64{}       // by account code
	net := map[string]int64{}           // debits less credits, by account code
	loanFacility := map[string]string{} // principal account code -> facility ID
	principalPrefix := accounts.CodeLoansReceivable + ".L"
	due := map[int64][]FacilityFigures{}
	for _, f := range fs {
		due[f.Sequence] = append(due[f.Sequence], f)
	}
	err = ledger.EachCopiedEntry(copy, func(e ledger.CopiedEntry) error {
		for _, p := range e.Postings {
			if p.Side == ledger.Credit {
				credits[p.AccountCode] += p.AmountMinor
				net[p.AccountCode] -= p.AmountMinor
			} else {
				net[p.AccountCode] += p.AmountMinor
			}
			if e.Kind == lending.KindLoanDisbursement && p.Side == ledger.Debit && strings.HasPrefix(p.AccountCode, principalPrefix) {
				loanFacility[p.AccountCode] = e.Metadata["facility_id"]
			}
		}
		for _, f := range due[e.Sequence] {
			if f.ChainHash != e.ChainHash {
				continue // another cooperative's journal
			}
			if got := credits[f.AccountCode]; got != f.ReceivedMinor {
				return fmt.Errorf("facility %s: shown %s received, the journal credits %s to %s up to entry #%d",
					f.FacilityID, ledger.FormatMinor(f.ReceivedMinor, f.Currency), ledger.FormatMinor(got, f.Currency), f.AccountCode, e.Sequence)
			}
			var outstanding int64
			for code, facility := range loanFacility {
				if facility == f.FacilityID {
					outstanding += net[code]
				}
			}
			if outstanding != f.OutstandingMinor {
				return fmt.Errorf("facility %s: shown %s outstanding, the journal leaves %s on its loans up to entry #%d",
					f.FacilityID, ledger.FormatMinor(f.OutstandingMinor, f.Currency), ledger.FormatMinor(outstanding, f.Currency), e.Sequence)
			}
			checked++
		}
		if checked == len(fs) {
			return errFiguresChecked
		}
		return nil
	})
	if errors.Is(err, errFiguresChecked) {
		err = nil
	}
	return checked, err
}
