package api

import (
	"errors"
	"testing"

	"github.com/lumbung/lumbung/ledger"
)

// FuzzDecodeEntryRequest feeds arbitrary bodies through the strict decoder
// into an entry request and its conversion to the ledger's input. Whatever
// the bytes, the answer is an entry input or a *ledger.Error of kind
// invalid (a 400 or a 422), never a panic or an unclassified error (a 500);
// every 422 names the fields at fault.
func FuzzDecodeEntryRequest(f *testing.F) {
	for _, body := range []string{
		`{"kind":"savings.deposit","memo":"weekly meeting","effective_date":"2026-11-03","metadata":{"meeting":"12"},` +
			`"postings":[{"account":"1100","side":"debit","amount":"150000"},{"account":"2100.0001","side":"credit","amount":"150000"}]}`,
		`{"kind":"loan.repayment","postings":[{"account":"1100","side":"debit","amount":"1250.50"},{"account":"1300","side":"credit","amount":"1250.50"}]}`,
		`{"postings":[{"amount":"1e5"},{"amount":"-1"},{"amount":"0"},{"amount":"12.345"},{"amount":"99999999999999999999"}]}`,
		`{"postings":[{"amount":""},{"amount":" 5"},{"amount":"+5"},{"amount":".5"},{"amount":"5."},{"amount":"NaN"}]}`,
		`{"postings":[{"amount":150000}]}`,
		`{"effective_date":"2026-13-45","postings":[]}`,
		`{"kind":5}`,
		`{"colour":"red"}`,
		`{"postings":[{"acount":"1100"}]}`,
		`{"metadata":{"a":1}}`,
		`{"":0}`,
		`{"postings":[{"":"1100"}]}`,
		`{"kind":"savings.deposit"} {}`,
		`{"kind":"savings.deposit"`,
		`{"kind":"\ud800"}`,
		`null`,
		`[]`,
		`5`,
		``,
		`{}`,
		"\xff\xfe",
	} {
		f.Add([]byte(body), "key-1")
	}
	f.Add([]byte(`{"postings":[{"account":"1100","side":"debit","amount":"1"}]}`), "")

	f.Fuzz(func(t *testing.T, body []byte, key string) {
		var req entryRequest
		err := decodeJSON(body, &req)
		if err == nil {
			var in ledger.EntryInput
			in, err = req.input(key)
			if err == nil {
				if in.IdempotencyKey != key {
					t.Fatalf("idempotency key %q became %q", key, in.IdempotencyKey)
				}
				if len(in.Postings) != len(req.Postings) {
					t.Fatalf("%d postings became %d", len(req.Postings), len(in.Postings))
				}
				for i, p := range in.Postings {
					if !p.Amount.IsPositive() {
						t.Fatalf("posting %d: amount %s accepted, but amounts are positive", i, p.Amount)
					}
				}
				return
			}
		}
		var e *ledger.Error
		if !errors.As(err, &e) || error(e) != err {
			t.Fatalf("%q: got %T %v, want a *ledger.Error", body, err, err)
		}
		if e.Kind != ledger.KindInvalid {
			t.Fatalf("%q: got kind %s, want invalid: %v", body, e.Kind, err)
		}
		if e.Code != codeMalformed && len(e.Fields) == 0 {
			t.Fatalf("%q: a 422 that names no field: %v", body, err)
		}
		for _, fe := range e.Fields {
			if fe.Field == "" || fe.Reason == "" {
				t.Fatalf("%q: a field error without a field or a reason: %+v", body, fe)
			}
		}
	})
}
