package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/scenarios/runner"
)

// Formats lists the report formats Write knows.
var Formats = []string{"junit", "tap", "json"}

// Write writes the result in a format of Formats.
func Write(w io.Writer, format string, res *runner.Result) error {
	switch format {
	case "junit":
		return JUnit(w, res)
	case "tap":
		return TAP(w, res)
	case "json":
		return JSON(w, res)
	}
	return fmt.Errorf("unknown report format %q; use one of %s", format, strings.Join(Formats, ", "))
}

// Summary writes the run for people: every scenario that did not pass
// with why (every scenario when verbose), then the closing line
// "N passed, N failed" (", N skipped" and ", N errors" follow when any).
func Summary(w io.Writer, res *runner.Result, verbose bool) error {
	ew := &errWriter{w: w}
	where := fmt.Sprintf("in-process, seed %d", res.Seed)
	if res.Target != "" {
		where = "against " + res.Target // the seed is the target's own
		if !res.Flashcart {
			where += " (not a flashcart: sandbox-only steps are skipped)"
		}
	}
	ew.printf("flashcart run: %s, %s\n", Count(len(res.Scenarios), "scenario"), where)
	for _, s := range res.Scenarios {
		if s.Status == runner.Passed && !verbose {
			continue
		}
		ew.printf("%-5s %s:%d  %s\n", label(s.Status), s.Scenario.File, s.Scenario.Line, s.Scenario.Name)
		if s.Status == runner.Skipped {
			ew.printf("      %s\n", s.Reason)
		}
		for _, st := range s.Steps {
			if st.Status == runner.Failed || st.Status == runner.Errored {
				ew.printf("%s", indent(Failure(st), "      "))
			}
		}
	}
	ew.printf("%s\n", CountLine(res))
	return ew.err
}

// Count writes n things, in the singular for one: "1 scenario", "2 steps".
func Count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func label(s runner.Status) string {
	switch s {
	case runner.Passed:
		return "PASS"
	case runner.Skipped:
		return "SKIP"
	case runner.Failed:
		return "FAIL"
	}
	return "ERROR"
}

// CountLine is "N passed, N failed", with skipped and errors when any.
func CountLine(res *runner.Result) string {
	n := res.Count()
	line := fmt.Sprintf("%d passed, %d failed", n[runner.Passed], n[runner.Failed])
	if n[runner.Skipped] > 0 {
		line += fmt.Sprintf(", %d skipped", n[runner.Skipped])
	}
	if n[runner.Errored] > 0 {
		line += fmt.Sprintf(", %d errors", n[runner.Errored])
	}
	return line
}

// Failure describes a failed or errored step: where it is, what differed,
// the diff, the sandbox's hints and the request as curl.
func Failure(st *runner.StepResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "step %s (line %d)", st.Step.ID, st.Step.Line)
	if st.URL != "" {
		fmt.Fprintf(&b, ": %s %s", st.Method, st.URL)
	}
	b.WriteString("\n")
	if st.Reason != "" {
		fmt.Fprintf(&b, "  %s\n", st.Reason)
	}
	for _, p := range st.Problems {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	if st.Diff != "" {
		b.WriteString(indent(st.Diff, "  "))
	}
	for _, h := range st.Hints {
		fmt.Fprintf(&b, "  sandbox hint: %s\n", h)
	}
	if st.Curl != "" {
		fmt.Fprintf(&b, "  %s\n", st.Curl)
	}
	return b.String()
}

// FirstFailure is the first failed or errored step of a scenario, or nil.
func FirstFailure(s *runner.ScenarioResult) *runner.StepResult {
	i := slices.IndexFunc(s.Steps, func(st *runner.StepResult) bool {
		return st.Status == runner.Failed || st.Status == runner.Errored
	})
	if i < 0 {
		return nil
	}
	return s.Steps[i]
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	if !strings.HasSuffix(s, "\n") && s != "" {
		b.WriteString("\n")
	}
	return b.String()
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// Progress returns a Progress callback for runner.Options that keeps one
// line on w up to date: "[done/total] last scenario".
func Progress(w io.Writer) func(done, total int, r *runner.ScenarioResult) {
	return func(done, total int, r *runner.ScenarioResult) {
		name := r.Scenario.Name
		if r := []rune(name); len(r) > 60 {
			name = string(r[:57]) + "..."
		}
		fmt.Fprintf(w, "\r\x1b[K[%d/%d] %s %s", done, total, label(r.Status), name)
		if done == total {
			fmt.Fprint(w, "\r\x1b[K")
		}
	}
}
