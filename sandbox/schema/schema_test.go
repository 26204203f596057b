package schema

import (
	"slices"
	"testing"
)

var body = &Body{Name: "b", Fields: []*Field{
	{Name: "currency", Type: String, Required: true},
	{Name: "products", Type: Array, Fields: []*Field{
		{Name: "id", Type: Integer},
		{Name: "subscription", Type: Object, Fields: []*Field{{Name: "period", Type: String}}},
	}},
}}

func TestLookup(t *testing.T) {
	for path, want := range map[string]string{
		"currency":                         "currency",
		"products[3].subscription.period":  "period",
		"products.id":                      "id",
		"products[0].subscription.colour":  "",
		"colour":                           "",
		"products[0].subscription.period.": "",
	} {
		got := ""
		if f := body.Lookup(path); f != nil {
			got = f.Name
		}
		if got != want {
			t.Errorf("Lookup(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestWalk(t *testing.T) {
	var paths []string
	body.Walk(func(p string, _ *Field) { paths = append(paths, p) })
	want := []string{"currency", "products", "products.id", "products.subscription", "products.subscription.period"}
	if !slices.Equal(paths, want) {
		t.Fatalf("Walk = %v, want %v", paths, want)
	}
}
