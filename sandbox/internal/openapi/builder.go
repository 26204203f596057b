package openapi

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/schema"
)

// Builder turns a vendor's field tables and wire types into schemas, with
// the vendor's conventions. The zero value knows no format; a table format
// it does not know is an error, as is a wire type that marshals itself
// without a schema in Types, so that a document never guesses.
type Builder struct {
	// Formats describe the tables' string formats ("decimal", "iso4217"…):
	// each one's Format, Pattern and Description are added to the field.
	Formats map[string]Schema
	// Closed makes the tables' objects refuse members they do not list, as
	// a vendor that answers an error for an unknown key does.
	Closed bool
	// NullOptional says the vendor reads null as absent: a field that is
	// not required also takes null.
	NullOptional bool
	// FoldEnums says the vendor matches enum values in any letter case:
	// an enum becomes a case-insensitive pattern, its values examples.
	FoldEnums bool
	// Types are the schemas of wire types that marshal themselves.
	Types map[reflect.Type]*Schema
	// Names rename the components of wire types (two packages may both
	// have a Product).
	Names map[reflect.Type]string
	// NullMembers are the members, "Type.Member" by Go type name and JSON
	// name, that the vendor answers null although their type says
	// otherwise (a list it keeps nil).
	NullMembers map[string]bool
	// Schemas are the components made so far: every struct type reflected,
	// and what Define adds.
	Schemas map[string]*Schema

	named map[string]reflect.Type
	errs  []error
}

// Err returns every problem met while building.
func (b *Builder) Err() error { return errors.Join(b.errs...) }

func (b *Builder) fail(format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf(format, args...))
}

// Define adds a component schema and returns a reference to it.
func (b *Builder) Define(name string, s *Schema) *Schema {
	if b.Schemas == nil {
		b.Schemas = map[string]*Schema{}
	}
	if _, taken := b.Schemas[name]; taken {
		b.fail("openapi: two schemas are named %s", name)
	}
	b.Schemas[name] = s
	return Ref(name)
}

// Body returns the schema of a request body table: an object of its fields.
func (b *Builder) Body(body *schema.Body) *Schema {
	s := b.Object(body.Fields)
	s.Description = body.Doc
	return s
}

// Object returns the object schema of a table's fields.
func (b *Builder) Object(fields []*schema.Field) *Schema {
	s := &Schema{Type: "object", Properties: map[string]*Schema{}}
	for _, f := range fields {
		s.Properties[f.Name] = b.Field(f)
		if f.Required {
			s.Required = append(s.Required, f.Name)
		}
	}
	if b.Closed {
		s.AdditionalProperties = false
	}
	return s
}

// Field returns the schema of one field of a table.
func (b *Builder) Field(f *schema.Field) *Schema {
	s := &Schema{Description: f.Doc}
	switch f.Type {
	case schema.Any:
	case schema.String:
		s.Type = "string"
		if f.MaxLength > 0 {
			s.MaxLength = Int(f.MaxLength)
		}
		b.format(s, f)
		b.enum(s, f.Enum)
	case schema.Integer, schema.Number, schema.Boolean:
		s.Type = string(f.Type)
		s.Minimum, s.Maximum = f.Minimum, f.Maximum
	case schema.Object:
		if len(f.Fields) == 0 {
			s.Type = "object"
			break
		}
		o := b.Object(f.Fields)
		o.Description = f.Doc
		s = o
	case schema.Array:
		s.Type = "array"
		switch {
		case len(f.Fields) > 0:
			s.Items = b.Object(f.Fields)
		case f.Items != nil:
			s.Items = b.Field(f.Items)
		}
		if f.Noun != "" && s.Items != nil && s.Items.Description == "" {
			s.Items.Description = "a " + f.Noun
		}
	default:
		b.fail("openapi: field %s has the unknown type %q", f.Name, f.Type)
	}
	if f.Default != "" {
		if !json.Valid([]byte(f.Default)) {
			b.fail("openapi: field %s has a default that is not JSON: %s", f.Name, f.Default)
		}
		s.Default = json.RawMessage(f.Default)
	}
	if f.Nullable || b.NullOptional && !f.Required {
		s = Nullable(s)
	}
	return s
}

// format adds what the vendor's format says to a string schema.
func (b *Builder) format(s *Schema, f *schema.Field) {
	if f.Format == "" {
		return
	}
	fm, ok := b.Formats[f.Format]
	if !ok {
		b.fail("openapi: field %s has the format %q, which the document does not describe", f.Name, f.Format)
		return
	}
	s.Format, s.Pattern = fm.Format, fm.Pattern
	if fm.Description != "" && !strings.Contains(s.Description, fm.Description) {
		s.Description = strings.TrimSpace(s.Description + " (" + fm.Description + ")")
	}
}

