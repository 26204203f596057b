package buylink

import (
	"os"
	"testing"
)

// BenchmarkValidate measures decoding and validating the seed's full
// example; BenchmarkDecodeOnly is its baseline: the JSON parse alone.
func BenchmarkValidate(b *testing.B) {
	body, err := os.ReadFile("testdata/seed_example_2.json")
	if err != nil {
		b.Fatal(err)
	}
	cat := demo(b)
	b.ReportAllocs()
	for b.Loop() {
		m, bad := Decode(body)
		if bad != nil {
			b.Fatal(bad)
		}
		if _, errs := Validate(cat, m); errs != nil {
			b.Fatal(errs)
		}
	}
}

func BenchmarkDecodeOnly(b *testing.B) {
	body, err := os.ReadFile("testdata/seed_example_2.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, bad := Decode(body); bad != nil {
			b.Fatal(bad)
		}
	}
}
