package cli

import (
	"fmt"
	"io"

	"github.com/flashcart/flashcart/scenarios/runner"
	"go.yaml.in/yaml/v3"
)

// tapDiagnostic is the YAML block under a failed test point.
type tapDiagnostic struct {
	Step     string   `yaml:"step"`
	Line     int      `yaml:"line"`
	Reason   string   `yaml:"reason,omitempty"`
	Problems []string `yaml:"problems,omitempty"`
	Diff     string   `yaml:"diff,omitempty"`
	Hints    []string `yaml:"hints,omitempty"`
	Curl     string   `yaml:"curl,omitempty"`
}

// TAP writes the run as TAP version 13: one test point per scenario, with a
// YAML diagnostic block under each failure.
func TAP(w io.Writer, res *runner.Result) error {
	ew := &errWriter{w: w}
	ew.printf("TAP version 13\n1..%d\n", len(res.Scenarios))
	for i, s := range res.Scenarios {
		name := s.Scenario.File + ": " + s.Scenario.Name
		switch s.Status {
		case runner.Passed:
			ew.printf("ok %d - %s\n", i+1, name)
		case runner.Skipped:
			ew.printf("ok %d - %s # SKIP %s\n", i+1, name, s.Reason)
		default:
			ew.printf("not ok %d - %s\n", i+1, name)
			if st := FirstFailure(s); st != nil {
				d := tapDiagnostic{Step: st.Step.ID, Line: st.Step.Line, Reason: st.Reason, Diff: st.Diff, Hints: st.Hints, Curl: st.Curl}
				for _, p := range st.Problems {
					d.Problems = append(d.Problems, p.String())
				}
				b, err := yaml.Marshal(d)
				if err != nil {
					return fmt.Errorf("tap diagnostic: %w", err)
				}
				ew.printf("  ---\n%s  ...\n", indent(string(b), "  "))
			}
		}
	}
	return ew.err
}