// enum lists the values a string takes: an enum, or with FoldEnums a
// pattern matching them in any case.
func (b *Builder) enum(s *Schema, values []string) {
	if len(values) == 0 {
		return
	}
	list := make([]any, len(values))
	for i, v := range values {
		list[i] = v
	}
	if !b.FoldEnums {
		s.Enum = list
		return
	}
	alts := make([]string, len(values))
	for i, v := range values {
		alts[i] = foldPattern(v)
	}
	s.Pattern = "^(" + strings.Join(alts, "|") + ")$"
	s.Examples = list
	s.Description = strings.TrimSpace(s.Description + " One of " + strings.Join(values, ", ") + ", in any letter case.")
}

// foldPattern matches v in any letter case: [vV][iI][sS][aA].
func foldPattern(v string) string {
	var sb strings.Builder
	for _, r := range v {
		lo, up := strings.ToLower(string(r)), strings.ToUpper(string(r))
		if lo == up {
			sb.WriteString(regexpQuote(string(r)))
			continue
		}
		sb.WriteString("[" + lo + up + "]")
	}
	return sb.String()
}

func regexpQuote(s string) string {
	if strings.ContainsAny(s, `\.+*?()|[]{}^$`) {
		return `\` + s
	}
	return s
}

var (
	marshalerType = reflect.TypeFor[json.Marshaler]()
	textType      = reflect.TypeFor[encoding.TextMarshaler]()
	timeType      = reflect.TypeFor[time.Time]()
)

// Reflect returns the schema of what encoding/json writes for a value of
// type t: a struct is a component named after its type (its members those
// of its json tags, required unless omitempty or omitzero), a pointer
// takes null, a map is an object of its values.
func (b *Builder) Reflect(t reflect.Type) *Schema {
	if s, ok := b.Types[t]; ok {
		return s
	}
	switch {
	case t.Kind() == reflect.Pointer:
		return Nullable(b.Reflect(t.Elem()))
	case t == timeType:
		return &Schema{Type: "string", Format: "date-time"}
	case t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType),
		t.Implements(textType) || reflect.PointerTo(t).Implements(textType):
		b.fail("openapi: %s marshals itself: give its schema in Builder.Types", t)
		return &Schema{}
	}
	switch t.Kind() {
	case reflect.String:
		return Typed("string")
	case reflect.Bool:
		return Typed("boolean")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Typed("integer")
	case reflect.Float32, reflect.Float64:
		return Typed("number")
	case reflect.Slice, reflect.Array:
		return ArrayOf(b.Reflect(t.Elem()))
	case reflect.Map:
		return &Schema{Type: "object", AdditionalProperties: b.Reflect(t.Elem())}
	case reflect.Interface:
		return &Schema{}
	case reflect.Struct:
		return b.component(t)
	}
	b.fail("openapi: %s has no JSON schema", t)
	return &Schema{}
}

// component returns a reference to the component of a struct type, made
// on first use.
func (b *Builder) component(t reflect.Type) *Schema {
	name := b.name(t)
	if b.named == nil {
		b.named = map[string]reflect.Type{}
	}
	if other, seen := b.named[name]; seen {
		if other != t {
			b.fail("openapi: %s and %s are both named %s: rename one in Builder.Names", other, t, name)
		}
		return Ref(name)
	}
	b.named[name] = t
	s := Object(map[string]*Schema{})
	b.Define(name, s)
	b.members(t, s)
	return Ref(name)
}

// members adds the members of a struct type to an object schema;
// embedded structs without a name of their own give theirs.
func (b *Builder) members(t reflect.Type, s *Schema) {
	for sf := range t.Fields() {
		tag := sf.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			b.members(sf.Type, s)
			continue
		}
		if !sf.IsExported() || name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		s.Properties[name] = b.Reflect(sf.Type)
		if b.NullMembers[t.Name()+"."+name] {
			s.Properties[name] = Nullable(s.Properties[name])
		}
		if !strings.Contains(","+opts+",", ",omitempty,") && !strings.Contains(","+opts+",", ",omitzero,") {
			s.Required = append(s.Required, name)
		}
	}
}

// name is the component name of a struct type: Names', else its Go name,
// a generic one written ProductPage for Page[Product].
func (b *Builder) name(t reflect.Type) string {
	if n, ok := b.Names[t]; ok {
		return n
	}
	n := t.Name()
	if base, arg, generic := strings.Cut(n, "["); generic {
		arg = strings.TrimSuffix(arg, "]")
		arg = arg[strings.LastIndexByte(arg, '.')+1:]
		n = arg + base
	}
	return n
}
