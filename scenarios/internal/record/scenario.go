package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"go.yaml.in/yaml/v3"
)

// Redacted replaces secrets that cannot be turned into ${…} names.
const Redacted = "[redacted]"

// Scenario writes the exchanges as a scenario file named name.
func Scenario(name, target string, exchanges []Exchange) ([]byte, error) {
	c := &converter{ids: map[string]bool{}, captures: map[value]string{}, sent: map[string]bool{}, tokens: map[string]bool{}}
	steps := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, ex := range exchanges {
		steps.Content = append(steps.Content, c.step(ex))
	}
	sc := mapping(
		"name", jsonnode.String(name),
		"tags", &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Content: []*yaml.Node{jsonnode.String("recorded")}},
		"steps", steps,
	)
	root := mapping(
		"version", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(scenarios.Version)},
		"scenarios", &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{sc}},
	)
	root.HeadComment = "Recorded by flashcart record from " + target + ".\n" +
		"Passwords and tokens are redacted; ids, tokens and dates are captures (${steps.…}) and matchers."
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	return buf.Bytes(), nil
}

// converter holds what earlier exchanges taught about later ones.
type converter struct {
	ids map[string]bool
	// captures maps a volatile value (its kind and text) to the reference
	// that reads it from the response it first appeared in.
	captures map[value]string
	// sent holds every value a request has sent: inputs are not volatile.
	sent     map[string]bool
	tokens   map[string]bool
	loggedIn bool
}

func (c *converter) step(ex Exchange) *yaml.Node {
	id := c.id(ex.Path)
	step := mapping("id", jsonnode.String(id))
	if ex.Method == http.MethodPost && ex.Path == noventiq.LoginPath && ex.Status == http.StatusOK {
		// The runner logs in with its own credentials.
		add(step, "login", &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle})
		c.loggedIn = true
	} else {
		add(step, "request", c.request(ex))
	}
	expect := mapping("status", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(ex.Status)})
	if body, ok := c.responseBody(id, ex); ok {
		add(expect, "body", body)
	}
	add(step, "expect", expect)
	return step
}

// id names a step after the last word of its path, unique in the file.
func (c *converter) id(path string) string {
	base := "step"
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		s := strings.Trim(nonID.ReplaceAllString(segs[i], "_"), "_")
		if _, captured := c.ref(segs[i], anyKind); s != "" && !digits.MatchString(s) && !captured {
			base = s
			break
		}
	}
	if base == "login_check" {
		base = "login"
	}
	id := base
	for n := 2; c.ids[id]; n++ {
		id = fmt.Sprintf("%s_%d", base, n)
	}
	c.ids[id] = true
	return id
}

var (
	nonID  = regexp.MustCompile(`[^A-Za-z0-9_-]+`)
	digits = regexp.MustCompile(`^\d+$`)
)

// noise are request headers a replay sets itself or that say nothing about
// the API.
var noise = map[string]bool{
	"Host": true, "User-Agent": true, "Accept": true, "Accept-Encoding": true, "Content-Length": true,
	"Connection": true, "X-Forwarded-For": true, "X-Forwarded-Host": true, "X-Forwarded-Proto": true,
}

