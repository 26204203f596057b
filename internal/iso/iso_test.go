package iso

import "testing"

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
