package match

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios/internal/vars"
	"go.yaml.in/yaml/v3"
)

func node(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return n.Content[0]
}

func decode(t *testing.T, src string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// resolve reads a scope where step link answered {"id":"123","n":7}.
var resolve = func() Resolver {
	var s vars.Scope
	s.Capture("link", &vars.Capture{Status: 200, Body: map[string]any{"id": "123", "n": json.Number("7")}})
	return s.Expand
}()

func TestMatch(t *testing.T) {
	tests := []struct {
		name, expect, actual string
		partial              bool
		problems             []string
	}{
		{"equal objects", "{a: 1, b: x}", `{"b":"x","a":1}`, false, nil},
		{"numbers compare by value", "{a: 10.0, b: 1e2}", `{"a":10,"b":100}`, false, nil},
		{"a number is not a string", "{a: 1}", `{"a":"1"}`, false, []string{`a: expected 1, got "1"`}},
		{"a quoted number is a string", `{a: "1"}`, `{"a":1}`, false, []string{`a: expected "1", got 1`}},
		{"null", "{a: null}", `{"a":null}`, false, nil},
		{"missing key", "{a: 1, b: 2}", `{"a":1}`, false, []string{"b: missing"}},
		{"extra key", "{a: 1}", `{"a":1,"c":3}`, false, []string{"c: unexpected key, value 3"}},
		{"extra key allowed when partial", "{a: 1}", `{"a":1,"c":3}`, true, nil},
		{"array length", "[1, 2]", `[1]`, false, []string{"expected 2 elements, got 1"}},
		{"nested path", "{errors: [{error: 3010}]}", `{"errors":[{"error":3020}]}`, false, []string{"errors[0].error: expected 3010, got 3020"}},
		{"type mismatch for object", "{a: {b: 1}}", `{"a":[1]}`, false, []string{"a: expected an object, got [1]"}},
		{"type mismatch for array", "{a: [1]}", `{"a":{}}`, false, []string{"a: expected an array, got {}"}},
		{"$any", "{a: {$any: true}}", `{"a":null}`, false, nil},
		{"$any needs the key", "{a: {$any: true}}", `{}`, false, []string{"a: missing"}},
		{"$absent", "{a: {$absent: true}}", `{"b":1}`, true, nil},
		{"$absent fails when present", "{a: {$absent: true}}", `{"a":1}`, false, []string{`a: expected no key "a", got 1`}},
		{"$type string", "{a: {$type: string}}", `{"a":"x"}`, false, nil},
		{"$type number accepts integers", "{a: {$type: number}}", `{"a":3}`, false, nil},
		{"$type integer refuses fractions", "{a: {$type: integer}}", `{"a":3.5}`, false, []string{"a: expected a value of type integer, got 3.5"}},
		{"$type null, boolean, array, object", "[{$type: null}, {$type: boolean}, {$type: array}, {$type: object}]", `[null,true,[],{}]`, false, nil},
		{"$regex", `{a: {$regex: '^\d+$'}}`, `{"a":"123"}`, false, nil},
		{"$regex reads numbers as text", `{a: {$regex: '^\d{3}$'}}`, `{"a":123}`, false, nil},
		{"$regex fails", `{a: {$regex: '^\d+$'}}`, `{"a":"12a"}`, false, []string{`a: expected a match of /^\d+$/, got "12a"`}},
		{"$regex refuses objects", `{a: {$regex: 'x'}}`, `{"a":{"x":1}}`, false, []string{`a: expected a match of /x/, got {"x":1}`}},
		{"$range", "{a: {$range: {min: 1, max: 10}}}", `{"a":10}`, false, nil},
		{"$range open above", "{a: {$range: {min: 1.5}}}", `{"a":1000000}`, false, nil},
		{"$range below", "{a: {$range: {min: 1, max: 10}}}", `{"a":0.5}`, false, []string{"a: expected a number in [1, 10], got 0.5"}},
		{"$range refuses strings", "{a: {$range: {max: 10}}}", `{"a":"5"}`, false, []string{`a: expected a number in [, 10], got "5"`}},
		{"$not", "{a: {$not: 5}}", `{"a":6}`, false, nil},
		{"$not fails on a match", "{a: {$not: {$type: string}}}", `{"a":"x"}`, false, []string{`a: expected anything but "\u003cstring\u003e", got "x"`}},
		{"template", "{id: '${steps.link.body.id}', n: '${steps.link.body.n}'}", `{"id":"123","n":7}`, false, nil},
		{"template inside a string", "{url: 'https://x/${steps.link.body.id}'}", `{"url":"https://x/123"}`, false, nil},
		{"template mismatch", "{id: '${steps.link.body.id}'}", `{"id":"124"}`, false, []string{`id: expected "123" (from ${steps.link.body.id}), got "124"`}},
		{"template that cannot resolve", "{id: '${steps.other.body.id}'}", `{"id":"1"}`, false, []string{`id: ${steps.other.body.id}: step "other" has no response`}},
		{"escaped template is literal", "{a: '$${token}'}", `{"a":"${token}"}`, false, nil},
		{"merge keys", "x: &x {a: 1}\ny: {<<: *x, b: 2}", `{"x":{"a":1},"y":{"a":1,"b":2}}`, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(node(t, tt.expect))
			if err != nil {
				t.Fatal(err)
			}
			_, problems := n.Match(decode(t, tt.actual), resolve, tt.partial, "")
			var got []string
			for _, p := range problems {
				got = append(got, strings.TrimPrefix(p.String(), ": "))
			}
			if strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

func TestParseRefusesBadMatchers(t *testing.T) {
	tests := map[string]string{
		"{$like: x}":                       "unknown matcher",
		"{$any: true, $type: string}":      "one $ key",
		"{$any: false}":                    "write $any: true",
		"{$type: text}":                    "the type must be one of",
		"{$regex: '('}":                    "missing closing",
		"{$regex: [a]}":                    "must be a string",
		"{$range: 5}":                      "write {min",
		"{$range: {min: 3, max: 1}}":       "min is greater than max",
		"{$range: {min: a}}":               "min must be a number",
		"{$range: {low: 1}}":               "unknown bound",
		"{a: {$not: {$nope: 1}}}":          "unknown matcher",
		"{a: '${nope}'}":                   "unknown variable",
		"{a: .nan}":                        "not a JSON number",
		"[{$absent: true, other: 1}]":      "one $ key",
		"{a: {$type: {nested: string}}}":   "the type must be one of",
		"{a: {$any: true}, b: {$x: true}}": "unknown matcher",
	}
	for src, want := range tests {
		_, err := Parse(node(t, src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%s) err = %v, want %q", src, err, want)
		}
	}
}

func TestDiffShowsOnlyDifferences(t *testing.T) {
	n, err := Parse(node(t, "{token: {$type: string}, id: '${steps.link.body.id}', errors: [{error: 3010, message: a}]}"))
	if err != nil {
		t.Fatal(err)
	}
	actual := decode(t, `{"token":"eyJ","id":"123","errors":[{"error":3010,"message":"b"}]}`)
	view, problems := n.Match(actual, resolve, false, "body")
	if len(problems) != 1 || problems[0].Path != "body.errors[0].message" {
		t.Fatalf("problems = %v", problems)
	}
	diff := Diff(view, actual)
	for _, want := range []string{`-      "message": "a"`, `+      "message": "b"`} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
	if strings.Contains(diff, `-  "token"`) || strings.Contains(diff, `-  "id"`) {
		t.Errorf("diff shows values that matched:\n%s", diff)
	}
	if Diff(actual, actual) != "" {
		t.Error("a value differs from itself")
	}
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name, expect, actual, want string
		partial                    bool
		changed                    bool
	}{
		{"a matching expectation stays", "{token: {$type: string}, a: 1}", `{"token":"x","a":1}`, "{token: {$type: string}, a: 1}", false, false},
		{"a literal takes the actual value", "{a: 1, b: x}", `{"a":2,"b":"x"}`, "{a: 2, b: x}", false, true},
		{"matchers that hold are kept", "{id: {$regex: '^\\d+$'}, m: old}", `{"id":"55","m":"new"}`, "{id: {$regex: '^\\d+$'}, m: new}", false, true},
		{"a matcher that fails takes the value", "{id: {$regex: '^\\d+$'}}", `{"id":"abc"}`, "{id: abc}", false, true},
		{"keys are added and removed", "{a: 1, gone: 2}", `{"a":1,"new":3}`, "{a: 1, new: 3}", false, true},
		{"partial adds no key", "{a: 1}", `{"a":2,"new":3}`, "{a: 2}", true, true},
		{"$absent stays while absent", "{a: {$absent: true}, b: 1}", `{"b":2}`, "{a: {$absent: true}, b: 2}", false, true},
		{"$absent takes a value that appeared", "{a: {$absent: true}}", `{"a":1}`, "{a: 1}", false, true},
		{"arrays grow", "[1]", `[1,2]`, "[1, 2]", false, true},
		{"arrays shrink", "[1, 2, 3]", `[1]`, "[1]", false, true},
		{"templates that hold are kept", "{id: '${steps.link.body.id}', x: 1}", `{"id":"123","x":2}`, "{id: '${steps.link.body.id}', x: 2}", false, true},
		{"values holding ${ are escaped", "{a: x}", `{"a":"${token}"}`, "{a: '$${token}'}", false, true},
		{"a different kind replaces", "{a: {b: 1}}", `{"a":[1]}`, "{a: [1]}", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := node(t, tt.expect)
			var actual yaml.Node
			if err := yaml.Unmarshal([]byte(tt.actual), &actual); err != nil {
				t.Fatal(err)
			}
			changed, err := Update(src, actual.Content[0], resolve, tt.partial)
			if err != nil {
				t.Fatal(err)
			}
			if changed != tt.changed {
				t.Errorf("changed = %v, want %v", changed, tt.changed)
			}
			if got, want := render(t, src), render(t, node(t, tt.want)); got != want {
				t.Fatalf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// render writes a node as flow YAML, for comparing shapes.
func render(t *testing.T, n *yaml.Node) string {
	t.Helper()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	flow(n)
	if err := enc.Encode(n); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(buf.String())
}

func flow(n *yaml.Node) {
	n.Style &^= yaml.LiteralStyle | yaml.FoldedStyle
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style = yaml.FlowStyle
	}
	if n.Kind == yaml.ScalarNode {
		n.Style = 0
	}
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		flow(c)
	}
}
