package scenarios_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/runner"
	"go.yaml.in/yaml/v3"
)

// twoCheckoutSuite is the folder of the 2Checkout suites in Bundled.
const twoCheckoutSuite = scenarios.BundledSuites + "/twocheckout"

// expectedErrors returns the JSON-RPC errors the 2Checkout suites expect:
// the error objects under an expect's body, as "<error_code> <code> <message>",
// each with where it is.
func expectedErrors(t *testing.T) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	err := fs.WalkDir(scenarios.Bundled(), twoCheckoutSuite, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(scenarios.Bundled(), p)
		if err != nil {
			return err
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return err
		}
		var walk func(n *yaml.Node, inExpect bool)
		walk = func(n *yaml.Node, inExpect bool) {
			n = jsonnode.Resolve(n)
			for i, c := range n.Content {
				if n.Kind != yaml.MappingNode || i%2 == 0 {
					if n.Kind != yaml.MappingNode {
						walk(c, inExpect)
					}
					continue
				}
				key := n.Content[i-1].Value
				if inExpect && key == "error" {
					if v, err := jsonnode.ToJSON(c, nil); err == nil {
						var e twocheckout.ErrorObject
						if json.Unmarshal(v, &e) == nil && e.Data.ErrorCode != "" {
							k := fmt.Sprintf("%s %d %s", e.Data.ErrorCode, e.Code, e.Message)
							found[k] = append(found[k], fmt.Sprintf("%s:%d", p, c.Line))
						}
					}
				}
				walk(c, inExpect || key == "expect")
			}
		}
		walk(&root, false)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEveryTwoCheckoutErrorIsExpectedBySomeScenario: each catalogue entry
// the sandbox answers over HTTP (each text of a code with two) is expected
// by a bundled scenario, with its numeric code; every expected error is in
// the catalogue. The Go tests cover what a scenario cannot cause: a store
// failure (INTERNAL_ERROR).
func TestEveryTwoCheckoutErrorIsExpectedBySomeScenario(t *testing.T) {
	found := expectedErrors(t)
	matched := map[string]bool{}
	for _, e := range twocheckout.Catalogue() {
		if twocheckout.Unanswered[e.ID] || e.ID == twocheckout.ErrInternal {
			continue
		}
		re := regexp.MustCompile("^" + regexp.QuoteMeta(fmt.Sprintf("%s %d ", e.ErrorCode, e.Code)) + strings.ReplaceAll(regexp.QuoteMeta(e.Message), "%s", ".+") + "$")
		hit := false
		for k := range found {
			if re.MatchString(k) {
				hit, matched[k] = true, true
			}
		}
		if !hit {
			t.Errorf("no 2Checkout scenario expects %s %q", e.ErrorCode, e.Message)
		}
	}
	for k, where := range found {
		if !matched[k] {
			t.Errorf("%v expect %q, which is no catalogue entry", where, k)
		}
	}
}

// TestTwoCheckoutSuitesCoverTheMethodsAndTopics: every method of the API
// is called by some rpc step (login by rpc_login), and the topics the
// suites promise are tagged.
func TestTwoCheckoutSuitesCoverTheMethodsAndTopics(t *testing.T) {
	files, err := scenarios.LoadFS(scenarios.Bundled(), twoCheckoutSuite)
	if err != nil {
		t.Fatal(err)
	}
	called := map[string]bool{}
	tags := map[string]bool{}
	for _, f := range files {
		for _, s := range f.Scenarios {
			for _, tag := range s.Tags {
				tags[tag] = true
			}
			if !s.HasTag([]string{"twocheckout"}) {
				t.Errorf("%s: %q is not tagged twocheckout", f.Path, s.Name)
			}
			for _, st := range s.Steps {
				if st.Kind != scenarios.KindRPC && st.Kind != scenarios.KindRPCLogin {
					continue
				}
				body, err := st.Request.BodyJSON()
				var req struct{ Method string }
				if err != nil || json.Unmarshal(body, &req) != nil {
					t.Fatalf("%s %s: %v", f.Path, st.ID, err)
				}
				called[req.Method] = true
			}
		}
	}
	for _, m := range twocheckout.Methods() {
		if !called[m] {
			t.Errorf("no 2Checkout scenario calls %s", m)
		}
	}
	for _, tag := range []string{"login", "login-failure", "clock", "envelope", "fields", "products", "promotions", "cross-sell",
		"renewal", "installments", "orders", "errors", "ipn", "vat", "seed"} {
		if !tags[tag] {
			t.Errorf("no 2Checkout scenario is tagged %q", tag)
		}
	}
}

// TestTwoCheckoutDocScenario: the scenario of docs/twocheckout.md parses
// and passes in-process.
func TestTwoCheckoutDocScenario(t *testing.T) {
	raw, err := os.ReadFile("../docs/twocheckout.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	const fence = "```yaml scenario\n"
	i := strings.Index(doc, fence)
	j := strings.Index(doc[i+len(fence):], "```\n")
	if i < 0 || j < 0 {
		t.Fatal("docs/twocheckout.md holds no scenario")
	}
	f, err := scenarios.Parse("twocheckout.md", []byte(doc[i+len(fence):i+len(fence)+j]))
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(context.Background(), f.Scenarios, runner.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Scenarios[0]; s.Status != runner.Passed {
		t.Errorf("%s: %s", s.Status, describe(s))
	}
}
