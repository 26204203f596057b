package money

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]string{"30": "30", "30.5": "30.5", "30.00": "30", "0": "0", "0.01": "0.01", "999999999999.99": "999999999999.99"} {
		d, ok := Parse(in)
		if !ok || !d.Equal(decimal.RequireFromString(want)) {
			t.Errorf("Parse(%q) = %v, %v; want %s", in, d, ok, want)
		}
		if exact := decimal.RequireFromString(in); d.Exponent() != exact.Exponent() || d.Coefficient().Cmp(exact.Coefficient()) != 0 {
			t.Errorf("Parse(%q) = %v×10^%d, as written %v×10^%d", in, d.Coefficient(), d.Exponent(), exact.Coefficient(), exact.Exponent())
		}
	}
	for _, bad := range []string{"", "-1", "1.234", "1,00", "01", ".5", "5.", "1e3", " 1", "NaN", "1000000000000", "+1"} {
		if _, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	for in, want := range map[string]string{"30": "30.00", "0.5": "0.50", "2.675": "2.68", "2.665": "2.67"} {
		if got := Format(decimal.RequireFromString(in)); got != want {
			t.Errorf("Format(%s) = %s, want %s", in, got, want)
		}
	}
}
