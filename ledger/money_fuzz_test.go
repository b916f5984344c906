package ledger_test

import (
	"testing"

	"github.com/lumbung/lumbung/ledger"
)

// FuzzParseAmount holds the money door shut: any text is either refused
// with an invalid-field error naming the field, or read as a decimal that
// each currency either refuses (again naming the field) or turns into
// minor units exactly, which render to wire text that reads back to the
// same minor units.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"0", "150000", "1250.50", "0.01", "007", "-3", "-0", "12.000", "1.005",
		"9223372036854775807", "-9223372036854775808", "92233720368547758.07", "-92233720368547758.08",
		"99999999999999999999", "999999999999999999999999", "0000000000000000000000001",
		"1e5", "-1", "12.345", "", " 5", "5 ", "+5", ".5", "5.", "-", "-.5", "--5", "1,000", "1_000",
		"NaN", "Inf", "-Infinity", "0x10", "١٢٣", "１２", "5\x00",
	} {
		f.Add(s)
	}
	const field = "postings[0].amount"
	currencies := []ledger.Currency{ledger.MustCurrency("USD"), ledger.MustCurrency("IDR")}

	f.Fuzz(func(t *testing.T, s string) {
		d, err := ledger.ParseAmount(field, s)
		if err != nil {
			wantFieldRefusal(t, s, err, field)
			return
		}
		for _, cur := range currencies {
			minor, err := ledger.ToMinor(field, d, cur)
			if err != nil {
				wantFieldRefusal(t, s, err, field)
				continue
			}
			if back := ledger.FromMinor(minor, cur); !back.Equal(d) {
				t.Fatalf("%q in %s: %d minor units are %s, not %s", s, cur, minor, back, d)
			}
			text := ledger.FormatMinor(minor, cur)
			again, err := ledger.ParseAmount(field, text)
			if err != nil {
				t.Fatalf("%q in %s: %d minor units render as %q, which does not parse: %v", s, cur, minor, text, err)
			}
			if m, err := ledger.ToMinor(field, again, cur); err != nil || m != minor {
				t.Fatalf("%q in %s: %d minor units render as %q, which reads back as %d, %v", s, cur, minor, text, m, err)
			}
		}
	})
}

func wantFieldRefusal(t *testing.T, s string, err error, field string) {
	t.Helper()
	e := ledger.AsError(err)
	if e == nil || e.Kind != ledger.KindInvalid {
		t.Fatalf("%q: refused with %T %v, want an invalid-input *ledger.Error", s, err, err)
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != field {
		t.Fatalf("%q: refusal names %+v, want the field %s", s, e.Fields, field)
	}
}
