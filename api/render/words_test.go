package render

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/api/render/rendertest"
	"github.com/lumbung/lumbung/ledger"
)

// sameInBothLangs are the words Indonesian and English write alike.
var sameInBothLangs = []string{"Debit", "ColNo", "ColWajib", "ColSukarela"}

var formatVerb = regexp.MustCompile(`%[a-z]`)

// TestWords walks every word of both languages: none is empty, each format
// takes the same arguments in both, and the two differ unless listed as
// the same, so that a word copied from English and never translated fails.
func TestWords(t *testing.T) {
	id, en := reflect.ValueOf(wordsID), reflect.ValueOf(wordsEN)
	for i := range id.NumField() {
		name := id.Type().Field(i).Name
		wi, we := id.Field(i).String(), en.Field(i).String()
		if wi == "" || we == "" {
			t.Errorf("%s: id %q, en %q: a word is missing", name, wi, we)
		}
		if (wi == we) != slices.Contains(sameInBothLangs, name) {
			t.Errorf("%s: id %q, en %q: translated, or listed in sameInBothLangs, but not both", name, wi, we)
		}
		if vi, ve := formatVerb.FindAllString(wi, -1), formatVerb.FindAllString(we, -1); !slices.Equal(vi, ve) {
			t.Errorf("%s: id takes %v, en takes %v", name, vi, ve)
		}
		if !isLatin1(wi) || !isLatin1(we) {
			t.Errorf("%s: id %q or en %q is not Latin-1 and would print as ?", name, wi, we)
		}
	}
}

func isLatin1(s string) bool {
	for _, r := range s {
		if r > 0xff {
			return false
		}
	}
	return true
}

func TestParseLang(t *testing.T) {
	for tag, want := range map[string]Lang{"id": ID, "in": ID, "ID-id": ID, "en": EN, "en-US": EN, " EN-gb ": EN} {
		if got, ok := ParseLang(tag); !ok || got != want {
			t.Errorf("ParseLang(%q): got %v %v, want %v", tag, got, ok, want)
		}
	}
	for _, tag := range []string{"", "fr", "eng", "*", "i"} {
		if _, ok := ParseLang(tag); ok {
			t.Errorf("ParseLang(%q) accepted", tag)
		}
	}
}

func TestPDFInIndonesian(t *testing.T) {
	idr := ledger.MustCurrency("IDR")
	generated := ledger.NewDate(2026, time.December, 2)
	t.Run("BalanceSheet", func(t *testing.T) {
		bs := reports.BalanceSheet{AsOf: ledger.NewDate(2026, time.November, 30), Currency: idr,
			Assets: reports.Section{Type: ledger.Asset, TotalMinor: 73301348, Lines: []reports.ReportLine{
				{Code: "1100", Name: "Kas", AmountMinor: 23301348}, {Code: "1300", Name: "Piutang anggota", AmountMinor: 50000000}}},
			Equity: reports.Section{Type: ledger.Equity, TotalMinor: 73301348, Lines: []reports.ReportLine{
				{Code: "3200", Name: "Simpanan wajib", AmountMinor: 73301348}}},
		}
		doc, err := BalanceSheetPDF(bs, "Koperasi Wanita Sejahtera", generated, ID).Bytes()
		if err != nil {
			t.Fatal(err)
		}
		wantShown(t, rendertest.Text(t, doc), "Neraca", "Koperasi Wanita Sejahtera", "Per 30 November 2026", "Jumlah dalam IDR",
			"Aset", "Jumlah aset", "Rp 73.301.348", "Rp 23.301.348", "(tidak ada)", "Jumlah kewajiban dan ekuitas",
			"Dibuat oleh Lumbung pada 2 Desember 2026", "Halaman 1 dari 1")
	})
	t.Run("SHUSlipExplanationIsWhole", func(t *testing.T) {
		sl := yearend.SHUSlip{Year: 2025, MemberNumber: 7, MemberName: "Siti Aisyah", Currency: idr,
			CapitalBasisMinor: 1200000, CapitalBasisTotalMinor: 24000000, CapitalMinor: 150000, CapitalPoolMinor: 3000000,
			ParticipationBasisMinor: 90000, ParticipationBasisTotalMinor: 1800000, ParticipationMinor: 100000,
			ParticipationPoolMinor: 2000000, TotalMinor: 250000}
		for _, lang := range []Lang{ID, EN} {
			doc, err := SHUSlipPDF(sl, "Koperasi Wanita Sejahtera", generated, lang).Bytes()
			if err != nil {
				t.Fatal(err)
			}
			// The sentence runs over lines: joined with spaces, it reads whole.
			shown := strings.Join(rendertest.Text(t, doc), " ")
			if want := SHUExplanation(sl, lang); !strings.Contains(shown, want) {
				t.Errorf("%s: the PDF does not show the whole explanation %q; it shows:\n%s", lang, want, shown)
			}
		}
		doc, _ := SHUSlipPDF(sl, "Koperasi Wanita Sejahtera", generated, ID).Bytes()
		wantShown(t, rendertest.Text(t, doc), "Slip SHU 2025", "Anggota 7: Siti Aisyah", "Rp 250.000", "31 Desember 2025")
	})
}

func TestRatiosID(t *testing.T) {
	for _, key := range []string{reports.RatioNPL, reports.RatioPAR30, reports.RatioRepayment, reports.RatioLiquidity,
		reports.RatioLoansToSavings, reports.RatioSelfReliance, reports.RatioCapital, reports.RatioSelfSufficiency,
		reports.RatioReturnOnAssets, reports.RatioWriteOffs, reports.RatioArrearsBeforeCover} {
		w, ok := ratiosID[key]
		if !ok || w.name == "" || w.definition == "" || !isLatin1(w.name+w.definition+w.source) {
			t.Errorf("ratio %q has no Indonesian name and definition: %+v", key, w)
		}
		// Every ratio but self-reliance is read against a standard, whose
		// source an Indonesian reader reads in Indonesian.
		if (w.source == "") != (key == reports.RatioSelfReliance) {
			t.Errorf("ratio %q: Indonesian source %q", key, w.source)
		}
	}
	if len(ratiosID) != 11 {
		t.Errorf("%d Indonesian ratios, want the 11 that reports computes", len(ratiosID))
	}
}
