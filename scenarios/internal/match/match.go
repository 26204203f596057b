// Package match compares JSON responses with a scenario's expectations:
// exact values, ${…} templates, and matchers ($any, $type, $regex, $absent,
// $range, $not). A mismatch yields the paths that differ and a readable diff.
package match

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
	"go.yaml.in/yaml/v3"
)

type kind int

const (
	literal kind = iota
	template
	object
	array
	anyValue
	absent
	typeOf
	pattern
	numRange
	not
)

// Node is a parsed expectation.
type Node struct {
	kind   kind
	value  any    // literal: string, json.Number, bool or nil
	text   string // template text, type name or regex source
	fields []field
	items  []*Node
	re     *regexp.Regexp
	min    *big.Rat
	max    *big.Rat
}

type field struct {
	key  string
	node *Node
}

// Types are the names $type accepts.
var Types = []string{"string", "number", "integer", "boolean", "object", "array", "null"}

// Error is a malformed expectation, with its line.
type Error = jsonnode.Error

// Parse reads an expectation from YAML. A mapping whose only key starts
// with $ is a matcher; a string holding ${…} is a template.
func Parse(n *yaml.Node) (*Node, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return Parse(n.Alias)
	case yaml.MappingNode:
		if m, ok, err := parseMatcher(n); ok || err != nil {
			return m, err
		}
		pairs, err := jsonnode.Pairs(n)
		if err != nil {
			return nil, err
		}
		out := &Node{kind: object}
		for _, p := range pairs {
			v, err := Parse(p.Value)
			if err != nil {
				return nil, err
			}
			out.fields = append(out.fields, field{p.Key.Value, v})
		}
		return out, nil
	case yaml.SequenceNode:
		out := &Node{kind: array}
		for _, c := range n.Content {
			v, err := Parse(c)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, v)
		}
		return out, nil
	}
	v, err := jsonnode.Scalar(n)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(string); ok && vars.HasRefs(s) {
		if _, err := vars.Refs(s); err != nil {
			return nil, &Error{Line: n.Line, Msg: err.Error()}
		}
		return &Node{kind: template, text: s}, nil
	}
	if s, ok := v.(string); ok {
		v = strings.ReplaceAll(s, "$${", "${")
	}
	return &Node{kind: literal, value: v}, nil
}

func parseMatcher(n *yaml.Node) (*Node, bool, error) {
	if len(n.Content) == 0 || !strings.HasPrefix(n.Content[0].Value, "$") {
		return nil, false, nil
	}
	if len(n.Content) != 2 {
		return nil, true, &Error{Line: n.Line, Msg: "a matcher is a mapping with one $ key"}
	}
	k, v := n.Content[0], n.Content[1]
	bad := func(format string, args ...any) (*Node, bool, error) {
		return nil, true, &Error{Line: v.Line, Msg: k.Value + ": " + fmt.Sprintf(format, args...)}
	}
	switch k.Value {
	case "$any", "$absent":
		if b, err := jsonnode.Scalar(v); err != nil || b != true {
			return bad("write %s: true", k.Value)
		}
		if k.Value == "$any" {
			return &Node{kind: anyValue}, true, nil
		}
		return &Node{kind: absent}, true, nil
	case "$type":
		if !slices.Contains(Types, v.Value) || v.Kind != yaml.ScalarNode {
			return bad("the type must be one of %s", strings.Join(Types, ", "))
		}
		return &Node{kind: typeOf, text: v.Value}, true, nil
	case "$regex":
		if v.Kind != yaml.ScalarNode {
			return bad("the pattern must be a string")
		}
		re, err := regexp.Compile(v.Value)
		if err != nil {
			return bad("%v", err)
		}
		return &Node{kind: pattern, text: v.Value, re: re}, true, nil
	case "$range":
		return parseRange(v, bad)
	case "$not":
		inner, err := Parse(v)
		if err != nil {
			return nil, true, err
		}
		return &Node{kind: not, items: []*Node{inner}}, true, nil
	}
	return bad("unknown matcher; use $any, $type, $regex, $absent, $range or $not")
}

func parseRange(v *yaml.Node, bad func(string, ...any) (*Node, bool, error)) (*Node, bool, error) {
	if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
		return bad("write {min: <number>, max: <number>}, either bound optional")
	}
	out := &Node{kind: numRange}
	for i := 0; i+1 < len(v.Content); i += 2 {
		num, _ := jsonnode.Scalar(v.Content[i+1])
		r, ok := rat(num)
		if !ok {
			return bad("%s must be a number", v.Content[i].Value)
		}
		switch v.Content[i].Value {
		case "min":
			out.min = r
		case "max":
			out.max = r
		default:
			return bad("unknown bound %q; use min and max", v.Content[i].Value)
		}
	}
	if out.min != nil && out.max != nil && out.min.Cmp(out.max) > 0 {
		return bad("min is greater than max")
	}
	out.text = describeRange(out.min, out.max)
	return out, true, nil
}

func describeRange(lo, hi *big.Rat) string {
	s := func(r *big.Rat) string {
		if r == nil {
			return ""
		}
		return r.RatString()
	}
	return fmt.Sprintf("[%s, %s]", s(lo), s(hi))
}

// IsAbsent reports whether the node is the $absent matcher.
func (n *Node) IsAbsent() bool { return n.kind == absent }

// Resolver expands a template string.
type Resolver func(s string) (any, error)

// Problem is one difference, at a path such as body.errors[0].message.
type Problem struct {
	Path string `json:"path"`
	Msg  string `json:"message"`
}

func (p Problem) String() string { return p.Path + ": " + p.Msg }

