package form

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Node is a value of the document: a field's text, an object's fields, or
// a list's items (each an object node of the list's element fields).
type Node struct {
	Field *Field
	// Value is the text of a Text, Number or Bool field; "" leaves the
	// field out. A Bool is "true", "false" or "".
	Value string
	// Fields are an object's (or list item's) nodes, one per field of the
	// schema, in order.
	Fields []*Node
	// Items are a list's elements.
	Items []*Node
	// Folded hides an object's, list's or item's rows in the form.
	Folded bool
}

// newNode returns an empty node for f; item makes the element of a list.
func newNode(f *Field, item bool) *Node {
	n := &Node{Field: f}
	if f.Kind == Object || (f.Kind == List && item) {
		for _, c := range f.Fields {
			n.Fields = append(n.Fields, newNode(c, false))
		}
	}
	return n
}

// clone returns a deep copy of n.
func (n *Node) clone() *Node {
	c := *n
	c.Fields = make([]*Node, len(n.Fields))
	for i, f := range n.Fields {
		c.Fields[i] = f.clone()
	}
	c.Items = make([]*Node, len(n.Items))
	for i, it := range n.Items {
		c.Items[i] = it.clone()
	}
	return &c
}

// Empty reports whether nothing under n would be sent.
func (n *Node) Empty() bool {
	switch n.Field.Kind {
	case Object:
		for _, f := range n.Fields {
			if !f.Empty() {
				return false
			}
		}
		return true
	case List:
		return len(n.Items) == 0
	default:
		return n.Value == ""
	}
}

// Child returns the node of an object's field key.
func (n *Node) Child(key string) *Node {
	for _, f := range n.Fields {
		if f.Field.Key == key {
			return f
		}
	}
	return nil
}

// Doc is a request being edited.
type Doc struct {
	Root *Node
}

// New returns an empty request of the schema root, its optional sections
// folded.
func New(root *Field) *Doc {
	d := &Doc{Root: newNode(root, false)}
	d.FoldEmpty()
	return d
}

// Schema is the request's schema, its root field.
func (d *Doc) Schema() *Field { return d.Root.Field }

// FoldEmpty folds every object and list that nothing is sent in, so that
// the form opens on what the request holds.
func (d *Doc) FoldEmpty() { foldEmpty(d.Root) }

func foldEmpty(n *Node) {
	for _, c := range n.Fields {
		switch c.Field.Kind {
		case Object:
			c.Folded = c.Empty()
			foldEmpty(c)
		case List:
			c.Folded = c.Empty() && !c.Field.Required
			for _, it := range c.Items {
				foldEmpty(it)
			}
		}
	}
}

// AddItem appends an empty element to a list node and returns its index.
func AddItem(list *Node) int {
	list.Items = append(list.Items, newNode(list.Field, true))
	return len(list.Items) - 1
}

// DuplicateItem inserts a copy of element i after it and returns the
// copy's index.
func DuplicateItem(list *Node, i int) int {
	list.Items = slices.Insert(list.Items, i+1, list.Items[i].clone())
	return i + 1
}

// RemoveItem removes element i of a list node.
func RemoveItem(list *Node, i int) {
	list.Items = slices.Delete(list.Items, i, i+1)
}

// numberRE is a JSON number literal.
var numberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// JSON encodes the request with two-space indentation, fields in the
// order of the reference. Empty fields and objects are left out; list
// items are always sent, even empty. Positional params are written up to
// the last one set, those left empty before it as null.
func (d *Doc) JSON() []byte {
	var b bytes.Buffer
	if d.Root.Field.Positional {
		writeParams(&b, d.Root.Fields)
	} else {
		writeObject(&b, d.Root.Fields, "")
	}
	b.WriteByte('\n')
	return b.Bytes()
}

func writeParams(b *bytes.Buffer, params []*Node) {
	last := -1
	for i, p := range params {
		if !p.Empty() {
			last = i
		}
	}
	b.WriteByte('[')
	for i, p := range params[:last+1] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		if p.Empty() {
			b.WriteString("null")
		} else {
			writeValue(b, p, "  ")
		}
	}
	if last >= 0 {
		b.WriteByte('\n')
	}
	b.WriteByte(']')
}

