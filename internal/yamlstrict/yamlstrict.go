// Package yamlstrict decodes YAML files strictly: an unknown key, a value of
// the wrong type or a syntax error fails with the file name and line. It also
// finds the line of a field by its path, so that checks made after decoding
// can point at the line that holds the bad value.
package yamlstrict

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a problem in a YAML file, located by line when known.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// MaxNodes bounds the values (scalars, mappings, sequences, aliases) of a
// decoded document, so that a hostile file cannot make the decoding of its
// values cost without bound.
const MaxNodes = 100_000

// count counts the nodes under n, stopping past limit.
func count(n *yaml.Node, limit int) int {
	total := 1
	for _, c := range n.Content {
		if total > limit {
			break
		}
		total += count(c, limit-total)
	}
	return total
}

// Doc is a decoded file; it locates fields for later errors. Its paths
// may be relative to a section of the file (see At).
type Doc struct {
	file   string
	data   []byte
	root   *yaml.Node
	prefix string
}

// At returns the doc with paths relative to the section at path, such as
// "noventiq"; "" is the whole file.
func (d *Doc) At(path string) *Doc {
	return &Doc{file: d.file, data: d.data, root: d.root, prefix: d.full(path)}
}

// full is path with the doc's section prefix.
func (d *Doc) full(path string) string {
	switch {
	case d.prefix == "":
		return path
	case path == "":
		return d.prefix
	}
	return d.prefix + "." + path
}

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Parse reads the single YAML document in data, within MaxNodes values,
// without decoding it into a type; file names the source in errors. The
// document is parsed once: Decode and Value read the parsed file.
func Parse(file string, data []byte) (*Doc, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(file, data, err)
	}
	if root.Kind == 0 {
		return nil, &Error{File: file, Msg: "the file holds no YAML document"}
	}
	if n := count(&root, MaxNodes+1); n > MaxNodes {
		return nil, &Error{File: file, Msg: fmt.Sprintf("the document has more than %d values; this kind of file holds far fewer", MaxNodes)}
	}
	return &Doc{file: file, data: data, root: &root}, nil
}

// Decode strictly decodes the single YAML document in data into v.
// file names the source in errors.
func Decode(file string, data []byte, v any) (*Doc, error) {
	d, err := Parse(file, data)
	if err != nil {
		return nil, err
	}
	return d, d.Decode(v)
}

// Decode strictly decodes the whole document into v: an unknown key or a
// value of the wrong type fails with its path and line, as does a second
// document in the file.
func (d *Doc) Decode(v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(d.data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return explain(d.file, d.root, reflect.TypeOf(v), err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return &Error{File: d.file, Line: extra.Line, Msg: "only one YAML document is allowed"}
	}
	return nil
}

// Value decodes the value at path, such as "version", into v, leniently;
// a path the document does not have leaves v as it is.
func (d *Doc) Value(path string, v any) error {
	n := d.top()
	for _, step := range splitPath(d.full(path)) {
		if n = child(n, step); n == nil {
			return nil
		}
	}
	if err := n.Decode(v); err != nil {
		return &Error{File: d.file, Line: n.Line, Msg: d.full(path) + ": " + err.Error()}
	}
	return nil
}

// Root is the parsed document, for checks that walk it.
func (d *Doc) Root() *yaml.Node { return d.root }

// top is the document's top value.
func (d *Doc) top() *yaml.Node {
	if n := d.root; n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return d.root
}

func parseLine(file, msg string) *Error {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: n, Msg: m[2]}
	}
	return &Error{File: file, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// Errorf returns an error located at the field named by path, such as
// "accounts[0].products[2].price". When the path does not exist, the line
// of its nearest existing ancestor is used.
func (d *Doc) Errorf(path, format string, args ...any) error {
	return &Error{File: d.file, Line: d.Line(path), Msg: d.full(path) + ": " + fmt.Sprintf(format, args...)}
}

// CheckVersion checks the file format version the document declares at
// its top: got is the decoded value, want the version this build writes;
// older, when not empty, says which older versions are still read.
func (d *Doc) CheckVersion(got, want int, older string) error {
	if got == want {
		return nil
	}
	if older != "" {
		older = " (" + older + ")"
	}
	top := d.top()
	if child(top, "version") == nil {
		return &Error{File: d.file, Line: top.Line, Msg: fmt.Sprintf("version: missing; this file format is version %d%s", want, older)}
	}
	return &Error{File: d.file, Line: d.Line("version"), Msg: fmt.Sprintf("version: this file format is version %d%s, got %d", want, older, got)}
}

// Line returns the line of the value at path, or of its nearest ancestor.
func (d *Doc) Line(path string) int {
	n := d.top()
	line := n.Line
	for _, step := range splitPath(d.full(path)) {
		next := child(n, step)
		if next == nil {
			break
		}
		n, line = next, next.Line
	}
	return line
}

func splitPath(path string) []string {
	var steps []string
	for _, part := range strings.Split(path, ".") {
		for part != "" {
			i := strings.IndexByte(part, '[')
			switch {
			case i < 0:
				steps, part = append(steps, part), ""
			case i > 0:
				steps, part = append(steps, part[:i]), part[i:]
			default:
				j := strings.IndexByte(part, ']')
				if j < 0 {
					return append(steps, part)
				}
				steps, part = append(steps, part[:j+1]), part[j+1:]
			}
		}
	}
	return steps
}

func child(n *yaml.Node, step string) *yaml.Node {
	if strings.HasPrefix(step, "[") {
		i, err := strconv.Atoi(strings.Trim(step, "[]"))
		if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == step {
			return n.Content[i+1]
		}
	}
	return nil
}
