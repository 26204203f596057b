package noventiq

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// BenchmarkParseBuyLink decodes and validates the seed's full example in
// one pass, as the handler does; BenchmarkStdlibDecode is its baseline:
// encoding/json decoding the same body into a map, without any check.
func BenchmarkParseBuyLink(b *testing.B) {
	body, err := os.ReadFile("examples/seed_example_2.json")
	if err != nil {
		b.Fatal(err)
	}
	cat := demo(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := ParseBuyLink(cat, string(body)); errs != nil {
			b.Fatal(errs)
		}
	}
}

func BenchmarkStdlibDecode(b *testing.B) {
	body, err := os.ReadFile("examples/seed_example_2.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			b.Fatal(err)
		}
	}
}