// Match compares actual (a value as encoding/json decodes it with
// UseNumber) with the expectation. at names the root in problems. With
// partial, objects may hold keys the expectation does not list. It returns
// the problems and the view: the expectation written as a value, with what
// matched taken from actual, so that a diff of view against actual shows
// only the differences.
func (n *Node) Match(actual any, resolve Resolver, partial bool, at string) (view any, problems []Problem) {
	m := &matcher{resolve: resolve, partial: partial}
	view = m.match(n, actual, at)
	return view, m.problems
}

type matcher struct {
	resolve  Resolver
	partial  bool
	problems []Problem
}

func (m *matcher) fail(at, format string, args ...any) {
	m.problems = append(m.problems, Problem{at, fmt.Sprintf(format, args...)})
}

func (m *matcher) match(n *Node, actual any, at string) any {
	switch n.kind {
	case literal:
		if !equal(n.value, actual) {
			m.fail(at, "expected %s, got %s", show(n.value), show(actual))
			return n.value
		}
	case template:
		want, err := m.resolve(n.text)
		if err != nil {
			m.fail(at, "%v", err)
			return n.text
		}
		if !equal(want, actual) {
			m.fail(at, "expected %s (from %s), got %s", show(want), n.text, show(actual))
			return want
		}
	case object:
		return m.object(n, actual, at)
	case array:
		return m.array(n, actual, at)
	case absent:
		m.fail(at, "expected no value, got %s", show(actual))
		return nil
	case typeOf:
		if typeName(actual) != n.text && !(n.text == "number" && typeName(actual) == "integer") {
			m.fail(at, "expected a value of type %s, got %s", n.text, show(actual))
			return n.describe()
		}
	case pattern:
		s, ok := actual.(string)
		if num, isNum := actual.(json.Number); isNum {
			s, ok = string(num), true
		}
		if !ok || !n.re.MatchString(s) {
			m.fail(at, "expected a match of /%s/, got %s", n.text, show(actual))
			return n.describe()
		}
	case not:
		inner := &matcher{resolve: m.resolve, partial: m.partial}
		inner.match(n.items[0], actual, at)
		if len(inner.problems) == 0 {
			m.fail(at, "expected anything but %s, got %s", show(n.items[0].Render()), show(actual))
			return n.describe()
		}
	case numRange:
		r, ok := rat(actual)
		if !ok || n.min != nil && r.Cmp(n.min) < 0 || n.max != nil && r.Cmp(n.max) > 0 {
			m.fail(at, "expected a number in %s, got %s", n.text, show(actual))
			return n.describe()
		}
	}
	return actual
}

func (m *matcher) object(n *Node, actual any, at string) any {
	obj, ok := actual.(map[string]any)
	if !ok {
		m.fail(at, "expected an object, got %s", show(actual))
		return n.Render()
	}
	view := map[string]any{}
	listed := map[string]bool{}
	for _, f := range n.fields {
		listed[f.key] = true
		v, present := obj[f.key]
		switch {
		case f.node.kind == absent && !present:
		case f.node.kind == absent:
			m.fail(join(at, f.key), "expected no key %q, got %s", f.key, show(v))
		case !present:
			m.fail(join(at, f.key), "missing")
			view[f.key] = f.node.Render()
		default:
			view[f.key] = m.match(f.node, v, join(at, f.key))
		}
	}
	for _, k := range sortedKeys(obj) {
		if listed[k] {
			continue
		}
		if m.partial {
			view[k] = obj[k]
			continue
		}
		m.fail(join(at, k), "unexpected key, value %s", show(obj[k]))
	}
	return view
}

func (m *matcher) array(n *Node, actual any, at string) any {
	arr, ok := actual.([]any)
	if !ok {
		m.fail(at, "expected an array, got %s", show(actual))
		return n.Render()
	}
	if len(arr) != len(n.items) {
		m.fail(at, "expected %d elements, got %d", len(n.items), len(arr))
	}
	view := make([]any, len(n.items))
	for i, item := range n.items {
		if i < len(arr) {
			view[i] = m.match(item, arr[i], fmt.Sprintf("%s[%d]", at, i))
		} else {
			view[i] = item.Render()
		}
	}
	return view
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// Render writes the expectation as a value, matchers as their description.
func (n *Node) Render() any {
	switch n.kind {
	case literal:
		return n.value
	case object:
		out := map[string]any{}
		for _, f := range n.fields {
			if f.node.kind != absent {
				out[f.key] = f.node.Render()
			}
		}
		return out
	case array:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.Render()
		}
		return out
	case template:
		return n.text
	}
	return n.describe()
}

func (n *Node) describe() string {
	switch n.kind {
	case anyValue:
		return "<any>"
	case absent:
		return "<absent>"
	case typeOf:
		return "<" + n.text + ">"
	case pattern:
		return "<regex " + n.text + ">"
	case not:
		return "<not " + show(n.items[0].Render()) + ">"
	}
	return "<number in " + n.text + ">"
}

// typeName names a decoded JSON value's type; integral numbers are
// "integer".
func typeName(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if r, ok := rat(t); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

// rat reads a JSON number.
func rat(v any) (*big.Rat, bool) {
	num, ok := v.(json.Number)
	if !ok {
		return nil, false
	}
	return new(big.Rat).SetString(string(num))
}

// equal compares decoded JSON values; numbers compare by value.
func equal(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		ra, ok1 := rat(x)
		rb, ok2 := rat(b)
		return ok1 && ok2 && ra.Cmp(rb) == 0
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// show writes a value for a problem message.
func show(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
