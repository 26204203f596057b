// Package vars expands the ${…} templates of scenario files: the token of
// the last login, the run's credentials (Noventiq's username and password,
// Solifyn's API key), and values captured from earlier responses such as
// ${steps.link.body.external_id}.
package vars

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// The names a template may use besides steps.<id>.….
const (
	Token    = "token"
	Username = "username"
	Password = "password"
	// SolifynKey is the Solifyn API key of the run.
	SolifynKey = "solifyn.api_key"
	// The 2Checkout names: the merchant code and secret key rpc_login signs
	// with, the session of the last rpc_login, and the date and hash that
	// login sent.
	TwoCheckoutMerchant  = "twocheckout.merchant_code"
	TwoCheckoutSecret    = "twocheckout.secret_key"
	TwoCheckoutSession   = "twocheckout.session"
	TwoCheckoutLoginDate = "twocheckout.login_date"
	TwoCheckoutLoginHash = "twocheckout.login_hash"
)

// Ref is one ${…} reference.
type Ref struct {
	// Name is the whole text between the braces.
	Name string
	// Step is the id of the step a steps.<id>.… reference reads; empty for
	// the plain names.
	Step string
	// Part is "status", "body" or "headers" for a step reference.
	Part string
	// Path is the path into the body, or the header name.
	Path string
}

var stepID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Refs parses every reference of s. It fails on an unclosed ${ or an
// unknown name.
func Refs(s string) ([]Ref, error) {
	var refs []Ref
	err := scan(s, func(lit string) {}, func(r Ref) { refs = append(refs, r) })
	return refs, err
}

// HasRefs reports whether s holds a template, without checking it.
func HasRefs(s string) bool {
	return strings.Contains(strings.ReplaceAll(s, "$${", ""), "${")
}

// scan walks s, calling lit for literal text and ref for references.
func scan(s string, lit func(string), ref func(Ref)) error {
	for s != "" {
		i := strings.Index(s, "${")
		if i < 0 {
			lit(s)
			return nil
		}
		if i > 0 && s[i-1] == '$' {
			lit(s[:i])
			lit("{")
			s = s[i+2:]
			continue
		}
		if i > 0 {
			lit(s[:i])
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("unclosed ${ in %q", s)
		}
		r, err := parseRef(s[i+2 : i+j])
		if err != nil {
			return err
		}
		ref(r)
		s = s[i+j+1:]
	}
	return nil
}

func parseRef(name string) (Ref, error) {
	r := Ref{Name: name}
	switch name {
	case Token, Username, Password, SolifynKey, TwoCheckoutMerchant, TwoCheckoutSecret, TwoCheckoutSession, TwoCheckoutLoginDate, TwoCheckoutLoginHash:
		return r, nil
	}
	rest, ok := strings.CutPrefix(name, "steps.")
	if !ok {
		return r, fmt.Errorf("unknown variable ${%s}: use ${token}, ${username}, ${password}, ${solifyn.api_key}, ${twocheckout.session}, ${twocheckout.merchant_code}, ${twocheckout.secret_key} or ${steps.<id>.body.<path>}", name)
	}
	id, rest, _ := strings.Cut(rest, ".")
	if !stepID.MatchString(id) {
		return r, fmt.Errorf("${%s}: %q is not a step id", name, id)
	}
	r.Step = id
	part, path := rest, ""
	if i := strings.IndexAny(rest, ".["); i >= 0 {
		part, path = rest[:i], strings.TrimPrefix(rest[i:], ".")
	}
	r.Part, r.Path = part, path
	switch {
	case part == "status" && path == "":
	case part == "body":
		if _, err := splitPath(path); err != nil {
			return r, fmt.Errorf("${%s}: %w", name, err)
		}
	case part == "headers" && path != "":
	default:
		return r, fmt.Errorf("${%s}: use steps.%s.status, steps.%s.body.<path> or steps.%s.headers.<name>", name, id, id, id)
	}
	return r, nil
}

// Capture is what a step's response left for later steps.
type Capture struct {
	Status int
	Header http.Header
	// Body is the decoded JSON body (numbers as json.Number), or nil.
	Body any
}

// Scope is what templates can read. Its zero value is empty.
type Scope struct {
	vars  map[string]string
	steps map[string]*Capture
}

// Set sets a plain variable (token, username, password, solifyn.api_key, …).
func (s *Scope) Set(name, value string) {
	if s.vars == nil {
		s.vars = map[string]string{}
	}
	s.vars[name] = value
}

// Get returns a plain variable.
func (s *Scope) Get(name string) (string, bool) {
	v, ok := s.vars[name]
	return v, ok
}

// Capture records a step's response under its id.
func (s *Scope) Capture(id string, c *Capture) {
	if s.steps == nil {
		s.steps = map[string]*Capture{}
	}
	s.steps[id] = c
}

// Expand replaces the references of s. When s is exactly one reference,
// the referenced value is returned as it is (a number stays a number);
// otherwise the result is a string.
func (s *Scope) Expand(str string) (any, error) {
	type segment struct {
		lit string
		ref *Ref
	}
	var segs []segment
	err := scan(str, func(l string) { segs = append(segs, segment{lit: l}) }, func(r Ref) { segs = append(segs, segment{ref: &r}) })
	if err != nil {
		return nil, err
	}
	if len(segs) == 1 && segs[0].ref != nil {
		return s.lookup(*segs[0].ref)
	}
	var b strings.Builder
	for _, seg := range segs {
		if seg.ref == nil {
			b.WriteString(seg.lit)
			continue
		}
		v, err := s.lookup(*seg.ref)
		if err != nil {
			return nil, err
		}
		b.WriteString(Text(v))
	}
	return b.String(), nil
}

// ExpandString is Expand with the result written as text.
func (s *Scope) ExpandString(str string) (string, error) {
	v, err := s.Expand(str)
	if err != nil {
		return "", err
	}
	return Text(v), nil
}

// Text writes a JSON value as text: strings as they are, anything else as
// compact JSON.
func Text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *Scope) lookup(r Ref) (any, error) {
	if r.Step == "" {
		v, ok := s.vars[r.Name]
		if !ok {
			return nil, fmt.Errorf("${%s} is not set", r.Name)
		}
		return v, nil
	}
	c, ok := s.steps[r.Step]
	if !ok {
		return nil, fmt.Errorf("${%s}: step %q has no response", r.Name, r.Step)
	}
	switch r.Part {
	case "status":
		return json.Number(strconv.Itoa(c.Status)), nil
	case "headers":
		if vs := c.Header.Values(r.Path); len(vs) > 0 {
			return strings.Join(vs, ", "), nil
		}
		return nil, fmt.Errorf("${%s}: the response has no header %s", r.Name, r.Path)
	}
	v, err := Lookup(c.Body, r.Path)
	if err != nil {
		return nil, fmt.Errorf("${%s}: %w", r.Name, err)
	}
	return v, nil
}

