package render

import (
	"strings"
	"testing"
	"time"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/api/render/rendertest"
	"github.com/lumbung/lumbung/ledger"
)

// TestMinutesShowWhoWasRepresented: the minutes count the members present,
// represented and absent, and name who came for each represented one.
func TestMinutesShowWhoWasRepresented(t *testing.T) {
	rm := meetings.RecordedMeeting{GroupName: "Kelompok Melati", HeldOn: ledger.NewDate(2026, time.December, 1),
		RecordedByName: "Ibu Sri Wahyuni", RecordedAt: time.Date(2026, time.December, 1, 9, 30, 0, 0, time.UTC),
		Currency: ledger.MustCurrency("IDR"), CollectedMinor: 62000, Lines: []meetings.RecordedLine{
			{Member: accounts.Member{Number: 1, Name: "Siti Aminah"}, Attendance: meetings.Present, WajibMinor: 2000, SukarelaMinor: 10000},
			{Member: accounts.Member{Number: 2, Name: "Dewi Lestari"}, Attendance: meetings.Represented, RepresentedBy: "Pak Slamet (suami)",
				WajibMinor: 50000},
			{Member: accounts.Member{Number: 3, Name: "Sri Mulyani"}, Attendance: meetings.Absent},
			{Member: accounts.Member{Number: 4, Name: "Ratna Sari"}, Attendance: meetings.Present},
		}}
	for lang, want := range map[Lang][]string{
		ID: {"Dari 4 anggota yang tercantum: hadir 2, diwakilkan 1, tidak hadir 1.", "Dewi Lestari, diwakilkan oleh Pak Slamet (suami) diwakilkan",
			"Sri Mulyani tidak"},
		EN: {"Of the 4 members on the sheet: present 2, represented by someone who came for them 1, absent 1.",
			"Dewi Lestari, represented by Pak Slamet (suami) represented", "Sri Mulyani no"},
	} {
		doc, err := MinutesPDF(rm, "Koperasi Wanita Sejahtera", ledger.NewDate(2026, time.December, 2), lang).Bytes()
		if err != nil {
			t.Fatal(err)
		}
		// Long texts wrap; read the page as one text.
		shown := strings.Join(rendertest.Text(t, doc), " ")
		for _, w := range want {
			if !strings.Contains(shown, w) {
				t.Errorf("%s: the minutes do not show %q; they show:\n%s", lang, w, shown)
			}
		}
	}
}
