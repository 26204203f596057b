// Package jsonnode converts between JSON and YAML nodes in document order,
// so that a scenario's request bodies are sent with their keys in the order
// they were written, and recorded or updated expectations keep the order of
// the responses they came from.
package jsonnode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Expander replaces the templates of a string value; a value that is one
// whole template may become any JSON value (a number, an object…).
type Expander func(s string) (any, error)

// ToJSON encodes a YAML node as JSON, keys in document order. Strings are
// passed to expand when it is not nil.
func ToJSON(n *yaml.Node, expand Expander) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf, n, expand); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// MaxExpanded bounds how many nodes a document may hold once its aliases
// are expanded.
const MaxExpanded = 100_000

// Check refuses a document whose aliases cannot be expanded: an alias
// inside the node it names, or aliases that expand to more than
// MaxExpanded nodes. Documents that pass can be walked through their
// aliases safely.
func Check(n *yaml.Node) error {
	budget := MaxExpanded
	active := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if budget--; budget < 0 {
			return &Error{n.Line, fmt.Sprintf("the aliases expand to more than %d values", MaxExpanded)}
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil || active[n.Alias] {
				return &Error{n.Line, "the alias *" + n.Value + " is inside the value it names"}
			}
			return walk(n.Alias)
		}
		active[n] = true
		defer delete(active, n)
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(n)
}

// Resolve returns the node an alias (*anchor) stands for, following
// aliases of aliases; any other node is returned as it is.
func Resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// Pair is one key and value of a mapping.
type Pair struct {
	Key, Value *yaml.Node
}

// Pairs returns the keys and values of a mapping with YAML merge keys
// (<<: *anchor) applied: merged keys come first, and a key written in the
// mapping itself wins. Keys must be strings.
func Pairs(n *yaml.Node) ([]Pair, error) {
	var pairs []Pair
	at := map[string]int{}
	put := func(p Pair, override bool) {
		if i, ok := at[p.Key.Value]; ok {
			if override {
				pairs[i] = p
			}
			return
		}
		at[p.Key.Value] = len(pairs)
		pairs = append(pairs, p)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.ShortTag() == "!!merge" {
			sources := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				sources = v.Content
			}
			for _, src := range sources {
				if src.Kind == yaml.AliasNode {
					src = src.Alias
				}
				if src.Kind != yaml.MappingNode {
					return nil, &Error{src.Line, "<< merges only mappings"}
				}
				merged, err := Pairs(src)
				if err != nil {
					return nil, err
				}
				for _, p := range merged {
					put(p, false)
				}
			}
			continue
		}
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" && k.ShortTag() != "!!int" {
			return nil, &Error{k.Line, "object keys must be strings"}
		}
		put(Pair{k, v}, true)
	}
	return pairs, nil
}

// Error is a node that has no JSON form, with its line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func write(buf *bytes.Buffer, n *yaml.Node, expand Expander) error {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			buf.WriteString("null")
			return nil
		}
		return write(buf, n.Content[0], expand)
	case yaml.AliasNode:
		return write(buf, n.Alias, expand)
	case yaml.MappingNode:
		pairs, err := Pairs(n)
		if err != nil {
			return err
		}
		buf.WriteByte('{')
		for i, p := range pairs {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSON(buf, p.Key.Value)
			buf.WriteByte(':')
			if err := write(buf, p.Value, expand); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
		return nil
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := write(buf, c, expand); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	case yaml.ScalarNode:
		v, err := Scalar(n)
		if err != nil {
			return err
		}
		if s, ok := v.(string); ok && expand != nil {
			x, err := expand(s)
			if err != nil {
				return &Error{n.Line, err.Error()}
			}
			writeJSON(buf, x)
			return nil
		}
		writeJSON(buf, v)
		return nil
	}
	return &Error{n.Line, "empty value"}
}

func writeJSON(buf *bytes.Buffer, v any) {
	// Values are strings, json.Number, bool, nil, or what json.Unmarshal
	// makes: all of them marshal.
	b, _ := json.Marshal(v)
	buf.Write(b)
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$`)

// Scalar returns the JSON value of a YAML scalar: a string, a json.Number,
// a bool or nil. Numbers keep the text they were written with when it is
// valid JSON, so "10.50" is sent as 10.50.
func Scalar(n *yaml.Node) (any, error) {
	if n.Kind == yaml.AliasNode {
		return Scalar(n.Alias)
	}
	if n.Kind != yaml.ScalarNode {
		return nil, &Error{n.Line, "a scalar value is expected"}
	}
	switch n.ShortTag() {
	case "!!str":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, &Error{n.Line, err.Error()}
		}
		return b, nil
	case "!!int", "!!float":
		if jsonNumber.MatchString(n.Value) {
			return json.Number(n.Value), nil
		}
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, &Error{n.Line, fmt.Sprintf("%q is not a JSON number", n.Value)}
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return nil, &Error{n.Line, fmt.Sprintf("the YAML tag %s has no JSON form", n.ShortTag())}
}

// FromJSON decodes JSON into a YAML node, keys in document order. Strings
// are kept as they are: a "${…}" in them reads as a template (see Escaped).
func FromJSON(data []byte) (*yaml.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("jsonnode: data after the JSON value")
	}
	return n, nil
}

func readValue(dec *json.Decoder) (*yaml.Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("jsonnode: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("jsonnode: %w", err)
				}
				v, err := readValue(dec)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, String(k.(string)), v)
			}
			_, err := dec.Token()
			return n, err
		}
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for dec.More() {
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
		_, err := dec.Token()
		return n, err
	}
	return scalarNode(tok), nil
}

// scalarNode returns the YAML node of a JSON scalar token.
func scalarNode(tok json.Token) *yaml.Node {
	switch t := tok.(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(t)}
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(string(t), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(t)}
	}
	return String(tok.(string))
}

// String returns a string scalar node; the value is not escaped.
func String(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// Escaped returns a deep copy of n whose strings have "${" written "$${",
// so that values copied from a response are read back as literals.
func Escaped(n *yaml.Node) *yaml.Node {
	c := *n
	if c.Kind == yaml.ScalarNode && c.ShortTag() == "!!str" {
		c.Value = strings.ReplaceAll(c.Value, "${", "$${")
	}
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			c.Content[i] = k // keys are never templates
			continue
		}
		c.Content[i] = Escaped(k)
	}
	return &c
}
