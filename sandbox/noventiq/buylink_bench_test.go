package noventiq

import (
	"os"
	"testing"
)

// BenchmarkValidate measures decoding and validating the seed's full
// example; BenchmarkDecodeOnly is its baseline: the JSON parse alone.
func BenchmarkValidate(b *testing.B) {
	body, err := os.ReadFile("examples/seed_example_2.json")
	if err != nil {
		b.Fatal(err)
	}
	cat := demo(b)
	b.ReportAllocs()
	for b.Loop() {
		m, bad := DecodeBuyLink(body)
		if bad != nil {
			b.Fatal(bad)
		}
		if _, errs := ValidateBuyLink(cat, m); errs != nil {
			b.Fatal(errs)
		}
	}
}

func BenchmarkDecodeOnly(b *testing.B) {
	body, err := os.ReadFile("examples/seed_example_2.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, bad := DecodeBuyLink(body); bad != nil {
			b.Fatal(bad)
		}
	}
}
