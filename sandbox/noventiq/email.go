package noventiq

import "strings"

// ValidEmail reports whether s has the form the vendor requires of
// customer.email: [name]@[domain].[zone] — one @, no white space, a name,
// and a domain of two labels or more, none empty.
func ValidEmail(s string) bool {
	name, domain, ok := strings.Cut(s, "@")
	if !ok || name == "" || strings.ContainsAny(s, " \t\n\f\r") || strings.Contains(domain, "@") {
		return false
	}
	labels := 0
	for label := range strings.SplitSeq(domain, ".") {
		if label == "" {
			return false
		}
		labels++
	}
	return labels >= 2
}

// percentForm reports whether a number literal has discount_percent's
// form: an optional minus, an integer without leading zeros, and at most
// six fractional digits; no exponent.
func percentForm(s string) bool {
	whole, frac, dot := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	return whole != "" && allDigits(whole) && (whole[0] != '0' || len(whole) == 1) &&
		(!dot || len(frac) >= 1 && len(frac) <= 6 && allDigits(frac))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
