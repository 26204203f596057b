package schema

import (
	"net/http"
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

func TestCurl(t *testing.T) {
	h := http.Header{}
	h.Set("AuthorizationJWT", "Bearer t")
	h.Set("Content-Type", "application/json")
	got := Curl("POST", "http://x/v1/a", h, []byte("{\n  \"name\": \"it's\"\n}"), true, "AuthorizationJWT")
	want := `curl -sS -i -X POST 'http://x/v1/a' -H 'AuthorizationJWT: Bearer t' -H 'Content-Type: application/json' --data-raw '{"name":"it'\''s"}'`
	if got != want {
		t.Errorf("curl\n got %s\nwant %s", got, want)
	}
	if got := Curl("GET", "http://x/?q=a b", nil, nil, false); got != `curl -sS 'http://x/?q=a b'` {
		t.Errorf("GET curl %s", got)
	}
	if got := Curl("POST", "http://x", nil, []byte("a=1&b"), false); got != `curl -sS -X POST 'http://x' --data-raw 'a=1&b'` {
		t.Errorf("form curl %s", got)
	}
}
