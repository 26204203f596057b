package twocheckout

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// rule refines a field that reflection over a wire type describes: what the
// Go type cannot say (required, allowed values, bounds, the reference's
// words). Rules are keyed by the field's dotted path inside the object, with
// "[]" after an array ("Items[].Quantity").
type rule struct {
	required  bool
	enum      []string
	min, max  *float64
	maxLength int
	format    string
	def       string
	doc       string
	// typ overrides the JSON type reflection gives.
	typ schema.Type
}

var (
	amountType  = reflect.TypeFor[Amount]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	codeRefType = reflect.TypeFor[Code]()
)

// param returns a positional parameter of a scalar type.
func param(name string, t schema.Type, required bool, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: t, Required: required, Doc: doc}
}

// objectParam returns a positional parameter holding a T, its fields
// described by reflection over T and refined by rules.
func objectParam[T any](name string, required bool, doc string, rules map[string]rule) *schema.Field {
	return &schema.Field{Name: name, Type: schema.Object, Required: required, Doc: doc,
		Fields: fieldsOf(reflect.TypeFor[T](), "", rules)}
}

// fieldsOf describes the JSON fields of a struct type, in declaration order.
// Every field inside an object may be null, which counts as absent.
func fieldsOf(t reflect.Type, prefix string, rules map[string]rule) []*schema.Field {
	var out []*schema.Field
	for sf := range t.Fields() {
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		path := prefix + name
		f := &schema.Field{Name: name, Nullable: true}
		describe(f, sf.Type, path, rules)
		r := rules[path]
		f.Required, f.Enum, f.Minimum, f.Maximum = r.required, r.enum, r.min, r.max
		f.MaxLength, f.Format, f.Default, f.Doc = r.maxLength, r.format, r.def, r.doc
		if r.typ != "" {
			f.Type, f.Fields, f.Items = r.typ, nil, nil
		}
		out = append(out, f)
	}
	return out
}

// describe sets the JSON type of f from the Go type t.
func describe(f *schema.Field, t reflect.Type, path string, rules map[string]rule) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == amountType:
		f.Type = schema.Number
	case t == rawType:
		f.Type = schema.Any
	case t == codeRefType:
		// Promotion.Products[].Code is an "Integer" in the seed and a string
		// everywhere else: either is accepted.
		f.Type = schema.Any
	}
	if f.Type != "" {
		return
	}
	switch t.Kind() {
	case reflect.String:
		f.Type = schema.String
	case reflect.Bool:
		f.Type = schema.Boolean
	case reflect.Int, reflect.Int64:
		f.Type = schema.Integer
	case reflect.Struct:
		f.Type = schema.Object
		f.Fields = fieldsOf(t, path+".", rules)
	case reflect.Slice:
		f.Type = schema.Array
		elem := t.Elem()
		if elem.Kind() == reflect.Struct && elem != amountType {
			f.Fields = fieldsOf(elem, path+"[].", rules)
			return
		}
		f.Items = &schema.Field{Name: f.Name, Nullable: true}
		describe(f.Items, elem, path+"[]", rules)
	default:
		f.Type = schema.Any
	}
}

// vendorCodes map a field's schema path ("Order.Items[].Quantity") to the
// vendor error a bad value there answers. A key names a field and covers
// the fields inside it; a key ending in "." covers only the fields inside
// (so that a parameter of the wrong type stays -32602). The nearest key
// wins; where none matches, the answer is -32602 Invalid params.
type vendorCodes map[string]func(leaf string) *Error

// fixed returns a vendorCodes entry that ignores the field name.
func fixed(id ErrID) func(string) *Error { return func(string) *Error { return fail(id) } }

// named returns a vendorCodes entry whose message names the field.
func named(id ErrID) func(string) *Error { return func(leaf string) *Error { return fail(id, leaf) } }

// lookup finds the vendor error for a schema path, trying its ancestors.
func (vc vendorCodes) lookup(spath string) func(string) *Error {
	if fn, ok := vc[spath]; ok {
		return fn
	}
	for {
		i := max(strings.LastIndexByte(spath, '.'), strings.LastIndex(spath, "[]"))
		if i <= 0 {
			return nil
		}
		spath = spath[:i]
		if fn, ok := vc[spath]; ok {
			return fn
		}
		if fn, ok := vc[spath+"."]; ok {
			return fn
		}
	}
}

// checker checks decoded JSON values against a parameter table and returns
// clean copies: only the table's fields, enum values in their canonical
// spelling, integers written without a fraction.
type checker struct {
	codes vendorCodes
}

// bad returns the error for the value at path (with indices) and spath
// (without): the vendor's where one exists, else -32602.
func (c checker) bad(path, spath, leaf, reason string) *Error {
	if fn := c.codes.lookup(spath); fn != nil {
		return fn(leaf).hint("%s %s", path, reason)
	}
	return fail(ErrInvalidParams, path+" "+reason)
}

