package scenarios_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/scenarios"
)

// expectedMessages returns the "message" texts the suites' body
// expectations hold, alone or in a list.
func expectedMessages(t *testing.T) map[string]bool {
	t.Helper()
	found := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				if s, ok := c.(string); ok && k == "message" {
					found[s] = true
				}
				walk(c)
			}
		case []any:
			for _, c := range v {
				if s, ok := c.(string); ok {
					found[s] = true
				}
				walk(c)
			}
		}
	}
	for _, s := range load(t) {
		for _, st := range s.Steps {
			if st.Expect != nil && st.Expect.Body != nil {
				walk(st.Expect.Body.Render())
			}
		}
	}
	return found
}

func TestEverySolifynErrorIsExpectedBySomeScenario(t *testing.T) {
	found := expectedMessages(t)
	for _, f := range solifyn.Catalogue {
		if !found[f.Message] {
			t.Errorf("no bundled scenario expects %d %q", f.Status, f.Message)
		}
	}
}

// TestEverySolifynRouteIsCalledBySomeScenario: every API route, the hosted
// checkout and each action of the twin.
func TestEverySolifynRouteIsCalledBySomeScenario(t *testing.T) {
	routes := map[string]*regexp.Regexp{}
	add := func(method, template string) {
		re := regexp.QuoteMeta(template)
		re = strings.ReplaceAll(re, `\{id\}`, `[^/]+`)
		routes[method+" "+template] = regexp.MustCompile("^" + method + " " + re + "/?$")
	}
	for _, e := range solifyn.Endpoints() {
		add(e.Method, e.Path)
	}
	add("GET", solifyn.PathHostedCheckout)
	add("POST", solifyn.PathHostedCheckout)
	add("GET", solifyn.AssetsPath+"{id}")
	add("GET", solifyn.CheckoutTwinPath+"{id}")
	add("POST", solifyn.CheckoutTwinPath+"{id}/customer")
	add("POST", solifyn.CheckoutTwinPath+"{id}/pay")
	called := map[string]bool{}
	for _, s := range load(t) {
		for _, st := range s.Steps {
			call := st.Request.Method + " " + strings.ReplaceAll(st.Request.Path, scenarios.LinkPlaceholder, "x")
			for name, re := range routes {
				if re.MatchString(call) {
					called[name] = true
				}
			}
		}
	}
	for name := range routes {
		if !called[name] {
			t.Errorf("no bundled scenario calls %s", name)
		}
	}
}
