package ledger

// Tests of the pure rules: no database. The engine's behaviour on real
// stores is tested in package ledger_test.

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	t.Run("AcceptsPlainDecimals", func(t *testing.T) {
		for _, s := range []string{"0", "150000", "1250.50", "-3", "0.01", "007"} {
			if _, err := ParseAmount("amount", s); err != nil {
				t.Errorf("ParseAmount(%q): %v", s, err)
			}
		}
	})
	t.Run("RefusesWhatAClientDidNotMean", func(t *testing.T) {
		for _, s := range []string{
			"", " ", "1e5", "1E5", "+5", ".5", "5.", "-", "--5", "1,000", "1 000", "1_000",
			"NaN", "nan", "Inf", "-Infinity", "0x10", "١٢", "12.3.4", " 5", "5 ", "1.5e-3",
			"123456789012345678901234567890",
		} {
			_, err := ParseAmount("amount", s)
			e := AsError(err)
			if e == nil || e.Kind != KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "amount" {
				t.Errorf("ParseAmount(%q) = %v, want an invalid-field error naming amount", s, err)
			}
		}
	})
}

func TestToMinor(t *testing.T) {
	idr, kes, usd := MustCurrency("IDR"), MustCurrency("KES"), MustCurrency("USD")
	tests := []struct {
		name   string
		amount string
		cur    Currency
		want   int64
		code   string // the refusal's code, if refused
	}{
		{"WholeRupiah", "150000", idr, 150000, ""},
		{"RupiahWithZeroFraction", "150000.00", idr, 150000, ""},
		{"FractionOfARupiah", "12.345", idr, 0, "amount.scale"},
		{"HalfRupiah", "0.5", idr, 0, "amount.scale"},
		{"Shilling", "1250.50", kes, 125050, ""},
		{"Cents", "0.01", usd, 1, ""},
		{"ThirdDecimalOfADollar", "1.005", usd, 0, "amount.scale"},
		{"LargestInt64", "9223372036854775807", idr, 9223372036854775807, ""},
		{"BeyondInt64", "9223372036854775808", idr, 0, "amount.range"},
		{"BeyondInt64AfterScaling", "92233720368547758.08", usd, 0, "amount.range"},
		{"Negative", "-20", idr, -20, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ToMinor("amount", decimal.RequireFromString(tc.amount), tc.cur)
			if tc.code != "" {
				if e := AsError(err); e == nil || e.Code != tc.code {
					t.Fatalf("ToMinor(%s %s) = %d, %v; want refusal %s", tc.amount, tc.cur, got, err, tc.code)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ToMinor(%s %s) = %d, %v; want %d", tc.amount, tc.cur, got, err, tc.want)
			}
		})
	}
}

func TestParsePositiveMinor(t *testing.T) {
	idr := MustCurrency("IDR")
	for s, code := range map[string]string{
		"0": "amount.not_positive", "-1": "amount.not_positive", "1e5": "amount.syntax",
		"12.345": "amount.scale", "99999999999999999999": "amount.range",
	} {
		if _, err := ParsePositiveMinor("postings[0].amount", s, idr); AsError(err) == nil || AsError(err).Code != code {
			t.Errorf("ParsePositiveMinor(%q) = %v, want %s", s, err, code)
		}
	}
	if got, err := ParsePositiveMinor("amount", "150000", idr); err != nil || got != 150000 {
		t.Errorf("ParsePositiveMinor(150000) = %d, %v", got, err)
	}
}

func TestFormatMinorRoundTripsThroughTheDoor(t *testing.T) {
	for _, tc := range []struct {
		minor int64
		cur   string
		want  string
	}{{150000, "IDR", "150000"}, {125050, "KES", "1250.50"}, {1, "USD", "0.01"}, {-7, "USD", "-0.07"}} {
		cur := MustCurrency(tc.cur)
		got := FormatMinor(tc.minor, cur)
		if got != tc.want {
			t.Errorf("FormatMinor(%d %s) = %q, want %q", tc.minor, tc.cur, got, tc.want)
		}
		d, err := ParseAmount("amount", got)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ToMinor("amount", d, cur); err != nil || back != tc.minor {
			t.Errorf("round trip of %q gave %d, %v", got, back, err)
		}
	}
}

