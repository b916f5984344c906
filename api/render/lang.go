package render

import (
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Lang is the language a document speaks: Bahasa Indonesia, the default
// for a cooperative in Indonesia, or English. The zero value is ID.
type Lang int

const (
	ID Lang = iota // Bahasa Indonesia
	EN             // English
)

// ParseLang reads a language tag's primary subtag: "id" (and "in", its
// withdrawn old code) is ID, "en" is EN. ok is false for any other.
func ParseLang(tag string) (lang Lang, ok bool) {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	switch primary {
	case "id", "in":
		return ID, true
	case "en":
		return EN, true
	}
	return ID, false
}

// String is the language's tag: "id" or "en".
func (l Lang) String() string {
	if l == EN {
		return "en"
	}
	return "id"
}

// words are the words of the language.
func (l Lang) words() *words {
	if l == EN {
		return &wordsEN
	}
	return &wordsID
}

// weekdayNames are the days of the week, Sunday first as time.Weekday.
var weekdayNames = [...][7]string{
	ID: {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
	EN: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// weekday names a day's day of the week: "Rabu", "Wednesday".
func (l Lang) weekday(d ledger.Date) string { return weekdayNames[l][d.Time().Weekday()] }

// Date writes a day as a reader says it: "2 Desember 2026", "2 December
// 2026", as the memos Lumbung writes in the books do.
func (l Lang) Date(d ledger.Date) string { return accounts.Language(l.String()).Date(d) }

// Money writes an amount as a reader of the language expects it, from its
// exact decimal form, never through floating point. Indonesian groups
// thousands with a dot and marks decimals with a comma ("Rp 73.301.348",
// "KES 1.250,50"); English the other way round ("Rp 73,301,348",
// "KES 1,250.50"). The rupiah carries its own sign, Rp; other currencies
// their ISO code.
func (l Lang) Money(minor int64, cur ledger.Currency) string {
	s := ledger.FormatMinor(minor, cur)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	symbol := cur.Code()
	if symbol == "IDR" {
		symbol = "Rp"
	}
	return sign + symbol + " " + l.number(s)
}

// number groups the whole part of an unsigned decimal string in threes
// with the language's marks.
func (l Lang) number(s string) string {
	group, point := ",", "."
	if l == ID {
		group, point = ".", ","
	}
	whole, fraction, hasPoint := strings.Cut(s, ".")
	var b strings.Builder
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteByte(whole[i])
	}
	if hasPoint {
		b.WriteString(point + fraction)
	}
	return b.String()
}

// percent writes a Ratio as a percentage with one decimal and the
// language's decimal mark: "12,5%", "12.5%".
func (l Lang) percent(f float64) string {
	s := pdfPercent(f)
	if l == ID {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
