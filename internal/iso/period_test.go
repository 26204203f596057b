package iso

import (
	"regexp"
	"strconv"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	for _, ok := range []string{"P1Y", "P12M", "P6D", "P30D", "P9999Y"} {
		p, err := ParsePeriod(ok)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", ok, err)
		} else if p.String() != ok {
			t.Errorf("ParsePeriod(%q).String() = %q", ok, p.String())
		}
	}
	for _, bad := range []string{"", "P", "P0Y", "P5D", "P1W", "p1y", "P01Y", "1Y", "P1Y2M", "PT1H", "P10000Y", " P1Y", "P-1Y"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

func TestAddTo(t *testing.T) {
	start := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	for s, want := range map[string]string{
		"P1Y": "2027-01-31", "P1M": "2026-03-03", "P6D": "2026-02-06",
	} {
		p, _ := ParsePeriod(s)
		if got := p.AddTo(start).Format(time.DateOnly); got != want {
			t.Errorf("%s after %s = %s, want %s", s, start.Format(time.DateOnly), got, want)
		}
	}
}

func TestPeriodWords(t *testing.T) {
	for _, tc := range []struct {
		p             Period
		words, length string
	}{
		{Period{1, Year}, "year", "1 year"},
		{Period{2, Year}, "2 years", "2 years"},
		{Period{1, Month}, "month", "1 month"},
		{Period{3, Month}, "3 months", "3 months"},
		{Period{12, Month}, "12 months", "12 months"},
		{Period{1, Day}, "day", "1 day"},
		{Period{30, Day}, "30 days", "30 days"},
		{Period{9999, Year}, "9999 years", "9999 years"},
	} {
		if got := tc.p.Words(); got != tc.words {
			t.Errorf("%s.Words() = %q, want %q", tc.p, got, tc.words)
		}
		if got := tc.p.Length(); got != tc.length {
			t.Errorf("%s.Length() = %q, want %q", tc.p, got, tc.length)
		}
	}
}

// periodForm is the reference's form of a term, which ParsePeriod checks
// by hand.
var periodForm = regexp.MustCompile(PeriodPattern)

func FuzzParsePeriodFollowsTheForm(f *testing.F) {
	for _, s := range []string{"P1Y", "P12M", "P6D", "P5D", "P9999Y", "P10000Y", "P0Y", "P01M", "P+1Y", "P-1D", "P1", "PY", "1Y", "P1W", "P 1Y", "P1YY", "", "P", "P١Y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		want := false
		if m := periodForm.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			want = m[2] != "D" || n >= MinDays
		}
		if want != (err == nil) {
			t.Errorf("ParsePeriod(%q) = %v, %v; want it read: %v", s, p, err, want)
		}
		if err == nil && p.String() != s {
			t.Errorf("ParsePeriod(%q) reads back as %s", s, p)
		}
	})
}