func TestParseCurrency(t *testing.T) {
	for code, scale := range map[string]int32{"IDR": 0, "KES": 2, "USD": 2, "JPY": 0, "BHD": 3} {
		c, err := ParseCurrency(code)
		if err != nil || c.Scale() != scale {
			t.Errorf("ParseCurrency(%s) = scale %d, %v; want %d", code, c.Scale(), err, scale)
		}
	}
	for _, code := range []string{"", "idr", "RP", "RUPIAH", "XXX", "XTS", "ZZZ"} {
		if _, err := ParseCurrency(code); KindOf(err) != KindInvalid {
			t.Errorf("ParseCurrency(%q) = %v, want invalid", code, err)
		}
	}
}

func TestNormalSide(t *testing.T) {
	want := map[Type]Side{Asset: Debit, Expense: Debit, Liability: Credit, Equity: Credit, Income: Credit}
	for typ, side := range want {
		if got := typ.NormalSide(); got != side {
			t.Errorf("%s.NormalSide() = %s, want %s", typ, got, side)
		}
		if got := typ.Effect(side, 10); got != 10 {
			t.Errorf("%s: a posting on its normal side moved the balance by %d, want +10", typ, got)
		}
		other := Debit
		if side == Debit {
			other = Credit
		}
		if got := typ.Effect(other, 10); got != -10 {
			t.Errorf("%s: a posting on the other side moved the balance by %d, want -10", typ, got)
		}
	}
}

func TestCheckBalanced(t *testing.T) {
	idr, usd := MustCurrency("IDR"), MustCurrency("USD")
	p := func(side Side, minor int64, cur Currency) Posting {
		return Posting{Side: side, AmountMinor: minor, Currency: cur}
	}
	tests := []struct {
		name     string
		postings []Posting
		code     string
	}{
		{"TwoEqualSides", []Posting{p(Debit, 100, idr), p(Credit, 100, idr)}, ""},
		{"SplitCredit", []Posting{p(Debit, 100, idr), p(Credit, 60, idr), p(Credit, 40, idr)}, ""},
		{"OffByOne", []Posting{p(Debit, 100, idr), p(Credit, 99, idr)}, "entry.unbalanced"},
		{"EachCurrencyBalances", []Posting{p(Debit, 100, idr), p(Credit, 100, idr), p(Debit, 5, usd), p(Credit, 5, usd)}, ""},
		{"CurrenciesDoNotOffset", []Posting{p(Debit, 100, idr), p(Credit, 100, usd)}, "entry.unbalanced"},
		{"OverflowCannotFakeABalance", []Posting{
			p(Debit, 1<<62, idr), p(Debit, 1<<62, idr), p(Credit, 1<<62, idr), p(Credit, 1<<62, idr),
		}, "entry.amount_range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checkBalanced(tc.postings)
			if tc.code == "" && err != nil {
				t.Fatalf("got %v, want balanced", err)
			}
			if tc.code != "" && (AsError(err) == nil || AsError(err).Code != tc.code) {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
		})
	}
}

func TestEntryHash(t *testing.T) {
	base := func() EntryInput {
		return EntryInput{Kind: "savings.deposit", Memo: "week 12", Metadata: map[string]string{"a": "1", "b": "2"},
			RecordedBy: "u1", Postings: []PostingInput{
				{Account: "1100", Side: Debit, Amount: decimal.RequireFromString("5000")},
				{Account: "2130", Side: Credit, Amount: decimal.RequireFromString("5000")},
			}}
	}
	same := base()
	same.Postings[0].Amount = decimal.RequireFromString("5000.00")
	same.Metadata = map[string]string{"b": "2", "a": "1"}
	same.RecordedBy = "u2" // who sends the retry does not make it a new request
	if base().hash() != same.hash() {
		t.Error("equal requests hashed differently")
	}
	for name, change := range map[string]func(*EntryInput){
		"Amount":  func(in *EntryInput) { in.Postings[1].Amount = decimal.RequireFromString("5001") },
		"Account": func(in *EntryInput) { in.Postings[1].Account = "2120" },
		"Side":    func(in *EntryInput) { in.Postings[0].Side, in.Postings[1].Side = Credit, Debit },
		"Memo":    func(in *EntryInput) { in.Memo = "week 13" },
		"Date":    func(in *EntryInput) { in.EffectiveDate = NewDate(2026, 1, 2) },
	} {
		in := base()
		change(&in)
		if in.hash() == base().hash() {
			t.Errorf("a different %s hashed the same", name)
		}
	}
}
