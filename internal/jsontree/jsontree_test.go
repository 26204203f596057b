package jsontree

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// stdlib decodes doc as encoding/json does for a request body: one value
// with UseNumber, nothing but whitespace after it.
func stdlib(doc []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if len(bytes.TrimLeft(doc[dec.InputOffset():], " \t\r\n")) > 0 {
		return nil, false
	}
	return v, true
}

func jsonNumber(s string) any { return json.Number(s) }

// check holds Parse to encoding/json on one document.
func check(t *testing.T, doc []byte) {
	t.Helper()
	if !utf8.Valid(doc) {
		var tr Tree
		if tr.Parse(string(doc)) == nil {
			t.Errorf("%q: invalid UTF-8 accepted", doc)
		}
		return
	}
	want, ok := stdlib(doc)
	var tr Tree
	err := tr.Parse(string(doc))
	if (err == nil) != ok {
		t.Fatalf("%q: Parse error %v, encoding/json accepts: %v", doc, err, ok)
	}
	if !ok {
		return
	}
	if got := tr.Root().Any(jsonNumber); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: read as %#v, encoding/json reads %#v", doc, got, want)
	}
	checkLookups(t, doc, tr.Root())
	packed := tr.Root().Pack(nil, fuzzDict)
	if got, ok := stdlib(fuzzDict.Unpack(string(packed))); !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: packed as %q, reads back as %#v", doc, packed, got)
	}
}

var fuzzDict = NewDict([]string{"a", "b", "", "é"})

// checkLookups looks every key of every object up, in the order sent, the
// reverse order and again, and an absent key: each finds what encoding/json
// reads under that key.
func checkLookups(t *testing.T, doc []byte, v Value) {
	t.Helper()
	switch v.Kind() {
	case Array:
		for _, e := range v.Elements() {
			checkLookups(t, doc, e)
		}
	case Object:
		want := v.Any(jsonNumber).(map[string]any)
		var keys []string
		for k, e := range v.Members() {
			keys = append(keys, k)
			checkLookups(t, doc, e)
		}
		back := slices.Clone(keys)
		slices.Reverse(back)
		order := append(append(slices.Clone(keys), keys...), back...)
		for _, k := range order {
			if got, ok := v.Lookup(k); !ok || !reflect.DeepEqual(got.Any(jsonNumber), want[k]) {
				t.Fatalf("%q: Lookup(%q) = %#v %v, want %#v", doc, k, got.Any(jsonNumber), ok, want[k])
			}
		}
		if _, ok := v.Lookup("\x00absent"); ok {
			t.Fatalf("%q: an absent key found", doc)
		}
	}
}

var seeds = []string{
	`{}`, `[]`, ` {"a" : [1, -2.5e+3, 0, true, false, null, "x"]} `, `{"a":1,"a":{"b":2}}`, `{"a":{"b":2},"a":3}`,
	`"\u00e9\ud83d\ude00\ud800x\udc00\ud800\u0041\/\b\f\n\r\t\\\""`, `{"curr\u0065ncy":"EUR"}`, `{"":1}`,
	`01`, `-`, `1.`, `1e`, `.5`, `+1`, `-0`, `1E-0`, `[1,]`, `{"a":1,}`, `{"a"}`, `{a:1}`, `[`, `{"a":1`, `"abc`,
	"\"a\x01b\"", `"\x"`, `"\u12"`, `"\u12G4"`, `nul`, `truex`, `[true false]`, `{} {}`, `1 2`, "", "  ", "\ufeff{}",
	strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth),
	strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1),
	"{\"a\":\"\xff\"}",
}

func TestParseReadsAsEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		check(t, []byte(s))
	}
}

// FuzzParse holds Parse to encoding/json: the same documents accepted,
// read as the same values, and read back so after Pack and Unpack.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) { check(t, doc) })
}

func TestLookupAndText(t *testing.T) {
	var tr Tree
	if err := tr.Parse(`{"a":"x","b":{"c":[1,"y\n",{"d":null}]},"a":"z","e\u0301":"é"}`); err != nil {
		t.Fatal(err)
	}
	root := tr.Root()
	if a, ok := root.Lookup("a"); !ok || a.Text() != "z" {
		t.Errorf("a = %q %v, want the last value z", a.Text(), ok)
	}
	if _, ok := root.Lookup("zz"); ok {
		t.Error("a missing key found")
	}
	b, _ := root.Lookup("b")
	c, _ := b.Lookup("c")
	var got []string
	for i, e := range c.Elements() {
		got = append(got, e.Kind().String()+":"+e.Text())
		if i == 2 {
			if d, ok := e.Lookup("d"); !ok || d.Kind() != Null {
				t.Errorf("d = %v %v", d.Kind(), ok)
			}
		}
	}
	if want := []string{"number:1", "string:y\n", "object:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("elements %v, want %v", got, want)
	}
	if e, ok := root.Lookup("e\u0301"); !ok || e.Text() != "é" {
		t.Errorf("escaped key: %q %v", e.Text(), ok)
	}
	if root.Len() != 4 || c.Len() != 3 {
		t.Errorf("lengths %d %d", root.Len(), c.Len())
	}
	// A Tree parses document after document, and a failed parse leaves null.
	if err := tr.Parse(`[1`); err == nil || tr.Root().Kind() != Null {
		t.Errorf("a bad document: %v %v", err, tr.Root().Kind())
	}
}

func TestParseAllocatesOnlyTheTree(t *testing.T) {
	doc := `{"currency":"EUR","products":[{"id":111111,"name":"Base version for 3 year","price":"30.00","quantity":10}]}`
	var tr Tree
	allocs := testing.AllocsPerRun(100, func() {
		if err := tr.Parse(doc); err != nil {
			t.Fatal(err)
		}
		p, _ := tr.Root().Lookup("products")
		for _, e := range p.Elements() {
			n, _ := e.Lookup("name")
			_ = n.Text()
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations parsing again with the same Tree, want 0", allocs)
	}
}

// TestPackRoundTrips packs every seed document with a dictionary of some
// of its keys, and reads it back as encoding/json reads the original.
func TestPackRoundTrips(t *testing.T) {
	d := NewDict([]string{"a", "b", "currency", "curr\\u0065ncy", "é"})
	docs := append([]string{` {"a" : [1, {"b":"x\"\\\u0041y"}], "c":"{\"a\":1}", "é":{"":null} , "z\u0001": true}`}, seeds...)
	for _, doc := range docs {
		var tr Tree
		if tr.Parse(doc) != nil {
			continue
		}
		packed := tr.Root().Pack(nil, d)
		want, _ := stdlib([]byte(doc))
		got, ok := stdlib(d.Unpack(string(packed)))
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%q packed as %q reads back as %#v, want %#v", doc, packed, got, want)
		}
	}
	var tr Tree
	_ = tr.Parse(`{"a": 1, "b": "x", "currency": "EUR"}`)
	if got := string(tr.Root().Pack(nil, d)); got != "{\x01\x001,\x01\x01\"x\",\x01\x02\"EUR\"}" {
		t.Errorf("packed as %q", got)
	}
}