func (c *converter) request(ex Exchange) *yaml.Node {
	req := mapping("method", jsonnode.String(ex.Method), "path", jsonnode.String(c.path(ex.Path)))
	if q, err := url.ParseQuery(ex.RawQuery); err == nil && len(q) > 0 {
		query := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range sortedKeys(q) {
			add(query, k, jsonnode.String(c.template(q.Get(k))))
		}
		add(req, "query", query)
	}
	login := ex.Path == noventiq.LoginPath
	headers := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, k := range sortedKeys(ex.Header) {
		v := ex.Header.Get(k)
		switch {
		case noise[k]:
		case k == "Content-Type" && len(ex.Body) > 0 && v == "application/json":
			// sent by default with a body
		case k == http.CanonicalHeaderKey(noventiq.TokenHeader) || k == "Authorization":
			scheme, tok, _ := strings.Cut(v, " ")
			if c.tokens[tok] && k != "Authorization" {
				continue // the runner sends the login's token itself
			}
			if c.tokens[tok] {
				tok = "${token}"
			} else if tok != "" {
				tok = Redacted
			}
			add(headers, headerName(k), jsonnode.String(strings.TrimSpace(scheme+" "+tok)))
		default:
			add(headers, k, jsonnode.String(jsonnode.Escaped(jsonnode.String(v)).Value))
		}
	}
	if len(ex.Body) > 0 && ex.Header.Get("Content-Type") == "" {
		add(headers, "Content-Type", jsonnode.String(""))
	}
	if len(headers.Content) > 0 {
		add(req, "headers", headers)
	}
	if c.loggedIn && ex.Header.Get(noventiq.TokenHeader) == "" && !login {
		add(req, "auth", jsonnode.String("none"))
	}
	if len(ex.Body) == 0 {
		return req
	}
	if body, err := jsonnode.FromJSON(ex.Body); err == nil {
		if login && body.Kind == yaml.MappingNode {
			redactPassword(body)
		}
		add(req, "body", c.templates(body))
		return req
	}
	raw := string(ex.Body)
	if login {
		raw = passwordRE.ReplaceAllString(raw, `${1}`+Redacted+`"`)
	}
	add(req, "body_raw", jsonnode.String(jsonnode.Escaped(jsonnode.String(raw)).Value))
	return req
}

// passwordRE finds the password of a login body that is not valid JSON,
// to its closing quote or the end of the body.
var passwordRE = regexp.MustCompile(`("password"\s*:\s*")(?:[^"\\]|\\.)*"?`)

// redactPassword replaces the password of a login body.
func redactPassword(body *yaml.Node) {
	for i := 0; i+1 < len(body.Content); i += 2 {
		if body.Content[i].Value == "password" {
			body.Content[i+1] = jsonnode.String(Redacted)
		}
	}
}

// headerName spells the token header as the vendor documents it.
func headerName(k string) string {
	if k == http.CanonicalHeaderKey(noventiq.TokenHeader) {
		return noventiq.TokenHeader
	}
	return k
}

// path replaces the captured values among the path's segments.
func (c *converter) path(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if ref, ok := c.ref(s, anyKind); ok {
			segs[i] = "${" + ref + "}"
		}
	}
	return strings.Join(segs, "/")
}

// template returns the reference of a captured value, or the value escaped.
func (c *converter) template(v string) string {
	if ref, ok := c.ref(v, anyKind); ok {
		return "${" + ref + "}"
	}
	return jsonnode.Escaped(jsonnode.String(v)).Value
}

// templates replaces captured values in a request body by references.
func (c *converter) templates(n *yaml.Node) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		out := *n
		out.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 {
				out.Content[i] = k
				continue
			}
			out.Content[i] = c.templates(k)
		}
		return &out
	}
	if n.ShortTag() == "!!null" || n.ShortTag() == "!!bool" {
		return n
	}
	if ref, ok := c.ref(n.Value, kindOf(n)); ok {
		return jsonnode.String("${" + ref + "}")
	}
	return jsonnode.Escaped(n)
}

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(kv); i += 2 {
		add(n, kv[i].(string), kv[i+1].(*yaml.Node))
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, jsonnode.String(key), v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// requestValues are the scalar texts a request sent: a response that
// echoes one of them is not volatile.
func requestValues(ex Exchange) map[string]bool {
	vals := map[string]bool{}
	for _, s := range strings.Split(ex.Path, "/") {
		vals[s] = true
	}
	if q, err := url.ParseQuery(ex.RawQuery); err == nil {
		for _, vs := range q {
			for _, v := range vs {
				vals[v] = true
			}
		}
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(ex.Body))
	dec.UseNumber()
	if dec.Decode(&v) == nil {
		walkScalars(v, func(s string) { vals[s] = true })
	}
	return vals
}

func walkScalars(v any, fn func(string)) {
	switch t := v.(type) {
	case map[string]any:
		for _, x := range t {
			walkScalars(x, fn)
		}
	case []any:
		for _, x := range t {
			walkScalars(x, fn)
		}
	case string:
		fn(t)
	case json.Number:
		fn(string(t))
	}
}
