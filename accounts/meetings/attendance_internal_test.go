package meetings

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lumbung/lumbung/ledger"
)

// TestHashKeepsSheetsRecordedBefore fingerprints a sheet as a client from
// before attendance had three values sends it (attended yes/no), and
// again as a new client sends it (attendance): both give the hash that
// the code of that time computed and stored, so that sending such a sheet
// again is a replay and not a conflict.
func TestHashKeepsSheetsRecordedBefore(t *testing.T) {
	const recordedBefore = "59f60be4676be4145c5c4dbd027f3fdabe144ae5ae24856de62dc58c3c7906c7"
	yes, no := true, false
	loans := []SheetLoanPayment{{LoanID: "0190a7a0-0000-7000-8000-0000000000aa", Amount: "312000"}}
	sheet := func(a, b, c SheetPayment) SheetInput {
		a.MemberID, a.Sukarela = "0190a7a0-0000-7000-8000-000000000002", "5000"
		b.MemberID, b.Wajib, b.Loans = "0190a7a0-0000-7000-8000-000000000001", "10000", loans
		c.MemberID = "0190a7a0-0000-7000-8000-000000000003"
		return SheetInput{Date: ledger.NewDate(2026, 3, 10), Via: "cash", Lines: []SheetPayment{a, b, c}}
	}
	for name, in := range map[string]SheetInput{
		"old client":   sheet(SheetPayment{Attended: &no}, SheetPayment{Attended: &yes}, SheetPayment{}),
		"both fields":  sheet(SheetPayment{Attended: &no}, SheetPayment{Attendance: Present, Attended: &yes}, SheetPayment{Attendance: Absent}),
		"present kept": sheet(SheetPayment{Attended: &no}, SheetPayment{Attendance: Present}, SheetPayment{Attendance: Absent}),
	} {
		checked, err := checkSheet(in, ledger.MustCurrency("IDR"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := checked.hash(); got != recordedBefore {
			t.Errorf("%s: hash %s, want the one recorded before %s", name, got, recordedBefore)
		}
	}
	represented := sheet(SheetPayment{Attendance: Represented, RepresentedBy: "Pak Slamet (suami)"}, SheetPayment{Attended: &yes}, SheetPayment{})
	checked, err := checkSheet(represented, ledger.MustCurrency("IDR"))
	if err != nil {
		t.Fatal(err)
	}
	if checked.hash() == recordedBefore {
		t.Error("a represented member hashes as an absent one: a sheet corrected to say who came would replay the first")
	}
}

// TestLineAttendance reads each way a sheet line may tell attendance, and
// refuses the ways that contradict themselves.
func TestLineAttendance(t *testing.T) {
	yes, no := true, false
	long := strings.Repeat("x", representedByMax+1)
	for _, tc := range []struct {
		name   string
		p      SheetPayment
		want   Attendance
		by     string
		fields []string
	}{
		{"nothing said is absent", SheetPayment{}, Absent, "", nil},
		{"attended yes is present", SheetPayment{Attended: &yes}, Present, "", nil},
		{"attended no is absent", SheetPayment{Attended: &no}, Absent, "", nil},
		{"attended no who paid stays absent", SheetPayment{Attended: &no, Wajib: "2000"}, Absent, "", nil},
		{"both agreeing", SheetPayment{Attendance: Represented, RepresentedBy: " Bu Rina ", Attended: &no}, Represented, "Bu Rina", nil},
		{"both disagreeing", SheetPayment{Attendance: Present, Attended: &no}, Present, "", []string{"attended"}},
		{"unknown attendance", SheetPayment{Attendance: "late"}, "late", "", []string{"attendance"}},
		{"represented by nobody", SheetPayment{Attendance: Represented, RepresentedBy: "  "}, Represented, "", []string{"represented_by"}},
		{"represented by a long name", SheetPayment{Attendance: Represented, RepresentedBy: long}, Represented, long, []string{"represented_by"}},
		{"a name without representation", SheetPayment{Attendance: Present, RepresentedBy: "Bu Rina"}, Present, "Bu Rina", []string{"represented_by"}},
		{"absent who paid", SheetPayment{Attendance: Absent, Sukarela: "5000"}, Absent, "", []string{"attendance"}},
		{"absent covered by another", SheetPayment{Attendance: Absent}, Absent, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, by, fields := lineAttendance(tc.p)
			var names []string
			for _, f := range fields {
				names = append(names, f.Field)
			}
			if got != tc.want || by != tc.by || !cmp.Equal(names, tc.fields) {
				t.Errorf("got %q by %q, fields %v; want %q by %q, fields %v", got, by, names, tc.want, tc.by, tc.fields)
			}
		})
	}
}
