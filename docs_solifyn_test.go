package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/stdwebhooks"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
)

// docsPage is the Solifyn manual page whose examples TestSolifynDocs checks.
const docsPage = "docs/solifyn.md"

// docsStart is where the clock of the sandbox that answers the page's
// examples stands; its seed is 1.
var docsStart = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// fence is one fenced block of the page: its info string, its first
// line's number and its lines.
type fence struct {
	info  string
	line  int
	lines []string
}

func fences(t *testing.T, path string) []fence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fence
	var cur *fence
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &fence{info: strings.TrimPrefix(line, "```"), line: n + 1}
		case cur != nil && line == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		}
	}
	if cur != nil {
		t.Fatalf("%s:%d: a fence is not closed", path, cur.line-1)
	}
	return out
}

// exchange is an http block: a request and the answer the page shows.
type exchange struct {
	method, target, host string
	header               http.Header
	body                 string
	status               int
	// want is the JSON body (compacted), or "(content type)" for another.
	want string
}

// parseExchange reads "METHOD TARGET", headers, a blank line, a body, and
// "# → STATUS [BODY]" with the body maybe on the "#" lines after it.
func parseExchange(f fence) (exchange, error) {
	x := exchange{header: http.Header{}}
	if len(f.lines) == 0 {
		return x, fmt.Errorf("empty")
	}
	x.method, x.target, _ = strings.Cut(f.lines[0], " ")
	i := 1
	for ; i < len(f.lines) && f.lines[i] != "" && !strings.HasPrefix(f.lines[i], "# →"); i++ {
		k, v, ok := strings.Cut(f.lines[i], ": ")
		if !ok {
			return x, fmt.Errorf("line %d: not a header: %q", f.line+i, f.lines[i])
		}
		if strings.EqualFold(k, "Host") {
			x.host = v
			continue
		}
		x.header.Add(k, v)
	}
	var body []string
	for ; i < len(f.lines) && !strings.HasPrefix(f.lines[i], "# →"); i++ {
		if f.lines[i] != "" || len(body) > 0 {
			body = append(body, f.lines[i])
		}
	}
	x.body = strings.Join(body, "\n")
	if i == len(f.lines) {
		return x, fmt.Errorf("no # → line")
	}
	status, rest, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(f.lines[i], "# →")), " ")
	n, err := strconv.Atoi(status)
	if err != nil {
		return x, fmt.Errorf("line %d: %q is not a status", f.line+i, status)
	}
	x.status = n
	want := []string{rest}
	for _, l := range f.lines[i+1:] {
		want = append(want, strings.TrimPrefix(l, "#"))
	}
	x.want = strings.TrimSpace(strings.Join(want, "\n"))
	if strings.HasPrefix(x.want, "{") || strings.HasPrefix(x.want, "[") {
		var buf bytes.Buffer
		if err := json.Compact(&buf, []byte(x.want)); err != nil {
			return x, fmt.Errorf("line %d: the answer is not JSON: %v", f.line+i, err)
		}
		x.want = buf.String()
	}
	return x, nil
}

