package render

import (
	"strconv"
	"strings"

	"github.com/lumbung/lumbung/ledger"
)

// An amount in words (terbilang) is written on a slip beside its figures,
// as on every Indonesian receipt: a figure can be altered with a stroke of
// the pen, the words cannot without being seen.

var (
	digitsID = [...]string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}
	// Thousands, millions and so on: an int64 ends in the quintillions.
	scalesID = [...]string{"", "ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"}

	onesEN = [...]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensEN   = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	scalesEN = [...]string{"", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"}
)

// InWords writes an amount as words: "dua ratus lima puluh ribu rupiah",
// "two hundred fifty thousand rupiah". Another currency than the rupiah
// is named by its code, its fraction as hundredths ("and 50/100"), the
// way a cheque writes it.
func (l Lang) InWords(minor int64, cur ledger.Currency) string {
	negative := minor < 0
	n := uint64(minor)
	if negative {
		n = -n // two's complement: exact even for the smallest int64
	}
	unit := uint64(1)
	for range cur.Scale() {
		unit *= 10
	}
	whole, fraction := n/unit, n%unit
	words := l.spell(whole)
	if negative {
		words = "minus " + words
	}
	if cur.Code() == "IDR" {
		return words + " rupiah"
	}
	words += " " + cur.Code()
	if fraction > 0 {
		and := " dan "
		if l == EN {
			and = " and "
		}
		words += and + strconv.FormatUint(fraction, 10) + "/" + strconv.FormatUint(unit, 10)
	}
	return words
}

// spell writes a whole number in words.
func (l Lang) spell(n uint64) string {
	if n == 0 {
		if l == EN {
			return "zero"
		}
		return "nol"
	}
	var groups []uint64 // in threes, the lowest first
	for ; n > 0; n /= 1000 {
		groups = append(groups, n%1000)
	}
	var parts []string
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		switch {
		case g == 0:
			continue
		case l == ID && i == 1 && g == 1:
			parts = append(parts, "seribu") // one thousand is se-ribu; one million stays satu juta
		case l == ID:
			parts = append(parts, strings.TrimSpace(hundredsID(g)+" "+scalesID[i]))
		default:
			parts = append(parts, strings.TrimSpace(hundredsEN(g)+" "+scalesEN[i]))
		}
	}
	return strings.Join(parts, " ")
}

// hundredsID writes 1 to 999 in Indonesian, where one hundred, ten and
// eleven take the prefix se-: seratus, sepuluh, sebelas.
func hundredsID(n uint64) string {
	var parts []string
	switch h := n / 100; {
	case h == 1:
		parts = append(parts, "seratus")
	case h > 1:
		parts = append(parts, digitsID[h]+" ratus")
	}
	switch r := n % 100; {
	case r == 0:
	case r < 10:
		parts = append(parts, digitsID[r])
	case r == 10:
		parts = append(parts, "sepuluh")
	case r == 11:
		parts = append(parts, "sebelas")
	case r < 20:
		parts = append(parts, digitsID[r-10]+" belas")
	default:
		parts = append(parts, strings.TrimSpace(digitsID[r/10]+" puluh "+digitsID[r%10]))
	}
	return strings.Join(parts, " ")
}

// hundredsEN writes 1 to 999 in English, without "and": "two hundred
// fifty", "ninety-nine".
func hundredsEN(n uint64) string {
	var parts []string
	if h := n / 100; h > 0 {
		parts = append(parts, onesEN[h]+" hundred")
	}
	switch r := n % 100; {
	case r == 0:
	case r < 20:
		parts = append(parts, onesEN[r])
	case r%10 == 0:
		parts = append(parts, tensEN[r/10])
	default:
		parts = append(parts, tensEN[r/10]+"-"+onesEN[r%10])
	}
	return strings.Join(parts, " ")
}
