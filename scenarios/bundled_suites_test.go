// The bundled scenario suites are checked here: every file parses
// and matches the JSON Schema, every documented error code is expected by
// some scenario, every scenario passes in-process, and every answer of
// the first run matches its vendor's OpenAPI document (openapi_test.go).
package scenarios_test

import (
	"bytes"
	"context"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/runner"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func load(t *testing.T) []*scenarios.Scenario {
	t.Helper()
	files, err := scenarios.LoadFS(scenarios.Bundled(), scenarios.BundledSuites)
	if err != nil {
		t.Fatalf("the bundled suites do not parse:\n%v", err)
	}
	var list []*scenarios.Scenario
	for _, f := range files {
		list = append(list, f.Scenarios...)
	}
	if len(list) == 0 {
		t.Fatal("no bundled scenario found")
	}
	return list
}

func suiteFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(scenarios.Bundled(), scenarios.BundledSuites, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && scenarios.IsScenarioFile(p) {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("find suites: %v (%d files)", err, len(files))
	}
	return files
}

func TestBundledSuitesPass(t *testing.T) {
	list := load(t)
	// The first run's exchanges are checked against the OpenAPI documents.
	rc := &recorder{}
	for i, seed := range []uint64{1, 20260101} {
		opts := runner.Options{Seed: seed}
		if i == 0 {
			opts.Observe = rc.observe
		}
		res, err := runner.Run(context.Background(), list, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Scenarios {
			if s.Status != runner.Passed {
				t.Errorf("seed %d: %s:%d %q: %s %s", seed, s.Scenario.File, s.Scenario.Line, s.Scenario.Name, s.Status, describe(s))
			}
		}
	}
	if !t.Failed() {
		t.Run("openapi", func(t *testing.T) { checkOpenAPI(t, rc) })
	}
}

func describe(s *runner.ScenarioResult) string {
	var b bytes.Buffer
	b.WriteString(s.Reason)
	for _, st := range s.Steps {
		if st.Status == runner.Failed || st.Status == runner.Errored {
			b.WriteString("\n  step " + st.Step.ID + ": " + st.Reason)
			for _, p := range st.Problems {
				b.WriteString("\n    " + p.String())
			}
		}
	}
	return b.String()
}

// expectedCodes returns the error codes the suites expect in a response:
// the values of "error" keys under an expect's body.
func expectedCodes(t *testing.T) map[noventiq.Code][]string {
	codes := map[noventiq.Code][]string{}
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
					if inExpect && key == "error" && c.ShortTag() == "!!int" {
						code, _ := strconv.Atoi(c.Value)
						codes[noventiq.Code(code)] = append(codes[noventiq.Code(code)], file+":"+strconv.Itoa(c.Line))
					}
					walk(c, inExpect || key == "expect")
					continue
				}
				walk(c, inExpect)
			}
		}
		walk(&root, false)
	}
	return codes
}

func TestEveryCatalogueCodeIsExpectedBySomeScenario(t *testing.T) {
	codes := expectedCodes(t)
	for _, e := range noventiq.ErrorCatalogue {
		if len(codes[e.Code]) == 0 {
			t.Errorf("no bundled scenario expects error %d (%s)", e.Code, e.Message)
		}
	}
	for code, where := range codes {
		if _, ok := noventiq.LookupError(code); !ok {
			t.Errorf("%v expect error %d, which is not in the catalogue", where, code)
		}
	}
}

func TestBundledSuitesMatchTheSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile("schema/scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range suiteFiles(t) {
		data, err := fs.ReadFile(scenarios.Bundled(), file)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(yamlValue(t, data)); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
	// The schema must also refuse what the loader refuses.
	bad := map[string]string{
		"unknown key":      "version: 1\nscenarios: [{name: a, colour: red, steps: [{id: s, login: {}}]}]",
		"two actions":      "version: 1\nscenarios: [{name: a, steps: [{id: s, login: {}, clock: {advance: 1h}}]}]",
		"no action":        "version: 1\nscenarios: [{name: a, steps: [{id: s}]}]",
		"wrong version":    "version: 2\nscenarios: [{name: a, steps: [{id: s, login: {}}]}]",
		"unknown matcher":  "version: 1\nscenarios: [{name: a, steps: [{id: s, login: {}, expect: {body: {token: {$like: x}}}}]}]",
		"two bodies":       "version: 1\nscenarios: [{name: a, steps: [{id: s, request: {method: GET, path: /, body: {}, body_raw: x}}]}]",
		"bad step id":      "version: 1\nscenarios: [{name: a, steps: [{id: 'a b', login: {}}]}]",
		"status out range": "version: 1\nscenarios: [{name: a, steps: [{id: s, login: {}, expect: {status: 99}}]}]",
	}
	for name, doc := range bad {
		if schema.Validate(yamlValue(t, []byte(doc))) == nil {
			t.Errorf("the schema accepts a file with %s", name)
		}
		if _, err := scenarios.Parse("bad.yaml", []byte(doc)); err == nil {
			t.Errorf("the loader accepts a file with %s", name)
		}
	}
}

// yamlValue converts a YAML document to the JSON value the schema checks.
func yamlValue(t *testing.T, data []byte) any {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	b, err := jsonnode.ToJSON(&root, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The suites also run against the vendor, which sends no X-Sandbox-*
// diagnostics: no bundled expectation may depend on them.
func TestNoExpectationReadsSandboxDiagnostics(t *testing.T) {
	for _, file := range suiteFiles(t) {
		data, err := fs.ReadFile(scenarios.Bundled(), file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(strings.ToLower(line), "x-sandbox-") {
				t.Errorf("%s:%d expects a sandbox diagnostic header: %s", file, i+1, strings.TrimSpace(line))
			}
		}
	}
}

func TestSuitesCoverTheRequiredTopics(t *testing.T) {
	// Beyond the error codes, the suites must cover these topics, by tag.
	want := []string{"seed", "multi-error", "market_id", "login-failure", "fatal", "upsell_exit", "clock"}
	have := map[string]bool{}
	for _, s := range load(t) {
		for _, tag := range s.Tags {
			have[tag] = true
		}
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("no bundled scenario is tagged %q", w)
		}
	}
}
