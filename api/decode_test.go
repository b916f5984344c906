package api

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lumbung/lumbung/ledger"
)

// TestDecodeJSONRefuses checks that every body with more than one reading,
// or none, is refused with the code and the field a client can act on.
func TestDecodeJSONRefuses(t *testing.T) {
	tests := []struct {
		name  string
		dst   func() any
		body  string
		code  string
		field string // "" for a 400, which names no field
	}{
		{"RepeatedAmount", savingsBody, `{"type":"sukarela","amount":"1000","amount":"2000"}`,
			"request.duplicate_field", "amount"},
		{"RepeatedFieldOfAnEmbeddedRequest", savingsBody, `{"type":"sukarela","date":"2026-11-03","amount":"1000","date":"2026-11-04"}`,
			"request.duplicate_field", "date"},
		{"RepeatedEvenWithTheSameValue", savingsBody, `{"type":"sukarela","amount":"1000","amount":"1000"}`,
			"request.duplicate_field", "amount"},
		{"CaseFoldedName", savingsBody, `{"AMOUNT":"1000","TYPE":"sukarela"}`,
			"request.unknown_field", "AMOUNT"},
		{"CaseFoldedNameBesideTheRealOne", savingsBody, `{"type":"sukarela","amount":"1000","Amount":"2000"}`,
			"request.unknown_field", "Amount"},
		{"RepeatedInASheetLine", sheetBody, `{"lines":[{"member_id":"a"},{"member_id":"b"},{"member_id":"c","sukarela":"1","sukarela":"2"}]}`,
			"request.duplicate_field", "lines[2].sukarela"},
		{"RepeatedInALoanOfASheetLine", sheetBody, `{"lines":[{"loans":[{"loan_id":"l","amount":"1","amount":"3"}]}]}`,
			"request.duplicate_field", "lines[0].loans[0].amount"},
		{"RepeatedLines", sheetBody, `{"lines":[],"lines":[{"member_id":"a"}]}`,
			"request.duplicate_field", "lines"},
		{"CaseFoldedInASheetLine", sheetBody, `{"lines":[{"member_id":"a","Sukarela":"1"}]}`,
			"request.unknown_field", "lines[0].Sukarela"},
		{"RepeatedInAPosting", entryBody, `{"postings":[{"account":"1100","side":"debit","amount":"1"},{"account":"2100","amount":"1","amount":"9"}]}`,
			"request.duplicate_field", "postings[1].amount"},
		{"RepeatedMetadataKey", entryBody, `{"metadata":{"meeting":"12","meeting":"13"}}`,
			"request.duplicate_field", "metadata.meeting"},
		{"MetadataKeyOfDigitsIsNotAnIndex", entryBody, `{"metadata":{"7":"a","7":"b"}}`,
			"request.duplicate_field", "metadata.7"},
		{"RepeatedInAYearEndShare", yearEndBody, `{"year":2025,"shares":{"other":[{"code":"3400","percent":"5","percent":"50"}]}}`,
			"request.duplicate_field", "shares.other[0].percent"},
		{"RepeatedEmptyName", entryBody, `{"metadata":{"":"a","":"b"}}`,
			"request.duplicate_field", "metadata"},
		{"EmptyNameInAPosting", entryBody, `{"postings":[{"":"1100"}]}`,
			"request.unknown_field", "postings[0]"},
		{"EmptyNameAtTheTop", entryBody, `{"":0}`,
			"request.unknown_field", "body"},
		{"NameWithASlash", entryBody, `{"a/b":0}`,
			"request.unknown_field", "a/b"},
		{"AmountAsANumber", entryBody, `{"postings":[{"amount":"1"},{"amount":150000}]}`,
			"request.field_type", "postings[1].amount"},
		{"FractionForAWholeNumber", yearEndBody, `{"year":2025.5}`,
			"request.field_type", "year"},
		{"NumberForAnArray", sheetBody, `{"lines":5}`,
			"request.field_type", "lines"},
		{"ArrayForTheBody", entryBody, `[]`,
			"request.field_type", "body"},
		{"Malformed", entryBody, `{"kind":"savings.deposit","postings":[`, codeMalformed, ""},
		// A body that is not JSON is a 400 even where an earlier member is
		// unknown or repeated.
		{"MalformedAfterAnUnknownField", entryBody, `{"colour":"red",`, codeMalformed, ""},
		{"MalformedAfterARepeatedField", savingsBody, `{"amount":"1","amount":"2"`, codeMalformed, ""},
		{"TwoValues", entryBody, `{"kind":"savings.deposit"} {}`, codeMalformed, ""},
		{"Empty", entryBody, ``, codeMalformed, ""},
		{"InvalidUTF8", entryBody, "{\"memo\":\"\xff\"}", codeMalformed, ""},
		{"LoneSurrogate", entryBody, `{"memo":"\ud800"}`, codeMalformed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := decodeJSON([]byte(tc.body), tc.dst())
			e := ledger.AsError(err)
			if e == nil || e.Kind != ledger.KindInvalid || e.Code != tc.code {
				t.Fatalf("got %v, want a %s error", err, tc.code)
			}
			var fields []string
			for _, f := range e.Fields {
				fields = append(fields, f.Field)
			}
			var want []string
			if tc.field != "" {
				want = []string{tc.field}
			}
			if diff := cmp.Diff(want, fields); diff != "" {
				t.Errorf("fields named (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeJSONReads checks what the stricter reading still accepts: the
// same name in sibling objects, fields of an embedded request, null for
// what may be left out.
func TestDecodeJSONReads(t *testing.T) {
	t.Run("SameNameInEachPosting", func(t *testing.T) {
		var got entryRequest
		body := `{"kind":"savings.deposit","metadata":{"meeting":"12"},"postings":[` +
			`{"account":"1100","side":"debit","amount":"150000"},{"account":"2100","side":"credit","amount":"150000"}]}`
		if err := decodeJSON([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		want := entryRequest{Kind: "savings.deposit", Metadata: map[string]string{"meeting": "12"}, Postings: []postingRequest{
			{Account: "1100", Side: "debit", Amount: "150000"}, {Account: "2100", Side: "credit", Amount: "150000"}}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("request (-want +got):\n%s", diff)
		}
	})
	t.Run("FieldsOfAnEmbeddedRequest", func(t *testing.T) {
		var got savingsRequest
		if err := decodeJSON([]byte(` {"type":"sukarela","amount":"1000","via":"bank"} `), &got); err != nil {
			t.Fatal(err)
		}
		want := savingsRequest{Type: "sukarela", moneyRequest: moneyRequest{Amount: "1000", Via: "bank"}}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(savingsRequest{})); diff != "" {
			t.Errorf("request (-want +got):\n%s", diff)
		}
	})
	t.Run("NullLeavesFieldsEmpty", func(t *testing.T) {
		var got facilityRequest
		if err := decodeJSON([]byte(`{"purpose":null,"ends_on":null}`), &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(facilityRequest{}, got); diff != "" {
			t.Errorf("request (-want +got):\n%s", diff)
		}
	})
}

func savingsBody() any { return new(savingsRequest) }
func sheetBody() any   { return new(sheetRequest) }
func entryBody() any   { return new(entryRequest) }
func yearEndBody() any { return new(yearEndRequest) }
