package render

import (
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

// HealthCSV lays out one Ratio per row; an undefined Ratio's value cell is
// empty, not zero.
func HealthCSV(h reports.Health, style CSVStyle, lang Lang) *Sheet {
	w := lang.words()
	s := newCSVSheet(style)
	s.header(w.ColKey, w.ColName, w.ColValue, w.ColReading, w.ColHealthyBound, w.ColWatchBound, w.ColNumerator,
		w.ColDenominator, w.ColDefinition, w.ColSource)
	for _, r := range h.Ratios {
		value := blankCell
		if r.Defined {
			value = ratioCell(r.Value)
		}
		healthy, watch, source := blankCell, blankCell, blankCell
		if st := r.Standard; st != nil {
			healthy = cell{value: BoundRatio(st.HealthyBP), number: true}
			watch = cell{value: BoundRatio(st.WatchBP), number: true}
			source = textCell(SourceIn(r, lang))
		}
		name, definition := RatioIn(r, lang)
		s.write(textCell(r.Key), textCell(name), value, textCell(bandIn(w, r.Band)), healthy, watch,
			amountCell(r.NumeratorMinor, h.Currency), amountCell(r.DenominatorMinor, h.Currency), textCell(definition), source)
	}
	return s
}

// DueListCSV lays out one row per loan owed and one per wajib owed, each
// with its meeting and member, so that a sheet sorted or filtered by any
// column still reads whole.
func DueListCSV(dl meetings.DueList, style CSVStyle, lang Lang) *Sheet {
	cur, w := dl.Currency, lang.words()
	s := newCSVSheet(style)
	s.header(w.ColDate, w.ColGroup, w.ColMemberNumber, w.ColName, w.ColWhat, w.ColLoanNumber, w.ColDue, w.ColDaysPastDue)
	for _, m := range dl.Meetings {
		meeting := []cell{textCell(m.Date.String()), textCell(m.Group.Name)}
		loan := func(who []cell, l meetings.SheetLoan) {
			s.write(append(append(append([]cell{}, meeting...), who...), textCell(w.WhatLoan), countCell(l.Number),
				amountCell(l.DueMinor, cur), countCell(l.DaysPastDue))...)
		}
		for _, line := range m.Lines {
			who := []cell{countCell(line.Member.Number), textCell(line.Member.Name)}
			for _, l := range line.Loans {
				loan(who, l)
			}
			if line.WajibDueMinor > 0 {
				s.write(append(append(append([]cell{}, meeting...), who...), textCell(w.WhatWajib), blankCell,
					amountCell(line.WajibDueMinor, cur), blankCell)...)
			}
		}
		for _, l := range m.GroupLoans {
			loan([]cell{blankCell, textCell(w.TheGroup)}, l)
		}
	}
	return s
}

// SHUSlipsCSV lays out a year's slips one member per row, with the pools
// and their bases on a total row, so the sheet shows each share summing to
// its pool.
func SHUSlipsCSV(slips []yearend.SHUSlip, style CSVStyle, lang Lang) *Sheet {
	w := lang.words()
	s := newCSVSheet(style)
	s.header(w.ColMemberNumber, w.ColName, w.ColCapitalBasis, w.ColParticipationBasis, w.ColCapital, w.ColParticipation, w.ColTotal)
	for _, sl := range slips {
		cur := sl.Currency
		s.write(countCell(sl.MemberNumber), textCell(sl.MemberName), amountCell(sl.CapitalBasisMinor, cur),
			amountCell(sl.ParticipationBasisMinor, cur), amountCell(sl.CapitalMinor, cur),
			amountCell(sl.ParticipationMinor, cur), amountCell(sl.TotalMinor, cur))
	}
	if len(slips) > 0 {
		first := slips[0]
		cur := first.Currency
		s.write(blankCell, textCell(w.Total), amountCell(first.CapitalBasisTotalMinor, cur),
			amountCell(first.ParticipationBasisTotalMinor, cur), amountCell(first.CapitalPoolMinor, cur),
			amountCell(first.ParticipationPoolMinor, cur), amountCell(first.CapitalPoolMinor+first.ParticipationPoolMinor, cur))
	}
	return s
}

// SHUSlipPDF lays out one member's SHU slip as the meeting hands it out:
// what she held and paid, the pools, and her share of each, so she can
// check the division herself.
func SHUSlipPDF(sl yearend.SHUSlip, coop string, generatedOn ledger.Date, lang Lang) *PDF {
	w := lang.words()
	money := func(minor int64) string { return lang.Money(minor, sl.Currency) }
	r := newPDFReport(lang, fmt.Sprintf(w.SHUSlipF, sl.Year), coop, []string{
		fmt.Sprintf(w.MemberF, sl.MemberNumber, sl.MemberName),
		fmt.Sprintf(w.AmountsInF, sl.Currency.Code()),
	}, generatedOn)
	r.table(pdfColumn{heading: "", widthMM: 66}, pdfColumn{heading: w.Yours, widthMM: 38, right: true}, pdfColumn{heading: w.AllMembers, widthMM: 38, right: true}, pdfColumn{heading: w.YourShare, widthMM: 38, right: true})
	r.row(w.JasaModal, money(sl.CapitalBasisMinor), money(sl.CapitalBasisTotalMinor), money(sl.CapitalMinor))
	r.row(w.JasaAnggota, money(sl.ParticipationBasisMinor), money(sl.ParticipationBasisTotalMinor), money(sl.ParticipationMinor))
	r.total(w.CreditedToSukarela, "", "", money(sl.TotalMinor))
	r.note(SHUExplanation(sl, lang))
	return r
}

// SHUExplanation says in a sentence how a slip's shares were divided.
func SHUExplanation(sl yearend.SHUSlip, lang Lang) string {
	yearEnd := ledger.NewDate(sl.Year, time.December, 31)
	return fmt.Sprintf(lang.words().SHUExplanationF, lang.Money(sl.CapitalPoolMinor, sl.Currency), lang.Date(yearEnd),
		lang.Money(sl.ParticipationPoolMinor, sl.Currency), sl.Year)
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
