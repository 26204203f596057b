package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
)

const src = `version: 1
scenarios:
  - name: passes
    tags: [ok]
    steps:
      - {id: login, login: {}}
  - name: fails
    steps:
      - {id: login, login: {}}
      - id: link
        request: {method: POST, path: /v1/generate_buy_link, body: {currency: EUR, products: [{id: 111111, name: A, price: "1.00", quantity: 1}]}}
        expect: {status: 200, body: {buy_link: {$type: string}, external_id: "1"}}
  - name: skipped
    steps:
      - {id: login, login: {}}
`

// run runs the three scenarios in-process and marks the third skipped, as a
// run against a vendor would.
func run(t *testing.T, seed uint64) *runner.Result {
	t.Helper()
	f, err := scenarios.Parse("suite.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(context.Background(), f.Scenarios, runner.Options{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	sk := res.Scenarios[2]
	sk.Status, sk.Reason = runner.Skipped, "step later: only a flashcart sandbox can answer /_sandbox/clock"
	sk.Steps[0].Status, sk.Steps[0].Sent = runner.Skipped, false
	return res
}

func all(t *testing.T, res *runner.Result) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, f, res); err != nil {
			t.Fatal(err)
		}
		out[f] = b.String()
	}
	var b bytes.Buffer
	if err := Summary(&b, res, true); err != nil {
		t.Fatal(err)
	}
	out["summary"] = b.String()
	return out
}

func TestReportsAreRepeatable(t *testing.T) {
	first, second, other := all(t, run(t, 5)), all(t, run(t, 5)), all(t, run(t, 6))
	for k := range first {
		if first[k] != second[k] {
			t.Errorf("%s differs between two runs with seed 5", k)
		}
		if first[k] == other[k] {
			t.Errorf("%s is the same with seeds 5 and 6: the report does not show the run's values", k)
		}
	}
}

func TestSummary(t *testing.T) {
	out := all(t, run(t, 5))["summary"]
	for _, want := range []string{
		"flashcart run: 3 scenarios, in-process, seed 5\n",
		"PASS  suite.yaml:3  passes\n",
		"FAIL  suite.yaml:7  fails\n",
		"      step link (line 10): POST http://127.0.0.1:8080/v1/generate_buy_link\n",
		`        body.external_id: expected "1", got "`,
		"        --- expected\n",
		"        curl -sS -i -X POST 'http://127.0.0.1:8080/v1/generate_buy_link' -H 'AuthorizationJWT: Bearer ${token}'",
		"SKIP  suite.yaml:13  skipped\n      step later: only a flashcart sandbox can answer /_sandbox/clock\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	target := run(t, 5)
	target.Target, target.Flashcart = "https://sandbox.example", true
	var against bytes.Buffer
	if err := Summary(&against, target, false); err != nil || !strings.HasPrefix(against.String(), "flashcart run: 3 scenarios, against https://sandbox.example\n") {
		t.Errorf("a run against a target says %q", strings.SplitN(against.String(), "\n", 2)[0])
	}
	if !strings.HasSuffix(out, "\n1 passed, 1 failed, 1 skipped\n") {
		t.Errorf("summary does not end with the count line:\n%s", out)
	}
	var quiet bytes.Buffer
	if err := Summary(&quiet, run(t, 5), false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(quiet.String(), "PASS") {
		t.Error("without verbose, passing scenarios are listed")
	}
	res := &runner.Result{Scenarios: []*runner.ScenarioResult{{Scenario: &scenarios.Scenario{}, Status: runner.Errored}}}
	if got := CountLine(res); got != "0 passed, 0 failed, 1 errors" {
		t.Errorf("CountLine = %q", got)
	}
}

func TestJUnit(t *testing.T) {
	var doc junitSuites
	if err := xml.Unmarshal([]byte(all(t, run(t, 5))["junit"]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 3 || doc.Failures != 1 || doc.Skipped != 1 || len(doc.Suites) != 1 {
		t.Fatalf("totals: %+v", doc)
	}
	cases := doc.Suites[0].Cases
	if cases[0].Failure != nil || cases[1].Failure == nil || cases[2].Skipped == nil {
		t.Fatalf("cases: %+v", cases)
	}
	if !strings.HasPrefix(cases[1].Failure.Message, `step link: body.external_id: expected "1"`) || !strings.Contains(cases[1].Failure.Text, "curl ") {
		t.Errorf("failure: %+v", cases[1].Failure)
	}
	if doc.Suites[0].Properties[0] != (junitProperty{"seed", "5"}) {
		t.Errorf("properties: %+v", doc.Suites[0].Properties)
	}
}

func TestTAP(t *testing.T) {
	out := all(t, run(t, 5))["tap"]
	for _, want := range []string{
		"TAP version 13\n1..3\n",
		"ok 1 - suite.yaml: passes\n",
		"not ok 2 - suite.yaml: fails\n  ---\n  step: link\n  line: 10\n",
		"ok 3 - suite.yaml: skipped # SKIP step later: only a flashcart sandbox",
		"  ...\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TAP lacks %q:\n%s", want, out)
		}
	}
}

func TestJSON(t *testing.T) {
	var doc jsonReport
	if err := json.Unmarshal([]byte(all(t, run(t, 5))["json"]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Seed != 5 || doc.Counts["passed"] != 1 || doc.Counts["failed"] != 1 || doc.Counts["skipped"] != 1 || doc.Steps != 3 {
		t.Fatalf("header: %+v", doc)
	}
	link := doc.Scenarios[1].Steps[1]
	if link.Status != "failed" || link.StatusCode != 200 || len(link.Problems) != 1 || link.Curl == "" || link.Diff == "" {
		t.Errorf("failed step: %+v", link)
	}
	if passed := doc.Scenarios[0].Steps[0]; passed.Curl != "" || passed.Status != "passed" {
		t.Errorf("a passing step carries its curl: %+v", passed)
	}
	if err := Write(&bytes.Buffer{}, "html", run(t, 5)); err == nil {
		t.Error("an unknown format was written")
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := Progress(&b)
	long := &runner.ScenarioResult{Scenario: &scenarios.Scenario{Name: strings.Repeat("é", 70)}, Status: runner.Passed}
	p(1, 2, long)
	p(2, 2, &runner.ScenarioResult{Scenario: &scenarios.Scenario{Name: "last"}, Status: runner.Failed})
	out := b.String()
	if !strings.Contains(out, "[1/2] PASS "+strings.Repeat("é", 57)+"...") || !strings.Contains(out, "[2/2] FAIL last") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress: %q", out)
	}
}
