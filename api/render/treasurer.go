package render

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

// HealthCSV lays out one Ratio per row; an undefined Ratio's value cell is
// empty, not zero.
func HealthCSV(h reports.Health, style CSVStyle) *Sheet {
	s := newCSVSheet(style)
	s.header("key", "name", "value", "numerator", "denominator", "definition")
	for _, r := range h.Ratios {
		value := blankCell
		if r.Defined {
			value = ratioCell(r.Value)
		}
		s.write(textCell(r.Key), textCell(r.Name), value, amountCell(r.NumeratorMinor, h.Currency),
			amountCell(r.DenominatorMinor, h.Currency), textCell(r.Definition))
	}
	return s
}

// DueListCSV lays out one row per loan owed and one per wajib owed, each
// with its meeting and member, so that a sheet sorted or filtered by any
// column still reads whole.
func DueListCSV(dl meetings.DueList, style CSVStyle) *Sheet {
	cur := dl.Currency
	s := newCSVSheet(style)
	s.header("date", "group", "member_number", "name", "what", "loan_number", "due", "days_past_due")
	for _, m := range dl.Meetings {
		meeting := []cell{textCell(m.Date.String()), textCell(m.Group.Name)}
		loan := func(who []cell, l meetings.SheetLoan) {
			s.write(append(append(append([]cell{}, meeting...), who...), textCell("loan"), countCell(l.Number),
				amountCell(l.DueMinor, cur), countCell(l.DaysPastDue))...)
		}
		for _, line := range m.Lines {
			who := []cell{countCell(line.Member.Number), textCell(line.Member.Name)}
			for _, l := range line.Loans {
				loan(who, l)
			}
			if line.WajibDueMinor > 0 {
				s.write(append(append(append([]cell{}, meeting...), who...), textCell("wajib"), blankCell,
					amountCell(line.WajibDueMinor, cur), blankCell)...)
			}
		}
		for _, l := range m.GroupLoans {
			loan([]cell{blankCell, textCell("(the group)")}, l)
		}
	}
	return s
}

// SHUSlipsCSV lays out a year's slips one member per row, with the pools
// and their bases on a total row, so the sheet shows each share summing to
// its pool.
func SHUSlipsCSV(slips []yearend.SHUSlip, style CSVStyle) *Sheet {
	s := newCSVSheet(style)
	s.header("member_number", "name", "capital_basis", "participation_basis", "capital", "participation", "total")
	for _, sl := range slips {
		cur := sl.Currency
		s.write(countCell(sl.MemberNumber), textCell(sl.MemberName), amountCell(sl.CapitalBasisMinor, cur),
			amountCell(sl.ParticipationBasisMinor, cur), amountCell(sl.CapitalMinor, cur),
			amountCell(sl.ParticipationMinor, cur), amountCell(sl.TotalMinor, cur))
	}
	if len(slips) > 0 {
		first := slips[0]
		cur := first.Currency
		s.write(blankCell, textCell("Total"), amountCell(first.CapitalBasisTotalMinor, cur),
			amountCell(first.ParticipationBasisTotalMinor, cur), amountCell(first.CapitalPoolMinor, cur),
			amountCell(first.ParticipationPoolMinor, cur), amountCell(first.CapitalPoolMinor+first.ParticipationPoolMinor, cur))
	}
	return s
}

// SHUSlipPDF lays out one member's SHU slip as the meeting hands it out:
// what she held and paid, the pools, and her share of each, so she can
// check the division herself.
func SHUSlipPDF(sl yearend.SHUSlip, coop string, generatedOn ledger.Date) *PDF {
	money := func(minor int64) string { return pdfMoney(minor, sl.Currency) }
	r := newPDFReport(fmt.Sprintf("SHU slip %d", sl.Year), coop, []string{
		fmt.Sprintf("Member %d: %s", sl.MemberNumber, sl.MemberName),
		"Amounts in " + sl.Currency.Code(),
	}, generatedOn)
	r.table(pdfColumn{"", 60, false}, pdfColumn{"Yours", 40, true}, pdfColumn{"All members", 40, true}, pdfColumn{"Your share", 40, true})
	r.row("Jasa modal (capital savings)", money(sl.CapitalBasisMinor), money(sl.CapitalBasisTotalMinor), money(sl.CapitalMinor))
	r.row("Jasa anggota (interest paid)", money(sl.ParticipationBasisMinor), money(sl.ParticipationBasisTotalMinor), money(sl.ParticipationMinor))
	r.total("Credited to your sukarela savings", "", "", money(sl.TotalMinor))
	r.note(fmt.Sprintf("The jasa modal pool of %s is shared in proportion to each member's simpanan pokok and wajib on "+
		"31 December; the jasa anggota pool of %s in proportion to the loan interest each paid in %d. "+
		"Remainders of a rupiah go to the largest fractions.", money(sl.CapitalPoolMinor), money(sl.ParticipationPoolMinor), sl.Year))
	return r
}

// Ratio writes a fraction with four decimal places, rounded half away from
// zero: the precision microfinance reports give PAR and repayment rates in.
// The fraction comes from the accounts rules (Portfolio.PAR and the like),
// which never divide by zero.
func Ratio(f float64) string { return decimal.NewFromFloat(f).StringFixed(4) }

// TrialBalanceCurrencies are the currencies of a trial balance's accounts,
// by code: its totals come one per currency, in this order.
func TrialBalanceCurrencies(tb ledger.TrialBalance) []ledger.Currency {
	byCode := map[string]ledger.Currency{}
	for _, l := range tb.Lines {
		byCode[l.Account.Currency.Code()] = l.Account.Currency
	}
	codes := make([]string, 0, len(byCode))
	for code := range byCode {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	out := make([]ledger.Currency, len(codes))
	for i, code := range codes {
		out[i] = byCode[code]
	}
	return out
}
