package meetings

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/lumbung/lumbung/ledger"
)

// Attendance is how a member was at a meeting: she came (present), she did
// not (absent), or someone came for her with her money, a neighbour or her
// husband (represented; groups write diwakilkan), whose name the minutes
// keep.
type Attendance string

const (
	Present     Attendance = "present"
	Absent      Attendance = "absent"
	Represented Attendance = "represented"
)

// representedByMax bounds the name of who came for a member, as a
// member's own name is bounded (the schema holds the same limit).
const representedByMax = 100

// lineAttendance reads a sheet line's attendance: its attendance, or for a
// client from before attendance had three values, its attended yes/no
// (yes is present; no, or nothing, absent). Given both, they must agree.
// Represented needs the name of who came for her, and only represented
// takes one; the name comes back trimmed.
//
// A member marked absent who paid at the meeting is refused: her money
// reached the treasurer's hands through someone, and the minutes must say
// through whom, or the group's supervisor (pengawas) cannot tell a payment
// brought by a neighbour from cash the treasurer cannot account for. The
// treasurer fixes it on the spot: present, or represented with a name.
// The yes/no of older clients cannot say represented, so their "no" with
// a payment is taken as absent, as it always was: refusing it would leave
// money in hand that the books cannot take, and would turn the replay of a
// sheet recorded before into an error.
func lineAttendance(p SheetPayment) (Attendance, string, []ledger.FieldError) {
	var fields []ledger.FieldError
	att := p.Attendance
	switch {
	case att == "" && p.Attended != nil && *p.Attended:
		att = Present
	case att == "":
		att = Absent
	case att != Present && att != Absent && att != Represented:
		return att, "", []ledger.FieldError{{Field: "attendance", Reason: "present, absent or represented"}}
	case p.Attended != nil && *p.Attended != (att == Present):
		fields = append(fields, ledger.FieldError{Field: "attended", Reason: "disagrees with attendance; send attendance alone"})
	}
	by := strings.TrimSpace(p.RepresentedBy)
	switch {
	case att == Represented && (by == "" || utf8.RuneCountInString(by) > representedByMax):
		fields = append(fields, ledger.FieldError{Field: "represented_by",
			Reason: "required when she is represented: the name of who came for her, 1 to %d characters", Args: []any{representedByMax}})
	case att != Represented && p.RepresentedBy != "":
		fields = append(fields, ledger.FieldError{Field: "represented_by", Reason: "only when attendance is represented"})
	case att == Absent && p.Attendance != "" && p.paid():
		fields = append(fields, ledger.FieldError{Field: "attendance",
			Reason: "she paid at this meeting: present, or represented by whoever brought her money"})
	}
	return att, by, fields
}

// paid reports whether a line pays anything at the meeting.
func (p SheetPayment) paid() bool { return len(p.Loans) > 0 || p.Wajib != "" || p.Sukarela != "" }

// checkAttendance reads every line's attendance into a copy of the sheet,
// or reports the lines whose attendance is not valid, each field named
// with its line.
func checkAttendance(in SheetInput) (SheetInput, []ledger.FieldError) {
	out := in
	out.Lines = make([]SheetPayment, len(in.Lines))
	var fields []ledger.FieldError
	for i, p := range in.Lines {
		att, by, bad := lineAttendance(p)
		for _, f := range bad {
			f.Field = fmt.Sprintf("lines[%d].%s", i, f.Field)
			fields = append(fields, f)
		}
		p.Attendance, p.RepresentedBy, p.Attended = att, by, nil
		out.Lines[i] = p
	}
	return out, fields
}
