// Package schema describes a vendor's request bodies field by field. Each
// vendor package writes one table per body (or per JSON-RPC method's
// parameter list); the vendor's validator, the workbench's Compose form and
// the served OpenAPI document are built from it or checked against it, so
// that no field rule is written twice. Curl renders a request of any vendor
// for people, as the workbench and the scenario reports show it.
package schema

import "strings"

// Type is a field's JSON type.
type Type string

// The JSON types.
const (
	String  Type = "string"
	Integer Type = "integer"
	Number  Type = "number"
	Boolean Type = "boolean"
	Object  Type = "object"
	Array   Type = "array"
	// Any is a field whose value may be of any JSON type (free metadata).
	Any Type = "any"
)

// Field is one field of a body, or one positional parameter of a call.
type Field struct {
	// Name is the JSON key (for a positional parameter, its name in the
	// vendor's reference).
	Name string
	Type Type
	// Required fields must be present; Nullable ones may be null.
	Required bool
	Nullable bool
	// Format names a string format: "email", "uri", "date-time", "date",
	// "decimal" (a decimal number written as a string), "iso4217",
	// "iso3166", "period" …; empty for none.
	Format string
	// MaxLength bounds a string's length in characters; 0 means no bound.
	MaxLength int
	// Minimum and Maximum bound a number; nil means no bound.
	Minimum, Maximum *float64
	// Enum lists the values a string may take; empty means any.
	Enum []string
	// Default is the value the vendor assumes when the field is absent,
	// written as JSON; empty for none.
	Default string
	// Doc is the reference's description, short enough for a form hint.
	Doc string
	// Fields are an object's fields, or the fields of an array's object
	// elements.
	Fields []*Field
	// Items describes an array's elements when they are not objects.
	Items *Field
	// Noun names one element of an array ("product").
	Noun string
}

// Body is the table of one request body or parameter list.
type Body struct {
	// Name identifies the body, such as "generate_buy_link" or
	// "placeOrder".
	Name string
	// Method and Path are the route the body is sent to; empty for a
	// JSON-RPC method.
	Method, Path string
	Doc          string
	Fields       []*Field
}

// Lookup returns the field at a dotted path such as
// "products[0].subscription.period" (list indices are ignored), or nil.
func (b *Body) Lookup(path string) *Field {
	fields := b.Fields
	var found *Field
	for part := range strings.SplitSeq(path, ".") {
		if i := strings.IndexByte(part, '['); i >= 0 {
			part = part[:i]
		}
		found = nil
		for _, f := range fields {
			if f.Name == part {
				found = f
				break
			}
		}
		if found == nil {
			return nil
		}
		fields = found.Fields
	}
	return found
}

// Names lists the names of the body's top-level fields, in order.
func (b *Body) Names() []string {
	out := make([]string, len(b.Fields))
	for i, f := range b.Fields {
		out[i] = f.Name
	}
	return out
}

// Walk calls fn for every field of the body, depth first, with its dotted
// path ("products.subscription.period").
func (b *Body) Walk(fn func(path string, f *Field)) {
	var walk func(prefix string, fields []*Field)
	walk = func(prefix string, fields []*Field) {
		for _, f := range fields {
			p := f.Name
			if prefix != "" {
				p = prefix + "." + f.Name
			}
			fn(p, f)
			walk(p, f.Fields)
		}
	}
	walk("", b.Fields)
}

// Bound returns a pointer to v, for Minimum and Maximum.
func Bound(v float64) *float64 { return &v }
