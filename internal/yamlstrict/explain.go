package yamlstrict

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The decoder's messages this file rewrites in the file's own terms.
var (
	unknownRE  = regexp.MustCompile(`^field (\S+) not found in type (.+)$`)
	mismatchRE = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
)

// explain turns the decoder's error into errors that name the field's
// path, say what was expected and show the value whole: an unknown key
// with the key it may have meant, a value of the wrong type. t is the type
// decoded into.
func explain(file string, root *yaml.Node, t reflect.Type, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return parseLine(file, err.Error())
	}
	errs := make([]error, 0, len(te.Errors))
	for _, msg := range te.Errors {
		e := parseLine(file, msg)
		if m := unknownRE.FindStringSubmatch(e.Msg); m != nil {
			e.Msg = fmt.Sprintf("%s: unknown key %q%s", mappingAt(root, e.Line, m[1]), m[1], suggest(m[1], fieldsOf(t, m[2])))
		} else if m := mismatchRE.FindStringSubmatch(e.Msg); m != nil {
			n := valueAt(root, e.Line, strings.TrimSuffix(m[2], "..."))
			got := m[2]
			path := "value"
			if n != nil {
				got, path = shown(n), pathOf(root, n)
			}
			e.Msg = fmt.Sprintf("%s: expected %s, got %s", path, kindOf(m[3]), got)
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// suggest names the key meant, or lists the keys there are.
func suggest(key string, keys []string) string {
	best, dist := "", 3
	for _, k := range keys {
		if d := distance(strings.ToLower(key), strings.ToLower(k)); d < dist {
			best, dist = k, d
		}
	}
	switch {
	case best != "":
		return fmt.Sprintf(" (did you mean %q?)", best)
	case len(keys) > 0:
		return " (the keys here are " + strings.Join(keys, ", ") + ")"
	}
	return ""
}

// distance is the edit distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// fieldsOf lists the YAML keys of the struct type named name among the
// types reachable from t.
func fieldsOf(t reflect.Type, name string) []string {
	seen := map[reflect.Type]bool{}
	var find func(t reflect.Type) []string
	find = func(t reflect.Type) []string {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return nil
		}
		seen[t] = true
		if t.String() == name {
			return yamlKeys(t)
		}
		for i := range t.NumField() {
			if keys := find(t.Field(i).Type); keys != nil {
				return keys
			}
		}
		return nil
	}
	return find(t)
}

// yamlKeys lists a struct's YAML keys, in order, inline fields included.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case tag == "-" || !f.IsExported():
		case strings.Contains(opts, "inline"):
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			keys = append(keys, yamlKeys(ft)...)
		case tag == "":
			keys = append(keys, strings.ToLower(f.Name))
		default:
			keys = append(keys, tag)
		}
	}
	return keys
}

// kindOf says in words what a Go type takes.
func kindOf(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["):
		return "a mapping"
	}
	switch goType {
	case "int", "int64", "int32", "uint", "uint64", "uint32":
		return "an integer"
	case "float64", "float32":
		return "a number"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	}
	return "a " + goType[strings.LastIndexByte(goType, '.')+1:]
}

// shown is a node's value as the file has it, whole.
func shown(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

// mappingAt returns the path of the mapping that holds the key named key
// on line: "top level" for the document's own keys.
func mappingAt(root *yaml.Node, line int, key string) string {
	found, ok := "", false
	walk(root, "", func(path string, k, _ *yaml.Node) bool {
		if k != nil && k.Line == line && k.Value == key {
			found, ok = strings.TrimSuffix(strings.TrimSuffix(path, key), "."), true
			return true
		}
		return false
	})
	switch {
	case !ok:
		return "line " + strconv.Itoa(line)
	case found == "":
		return "top level"
	}
	return found
}

// valueAt returns the first scalar on line whose text starts with prefix,
// or else the first mapping or list that begins on line.
func valueAt(root *yaml.Node, line int, prefix string) *yaml.Node {
	var scalar, block *yaml.Node
	walk(root, "", func(_ string, _, v *yaml.Node) bool {
		switch {
		case v.Line != line:
		case v.Kind == yaml.ScalarNode && strings.HasPrefix(v.Value, prefix):
			scalar = v
			return true
		case v.Kind != yaml.ScalarNode && block == nil:
			block = v
		}
		return false
	})
	if scalar != nil {
		return scalar
	}
	return block
}

// pathOf returns the path of node n.
func pathOf(root, n *yaml.Node) string {
	found := ""
	walk(root, "", func(path string, _, v *yaml.Node) bool {
		if v == n {
			found = path
			return true
		}
		return false
	})
	return found
}

// walk calls fn for every value under n with its path and, in a mapping,
// its key, until fn returns true.
func walk(n *yaml.Node, path string, fn func(path string, key, value *yaml.Node) bool) bool {
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if walk(c, path, fn) {
				return true
			}
		}
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			if fn(p, k, v) || walk(v, p, fn) {
				return true
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := path + "[" + strconv.Itoa(i) + "]"
			if fn(p, nil, c) || walk(c, p, fn) {
				return true
			}
		}
	}
	return false
}

// syntaxError locates a syntax error: the decoder names the line where the
// enclosing block began; for a block that lost its indentation, the line
// that is wrong is the first one whose indentation matches no enclosing
// block.
func syntaxError(file string, data []byte, err error) error {
	e := parseLine(file, err.Error())
	if e.Line > 0 && strings.Contains(e.Msg, "did not find expected") {
		if line := badIndent(strings.Split(string(data), "\n"), e.Line); line > 0 {
			e.Line = line
			e.Msg = "this line's indentation matches no block above it (" + e.Msg + ")"
		}
	}
	return e
}

// badIndent returns the first line from line from (1-based) that dedents
// to between two open blocks — its indentation is less than the line
// before it and matches none of the blocks it closes back to; 0 when every
// line fits.
func badIndent(lines []string, from int) int {
	var levels []int // the indentations of the open blocks
	prev := -1
	for i := from - 1; i < len(lines); i++ {
		text := strings.TrimRight(lines[i], " \t\r")
		trimmed := strings.TrimLeft(text, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(text) - len(trimmed)
		for len(levels) > 0 && indent < levels[len(levels)-1] {
			levels = levels[:len(levels)-1]
		}
		if prev >= 0 && indent < prev && (len(levels) == 0 || levels[len(levels)-1] != indent) {
			return i + 1
		}
		if len(levels) == 0 || indent > levels[len(levels)-1] {
			levels = append(levels, indent)
		}
		if strings.HasPrefix(trimmed, "- ") {
			levels = append(levels, indent+2) // the mapping of the list item
		}
		prev = indent
		if strings.HasPrefix(trimmed, "- ") {
			prev = indent + 2
		}
	}
	return 0
}
