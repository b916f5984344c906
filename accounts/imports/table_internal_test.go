package imports

import "testing"

// TestAmountAsSheetsWriteIt: what a treasurer's cells hold becomes the
// plain decimal the money door takes, or is left for it to refuse.
func TestAmountAsSheetsWriteIt(t *testing.T) {
	for _, tc := range []struct {
		semicolon bool
		cell      string
		want      string
	}{
		{true, "1.250.000", "1250000"},
		{true, "1.250.000,50", "1250000.50"},
		{true, "Rp 50.000", "50000"},
		{true, "75,5", "75.5"},
		{true, "18", "18"},
		{true, "1.5", "1.5"}, // a rate with a point, left as it is
		{false, "1,250,000", "1250000"},
		{false, "1,250,000.50", "1250000.50"},
		{false, "1250.50", "1250.50"},
		{false, "Rp1,000", "1000"},
		{false, "1,25", "1,25"}, // refused by the money door: a comma is not a decimal mark here
	} {
		if got := (table{decimalComma: tc.semicolon}).amount(tc.cell); got != tc.want {
			t.Errorf("amount(%q) in a %v file = %q, want %q", tc.cell, map[bool]string{true: "';'", false: "','"}[tc.semicolon], got, tc.want)
		}
	}
}

// TestDateAsSheetsWriteIt: ISO days, day-first days and workbook day
// numbers; nothing else.
func TestDateAsSheetsWriteIt(t *testing.T) {
	for _, tc := range []struct {
		workbook bool
		cell     string
		want     string // "" for refused
	}{
		{false, "2026-11-30", "2026-11-30"},
		{false, "30/11/2026", "2026-11-30"},
		{false, "1-2-2026", "2026-02-01"},
		{false, "30.11.2026", "2026-11-30"},
		{false, "31/02/2026", ""},
		{false, "11/30/2026", ""},
		{false, "46356", ""}, // a day number means nothing in a CSV
		{true, "46356", "2026-11-30"},
		{false, "kemarin", ""},
	} {
		d, ok := (table{serialDates: tc.workbook}).date(tc.cell)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tc.want {
			t.Errorf("date(%q) = %q, want %q", tc.cell, got, tc.want)
		}
	}
}
