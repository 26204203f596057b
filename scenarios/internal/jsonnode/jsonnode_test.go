package jsonnode

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func parse(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestToJSON(t *testing.T) {
	expand := func(s string) (any, error) {
		switch s {
		case "${n}":
			return json.Number("42"), nil
		case "${bad}":
			return nil, errors.New("no such value")
		}
		return strings.ReplaceAll(s, "${x}", "X"), nil
	}
	tests := []struct {
		name, yaml, want, err string
	}{
		{"keys keep their order", "{b: 1, a: 2, c: {z: 1, y: 2}}", `{"b":1,"a":2,"c":{"z":1,"y":2}}`, ""},
		{"numbers keep their text", "{p: 10.50, q: -3, r: 1e3}", `{"p":10.50,"q":-3,"r":1e3}`, ""},
		{"YAML-only number forms become JSON", "{h: 0x10, o: 0o17, u: 1_000}", `{"h":16,"o":15,"u":1000}`, ""},
		{"quoted numbers stay strings", `{price: "30.00"}`, `{"price":"30.00"}`, ""},
		{"null, booleans, arrays", "[null, true, false, [], {}]", `[null,true,false,[],{}]`, ""},
		{"merge keys, own keys win", "a: &a {x: 1, y: 2}\nb: {<<: *a, y: 3, z: 4}", `{"a":{"x":1,"y":2},"b":{"x":1,"y":3,"z":4}}`, ""},
		{"aliases", "a: &a [1]\nb: *a", `{"a":[1],"b":[1]}`, ""},
		{"a whole template keeps its type", "{n: '${n}'}", `{"n":42}`, ""},
		{"a template inside a string", "{s: 'a${x}b'}", `{"s":"aXb"}`, ""},
		{"expansion errors carry the line", "a: 1\nb: '${bad}'", "", "line 2: no such value"},
		{"non-string keys are refused", "{[1]: 2}", "", "object keys must be strings"},
		{"infinity has no JSON form", "{f: .inf}", "", "not a JSON number"},
		{"binary has no JSON form", "{b: !!binary aGk=}", "", "no JSON form"},
		{"merging a scalar is refused", "a: &a 1\nb: {<<: *a}", "", "merges only mappings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToJSON(parse(t, tt.yaml), expand)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %s, %v; want %s", got, err, tt.want)
			}
		})
	}
}

func TestFromJSONKeepsOrderAndRoundTrips(t *testing.T) {
	src := `{"z":1,"a":{"y":"${x}","b":[1.50,true,null]},"m":"text"}`
	n, err := FromJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.Content[0].Value != "z" || n.Content[2].Value != "a" {
		t.Fatalf("order lost: first keys %q %q", n.Content[0].Value, n.Content[2].Value)
	}
	back, err := ToJSON(n, nil)
	if err != nil || string(back) != src {
		t.Fatalf("round trip: %s, %v", back, err)
	}
	for _, bad := range []string{`{"a":`, `{} {}`, ``} {
		if _, err := FromJSON([]byte(bad)); err == nil {
			t.Errorf("FromJSON(%q) succeeded", bad)
		}
	}
}

func TestEscapedProtectsValuesNotKeys(t *testing.T) {
	n, err := FromJSON([]byte(`{"${k}":"${v}","list":["a${b}"]}`))
	if err != nil {
		t.Fatal(err)
	}
	e := Escaped(n)
	if e.Content[0].Value != "${k}" || e.Content[1].Value != "$${v}" || e.Content[3].Content[0].Value != "a$${b}" {
		t.Fatalf("escaped: %q %q %q", e.Content[0].Value, e.Content[1].Value, e.Content[3].Content[0].Value)
	}
	if n.Content[1].Value != "${v}" {
		t.Fatal("Escaped changed its input")
	}
}
