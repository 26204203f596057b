// Package jsontree reads a JSON document in one pass into a flat tree whose
// strings and numbers are slices of the document, so that a request body
// can be checked field by field, in any order, without building maps: a
// parse allocates the tree's node slice and nothing else, and a string
// without escapes is read without copying.
//
// It accepts exactly the documents encoding/json accepts (valid UTF-8
// only: a caller refuses invalid UTF-8 first, as the vendors' decoders do),
// and reads them as encoding/json reads them into an any with UseNumber:
// a key sent twice takes its last value, a lone surrogate escape reads as
// U+FFFD, nesting deeper than 10000 is an error. FuzzParse holds it to that
// against encoding/json itself.
//
// encoding/json decodes into maps first, allocating for every value;
// jsontext (go-json-experiment) streams tokens but refuses duplicate keys
// and lone surrogates unless told otherwise, and still leaves the lookup
// by name to the caller: this package is the one small piece the vendors'
// hot paths need.
package jsontree

import (
	"errors"
	"iter"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is a JSON value's type.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	False
	True
	Number
	String
	Object
	Array
)

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// node is one value of the tree. An object's members follow it as key and
// value nodes, an array's elements follow it; next skips the whole subtree.
type node struct {
	kind Kind
	// esc marks a string holding escapes, which reading unquotes.
	esc bool
	// unique marks an object whose keys are all different and hold no
	// escape, so that a lookup may stop at the first match; cursor is the
	// node of the key after the last one found, where the next lookup
	// starts (keys are mostly looked up in the order they were sent).
	unique bool
	cursor uint32
	// start and end delimit a string's contents (inside the quotes) or a
	// number's literal in the document.
	start, end uint32
	// next is the index of the node after this value and its subtree.
	next uint32
	// n counts an object's members or an array's elements.
	n uint32
}

// Tree is a parsed document. Its Values are valid as long as the Tree is;
// the strings it reads share the document's memory.
//
// A Tree is not safe for concurrent use, not even for reading: Lookup
// moves the object's cursor (see node). Each request parses into its own
// Tree (noventiq's pool hands one Tree to one request at a time) and no
// Tree or Value is shared across goroutines.
type Tree struct {
	src   string
	nodes []node
	depth int
}

// ErrSyntax is the error of every document that is not one JSON value in
// valid UTF-8.
var ErrSyntax = errors.New("jsontree: not a JSON document")

// Parse reads src, which must be one JSON value with only whitespace
// around it. It reuses t's nodes, so a Tree can parse document after
// document.
func (t *Tree) Parse(src string) error {
	t.src, t.nodes, t.depth = src, t.nodes[:0], 0
	if !utf8.ValidString(src) {
		return ErrSyntax
	}
	if cap(t.nodes) == 0 {
		t.nodes = make([]node, 0, len(src)/6+4)
	}
	i, ok := t.value(skipSpace(src, 0))
	if !ok || skipSpace(src, i) != len(src) {
		t.nodes = t.nodes[:0]
		return ErrSyntax
	}
	return nil
}