// value checks v against f.
func (c checker) value(f *schema.Field, path, spath string, v any) (any, *Error) {
	if v == nil {
		if f.Nullable {
			return nil, nil
		}
		return nil, c.bad(path, spath, f.Name, "must not be null")
	}
	switch f.Type {
	case schema.String:
		s, ok := v.(string)
		if !ok {
			return nil, c.bad(path, spath, f.Name, "must be a string")
		}
		if f.MaxLength > 0 && utf8.RuneCountInString(s) > f.MaxLength {
			return nil, c.bad(path, spath, f.Name, fmt.Sprintf("must not exceed %d characters", f.MaxLength))
		}
		if len(f.Enum) > 0 {
			// Enum values match in any case (the seed sends 'visa' and
			// 'brl'); the clean value takes the table's spelling.
			for _, e := range f.Enum {
				if strings.EqualFold(e, s) {
					return e, nil
				}
			}
			return nil, c.bad(path, spath, f.Name, "must be one of "+strings.Join(f.Enum, ", "))
		}
		return s, nil
	case schema.Integer, schema.Number:
		n, ok := v.(json.Number)
		if !ok {
			return nil, c.bad(path, spath, f.Name, "must be a"+article(f.Type))
		}
		d, err := decimal.NewFromString(n.String())
		if err != nil || (f.Type == schema.Integer && (!d.IsInteger() || d.Abs().GreaterThan(maxInt))) {
			return nil, c.bad(path, spath, f.Name, "must be a"+article(f.Type))
		}
		if f.Minimum != nil && d.LessThan(decimal.NewFromFloat(*f.Minimum)) ||
			f.Maximum != nil && d.GreaterThan(decimal.NewFromFloat(*f.Maximum)) {
			return nil, c.bad(path, spath, f.Name, "is out of range"+bounds(f))
		}
		// An integer may be written 1.0 (as PHP's json_encode writes floats).
		if f.Type == schema.Integer {
			return json.Number(d.String()), nil
		}
		return n, nil
	case schema.Boolean:
		if _, ok := v.(bool); !ok {
			return nil, c.bad(path, spath, f.Name, "must be a boolean")
		}
		return v, nil
	case schema.Object:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, c.bad(path, spath, f.Name, "must be an object")
		}
		return c.object(f.Fields, path, spath, m)
	case schema.Array:
		arr, ok := v.([]any)
		if !ok {
			return nil, c.bad(path, spath, f.Name, "must be an array")
		}
		out := make([]any, len(arr))
		for i, el := range arr {
			epath, espath := fmt.Sprintf("%s[%d]", path, i), spath+"[]"
			var bad *Error
			if f.Fields != nil {
				m, ok := el.(map[string]any)
				if !ok {
					return nil, c.bad(epath, espath, f.Name, "must be an object")
				}
				out[i], bad = c.object(f.Fields, epath, espath, m)
			} else {
				out[i], bad = c.value(f.Items, epath, espath, el)
			}
			if bad != nil {
				return nil, bad
			}
		}
		return out, nil
	}
	return v, nil
}

// object checks the fields of an object in table order; unknown keys are
// dropped, as the vendor ignores them.
func (c checker) object(fields []*schema.Field, path, spath string, m map[string]any) (map[string]any, *Error) {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		fpath, fspath := path+"."+f.Name, spath+"."+f.Name
		v, present := m[f.Name]
		if !present || v == nil {
			if f.Required {
				return nil, c.bad(fpath, fspath, f.Name, "is required")
			}
			continue
		}
		clean, bad := c.value(f, fpath, fspath, v)
		if bad != nil {
			return nil, bad
		}
		out[f.Name] = clean
	}
	return out, nil
}

var maxInt = decimal.NewFromInt(1 << 53)

func article(t schema.Type) string {
	if t == schema.Integer {
		return "n integer"
	}
	return " number"
}

func bounds(f *schema.Field) string {
	switch {
	case f.Minimum != nil && f.Maximum != nil:
		return fmt.Sprintf(" %g…%g", *f.Minimum, *f.Maximum)
	case f.Minimum != nil:
		return fmt.Sprintf(": at least %g", *f.Minimum)
	default:
		return fmt.Sprintf(": at most %g", *f.Maximum)
	}
}

// arity describes how many parameters a table takes, for -32602's text.
func arity(b *schema.Body) (min int, text string) {
	names := make([]string, len(b.Fields))
	for i, f := range b.Fields {
		names[i] = f.Name
		if f.Required {
			min = i + 1
		}
	}
	n := fmt.Sprint(len(b.Fields))
	if min < len(b.Fields) {
		n = fmt.Sprintf("%d to %d", min, len(b.Fields))
	}
	word := "parameters"
	if len(b.Fields) == 1 {
		word = "parameter"
	}
	return min, fmt.Sprintf("%s takes %s %s (%s)", b.Name, n, word, strings.Join(names, ", "))
}
