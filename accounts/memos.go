package accounts

import (
	"fmt"
	"strconv"

	"github.com/lumbung/lumbung/ledger"
)

// memoTexts are the memos Lumbung writes itself on the entries it posts,
// in one language: a treasurer reading her cash book in Indonesian reads
// them in Indonesian. Each language is one value of this struct, and
// TestMemoTexts fails for a field left empty or with other verbs than the
// English, so a memo added in one language and forgotten in the other
// never reaches a cash book blank. Every field is a fmt format.
type memoTexts struct {
	MeetingF        string // the meeting's day
	MeetingAmendedF string // the meeting's day
	PartF           string // the memo, this part, how many parts
	YearClosedF     string // the year
	SHUDividedF     string // the year
	LatePenaltyF    string // how many installments
	ReversalF       string // the reversed entry's sequence number
	CoverDebtF      string // who covered, whom
	CoverRepaidF    string // who repaid her covers
}

var memosID = memoTexts{
	MeetingF:        "Pertemuan %s",
	MeetingAmendedF: "Koreksi pertemuan %s",
	PartF:           "%s (%d dari %d)",
	YearClosedF:     "Tutup buku %d ke SHU",
	SHUDividedF:     "Pembagian SHU %d",
	LatePenaltyF:    "Denda keterlambatan, %d angsuran",
	ReversalF:       "Pembatalan jurnal #%d",
	CoverDebtF:      "Talangan tanggung renteng: %s untuk %s",
	CoverRepaidF:    "Pelunasan talangan oleh %s",
}

var memosEN = memoTexts{
	MeetingF:        "Meeting of %s",
	MeetingAmendedF: "Meeting of %s amended",
	PartF:           "%s (%d of %d)",
	YearClosedF:     "Year %d closed into SHU",
	SHUDividedF:     "SHU %d divided",
	LatePenaltyF:    "Late penalty, %d installment(s)",
	ReversalF:       "Reversal of entry #%d",
	CoverDebtF:      "Joint liability cover: %s for %s",
	CoverRepaidF:    "Covers repaid by %s",
}

func (l Language) memos() *memoTexts {
	if l == LanguageEN {
		return &memosEN
	}
	return &memosID
}

// monthNames are the months as each language writes them in a date.
var monthNames = map[Language][12]string{
	LanguageID: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	LanguageEN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date writes a day as a reader says it: "2 Desember 2026", "2 December
// 2026". Any language but English writes Indonesian.
func (l Language) Date(d ledger.Date) string {
	months, ok := monthNames[l]
	if !ok {
		months = monthNames[LanguageID]
	}
	t := d.Time()
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// MeetingMemo is the memo of the entries a group's meeting posts.
func (l Language) MeetingMemo(on ledger.Date) string {
	return fmt.Sprintf(l.memos().MeetingF, l.Date(on))
}

// MeetingAmendedMemo is the memo of the reversals that amend a meeting.
func (l Language) MeetingAmendedMemo(on ledger.Date) string {
	return fmt.Sprintf(l.memos().MeetingAmendedF, l.Date(on))
}

// PartMemo is the memo of one of the parts a long entry is posted in.
func (l Language) PartMemo(memo string, part, parts int) string {
	return fmt.Sprintf(l.memos().PartF, memo, part, parts)
}

// YearClosedMemo is the memo of the entries closing a year into its SHU.
func (l Language) YearClosedMemo(year int) string {
	return fmt.Sprintf(l.memos().YearClosedF, year)
}

// SHUDividedMemo is the memo of the entries dividing a year's SHU.
func (l Language) SHUDividedMemo(year int) string {
	return fmt.Sprintf(l.memos().SHUDividedF, year)
}

// LatePenaltyMemo is the memo of the penalties for installments paid late.
func (l Language) LatePenaltyMemo(installments int) string {
	return fmt.Sprintf(l.memos().LatePenaltyF, installments)
}

// ReversalMemo is the memo of a reversal the treasurer gave none.
func (l Language) ReversalMemo(sequence int64) string {
	return fmt.Sprintf(l.memos().ReversalF, sequence)
}

// CoverDebtMemo is the memo of the entry that books a cover as a debt.
func (l Language) CoverDebtMemo(covering, covered string) string {
	return fmt.Sprintf(l.memos().CoverDebtF, covering, covered)
}

// CoverRepaidMemo is the memo of the entry that settles a member's covers.
func (l Language) CoverRepaidMemo(name string) string {
	return fmt.Sprintf(l.memos().CoverRepaidF, name)
}