// Root is the document's value; the zero Tree's is null.
func (t *Tree) Root() Value {
	if len(t.nodes) == 0 {
		return Value{}
	}
	return Value{t, 0}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// value reads the value starting at s[i] and returns the index after it.
func (t *Tree) value(i int) (int, bool) {
	s := t.src
	if i >= len(s) {
		return i, false
	}
	at := len(t.nodes)
	switch c := s[i]; {
	case c == '{':
		return t.container(i, Object)
	case c == '[':
		return t.container(i, Array)
	case c == '"':
		return t.str(i)
	case c == '-' || c >= '0' && c <= '9':
		end, ok := number(s, i)
		t.nodes = append(t.nodes, node{kind: Number, start: uint32(i), end: uint32(end), next: uint32(at + 1)})
		return end, ok
	default:
		for _, lit := range [...]struct {
			text string
			kind Kind
		}{{"null", Null}, {"true", True}, {"false", False}} {
			if len(s)-i >= len(lit.text) && s[i:i+len(lit.text)] == lit.text {
				t.nodes = append(t.nodes, node{kind: lit.kind, next: uint32(at + 1)})
				return i + len(lit.text), true
			}
		}
		return i, false
	}
}

// container reads an object or an array starting at s[i].
func (t *Tree) container(i int, kind Kind) (int, bool) {
	if t.depth++; t.depth > maxDepth {
		return i, false
	}
	s := t.src
	at := len(t.nodes)
	t.nodes = append(t.nodes, node{kind: kind})
	closing := byte(']')
	if kind == Object {
		closing = '}'
	}
	n := uint32(0)
	// keys holds the first keys of an object, to tell whether they are
	// unique; an object of more keys is looked up the slow way.
	var keys [16]string
	unique := kind == Object
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == closing {
		i++
	} else {
		for {
			var ok bool
			if kind == Object {
				if i >= len(s) || s[i] != '"' {
					return i, false
				}
				if i, ok = t.str(i); !ok {
					return i, false
				}
				if k := &t.nodes[len(t.nodes)-1]; unique && !k.esc && n < uint32(len(keys)) {
					key := s[k.start:k.end]
					for _, other := range keys[:n] {
						unique = unique && other != key
					}
					keys[n] = key
				} else {
					unique = false
				}
				if i = skipSpace(s, i); i >= len(s) || s[i] != ':' {
					return i, false
				}
				i = skipSpace(s, i+1)
			}
			if i, ok = t.value(i); !ok {
				return i, false
			}
			n++
			i = skipSpace(s, i)
			if i < len(s) && s[i] == ',' {
				i = skipSpace(s, i+1)
				continue
			}
			if i < len(s) && s[i] == closing {
				i++
				break
			}
			return i, false
		}
	}
	t.depth--
	t.nodes[at].n, t.nodes[at].next, t.nodes[at].unique = n, uint32(len(t.nodes)), unique
	return i, true
}

// plain marks the bytes a string holds as they are: not a quote, a
// backslash or a control byte.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string starting at the quote s[i].
func (t *Tree) str(i int) (int, bool) {
	s := t.src
	start, esc := i+1, false
	for i = start; i < len(s); i++ {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		switch c := s[i]; {
		case c == '"':
			t.nodes = append(t.nodes, node{kind: String, esc: esc, start: uint32(start), end: uint32(i), next: uint32(len(t.nodes) + 1)})
			return i + 1, true
		case c < 0x20:
			return i, false
		default: // a backslash
			esc = true
			if i++; i >= len(s) {
				return i, false
			}
			switch s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(s)-i <= 4 || hex4(s[i+1:i+5]) < 0 {
					return i, false
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

// number reads a number literal starting at s[i]: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func number(s string, i int) (int, bool) {
	if s[i] == '-' {
		if i++; i >= len(s) {
			return i, false
		}
	}
	switch {
	case s[i] == '0':
		i++
	case s[i] >= '1' && s[i] <= '9':
		i = digits(s, i)
	default:
		return i, false
	}
	if i < len(s) && s[i] == '.' {
		d := digits(s, i+1)
		if d == i+1 {
			return d, false
		}
		i = d
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := digits(s, i)
		if d == i {
			return d, false
		}
		i = d
	}
	return i, true
}

func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// hex4 reads four hexadecimal digits, or returns -1.
func hex4(s string) rune {
	var r rune
	for i := range 4 {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// Value is one value of a Tree; the zero Value is null.
type Value struct {
	t *Tree
	i int
}

func (v Value) node() *node { return &v.t.nodes[v.i] }

// Kind is the value's type.
func (v Value) Kind() Kind {
	if v.t == nil {
		return Null
	}
	return v.node().kind
}

// Text is a string's contents, unquoted, or a number's literal; "" for
// the other kinds. Text without escapes shares the document's memory.
func (v Value) Text() string {
	switch v.Kind() {
	case String:
		n := v.node()
		raw := v.t.src[n.start:n.end]
		if n.esc {
			return unquote(raw)
		}
		return raw
	case Number:
		n := v.node()
		return v.t.src[n.start:n.end]
	}
	return ""
}

// Len counts an object's members or an array's elements; 0 for the other
// kinds.
func (v Value) Len() int {
	if k := v.Kind(); k != Object && k != Array {
		return 0
	}
	return int(v.node().n)
}

// Lookup returns the member of an object named key; when the object sends
// the key more than once, its last value, as encoding/json keeps. It
// writes the object's lookup cursor, so it must not run concurrently with
// any other use of the same Tree.
func (v Value) Lookup(key string) (Value, bool) {
	if v.Kind() != Object {
		return Value{}, false
	}
	nodes, src := v.t.nodes, v.t.src
	obj := &nodes[v.i]
	if obj.unique {
		// From the cursor round to it, stopping at the match.
		j := int(obj.cursor)
		for range obj.n {
			if j == 0 || j == int(obj.next) {
				j = v.i + 1
			}
			if k := &nodes[j]; int(k.end-k.start) == len(key) && src[k.start:k.end] == key {
				obj.cursor = nodes[j+1].next
				return Value{v.t, j + 1}, true
			}
			j = int(nodes[j+1].next)
		}
		return Value{}, false
	}
	found := -1
	j := v.i + 1
	for range obj.n {
		k := &nodes[j]
		if k.esc && unquote(src[k.start:k.end]) == key || !k.esc && int(k.end-k.start) == len(key) && src[k.start:k.end] == key {
			found = j + 1
		}
		j = int(nodes[j+1].next)
	}
	if found < 0 {
		return Value{}, false
	}
	return Value{v.t, found}, true
}

// Members yields an object's keys, unquoted, and values in the document's
// order, a key sent twice each time.
func (v Value) Members() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		if v.Kind() != Object {
			return
		}
		j := v.i + 1
		for range v.node().n {
			if !yield(Value{v.t, j}.Text(), Value{v.t, j + 1}) {
				return
			}
			j = int(v.t.nodes[j+1].next)
		}
	}
}

// Elements yields an array's elements in order.
func (v Value) Elements() iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if v.Kind() != Array {
			return
		}
		j := v.i + 1
		for k := range int(v.node().n) {
			if !yield(k, Value{v.t, j}) {
				return
			}
			j = int(v.t.nodes[j].next)
		}
	}
}

// Any builds the value as encoding/json decodes it into an any:
// map[string]any, []any, string, bool, nil, and for each number what conv
// makes of its literal (json.Number, for UseNumber's result).
func (v Value) Any(conv func(literal string) any) any {
	switch v.Kind() {
	case Object:
		m := make(map[string]any, v.Len())
		for k, e := range v.Members() {
			m[k] = e.Any(conv)
		}
		return m
	case Array:
		a := make([]any, 0, v.Len())
		for _, e := range v.Elements() {
			a = append(a, e.Any(conv))
		}
		return a
	case String:
		return v.Text()
	case Number:
		return conv(v.Text())
	case True:
		return true
	case False:
		return false
	}
	return nil
}

// unquote reads the contents of a string holding escapes, as encoding/json
// does: a surrogate escape that is not part of a pair is U+FFFD.
func unquote(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		switch c := s[i+1]; c {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(s[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				if len(s)-i >= 6 && s[i] == '\\' && s[i+1] == 'u' {
					if d := utf16.DecodeRune(r, hex4(s[i+2:])); d != unicode.ReplacementChar {
						b = utf8.AppendRune(b, d)
						i += 6
						continue
					}
				}
				r = unicode.ReplacementChar
			}
			b = utf8.AppendRune(b, r)
			continue
		default: // '"', '\\', '/'
			b = append(b, c)
		}
		i += 2
	}
	return string(b)
}

// String describes the kind, for messages.
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case False, True:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "kind " + strconv.Itoa(int(k))
}

// Dict numbers the object keys a kind of document holds, so that Pack can
// write each in two bytes.
type Dict struct {
	names []string
	index map[string]byte
}

// NewDict numbers names, in order, from 0; it keeps the first 256.
func NewDict(names []string) *Dict {
	d := &Dict{index: map[string]byte{}}
	for _, n := range names {
		if _, dup := d.index[n]; !dup && len(d.names) < 256 {
			d.index[n] = byte(len(d.names))
			d.names = append(d.names, n)
		}
	}
	return d
}

// keyToken starts a key written by its number: a byte that JSON text
// holds nowhere outside a string, and escapes inside one.
const keyToken = 0x01

// Pack appends v to dst written compactly: JSON without insignificant
// whitespace, each key of the dictionary as keyToken and its number.
// Strings and numbers are written as the document wrote them. Unpack
// reads it back into JSON meaning what v means.
func (v Value) Pack(dst []byte, d *Dict) []byte {
	n := v.node()
	switch n.kind {
	case Object, Array:
		open, closing := byte('['), byte(']')
		if n.kind == Object {
			open, closing = '{', '}'
		}
		dst = append(dst, open)
		j := v.i + 1
		for k := range int(n.n) {
			if k > 0 {
				dst = append(dst, ',')
			}
			if n.kind == Object {
				key := Value{v.t, j}
				if i, ok := d.index[key.Text()]; ok {
					dst = append(dst, keyToken, i)
				} else {
					dst = append(key.Pack(dst, d), ':')
				}
				j++
			}
			dst = Value{v.t, j}.Pack(dst, d)
			j = int(v.t.nodes[j].next)
		}
		return append(dst, closing)
	case String:
		return append(append(append(dst, '"'), v.t.src[n.start:n.end]...), '"')
	case Number:
		return append(dst, v.t.src[n.start:n.end]...)
	case True:
		return append(dst, "true"...)
	case False:
		return append(dst, "false"...)
	}
	return append(dst, "null"...)
}

// Unpack turns what Pack wrote with d back into JSON.
func (d *Dict) Unpack(packed string) []byte {
	out := make([]byte, 0, 2*len(packed))
	for i := 0; i < len(packed); i++ {
		switch c := packed[i]; {
		case c == keyToken:
			i++
			out = append(append(append(out, '"'), d.names[packed[i]]...), '"', ':')
		case c == '"':
			end := i + 1
			for packed[end] != '"' {
				if packed[end] == '\\' {
					end++
				}
				end++
			}
			out = append(out, packed[i:end+1]...)
			i = end
		default:
			out = append(out, c)
		}
	}
	return out
}
