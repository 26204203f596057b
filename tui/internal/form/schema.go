// Package form is a request body as an editable document: the schema of
// every field of a vendor's field table, a tree of values that follows it,
// its JSON encoding in the table's field order, the import of a JSON body
// (saying what the form cannot show), and the rows a form view lists, each
// named by the path the sandbox's validator uses. A body is a JSON object
// of named fields, or the positional params of a JSON-RPC method (a JSON
// array).
package form

import (
	"strings"

	"github.com/flashcart/flashcart/sandbox/schema"
)

// Kind is how a field's value is written in JSON.
type Kind int

// The kinds of field.
const (
	// Text is a JSON string.
	Text Kind = iota
	// Number is a JSON number; text that is not a number literal is sent
	// as a string, which the sandbox rejects as it would any client's.
	Number
	// Bool is true or false.
	Bool
	// Object holds Fields.
	Object
	// List is an array of objects, each holding Fields.
	List
	// Raw is JSON written as it is typed: a value of any type, an object
	// with fields of its own choosing, an array of strings or numbers.
	// Text that is not JSON is sent as a string.
	Raw
)

// Field is one field of the request, or the request itself (its root).
type Field struct {
	Key      string
	Kind     Kind
	Required bool
	// Nullable fields may be sent as null, which the vendor reads as
	// absent: the form leaves them out.
	Nullable bool
	// Hint is a short reminder of the field's format.
	Hint string
	// Fields are an object's fields, or a list element's; the root's are
	// the body's fields, or the params of a JSON-RPC method.
	Fields []*Field
	// Noun names one element of a list ("product").
	Noun string
	// Positional makes the root a JSON array of its fields' values, the
	// params of a JSON-RPC call, rather than an object.
	Positional bool
}

// fromTable is the form field of a vendor field table's field.
func fromTable(f *schema.Field) *Field {
	out := &Field{Key: f.Name, Required: f.Required, Nullable: f.Nullable, Hint: f.Doc, Noun: f.Noun}
	switch f.Type {
	case schema.Integer, schema.Number:
		out.Kind = Number
	case schema.Boolean:
		out.Kind, out.Hint = Bool, f.Doc+" (space toggles)"
	case schema.Object:
		out.Kind = Object
	case schema.Array:
		out.Kind = List
	case schema.String:
		out.Kind = Text
	default:
		out.Kind = Raw
	}
	if len(f.Enum) > 0 {
		out.Hint = strings.TrimSpace(out.Hint + " One of " + strings.Join(f.Enum, ", ") + ".")
	}
	for _, c := range f.Fields {
		out.Fields = append(out.Fields, fromTable(c))
	}
	switch {
	case out.Kind == Object && len(out.Fields) == 0, out.Kind == List && len(out.Fields) == 0:
		// A free object, or an array of strings or numbers: typed as JSON.
		out.Kind, out.Hint = Raw, strings.TrimSpace(out.Hint+" (JSON)")
	case out.Kind == List && out.Noun == "":
		out.Noun = "element"
	}
	return out
}

// Body is the schema of a request body of named fields, from a vendor's
// field table.
func Body(fields []*schema.Field) *Field {
	root := &Field{Kind: Object}
	for _, f := range fields {
		root.Fields = append(root.Fields, fromTable(f))
	}
	return root
}

// Params is the schema of a JSON-RPC method's params, from the table of
// its positional parameters.
func Params(fields []*schema.Field) *Field {
	root := Body(fields)
	root.Positional = true
	return root
}

// Lookup returns the field at path, as the validator names it
// ("products[1].price"; indices are ignored), under f; nil when f has no
// such field.
func (f *Field) Lookup(path string) *Field {
	for part := range strings.SplitSeq(path, ".") {
		key, _, _ := splitIndex(part)
		var next *Field
		for _, c := range f.Fields {
			if c.Key == key {
				next = c
				break
			}
		}
		if next == nil {
			return nil
		}
		f = next
	}
	return f
}
