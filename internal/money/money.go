// Package money reads and writes the API's prices: strings holding a
// non-negative decimal with at most two fractional digits and a dot.
package money

import (
	"regexp"

	"github.com/shopspring/decimal"
)

var priceRE = regexp.MustCompile(`^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$`)

// Parse reads a price such as "30", "30.5" or "30.00": a non-negative
// decimal of at most 12 integer digits and 2 fractional digits.
func Parse(s string) (decimal.Decimal, bool) {
	if !priceRE.MatchString(s) {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// Format writes an amount with exactly two fractional digits, rounding half away from zero.
func Format(d decimal.Decimal) string { return d.StringFixed(2) }