// Lookup returns the value at a path such as "errors[0].message" (or
// "errors.0.message") in a decoded JSON value; "" is the value itself.
func Lookup(v any, path string) (any, error) {
	steps, err := splitPath(path)
	if err != nil {
		return nil, err
	}
	at := "body"
	for _, st := range steps {
		switch t := v.(type) {
		case map[string]any:
			x, ok := t[st]
			if !ok {
				return nil, fmt.Errorf("%s has no key %q", at, st)
			}
			v, at = x, at+"."+st
		case []any:
			i, err := strconv.Atoi(st)
			if err != nil || i < 0 || i >= len(t) {
				return nil, fmt.Errorf("%s has no element %s (length %d)", at, st, len(t))
			}
			v, at = t[i], fmt.Sprintf("%s[%d]", at, i)
		default:
			return nil, fmt.Errorf("%s is not an object or array", at)
		}
	}
	return v, nil
}

// splitPath splits "a.b[0].c" into a, b, 0, c.
func splitPath(path string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(path, ".") {
		key, idx, _ := strings.Cut(part, "[")
		if key != "" {
			out = append(out, key)
		}
		for idx != "" {
			n, rest, ok := strings.Cut(idx, "]")
			if _, err := strconv.Atoi(n); !ok || err != nil {
				return nil, fmt.Errorf("bad index in path %q", path)
			}
			out = append(out, n)
			idx = strings.TrimPrefix(rest, "[")
			if rest != "" && !strings.HasPrefix(rest, "[") {
				return nil, fmt.Errorf("bad index in path %q", path)
			}
		}
	}
	return out, nil
}
