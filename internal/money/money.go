// Package money reads and writes the API's prices: strings holding a
// non-negative decimal with at most two fractional digits and a dot.
package money

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Parse reads a price such as "30", "30.5" or "30.00": a non-negative
// decimal of at most 12 integer digits and 2 fractional digits.
func Parse(s string) (decimal.Decimal, bool) {
	whole, frac, dotted := strings.Cut(s, ".")
	if !digits(whole, 12) || whole[0] == '0' && len(whole) > 1 || dotted && !digits(frac, 2) {
		return decimal.Decimal{}, false
	}
	var v int64 // at most 14 digits: no overflow
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			v = v*10 + int64(part[i]-'0')
		}
	}
	return decimal.New(v, -int32(len(frac))), true
}

// digits reports whether s holds 1 to max ASCII digits.
func digits(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Format writes an amount with exactly two fractional digits, rounding half away from zero.
func Format(d decimal.Decimal) string { return d.StringFixed(2) }
