package accounts

import (
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/lumbung/lumbung/ledger"
)

// verbs are a format's verbs, in order.
var verbs = regexp.MustCompile(`%[a-z]`)

// TestMemoTexts: every memo Lumbung writes is written in both languages,
// with the same figures in the same order.
func TestMemoTexts(t *testing.T) {
	id, en := reflect.ValueOf(memosID), reflect.ValueOf(memosEN)
	for i := range id.NumField() {
		name := id.Type().Field(i).Name
		inID, inEN := id.Field(i).String(), en.Field(i).String()
		if inID == "" || inEN == "" {
			t.Errorf("%s: %q in Indonesian, %q in English; want both", name, inID, inEN)
		}
		if a, b := verbs.FindAllString(inID, -1), verbs.FindAllString(inEN, -1); !slices.Equal(a, b) {
			t.Errorf("%s: verbs %v in Indonesian, %v in English", name, a, b)
		}
	}
}

func TestMemosAsPeopleReadThem(t *testing.T) {
	on := ledger.NewDate(2026, 11, 4)
	for _, tc := range []struct{ got, want string }{
		{LanguageID.MeetingMemo(on), "Pertemuan 4 November 2026"},
		{LanguageEN.MeetingMemo(on), "Meeting of 4 November 2026"},
		{LanguageID.MeetingAmendedMemo(ledger.NewDate(2026, 8, 17)), "Koreksi pertemuan 17 Agustus 2026"},
		{LanguageID.PartMemo(LanguageID.SHUDividedMemo(2025), 2, 3), "Pembagian SHU 2025 (2 dari 3)"},
		{LanguageEN.PartMemo(LanguageEN.YearClosedMemo(2025), 1, 2), "Year 2025 closed into SHU (1 of 2)"},
		{LanguageID.LatePenaltyMemo(2), "Denda keterlambatan, 2 angsuran"},
		{LanguageEN.ReversalMemo(12), "Reversal of entry #12"},
		{LanguageID.CoverDebtMemo("Sari", "Wati"), "Talangan tanggung renteng: Sari untuk Wati"},
		{LanguageEN.CoverRepaidMemo("Wati"), "Covers repaid by Wati"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
