package iso

import (
	"maps"
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryName is the English name of an ISO 3166-1 alpha-2 code, from
// CLDR through golang.org/x/text ("France" for FR), or "" when code is not
// one (UK, fr, FRA) or has no name there.
func CountryName(code string) string {
	if !IsCountry(code) {
		return ""
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.English.Regions().Name(region)
}

// Countries lists every ISO 3166-1 alpha-2 code, in alphabetical order.
func Countries() []string { return slices.Sorted(maps.Keys(countries)) }