func writeObject(b *bytes.Buffer, fields []*Node, indent string) {
	inner := indent + "  "
	b.WriteByte('{')
	first := true
	for _, f := range fields {
		if f.Empty() {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString("\n" + inner)
		writeString(b, f.Field.Key)
		b.WriteString(": ")
		writeValue(b, f, inner)
	}
	if !first {
		b.WriteString("\n" + indent)
	}
	b.WriteByte('}')
}

func writeValue(b *bytes.Buffer, n *Node, indent string) {
	switch n.Field.Kind {
	case Object:
		writeObject(b, n.Fields, indent)
	case List:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n" + indent + "  ")
			writeObject(b, it.Fields, indent+"  ")
		}
		b.WriteString("\n" + indent + "]")
	case Number:
		if numberRE.MatchString(n.Value) {
			b.WriteString(n.Value)
		} else {
			writeString(b, n.Value)
		}
	case Bool:
		if n.Value == "true" || n.Value == "false" {
			b.WriteString(n.Value)
		} else {
			writeString(b, n.Value)
		}
	case Raw:
		if json.Valid([]byte(n.Value)) {
			b.WriteString(strings.TrimSpace(n.Value))
		} else {
			writeString(b, n.Value)
		}
	default:
		writeString(b, n.Value)
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // a string always encodes
	b.Write(enc)
}

// Parse reads a JSON body into a document of the schema root. It returns
// an error when the body is not a JSON object (an array, for positional
// params). Notes say what the form could not show as sent (unknown fields,
// values of another JSON type, nulls, empty values); when there are notes,
// the document's JSON differs from the body.
func Parse(root *Field, body []byte) (*Doc, []string, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, nil, fmt.Errorf("not valid JSON: %w", err)
	}
	if len(bytes.TrimSpace(body[dec.InputOffset():])) > 0 {
		return nil, nil, fmt.Errorf("not valid JSON: data after the top-level value")
	}
	d := New(root)
	var notes []string
	if root.Positional {
		params, ok := v.([]any)
		if !ok {
			return nil, nil, fmt.Errorf("not a JSON array of params")
		}
		readParams(d.Root, params, &notes)
	} else {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, nil, fmt.Errorf("not a JSON object")
		}
		readObject(d.Root, m, "", &notes)
	}
	d.FoldEmpty()
	if len(notes) == 0 && !sameJSON(v, d.JSON()) {
		notes = append(notes, "empty strings, objects or lists are left out")
	}
	return d, notes, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func readParams(n *Node, params []any, notes *[]string) {
	for i, v := range params {
		if i >= len(n.Fields) {
			*notes = append(*notes, fmt.Sprintf("params[%d]: the method takes %d params", i, len(n.Fields)))
			continue
		}
		if v != nil {
			readValue(n.Fields[i], v, n.Fields[i].Field.Key, notes)
		}
	}
}

func readObject(n *Node, m map[string]any, path string, notes *[]string) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if n.Child(k) == nil {
			*notes = append(*notes, join(path, k)+": not a field of the request")
		}
	}
	for _, c := range n.Fields {
		v, ok := m[c.Field.Key]
		if !ok {
			continue
		}
		p := join(path, c.Field.Key)
		switch {
		case v == nil && c.Field.Nullable:
			delete(m, c.Field.Key) // absent, as the vendor reads it
			continue
		case v == nil:
			*notes = append(*notes, p+": null")
			continue
		}
		readValue(c, v, p, notes)
	}
}

func readValue(n *Node, v any, path string, notes *[]string) {
	wrongType := func(want string) { *notes = append(*notes, fmt.Sprintf("%s: not %s", path, want)) }
	switch n.Field.Kind {
	case Object:
		m, ok := v.(map[string]any)
		if !ok {
			wrongType("an object")
			return
		}
		readObject(n, m, path, notes)
	case List:
		arr, ok := v.([]any)
		if !ok {
			wrongType("an array")
			return
		}
		for i, el := range arr {
			m, ok := el.(map[string]any)
			p := path + "[" + strconv.Itoa(i) + "]"
			if !ok {
				*notes = append(*notes, p+": not an object")
				continue
			}
			readObject(n.Items[AddItem(n)], m, p, notes)
		}
	case Number:
		switch x := v.(type) {
		case json.Number:
			n.Value = string(x)
		case string:
			n.Value = x
			if numberRE.MatchString(x) {
				wrongType("a number")
			}
		default:
			wrongType("a number")
			n.Value = scalarText(v)
		}
	case Bool:
		if x, ok := v.(bool); ok {
			n.Value = strconv.FormatBool(x)
			return
		}
		wrongType("true or false")
		n.Value = scalarText(v)
	case Raw:
		if s, ok := v.(string); ok && !json.Valid([]byte(s)) {
			n.Value = s // sent back as a string
			return
		}
		n.Value = scalarText(v)
	default:
		if s, ok := v.(string); ok {
			n.Value = s
			return
		}
		wrongType("a string")
		n.Value = scalarText(v)
	}
}

// scalarText is how a value of the wrong type is shown in a text field.
func scalarText(v any) string {
	enc, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(enc)
}

// sameJSON reports whether encoded decodes to v.
func sameJSON(v any, encoded []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(encoded))
	dec.UseNumber()
	var w any
	return dec.Decode(&w) == nil && reflect.DeepEqual(v, w)
}
