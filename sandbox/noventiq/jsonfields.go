package noventiq

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
)

// bodyObject is a JSON object being read; Errs collects the problems found.
type bodyObject struct {
	m    map[string]json.RawMessage
	Errs []Error
}

// Parse reads a body that must be a JSON object; ok is false when it is
// not (the caller answers 110).
func parseObject(body []byte) (o *bodyObject, ok bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil || m == nil {
		return nil, false
	}
	return &bodyObject{m: m}, true
}

// Fail records a 3010 error for the field.
func (o *bodyObject) Fail(name string) { o.Errs = append(o.Errs, FieldError(name, name)) }

// Known records a 3010 error for every field not named, in name order.
func (o *bodyObject) Known(names ...string) {
	var unknown []string
	for k := range o.m {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
		}
	}
	slices.SortFunc(unknown, cmp.Compare)
	for _, k := range unknown {
		o.Fail(k)
	}
}

// get returns the raw field; ok is false when it is absent (an error when
// required) or null (always an error).
func (o *bodyObject) get(name string, required bool) (json.RawMessage, bool) {
	raw, present := o.m[name]
	switch {
	case !present:
		if required {
			o.Fail(name)
		}
		return nil, false
	case bytes.Equal(bytes.TrimSpace(raw), []byte("null")):
		o.Fail(name)
		return nil, false
	}
	return raw, true
}

// String reads a string field; ok is false when it is absent or bad.
func (o *bodyObject) String(name string, required bool) (string, bool) {
	return read[string](o, name, required)
}

// Bool reads a boolean field; ok is false when it is absent or bad.
func (o *bodyObject) Bool(name string, required bool) (bool, bool) {
	return read[bool](o, name, required)
}

func read[T any](o *bodyObject, name string, required bool) (T, bool) {
	var v T
	raw, ok := o.get(name, required)
	if !ok {
		return v, false
	}
	if json.Unmarshal(raw, &v) != nil {
		o.Fail(name)
		return v, false
	}
	return v, true
}
