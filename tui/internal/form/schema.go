// Package form is the generate_buy_link request as an editable document:
// the schema of every field of the vendor's reference, a tree of values
// that follows it, its JSON encoding in the reference's field order, the
// import of a JSON body (saying what the form cannot show), and the rows a
// form view lists, each named by the path the sandbox's validator uses.
package form

import (
	"strings"

	"github.com/flashcart/flashcart/sandbox/noventiq"
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
)

// Field is one field of the request.
type Field struct {
	Key      string
	Kind     Kind
	Required bool
	// Hint is a short reminder of the field's format.
	Hint string
	// Fields are an object's fields, or a list element's.
	Fields []*Field
	// Noun names one element of a list ("product").
	Noun string
}

// fromTable is the form field of a vendor field table's field.
func fromTable(f *schema.Field) *Field {
	out := &Field{Key: f.Name, Required: f.Required, Hint: f.Doc, Noun: f.Noun}
	switch f.Type {
	case schema.Integer, schema.Number:
		out.Kind = Number
	case schema.Boolean:
		out.Kind, out.Hint = Bool, f.Doc+" (space toggles)"
	case schema.Object:
		out.Kind = Object
	case schema.Array:
		out.Kind = List
	default:
		out.Kind = Text
	}
	for _, c := range f.Fields {
		out.Fields = append(out.Fields, fromTable(c))
	}
	return out
}

// Schema is the generate_buy_link request, in the order of the vendor's
// reference, made from the vendor's field table.
var Schema = func() *Field {
	root := &Field{Kind: Object}
	for _, f := range noventiq.BuyLinkFields.Fields {
		root.Fields = append(root.Fields, fromTable(f))
	}
	return root
}()

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
