package scenarios_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/scenarios"
	"go.yaml.in/yaml/v3"
)

// expectedMessages returns the "message" strings the suites expect in a
// body, and the strings of the "message" lists.
func expectedMessages(t *testing.T) map[string]bool {
	t.Helper()
	found := map[string]bool{}
	for _, file := range suiteFiles(t) {
		data, err := fs.ReadFile(scenarios.Bundled(), file)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			t.Fatal(err)
		}
		var walk func(n *yaml.Node, inExpect bool)
		walk = func(n *yaml.Node, inExpect bool) {
			if n.Kind == yaml.AliasNode {
				n = n.Alias
			}
			for i, c := range n.Content {
				if n.Kind == yaml.MappingNode && i%2 == 1 {
					key := n.Content[i-1].Value
					if inExpect && key == "message" {
						found[c.Value] = true
						for _, item := range c.Content {
							found[item.Value] = true
						}
					}
					walk(c, inExpect || key == "expect")
					continue
				}
				walk(c, inExpect)
			}
		}
		walk(&root, false)
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
