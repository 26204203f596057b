package record

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"go.yaml.in/yaml/v3"
)

// kind is the JSON type of a captured value: a reference to a number must
// not replace a string, or the replay would send another type.
type kind byte

const (
	anyKind kind = iota
	stringKind
	numberKind
)

type value struct {
	kind kind
	text string
}

func kindOf(n *yaml.Node) kind {
	switch n.ShortTag() {
	case "!!int", "!!float":
		return numberKind
	case "!!str":
		return stringKind
	}
	return anyKind
}

// minCaptureLen keeps short values (1, "EUR") from being mistaken for ids.
const minCaptureLen = 4

// ref returns the reference of a captured value of the kind (anyKind:
// either).
func (c *converter) ref(text string, k kind) (string, bool) {
	if len(text) < minCaptureLen {
		return "", false
	}
	for _, kk := range []kind{stringKind, numberKind} {
		if k == anyKind || k == kk {
			if r, ok := c.captures[value{kk, text}]; ok {
				return r, true
			}
		}
	}
	return "", false
}

var (
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$`)
	runRE  = regexp.MustCompile(`\d{5,}|[0-9a-f]{16,}`)
	hostRE = regexp.MustCompile(`^https?://[^/]+`)
)

// stableIDs are *_id keys that name configuration, not something made.
var stableIDs = map[string]bool{"product_id": true, "market_id": true}

// volatileKey reports whether a key holds ids the server makes.
func volatileKey(k string) bool {
	if stableIDs[k] {
		return false
	}
	return k == "id" || k == "ids" || k == "external_id" || k == "order_name" ||
		strings.HasSuffix(k, "_id") || strings.HasSuffix(k, "_ids")
}

// tokenKey reports whether a key holds a secret token.
func tokenKey(k string) bool { return k == "token" || strings.HasSuffix(k, "_token") }

// responseBody writes a response body as an expectation: volatile values
// become matchers (registered as captures for later steps), values seen in
// earlier responses become ${steps.…} references. It is false when the
// body is not JSON or not worth checking.
func (c *converter) responseBody(id string, ex Exchange) (*yaml.Node, bool) {
	echo := requestValues(ex)
	for v := range echo {
		c.sent[v] = true
	}
	if environmental(ex.Path) || len(ex.RespBody) == 0 {
		return nil, false
	}
	body, err := jsonnode.FromJSON(ex.RespBody)
	if err != nil {
		return nil, false
	}
	return c.generalize(body, "steps."+id+".body", "", echo), true
}

// environmental reports whether a path answers about the environment
// rather than the API: the journal (latencies) and the clock (live when
// recorded, frozen when replayed in-process). Their bodies are not checked.
func environmental(path string) bool {
	return strings.HasPrefix(path, "/_sandbox/journal") || path == "/_sandbox/clock"
}

func (c *converter) generalize(n *yaml.Node, path, key string, echo map[string]bool) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			add(out, k, c.generalize(n.Content[i+1], path+"."+k, k, echo))
		}
		return out
	case yaml.SequenceNode:
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i, item := range n.Content {
			out.Content = append(out.Content, c.generalize(item, path+"["+strconv.Itoa(i)+"]", key, echo))
		}
		return out
	}
	k, text := kindOf(n), n.Value
	if k == anyKind {
		return n
	}
	if ref, ok := c.ref(text, k); ok {
		return jsonnode.String("${" + ref + "}")
	}
	switch {
	case k == stringKind && tokenKey(key):
		c.tokens[text] = true
		return matcher("$type", jsonnode.String("string"))
	case k == stringKind && dateRE.MatchString(text) && !echo[text]:
		return matcher("$regex", jsonnode.String(`^\d{4}-\d{2}-\d{2}`))
	case volatileKey(key) && !echo[text] && !c.sent[text]:
		if len(text) >= minCaptureLen {
			c.captures[value{k, text}] = path
		}
		if k == numberKind {
			return matcher("$type", jsonnode.String("number"))
		}
		return matcher("$regex", jsonnode.String("^"+shape(text)+"$"))
	case k == stringKind && hostRE.MatchString(text) && runRE.MatchString(text):
		return matcher("$regex", jsonnode.String("^https?://[^/]+"+shape(hostRE.ReplaceAllString(text, ""))+"$"))
	}
	return jsonnode.Escaped(n)
}

// shape is a pattern for values like s: digit runs and long hex runs are
// wildcards, the rest is literal.
func shape(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range runRE.FindAllStringIndex(s, -1) {
		b.WriteString(regexp.QuoteMeta(s[last:m[0]]))
		if strings.Trim(s[m[0]:m[1]], "0123456789") == "" {
			b.WriteString(`\d+`)
		} else {
			b.WriteString(`[0-9a-f]+`)
		}
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(s[last:]))
	return b.String()
}

func matcher(name string, v *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle, Content: []*yaml.Node{jsonnode.String(name), v}}
}
