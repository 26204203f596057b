package iso

import (
	"slices"
	"testing"
)

func TestCodes(t *testing.T) {
	if n := len(countries); n != 249 {
		t.Errorf("ISO 3166-1 has 249 alpha-2 codes, the list has %d", n)
	}
	for _, tc := range []struct {
		code string
		cur  bool
		ctry bool
	}{
		{"EUR", true, false}, {"JPY", true, false}, {"eur", false, false}, {"XYZ", false, false},
		{"FR", false, true}, {"GB", false, true}, {"UK", false, false}, {"fr", false, false}, {"", false, false},
	} {
		if got := IsCurrency(tc.code); got != tc.cur {
			t.Errorf("IsCurrency(%q) = %v, want %v", tc.code, got, tc.cur)
		}
		if got := IsCountry(tc.code); got != tc.ctry {
			t.Errorf("IsCountry(%q) = %v, want %v", tc.code, got, tc.ctry)
		}
	}
}

func TestCountryName(t *testing.T) {
	for code, want := range map[string]string{
		"FR": "France", "DE": "Germany", "GB": "United Kingdom", "US": "United States", "CI": "Côte d’Ivoire", "AX": "Åland Islands",
		// Not ISO 3166-1 alpha-2 codes, though x/text knows some of them.
		"UK": "", "fr": "", "FRA": "", "ZZ": "", "EU": "", "XK": "", "419": "", "": "",
	} {
		if got := CountryName(code); got != want {
			t.Errorf("CountryName(%q) = %q, want %q", code, got, want)
		}
	}
	for _, code := range Countries() {
		if CountryName(code) == "" {
			t.Errorf("x/text has no name for %s", code)
		}
	}
}

func TestCountries(t *testing.T) {
	all := Countries()
	if len(all) != len(countries) || all[0] != "AD" || all[len(all)-1] != "ZW" || !slices.IsSorted(all) {
		t.Errorf("Countries() = %d codes, %q … %q", len(all), all[0], all[len(all)-1])
	}
}
