package render

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/ledger"
)

// update rewrites the golden files in testdata/ from what the code makes
// now: go test ./api -run Golden -update. Review the diff before keeping it.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sheetOf writes rows through a Sheet and returns the document.
func sheetOf(t *testing.T, style CSVStyle, rows ...[]cell) string {
	t.Helper()
	s := newCSVSheet(style)
	for _, r := range rows {
		s.write(r...)
	}
	b, err := s.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCSVSheet(t *testing.T) {
	idr, kes := ledger.MustCurrency("IDR"), ledger.MustCurrency("KES")
	t.Run("StartsWithBOMAndEndsLinesWithCRLF", func(t *testing.T) {
		got := sheetOf(t, CSVStyle{}, []cell{textCell("a"), textCell("b")}, []cell{textCell("c"), textCell("d")})
		if want := "\uFEFFa,b\r\nc,d\r\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("DefusesTextThatStartsLikeAFormula", func(t *testing.T) {
		for _, tc := range []struct{ in, want string }{
			{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
			{"-1+1", "'-1+1"},
			{"+62 812 3456", "'+62 812 3456"},
			{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
			{"\t=1+1", "'\t=1+1"},
			{"\r=1+1", "'\r=1+1"},
			{"Setoran = 10000", "Setoran = 10000"}, // only the first character counts
			{"Siti Aisyah", "Siti Aisyah"},
			{"'quoted", "'quoted"},
			{"", ""},
		} {
			if got := defuse(tc.in); got != tc.want {
				t.Errorf("defuse(%q): got %q, want %q", tc.in, got, tc.want)
			}
		}
	})

	t.Run("DefusedTextReadsBackQuoted", func(t *testing.T) {
		doc := sheetOf(t, CSVStyle{}, []cell{textCell(`=HYPERLINK("http://x","y")`), textCell("-1+1"), amountCell(-500, idr)})
		if want := "\uFEFF\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-1+1,-500\r\n"; doc != want {
			t.Errorf("got %q, want %q", doc, want)
		}
		got := readCSV(t, doc, ',')
		if diff := cmp.Diff([][]string{{`'=HYPERLINK("http://x","y")`, "'-1+1", "-500"}}, got); diff != "" {
			t.Errorf("read back (-want +got):\n%s", diff)
		}
	})

	t.Run("AmountsAreNeverDefused", func(t *testing.T) {
		got := sheetOf(t, CSVStyle{}, []cell{amountCell(-500, idr), amountCell(-125050, kes), countCell(-3), ratioCell(-0.25)})
		if want := "\uFEFF-500,-1250.50,-3,-0.2500\r\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("SemicolonWithDecimalComma", func(t *testing.T) {
		style := CSVStyle{semicolon: true, decimalComma: true}
		got := sheetOf(t, style, []cell{textCell("Simpanan; sukarela"), amountCell(125050, kes), amountCell(-125050, kes),
			amountCell(150000, idr), ratioCell(0.125), textCell("v1.2")})
		// The text keeps its point; the semicolon inside text is quoted.
		if want := "\uFEFF\"Simpanan; sukarela\";1250,50;-1250,50;150000;0,1250;v1.2\r\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("SemicolonKeepsThePointUnlessAsked", func(t *testing.T) {
		got := sheetOf(t, CSVStyle{semicolon: true}, []cell{textCell("a,b"), amountCell(125050, kes)})
		if want := "\uFEFFa,b;1250.50\r\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("KeepsIndonesianNamesAndLineBreaksInOneCell", func(t *testing.T) {
		doc := sheetOf(t, CSVStyle{}, []cell{textCell("Ni Luh Putu Ayu Wédari"), textCell("baris satu\nbaris dua")})
		got := readCSV(t, doc, ',')
		if diff := cmp.Diff([][]string{{"Ni Luh Putu Ayu Wédari", "baris satu\nbaris dua"}}, got); diff != "" {
			t.Errorf("read back (-want +got):\n%s", diff)
		}
	})
}

// readCSV parses a document the way a spreadsheet import would, after its
// byte order mark.
func readCSV(t *testing.T, doc string, comma rune) [][]string {
	t.Helper()
	body, ok := strings.CutPrefix(doc, csvBOM)
	if !ok {
		t.Fatalf("no byte order mark: %q", doc)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v: %q", err, doc)
	}
	return rows
}

func TestParseCSVStyle(t *testing.T) {
	for _, tc := range []struct {
		delimiter, decimal string
		want               CSVStyle
		wantField          string // the field an error names; "" for none
	}{
		{"", "", CSVStyle{}, ""},
		{"comma", "point", CSVStyle{}, ""},
		{"semicolon", "", CSVStyle{semicolon: true}, ""},
		{"semicolon", "comma", CSVStyle{semicolon: true, decimalComma: true}, ""},
		{"", "comma", CSVStyle{}, "decimal"},
		{"comma", "comma", CSVStyle{}, "decimal"},
		{"tab", "", CSVStyle{}, "delimiter"},
		{";", "", CSVStyle{}, "delimiter"},
		{"semicolon", ",", CSVStyle{}, "decimal"},
	} {
		got, err := ParseCSVStyle(tc.delimiter, tc.decimal)
		field := ""
		if e := ledger.AsError(err); e != nil && len(e.Fields) == 1 {
			field = e.Fields[0].Field
		} else if err != nil {
			t.Errorf("delimiter=%q decimal=%q: %v, want an error naming one field", tc.delimiter, tc.decimal, err)
		}
		if got != tc.want || field != tc.wantField {
			t.Errorf("delimiter=%q decimal=%q: got %+v naming %q, want %+v naming %q",
				tc.delimiter, tc.decimal, got, field, tc.want, tc.wantField)
		}
	}
}

func TestGoldenCSV(t *testing.T) {
	idr, kes := ledger.MustCurrency("IDR"), ledger.MustCurrency("KES")
	day := func(d int) ledger.Date { return ledger.NewDate(2026, time.March, d) }
	t.Run("Statement", func(t *testing.T) {
		st := ledger.Statement{
			Account: ledger.Account{Code: "2100.0007", Name: "Simpanan sukarela Siti Aisyah", Type: ledger.Liability, Currency: idr},
			From:    day(1), To: day(31), OpeningMinor: 50000, ClosingMinor: 155000,
			Lines: []ledger.StatementLine{
				{EntryID: "0b9d7a52-1c1e-4f4b-9a57-3f1d2b6c8e01", Sequence: 41, EffectiveDate: day(5), Kind: "savings.deposit",
					Memo: "Setoran mingguan, Kelompok Melati", Side: ledger.Credit, AmountMinor: 150000, BalanceMinor: 200000},
				{EntryID: "5e0c2f9a-7d3b-4c8e-b1a6-9f2e4d7c0a13", Sequence: 44, EffectiveDate: day(12), Kind: "savings.withdrawal",
					Memo: `=HYPERLINK("http://x","y")`, Side: ledger.Debit, AmountMinor: 50000, BalanceMinor: 150000},
				{EntryID: "c3a1e8d4-2b7f-4e9a-8c5d-1f6b0a9e7d22", Sequence: 47, EffectiveDate: day(19), Kind: "savings.deposit",
					Memo: "-1+1", Side: ledger.Credit, AmountMinor: 5000, BalanceMinor: 155000},
			},
		}
		for _, lang := range []Lang{ID, EN} {
			golden(t, "statement."+lang.String()+".csv", StatementCSV(CSVStyle{}, lang, st))
		}
	})
	t.Run("BalanceSheetSemicolonDecimalComma", func(t *testing.T) {
		bs := reports.BalanceSheet{AsOf: day(31), Currency: kes,
			Assets: reports.Section{Type: ledger.Asset, TotalMinor: 1525050, Lines: []reports.ReportLine{
				{Code: "1100", Name: "Cash (kas)", AmountMinor: 325050},
				{Code: "1300", Name: "Loans to members", AmountMinor: 1200000}}},
			Liabilities: reports.Section{Type: ledger.Liability, TotalMinor: 700000, Lines: []reports.ReportLine{
				{Code: "2100", Name: "Voluntary savings (simpanan sukarela)", AmountMinor: 700000}}},
			Equity: reports.Section{Type: ledger.Equity, TotalMinor: 850000, Lines: []reports.ReportLine{
				{Code: "3100", Name: "Principal shares (simpanan pokok)", AmountMinor: 200000},
				{Code: "3200", Name: "Mandatory savings (simpanan wajib)", AmountMinor: 650000}}},
			SurplusMinor: -24950,
		}
		for _, lang := range []Lang{ID, EN} {
			golden(t, "balance-sheet."+lang.String()+".csv", BalanceSheetCSV(bs, CSVStyle{semicolon: true, decimalComma: true}, lang))
		}
	})
}

// golden compares a CSV with testdata/name, or rewrites the file under
// -update.
func golden(t *testing.T, name string, s *Sheet) {
	t.Helper()
	got, err := s.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the code writes (-want +got):\n%s", path, cmp.Diff(string(want), string(got)))
	}
}
