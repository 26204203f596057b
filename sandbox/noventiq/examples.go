package noventiq

import (
	"embed"
	"path"
)

//go:embed examples/seed_example_1.json examples/seed_example_2.json
var seedFiles embed.FS

// Example is a request body of the vendor's reference.
type Example struct {
	// Name says where the example comes from.
	Name string
	Body []byte
}

// SeedExamples returns the two generate_buy_link request bodies of the
// vendor's reference: the minimal one and the one with every product,
// customer and additional_data field.
func SeedExamples() []Example {
	names := []string{"seed_example_1.json", "seed_example_2.json"}
	titles := []string{"seed example 1: one product, required fields only", "seed example 2: every product, customer and additional_data field"}
	out := make([]Example, len(names))
	for i, n := range names {
		body, err := seedFiles.ReadFile(path.Join("examples", n))
		if err != nil {
			panic(err) // embedded at build time: cannot fail
		}
		out[i] = Example{Name: titles[i], Body: body}
	}
	return out
}
