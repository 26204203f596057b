package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/internal/match"
	"github.com/flashcart/flashcart/scenarios/runner"
	"go.yaml.in/yaml/v3"
)

// Apply rewrites the files of the run's scenarios whose expectations the
// actual responses did not meet. It returns the files it changed.
func Apply(res *runner.Result) ([]string, error) {
	byFile := map[string][]*runner.ScenarioResult{}
	var order []string
	for _, s := range res.Scenarios {
		f := s.Scenario.File
		if _, ok := byFile[f]; !ok {
			order = append(order, f)
		}
		byFile[f] = append(byFile[f], s)
	}
	var changed []string
	for _, f := range order {
		did, err := File(f, byFile[f])
		if err != nil {
			return changed, err
		}
		if did {
			changed = append(changed, f)
		}
	}
	return changed, nil
}

// File rewrites one file from the results of its scenarios.
func File(path string, results []*runner.ScenarioResult) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, fmt.Errorf("update: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return false, fmt.Errorf("update %s: %w", path, err)
	}
	changed := false
	for _, s := range results {
		steps := get(seqAt(get(&root, "scenarios"), s.Scenario.Index), "steps")
		for _, st := range s.Steps {
			if st.Response == nil || st.Status != runner.Failed {
				continue
			}
			did, err := step(seqAt(steps, st.Step.Index), st)
			if err != nil {
				return false, fmt.Errorf("update %s:%d: %w", path, st.Step.Line, err)
			}
			changed = changed || did
		}
	}
	if !changed {
		return false, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return false, fmt.Errorf("update %s: %w", path, err)
	}
	if err := os.WriteFile(path, spaceScenarios(buf.Bytes()), 0o644); err != nil {
		return false, fmt.Errorf("update: %w", err)
	}
	return true, nil
}

// step rewrites one step's expect from its response.
func step(node *yaml.Node, st *runner.StepResult) (bool, error) {
	if node == nil {
		return false, fmt.Errorf("step %s is not where the file had it", st.Step.ID)
	}
	resp := st.Response
	expect := get(node, "expect")
	if expect == nil {
		expect = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		node.Content = append(node.Content, jsonnode.String("expect"), expect)
	}
	changed := false
	status := strconv.Itoa(resp.Status)
	if s := get(expect, "status"); s == nil {
		expect.Content = append(expect.Content, jsonnode.String("status"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: status})
		changed = true
	} else if s.Value != status {
		s.Value, changed = status, true
	}
	if h := get(expect, "headers"); h != nil && h.Kind == yaml.MappingNode {
		actual := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for i := 0; i+1 < len(h.Content); i += 2 {
			name := h.Content[i].Value
			if vs := resp.Header.Values(http.CanonicalHeaderKey(name)); len(vs) > 0 {
				actual.Content = append(actual.Content, jsonnode.String(name), jsonnode.String(strings.Join(vs, ", ")))
			}
		}
		did, err := match.Update(h, actual, st.Resolve, true)
		if err != nil {
			return false, err
		}
		changed = changed || did
	}
	if b := get(expect, "body"); b != nil {
		actual, err := jsonnode.FromJSON(resp.Body)
		if err != nil {
			return false, fmt.Errorf("step %s: the response body is not JSON", st.Step.ID)
		}
		partial := get(expect, "partial")
		did, err := match.Update(b, actual, st.Resolve, partial != nil && partial.Value == "true")
		if err != nil {
			return false, err
		}
		changed = changed || did
	}
	return changed, nil
}

// get returns the value of key in a mapping (the document's root mapping
// for a document node).
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func seqAt(n *yaml.Node, i int) *yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}

// spaceScenarios puts a blank line between scenarios, which the YAML
// encoder drops: before every item of the top-level scenarios list but
// the first.
func spaceScenarios(data []byte) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	var out [][]byte
	for _, l := range lines {
		if bytes.HasPrefix(l, []byte("  - ")) {
			// The scenario's own comments stay with it: the blank line
			// goes before them.
			at := len(out)
			for at > 0 && bytes.HasPrefix(out[at-1], []byte("  #")) {
				at--
			}
			if at > 0 && !bytes.HasPrefix(out[at-1], []byte("scenarios:")) && len(bytes.TrimSpace(out[at-1])) > 0 {
				out = append(out[:at], append([][]byte{[]byte("\n")}, out[at:]...)...)
			}
		}
		out = append(out, l)
	}
	return bytes.Join(out, nil)
}
