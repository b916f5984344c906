package render

import (
	"math"
	"testing"

	"github.com/lumbung/lumbung/ledger"
)

func TestInWords(t *testing.T) {
	idr, kes := ledger.MustCurrency("IDR"), ledger.MustCurrency("KES")
	for _, tc := range []struct {
		minor  int64
		cur    ledger.Currency
		id, en string
	}{
		{0, idr, "nol rupiah", "zero rupiah"},
		{1, idr, "satu rupiah", "one rupiah"},
		{10, idr, "sepuluh rupiah", "ten rupiah"},
		{11, idr, "sebelas rupiah", "eleven rupiah"},
		{12, idr, "dua belas rupiah", "twelve rupiah"},
		{19, idr, "sembilan belas rupiah", "nineteen rupiah"},
		{20, idr, "dua puluh rupiah", "twenty rupiah"},
		{21, idr, "dua puluh satu rupiah", "twenty-one rupiah"},
		{99, idr, "sembilan puluh sembilan rupiah", "ninety-nine rupiah"},
		{100, idr, "seratus rupiah", "one hundred rupiah"},
		{101, idr, "seratus satu rupiah", "one hundred one rupiah"},
		{110, idr, "seratus sepuluh rupiah", "one hundred ten rupiah"},
		{111, idr, "seratus sebelas rupiah", "one hundred eleven rupiah"},
		{200, idr, "dua ratus rupiah", "two hundred rupiah"},
		{1000, idr, "seribu rupiah", "one thousand rupiah"},
		{1001, idr, "seribu satu rupiah", "one thousand one rupiah"},
		{1100, idr, "seribu seratus rupiah", "one thousand one hundred rupiah"},
		{2000, idr, "dua ribu rupiah", "two thousand rupiah"},
		{10000, idr, "sepuluh ribu rupiah", "ten thousand rupiah"},
		{11000, idr, "sebelas ribu rupiah", "eleven thousand rupiah"},
		{101000, idr, "seratus satu ribu rupiah", "one hundred one thousand rupiah"},
		{250000, idr, "dua ratus lima puluh ribu rupiah", "two hundred fifty thousand rupiah"},
		{1000000, idr, "satu juta rupiah", "one million rupiah"},
		{1001000, idr, "satu juta seribu rupiah", "one million one thousand rupiah"},
		{73301348, idr, "tujuh puluh tiga juta tiga ratus satu ribu tiga ratus empat puluh delapan rupiah",
			"seventy-three million three hundred one thousand three hundred forty-eight rupiah"},
		{1000000000, idr, "satu miliar rupiah", "one billion rupiah"},
		{2500000001, idr, "dua miliar lima ratus juta satu rupiah", "two billion five hundred million one rupiah"},
		{1000000000000, idr, "satu triliun rupiah", "one trillion rupiah"},
		{1000001000000000, idr, "satu kuadriliun satu miliar rupiah", "one quadrillion one billion rupiah"},
		{math.MaxInt64, idr,
			"sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh dua triliun tiga puluh enam miliar " +
				"delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu delapan ratus tujuh rupiah",
			"nine quintillion two hundred twenty-three quadrillion three hundred seventy-two trillion thirty-six billion " +
				"eight hundred fifty-four million seven hundred seventy-five thousand eight hundred seven rupiah"},
		{-5000, idr, "minus lima ribu rupiah", "minus five thousand rupiah"},
		{125050, kes, "seribu dua ratus lima puluh KES dan 50/100", "one thousand two hundred fifty KES and 50/100"},
		{100, kes, "satu KES", "one KES"},
	} {
		if got := ID.InWords(tc.minor, tc.cur); got != tc.id {
			t.Errorf("ID.InWords(%d %s) = %q, want %q", tc.minor, tc.cur, got, tc.id)
		}
		if got := EN.InWords(tc.minor, tc.cur); got != tc.en {
			t.Errorf("EN.InWords(%d %s) = %q, want %q", tc.minor, tc.cur, got, tc.en)
		}
	}
	if got, want := ID.InWords(math.MinInt64, idr), "minus sembilan kuintiliun"; got[:len(want)] != want {
		t.Errorf("ID.InWords(MinInt64) = %q, want it to start %q", got, want)
	}
}
