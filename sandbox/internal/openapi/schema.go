package openapi

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Schema is a JSON Schema (draft 2020-12), as OpenAPI 3.1 writes one.
type Schema struct {
	Ref         string `json:"$ref,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Type is a JSON type name, or a list of them ([]string{"string",
	// "null"}); nil for any type.
	Type      any             `json:"type,omitempty"`
	Format    string          `json:"format,omitempty"`
	Pattern   string          `json:"pattern,omitempty"`
	Enum      []any           `json:"enum,omitempty"`
	Const     any             `json:"const,omitempty"`
	Default   json.RawMessage `json:"default,omitempty"`
	MinLength *int            `json:"minLength,omitempty"`
	MaxLength *int            `json:"maxLength,omitempty"`
	Minimum   *float64        `json:"minimum,omitempty"`
	Maximum   *float64        `json:"maximum,omitempty"`
	MinItems  *int            `json:"minItems,omitempty"`
	MaxItems  *int            `json:"maxItems,omitempty"`
	// Properties and Required describe an object's members;
	// AdditionalProperties is a *Schema, or false for a closed object.
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties any                `json:"additionalProperties,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	PrefixItems          []*Schema          `json:"prefixItems,omitempty"`
	OneOf                []*Schema          `json:"oneOf,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	Discriminator        *Discriminator     `json:"discriminator,omitempty"`
	Examples             []any              `json:"examples,omitempty"`
}

// Discriminator names the member whose value picks a oneOf branch.
type Discriminator struct {
	PropertyName string            `json:"propertyName"`
	Mapping      map[string]string `json:"mapping,omitempty"`
}

// Ref returns a reference to a component schema.
func Ref(name string) *Schema { return &Schema{Ref: "#/components/schemas/" + name} }

// Int returns a pointer to n, for the bounds of a Schema.
func Int(n int) *int { return &n }

// Typed returns a schema of one JSON type.
func Typed(t string) *Schema { return &Schema{Type: t} }

// Const returns a schema that holds exactly v.
func Const(v any) *Schema { return &Schema{Const: v} }

// Nullable returns s that also takes null: a type list gains "null", a
// reference or an untyped schema becomes anyOf with null.
func Nullable(s *Schema) *Schema {
	switch t := s.Type.(type) {
	case string:
		c := *s
		c.Type = []string{t, "null"}
		return &c
	case []string:
		return s
	}
	if s.Ref == "" && s.Const == nil && s.Enum == nil && s.OneOf == nil && s.AnyOf == nil {
		return s // any type already takes null
	}
	return &Schema{AnyOf: []*Schema{s, Typed("null")}}
}

// Object returns an object schema with the given members, every one of
// required present.
func Object(props map[string]*Schema, required ...string) *Schema {
	return &Schema{Type: "object", Properties: props, Required: required}
}

// ArrayOf returns an array schema of items.
func ArrayOf(items *Schema) *Schema { return &Schema{Type: "array", Items: items} }

// placeholder matches a message format's verb.
var placeholder = regexp.MustCompile(`%[sdvq]`)

// Message returns the schema of a catalogue message: the text itself, or,
// for a format with verbs (%s), a pattern where each verb stands for any
// non-empty text.
func Message(format string) *Schema {
	if !placeholder.MatchString(format) {
		return Const(format)
	}
	parts := placeholder.Split(format, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return &Schema{Type: "string", Pattern: "^" + strings.Join(parts, ".+") + "$", Examples: []any{fmt.Sprintf(placeholder.ReplaceAllString(format, "%s"), exampleArgs(len(parts)-1)...)}}
}

func exampleArgs(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = "X"
	}
	return out
}
