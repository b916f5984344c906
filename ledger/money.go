package ledger

import (
	"database/sql/driver"
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// Currency is an ISO 4217 currency with its number of minor-unit digits
// (its scale) from CLDR: IDR 0, KES 2, USD 2.
type Currency struct {
	code  string
	scale int32
}

// ParseCurrency accepts an upper-case ISO 4217 code. The codes for "no
// currency" and for testing (XXX, XTS) are refused: a book keeps real money.
func ParseCurrency(code string) (Currency, error) {
	if len(code) != 3 || strings.ToUpper(code) != code || code == "XXX" || code == "XTS" {
		return Currency{}, InvalidField("currency.unknown", "currency", "not an upper-case ISO 4217 currency code")
	}
	unit, err := currency.ParseISO(code)
	if err != nil {
		return Currency{}, InvalidField("currency.unknown", "currency", "not an ISO 4217 currency code")
	}
	// Cash rounding is the smallest amount that changes hands: the Rupiah
	// has no coins below Rp 1, so IDR amounts are whole.
	scale, _ := currency.Cash.Rounding(unit)
	return Currency{code: code, scale: int32(scale)}, nil
}

// MustCurrency is ParseCurrency for codes fixed in the program.
func MustCurrency(code string) Currency {
	c, err := ParseCurrency(code)
	if err != nil {
		panic(err)
	}
	return c
}

// Scan reads a currency column. A code the program does not know is an
// error of the store, not of a client: it is reported without the
// currency.unknown error a client's input would get, so that it is never
// answered as a 422, and never panics.
func (c *Currency) Scan(src any) error {
	var code string
	switch v := src.(type) {
	case string:
		code = v
	case []byte:
		code = string(v)
	default:
		return fmt.Errorf("ledger: a currency column holds %T", src)
	}
	parsed, err := ParseCurrency(strings.TrimSpace(code))
	if err != nil {
		return fmt.Errorf("ledger: the store holds currency %q, which is not an ISO 4217 code", code)
	}
	*c = parsed
	return nil
}

// Value writes a currency column as its code.
func (c Currency) Value() (driver.Value, error) {
	if c.IsZero() {
		return nil, fmt.Errorf("ledger: no currency to store")
	}
	return c.code, nil
}

func (c Currency) Code() string   { return c.code }
func (c Currency) Scale() int32   { return c.scale }
func (c Currency) String() string { return c.code }
func (c Currency) IsZero() bool   { return c.code == "" }

// amountLengthMax bounds the text of an amount before any parsing work:
// int64 minor units have at most 19 digits, plus a sign and a point.
const amountLengthMax = 24

// ParseAmount reads a decimal amount in plain notation: an optional leading
// minus, digits, and optionally a point followed by digits. It refuses what
// decimal.NewFromString alone would accept and a client almost certainly did
// not mean: exponents ("1e5"), a plus sign, a bare point (".5", "5."),
// spaces, thousands separators, NaN and Infinity. Field is the name put on
// the error.
func ParseAmount(field, s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, InvalidField("amount.syntax", field, "an amount is required")
	}
	if len(s) > amountLengthMax {
		return decimal.Decimal{}, InvalidField("amount.range", field, "too many digits for an amount")
	}
	digits := strings.TrimPrefix(s, "-")
	whole, fraction, hasPoint := strings.Cut(digits, ".")
	if !allDigits(whole) || (hasPoint && !allDigits(fraction)) {
		return decimal.Decimal{}, InvalidField("amount.syntax", field,
			"not a plain decimal amount such as \"150000\" or \"1250.50\"")
	}
	d, err := decimal.NewFromString(s)
	if err != nil { // unreachable after the grammar check; kept as a guard
		return decimal.Decimal{}, InvalidField("amount.syntax", field, "not a decimal amount")
	}
	return d, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ToMinor is the one door from a decimal amount into integer minor units of
// a currency. It never rounds: an amount with more fraction digits than the
// currency has (Rp 12.5, $1.005) is refused, as is one beyond int64.
func ToMinor(field string, d decimal.Decimal, c Currency) (int64, error) {
	scaled := d.Shift(c.scale)
	if !scaled.Equal(scaled.Truncate(0)) {
		return 0, InvalidField("amount.scale", field,
			"more fraction digits than %s has", c.code)
	}
	bi := scaled.BigInt()
	if !bi.IsInt64() {
		return 0, InvalidField("amount.range", field, "amount too large")
	}
	return bi.Int64(), nil
}

// ParsePositiveMinor parses s for currency c and requires it to be above
// zero: the form every posting amount takes.
func ParsePositiveMinor(field, s string, c Currency) (int64, error) {
	d, err := ParseAmount(field, s)
	if err != nil {
		return 0, err
	}
	if !d.IsPositive() {
		return 0, InvalidField("amount.not_positive", field, "must be greater than zero")
	}
	return ToMinor(field, d, c)
}

// FromMinor is the way back: minor units as a decimal in the currency.
func FromMinor(minor int64, c Currency) decimal.Decimal {
	return decimal.New(minor, -c.scale)
}

// FormatMinor renders minor units as the wire form of an amount, with
// exactly the currency's fraction digits: "150000", "1250.50".
func FormatMinor(minor int64, c Currency) string {
	return FromMinor(minor, c).StringFixed(c.scale)
}

// addMinor adds two amounts of minor units, reporting overflow instead of
// wrapping around.
func addMinor(a, b int64) (int64, bool) {
	if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return 0, false
	}
	return a + b, true
}
