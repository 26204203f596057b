package solifyn

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"
)

// Major is an amount in major units written as a JSON number (29, 0.1,
// 12.5), as JavaScript writes numbers: no trailing zeros. It is decimal
// inside, never a float.
type Major struct{ decimal.Decimal }

// M wraps a decimal as a Major.
func M(d decimal.Decimal) Major { return Major{d} }

// MarshalJSON writes the amount as a JSON number.
func (m Major) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalJSON reads a JSON number.
func (m *Major) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("solifyn: amount: %w", err)
	}
	d, err := decimal.NewFromString(n.String())
	if err != nil {
		return fmt.Errorf("solifyn: amount: %w", err)
	}
	m.Decimal = d
	return nil
}

// maxCents is the largest total a checkout may reach: 99,999,999.99.
// The vendor states no limit; payment processors cap amounts near this.
const maxCents = 99_999_999_99

var hundred = decimal.NewFromInt(100)

// toCents rounds an amount in major units half away from zero to cents.
// The spec speaks of cents for every currency, so the sandbox multiplies by
// 100 whatever the currency's minor unit.
func toCents(d decimal.Decimal) int64 { return d.Mul(hundred).Round(0).IntPart() }

// fromCents is the amount in major units of a number of cents.
func fromCents(c int64) decimal.Decimal { return decimal.New(c, -2) }

// twoDecimals writes cents as the payment webhook writes money ("29.00").
func twoDecimals(c int64) string { return fromCents(c).StringFixed(2) }

// convert changes an amount between currencies through their units per US
// dollar, rounded to cents.
func convert(d, fromPerUSD, toPerUSD decimal.Decimal) decimal.Decimal {
	if fromPerUSD.Equal(toPerUSD) {
		return d
	}
	return d.Mul(toPerUSD).DivRound(fromPerUSD, 8).Round(2)
}
