package accounts

import "github.com/lumbung/lumbung/ledger"

// Language is the language a cooperative speaks to its people: Bahasa
// Indonesia, the default for a cooperative in Indonesia, or English. Its
// documents and problem details are in it unless a request names another,
// and so are the memos Lumbung writes in its books.
type Language string

// The languages a cooperative may speak, as its setting is sent and stored.
const (
	LanguageID Language = "id"
	LanguageEN Language = "en"
)

// parseLanguage reads a cooperative's language: "id" or "en", anything
// else a field error. Empty is Indonesian when emptyIsID (a new
// cooperative that names none); a setting sent empty is refused.
func parseLanguage(field, s string, emptyIsID bool, fields *[]ledger.FieldError) Language {
	switch l := Language(s); {
	case l == LanguageID || l == LanguageEN:
		return l
	case s == "" && emptyIsID:
		return LanguageID
	}
	*fields = append(*fields, ledger.FieldError{Field: field, Reason: "id or en"})
	return LanguageID
}
