package cli

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/scenarios/runner"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes the run as JUnit XML: one testsuite per file, one testcase
// per scenario.
func JUnit(w io.Writer, res *runner.Result) error {
	out := junitSuites{Name: "flashcart"}
	byFile := map[string]int{}
	for _, s := range res.Scenarios {
		i, ok := byFile[s.Scenario.File]
		if !ok {
			i = len(out.Suites)
			byFile[s.Scenario.File] = i
			out.Suites = append(out.Suites, junitSuite{Name: s.Scenario.File, Properties: properties(res)})
		}
		suite := &out.Suites[i]
		c := junitCase{Name: s.Scenario.Name, Classname: s.Scenario.File}
		suite.Tests++
		switch s.Status {
		case runner.Failed:
			suite.Failures++
			c.Failure = failureMessage(s)
		case runner.Errored:
			suite.Errors++
			c.Error = failureMessage(s)
		case runner.Skipped:
			suite.Skipped++
			c.Skipped = &junitMessage{Message: s.Reason}
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func properties(res *runner.Result) []junitProperty {
	props := []junitProperty{{"seed", strconv.FormatUint(res.Seed, 10)}}
	if res.Target != "" {
		props = append(props, junitProperty{"target", res.Target})
	}
	return props
}

// failureMessage is the first failing step: its first problem as the
// message, the whole description as the text.
func failureMessage(s *runner.ScenarioResult) *junitMessage {
	st := FirstFailure(s)
	if st == nil {
		return &junitMessage{Message: s.Reason}
	}
	msg := st.Reason
	if len(st.Problems) > 0 {
		msg = st.Problems[0].String()
	}
	return &junitMessage{Message: "step " + st.Step.ID + ": " + msg, Text: strings.TrimRight(Failure(st), "\n")}
}
