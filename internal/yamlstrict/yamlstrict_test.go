package yamlstrict

import (
	"strings"
	"testing"
)

type item struct {
	Name  string `yaml:"name"`
	Price int    `yaml:"price"`
}

type doc struct {
	Version int    `yaml:"version"`
	Items   []item `yaml:"items"`
}

const good = `version: 1
items:
  - name: a
    price: 1
  - name: b
    price: 2
`

func TestDecodeAndLocate(t *testing.T) {
	var d doc
	yd, err := Decode("w.yaml", []byte(good), &d)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Items) != 2 || d.Items[1].Name != "b" {
		t.Fatalf("decoded %+v", d)
	}
	for path, line := range map[string]int{"version": 1, "items[1].price": 6, "items[0]": 3, "items[7].name": 3, "nope": 1} {
		if got := yd.Line(path); got != line {
			t.Errorf("Line(%q) = %d, want %d", path, got, line)
		}
	}
	if got := yd.Errorf("items[1].price", "must be %s", "odd").Error(); got != "w.yaml:6: items[1].price: must be odd" {
		t.Errorf("Errorf = %q", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"unknown key":  {"version: 1\nitems:\n  - name: a\n    colour: red\n", `w.yaml:4: items[0]: unknown key "colour" (the keys here are name, price)`},
		"misspelled":   {"version: 1\nitems:\n  - name: a\n    prise: 3\n", `w.yaml:4: items[0]: unknown key "prise" (did you mean "price"?)`},
		"wrong type":   {"version: one\n", `w.yaml:1: version: expected an integer, got "one"`},
		"whole value":  {"version: 1\nitems:\n  - name: a\n    price: four hundred and twenty\n", `w.yaml:4: items[0].price: expected an integer, got "four hundred and twenty"`},
		"bad indent":   {"version: 1\nitems:\n  - name: a\n    price: 1\n  - name: b\n      price: 2\n     name: c\n", "w.yaml:"},
		"syntax":       {"version: [1\n", "w.yaml:"},
		"empty":        {"", "w.yaml: the file holds no YAML document"},
		"two docs":     {"version: 1\n---\nversion: 2\n", "w.yaml:2: only one YAML document is allowed"},
		"dup key":      {"version: 1\nversion: 2\n", "w.yaml:2:"},
		"bad sequence": {"items: 3\n", `w.yaml:1: items: expected a list, got "3"`},
	} {
		t.Run(name, func(t *testing.T) {
			var d doc
			_, err := Decode("w.yaml", []byte(tc.src), &d)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestBadIndentPointsAtTheWrongLine(t *testing.T) {
	src := "version: 1\nitems:\n  - name: a\n    price: 1\n  - name: b\n    price: 2\n   name: c\n"
	var d doc
	_, err := Decode("w.yaml", []byte(src), &d)
	if err == nil || !strings.HasPrefix(err.Error(), "w.yaml:7: this line's indentation matches no block above it") {
		t.Fatalf("err = %v, want it at line 7", err)
	}
	scenario := "version: 1\nscenarios:\n  - name: a\n    steps:\n      - id: s\n        request:\n          method: POST\n         path: /v1/x\n          body: {}\n"
	var any map[string]any
	if _, err := Decode("e1.yaml", []byte(scenario), &any); err == nil || !strings.HasPrefix(err.Error(), "e1.yaml:8: ") {
		t.Errorf("err = %v, want it at line 8", err)
	}
}

func TestParseThenValueAndDecode(t *testing.T) {
	d, err := Parse("w.yaml", []byte("version: 2\nitems:\n  - name: a\n    price: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	var version, price, missing int
	missing = 7
	if err := d.Value("version", &version); err != nil || version != 2 {
		t.Errorf("version = %d, %v", version, err)
	}
	if err := d.Value("items[0].price", &price); err != nil || price != 3 {
		t.Errorf("price = %d, %v", price, err)
	}
	if err := d.Value("items[3].price", &missing); err != nil || missing != 7 {
		t.Errorf("a missing path gave %d, %v", missing, err)
	}
	if err := d.Value("items", &price); err == nil || !strings.HasPrefix(err.Error(), "w.yaml:3: items: ") {
		t.Errorf("a list into an int: %v", err)
	}
	var v doc
	if err := d.Decode(&v); err != nil || len(v.Items) != 1 || v.Items[0].Price != 3 {
		t.Errorf("decode: %+v, %v", v, err)
	}
}