// TestSolifynDocs sends every request of docs/solifyn.md, in order, to one
// sandbox (seed 1, clock at docsStart) and compares the whole answer with
// the page's; runs every scenario file of the page; checks the signature
// of its Standard Webhooks vector; and starts `flashcart serve` for its
// ready line; checks that its default world section is the embedded one,
// that its Go excerpts are in the runnable example, and that its error
// table holds every catalogued error's real answer. With
// FLASHCART_DOCS_SHOW=1 it prints the real answers.
func TestSolifynDocs(t *testing.T) {
	seed := uint64(1)
	sb, err := sandbox.New(sandbox.Options{Seed: &seed, Clock: sandbox.FrozenClock(docsStart)})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	show := os.Getenv("FLASHCART_DOCS_SHOW") != ""
	checked := map[string]int{}
	for _, f := range fences(t, docsPage) {
		at := fmt.Sprintf("%s:%d", docsPage, f.line)
		switch {
		case f.info == "http":
			x, err := parseExchange(f)
			if err != nil {
				t.Errorf("%s: %v", at, err)
				continue
			}
			req := httptest.NewRequest(x.method, x.target, strings.NewReader(x.body))
			req.Header = x.header
			if x.host != "" {
				req.Host = x.host
			}
			rec := httptest.NewRecorder()
			sb.Handler().ServeHTTP(rec, req)
			got := rec.Body.String()
			if !json.Valid(rec.Body.Bytes()) {
				got = "(" + rec.Header().Get("Content-Type") + ")"
			}
			if show {
				fmt.Printf("@@ %d\n%s\n", f.line, answer(rec.Code, got))
			}
			if rec.Code != x.status || got != x.want {
				t.Errorf("%s: %s %s\n got %d %s\nwant %d %s", at, x.method, x.target, rec.Code, got, x.status, x.want)
			}
			checked["http"]++
		case f.info == "yaml" && len(f.lines) > 0 && f.lines[0] == "version: 1":
			file, err := scenarios.Parse(at+".yaml", []byte(strings.Join(f.lines, "\n")))
			if err != nil {
				t.Errorf("%s: %v", at, err)
				continue
			}
			res, err := runner.Run(context.Background(), file.Scenarios, runner.Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range res.Scenarios {
				if s.Status != runner.Passed {
					t.Errorf("%s: scenario %q %s %s", at, s.Scenario.Name, s.Status, s.Reason)
				}
			}
			checked["scenario"]++
		case f.info == "text" && len(f.lines) == 5 && strings.HasPrefix(f.lines[0], "secret: "):
			v := map[string]string{}
			for _, l := range f.lines {
				k, val, _ := strings.Cut(l, ": ")
				v[k] = val
			}
			if err := stdwebhooks.Verify(v["secret"], v["webhook-id"], v["webhook-timestamp"], v["webhook-signature"], []byte(v["body"])); err != nil {
				t.Errorf("%s: the vector: %v", at, err)
			}
			checked["vector"]++
		case f.info == "text" && len(f.lines) == 1 && strings.HasPrefix(f.lines[0], `{"event":"ready"`):
			checkReadyLine(t, at, f.lines[0])
			checked["ready"]++
		case f.info == "yaml" && len(f.lines) > 0 && f.lines[0] == "solifyn:":
			if strings.Join(f.lines, "\n")+"\n" != fixtures.DefaultSection("solifyn") {
				t.Errorf("%s: the default world's section is not fixtures/default.yaml's", at)
			}
			checked["world"]++
		case f.info == "go":
			example, err := os.ReadFile("sandbox/sandboxtest/example_solifyn_test.go")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(example), strings.Join(f.lines, "\n")+"\n") {
				t.Errorf("%s: the Go excerpt is not in sandbox/sandboxtest/example_solifyn_test.go", at)
			}
			checked["go"]++
		}
	}
	if checked["http"] < 20 || checked["scenario"] < 1 || checked["vector"] != 1 || checked["ready"] != 1 || checked["world"] != 1 || checked["go"] < 1 {
		t.Errorf("checked %v: the page lost its examples", checked)
	}
	checkErrorTable(t, sb)
}

// checkErrorTable forces every error of the catalogue and checks that the
// page's table has its row: the status, the whole body and when it is
// answered.
func checkErrorTable(t *testing.T, sb *sandbox.Sandbox) {
	t.Helper()
	page, err := os.ReadFile(docsPage)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range solifyn.Catalogue {
		req := httptest.NewRequest(http.MethodGet, solifyn.PathProducts, nil)
		req.Header.Set("X-Sandbox-Force-Error", f.Error())
		rec := httptest.NewRecorder()
		sb.Handler().ServeHTTP(rec, req)
		row := fmt.Sprintf("| %d | `%s` | %s |", rec.Code, rec.Body.String(), f.Meaning)
		if !strings.Contains(string(page), row+"\n") {
			t.Errorf("%s lacks the row %s", docsPage, row)
		}
	}
}

// answer writes a status and body as the page shows them: a short body on
// the "# →" line, a long JSON one indented on the lines after it.
func answer(status int, body string) string {
	head := fmt.Sprintf("# → %d", status)
	var buf bytes.Buffer
	if len(body) <= 100 || json.Indent(&buf, []byte(body), "#   ", "  ") != nil {
		return head + " " + body
	}
	return head + "\n#   " + buf.String()
}

// checkReadyLine starts `flashcart serve --seed 1` and compares its ready
// line with the page's, the URL aside.
func checkReadyLine(t *testing.T, at, want string) {
	t.Helper()
	line, ready := startServeRaw(t, "--addr", "127.0.0.1:0", "--seed", "1")
	var url string
	_ = json.Unmarshal(ready["url"], &url)
	if want = strings.Replace(want, `"url":"http://127.0.0.1:8080"`, `"url":"`+url+`"`, 1); line != want {
		t.Errorf("%s: ready line\n got %s\nwant %s", at, line, want)
	}
}
