package iso

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MinDays is the shortest term the vendor sells.
const MinDays = 6

// Unit is Y, M or D.
type Unit byte

// The units of a term.
const (
	Year  Unit = 'Y'
	Month Unit = 'M'
	Day   Unit = 'D'
)

// Period is a term such as one year (P1Y).
type Period struct {
	N    int
	Unit Unit
}

// PeriodPattern is the syntax of a period, as a regular expression that
// Go and JSON Schema (ECMA-262) read alike; ParsePeriod checks it by hand
// (a fuzz test holds the two together).
const PeriodPattern = `^P([1-9][0-9]{0,3})([YMD])$`

// ParsePeriod reads P<n>Y, P<n>M or P<n>D with 1 ≤ n ≤ 9999 (no leading
// zero) and a term of at least MinDays days.
func ParsePeriod(s string) (Period, error) {
	digits := strings.TrimPrefix(s, "P")
	if len(digits) < 2 || len(digits) > 5 || digits == s || digits[0] == '0' || !strings.ContainsRune("YMD", rune(digits[len(digits)-1])) {
		return Period{}, fmt.Errorf("%q is not a term P<n>Y, P<n>M or P<n>D", s)
	}
	n, err := strconv.Atoi(digits[:len(digits)-1])
	if err != nil || n < 1 || strings.ContainsAny(digits[:len(digits)-1], "+-") {
		return Period{}, fmt.Errorf("%q is not a term P<n>Y, P<n>M or P<n>D", s)
	}
	p := Period{N: n, Unit: Unit(digits[len(digits)-1])}
	if p.Unit == Day && n < MinDays {
		return Period{}, fmt.Errorf("%q is shorter than %d days", s, MinDays)
	}
	return p, nil
}

// AddTo returns t moved forward by the period, in calendar terms.
func (p Period) AddTo(t time.Time) time.Time {
	switch p.Unit {
	case Year:
		return t.AddDate(p.N, 0, 0)
	case Month:
		return t.AddDate(0, p.N, 0)
	default:
		return t.AddDate(0, 0, p.N)
	}
}

// unitWords are the English names of the units, singular and plural.
var unitWords = map[Unit][2]string{Year: {"year", "years"}, Month: {"month", "months"}, Day: {"day", "days"}}

// Words says the period in English as "every" reads it: "year", "2 years",
// "month", "3 months", "day", "30 days" (so "every year", "every 3 months").
func (p Period) Words() string {
	if p.N == 1 {
		return unitWords[p.Unit][0]
	}
	return p.Length()
}

// Length says how long the period lasts, in English: "1 year", "2 years",
// "1 month", "6 days" (so "first term 1 year").
func (p Period) Length() string {
	w := unitWords[p.Unit]
	if p.N == 1 {
		return "1 " + w[0]
	}
	return strconv.Itoa(p.N) + " " + w[1]
}

// String writes the period back in its ISO 8601 form.
func (p Period) String() string { return fmt.Sprintf("P%d%c", p.N, p.Unit) }

// MarshalText writes the period in its ISO 8601 form.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a period written by MarshalText.
func (p *Period) UnmarshalText(b []byte) error {
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
