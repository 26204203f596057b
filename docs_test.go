package main

// The tests in this file keep the README and the manual in docs/ honest.
//
// Links. Every relative link [text](target) in README.md and docs/*.md must
// name a file or folder of the repository, and a #fragment must name a
// heading of the target page, slugged as GitHub does (lower case; letters,
// digits, "-" and "_" kept; each space a "-"; everything else dropped; a
// repeated heading gets "-1", "-2", …).
//
// Example outputs. A fenced block whose info string is "console" is a
// transcript that TestDocsExamples replays:
//
//   - A line starting with "$ " is a command; a command whose line ends
//     with "\", or inside quotes, goes on on the next line. The lines after a command, up to
//     the next command, are its expected output. A command with no lines
//     after it must print nothing.
//   - Each block starts a fresh sandbox, as `flashcart serve --seed 1`
//     starts one on 127.0.0.1:8080, except that its clock is frozen at
//     scenarios.DefaultStart (2026-01-01T09:00:00Z), so that ids, tokens and
//     dates repeat exactly. A block whose first command is
//     `flashcart serve [--seed N] [--links local] [--world FILE] [--addr ADDR]`
//     starts that sandbox instead and expects its ready line. A block right
//     after the line <!-- console: continue --> goes on with the previous
//     block's sandbox and variables.
//   - curl runs against that sandbox (served by httptest; the request keeps
//     the Host it names) with the options -s, -S, -i, -X, -H, -d,
//     --data-raw, -o /dev/null and -w '%{http_code}\n'. -i prints the status
//     line and the headers sorted by name, as the sandbox's server writes
//     them. `| jq FILTER` (with -r or -c; FILTER a path such as .token or
//     .deliveries[0].body) is applied to the output. `NAME=$(…)` assigns a
//     command's output to a variable, and $NAME or "$NAME" reads it.
//   - `flashcart run …` (or `go run . run …`) runs the scenario command
//     in-process, never with --target; its standard output is compared,
//     and its standard error too when the command ends in 2>&1.
//   - In an expected line, "…" matches any text; a line that is only "…"
//     matches any number of lines. Use it for what varies from run to run on
//     a real server: tokens, dates, latencies, signatures.
//
// Any other command in a console block fails the test: commands that cannot
// be replayed go in ```sh blocks, which must not show outputs (a line of
// them starting with "# {", "# HTTP/" or "# →" fails).
//
// Flag tables. A table right after the line <!-- flags: COMMAND --> lists
// exactly the flags of `flashcart COMMAND --help` ("workbench" for the
// command without a name), one row each, the flag first: `--name`.
//
// Other checks: every `make TARGET` the docs name is a target of the
// Makefile; the test cards table of docs/noventiq.md is sandbox.TestCards;
// the README stays the front door, at most readmeMaxLines lines.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/scenarios"
)

// readmeMaxLines keeps the README a front door (DESIGN: about 250 lines).
const readmeMaxLines = 260

// docPages lists the pages the tests read: the README and docs/*.md.
func docPages(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	pages := []string{"README.md"}
	more, err := fs.Glob(fsys, "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	return append(pages, more...)
}

// ---- Markdown ----

// page is a Markdown file split into what the tests read.
type page struct {
	name   string
	lines  []string
	blocks []block
	// slugs are the anchors of the page's headings.
	slugs map[string]bool
}

// block is a fenced code block.
type block struct {
	info  string
	line  int // of the opening fence, from 1
	lines []string
	// after is the last non-blank line before the fence.
	after string
}

var fenceRE = regexp.MustCompile("^(\\s*)(```+|~~~+)\\s*([^`\\s]*)")

func parsePage(name string, data []byte) *page {
	p := &page{name: name, lines: strings.Split(string(data), "\n"), slugs: map[string]bool{}}
	seen := map[string]int{}
	var cur *block
	var fence, indent, last string
	for i, l := range p.lines {
		if cur != nil {
			if strings.HasPrefix(strings.TrimSpace(l), fence) && strings.Trim(strings.TrimSpace(l), fence[:1]) == "" {
				p.blocks = append(p.blocks, *cur)
				cur = nil
				continue
			}
			cur.lines = append(cur.lines, strings.TrimPrefix(l, indent))
			continue
		}
		if m := fenceRE.FindStringSubmatch(l); m != nil {
			indent, fence = m[1], m[2]
			cur = &block{info: m[3], line: i + 1, after: last}
			continue
		}
		if strings.TrimSpace(l) != "" {
			last = strings.TrimSpace(l)
		}
		if h, ok := heading(l); ok {
			s := slug(h)
			if n := seen[s]; n > 0 {
				seen[s] = n + 1
				s = fmt.Sprintf("%s-%d", s, n)
			} else {
				seen[s] = 1
			}
			p.slugs[s] = true
		}
	}
	return p
}

var headingRE = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)

func heading(l string) (string, bool) {
	m := headingRE.FindStringSubmatch(l)
	if m == nil {
		return "", false
	}
	return m[1], true
}

var inlineLinkRE = regexp.MustCompile(`!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)`)

// slug is GitHub's anchor of a heading: its text as rendered, in lower case,
// letters, digits, "-" and "_" kept, spaces made "-", the rest dropped.
func slug(h string) string {
	text := inlineLinkRE.ReplaceAllString(h, "$1")
	text = strings.NewReplacer("`", "", "**", "", "*", "").Replace(text)
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

var codeSpanRE = regexp.MustCompile("`+[^`]*`+")

// links returns the targets of the page's links outside code, with their lines.
func (p *page) links() (targets []string, lines []int) {
	inFence := false
	for i, l := range p.lines {
		if fenceRE.MatchString(l) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		for _, m := range inlineLinkRE.FindAllStringSubmatch(codeSpanRE.ReplaceAllString(l, "``"), -1) {
			targets = append(targets, m[2])
			lines = append(lines, i+1)
		}
	}
	return targets, lines
}

// ---- Links ----

// checkLinks returns a problem for every relative link of the pages that
// names no file of fsys, or a heading its page lacks.
func checkLinks(fsys fs.FS, pages []string) []string {
	parsed := map[string]*page{}
	load := func(name string) (*page, error) {
		if p, ok := parsed[name]; ok {
			return p, nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		p := parsePage(name, data)
		parsed[name] = p
		return p, nil
	}
	var problems []string
	for _, name := range pages {
		p, err := load(name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		targets, lines := p.links()
		for i, target := range targets {
			where := fmt.Sprintf("%s:%d: link %q", name, lines[i], target)
			if target == "" {
				problems = append(problems, where+": empty target")
				continue
			}
			if u, err := url.Parse(target); err == nil && u.Scheme != "" {
				continue // http, https, mailto: not checked offline
			}
			file, frag, _ := strings.Cut(target, "#")
			dest := name
			if file != "" {
				dest = path.Join(path.Dir(name), file)
				if !fs.ValidPath(dest) {
					problems = append(problems, where+": leaves the repository")
					continue
				}
				if _, err := fs.Stat(fsys, dest); err != nil {
					problems = append(problems, where+": no such file "+dest)
					continue
				}
			}
			if frag == "" {
				continue
			}
			if !strings.HasSuffix(dest, ".md") {
				problems = append(problems, where+": an anchor into a file that is not Markdown")
				continue
			}
			dp, err := load(dest)
			if err != nil {
				problems = append(problems, where+": "+err.Error())
				continue
			}
			if !dp.slugs[frag] {
				problems = append(problems, fmt.Sprintf("%s: %s has no heading #%s", where, dest, frag))
			}
		}
	}
	return problems
}

func TestDocsLinks(t *testing.T) {
	fsys := os.DirFS(".")
	for _, p := range checkLinks(fsys, docPages(t, fsys)) {
		t.Error(p)
	}
}

// TestDocsLinkCheckerFails shows that the link check catches what it must.
func TestDocsLinkCheckerFails(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":       {Data: []byte("# flashcart\n\n## Try it: `flashcart serve`\n\nSee [the API](docs/api.md#the-api).\n")},
		"docs/api.md":     {Data: []byte("# The API\n\n## Errors\n\n## Errors\n")},
		"docs/README.md":  {Data: []byte("# Manual\n")},
		"fixtures/w.yaml": {Data: []byte("version: 2\n")},
	}
	for _, tc := range []struct {
		name, doc string
		problems  int
	}{
		{"good links", "[a](api.md) [b](api.md#errors) [c](api.md#errors-1) [d](../README.md#try-it-flashcart-serve) [e](../fixtures/w.yaml) [f](../fixtures) [g](https://example.com/x) [h](#manual)", 0},
		{"missing file", "[a](nope.md)", 1},
		{"missing anchor", "[a](api.md#no-such-heading)", 1},
		{"anchor of a third duplicate", "[a](api.md#errors-2)", 1},
		{"missing anchor on the same page", "[a](#nowhere)", 1},
		{"missing folder", "[a](../sandbox/)", 1},
		{"leaves the repository", "[a](../../etc/passwd)", 1},
		{"anchor into a file that is not Markdown", "[a](../fixtures/w.yaml#x)", 1},
		{"links in code are not links", "`[a](nope.md)`\n\n```\n[b](nope.md)\n```", 0},
		{"several problems", "[a](nope.md) and [b](api.md#nope)", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys["docs/README.md"] = &fstest.MapFile{Data: []byte("# Manual\n\n" + tc.doc + "\n")}
			got := checkLinks(fsys, []string{"README.md", "docs/README.md"})
			if len(got) != tc.problems {
				t.Errorf("%d problems, want %d: %q", len(got), tc.problems, got)
			}
		})
	}
}

func TestDocsSlugs(t *testing.T) {
	for h, want := range map[string]string{
		"In your Go tests: `sandbox/sandboxtest`": "in-your-go-tests-sandboxsandboxtest",
		"Durable state (`--state`)":               "durable-state---state",
		"`POST /v1/login_check`":                  "post-v1login_check",
		"Fidelity decisions — Noventiq":           "fidelity-decisions--noventiq",
		"The [checkout](x.md) page":               "the-checkout-page",
	} {
		if got := slug(h); got != want {
			t.Errorf("slug(%q) = %q, want %q", h, got, want)
		}
	}
}

// ---- Example outputs ----

// command is one command of a console block and its expected output.
type command struct {
	line int
	text string
	want []string
}

func parseCommands(b block) ([]command, error) {
	var cmds []command
	for i := 0; i < len(b.lines); i++ {
		l := b.lines[i]
		if !strings.HasPrefix(l, "$ ") {
			if len(cmds) == 0 {
				if strings.TrimSpace(l) == "" {
					continue
				}
				return nil, fmt.Errorf("line %d: output before the first command", b.line+1+i)
			}
			cmds[len(cmds)-1].want = append(cmds[len(cmds)-1].want, l)
			continue
		}
		c := command{line: b.line + 1 + i, text: strings.TrimPrefix(l, "$ ")}
		for i+1 < len(b.lines) {
			if strings.HasSuffix(c.text, "\\") {
				i++
				c.text = strings.TrimSuffix(c.text, "\\") + " " + strings.TrimSpace(b.lines[i])
			} else if openQuote(c.text) {
				i++
				c.text += "\n" + b.lines[i]
			} else {
				break
			}
		}
		cmds = append(cmds, c)
	}
	return cmds, nil
}

// openQuote reports whether a command line ends inside quotes, so that it
// goes on on the next line, as in a shell.
func openQuote(text string) bool {
	var q byte
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case q == c:
			q = 0
		case c == '\\' && q != '\'':
			i++
		}
	}
	return q != 0
}

// session is the sandbox a console block runs against.
type session struct {
	sb   *sandbox.Sandbox
	ts   *httptest.Server
	vars map[string]string
}

func (s *session) close() {
	if s.sb != nil {
		s.ts.Close()
		_ = s.sb.Close()
		s.sb, s.ts = nil, nil
	}
}

// serveFlags are the `flashcart serve` flags an example may use.
type serveFlags struct {
	seed  uint64
	local bool
	world string
	addr  string
}

func (s *session) start(f serveFlags) error {
	s.close()
	opts := sandbox.Options{Seed: &f.seed, Clock: sandbox.FrozenClock(scenarios.DefaultStart), LocalLinks: f.local}
	if f.world != "" {
		w, err := fixtures.Load(f.world)
		if err != nil {
			return err
		}
		opts.World, opts.WorldFile = w, f.world
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		return err
	}
	s.sb, s.ts = sb, httptest.NewServer(sb.Handler())
	if s.vars == nil {
		s.vars = map[string]string{}
	}
	return nil
}

// runExample replays one console block in s; it returns every mismatch.
func runExample(s *session, b block) []string {
	cmds, err := parseCommands(b)
	if err != nil {
		return []string{err.Error()}
	}
	if len(cmds) == 0 {
		return []string{"a console block without a command"}
	}
	var problems []string
	for i, c := range cmds {
		if s.sb == nil && !(i == 0 && isServe(c.text)) {
			if err := s.start(serveFlags{seed: 1, addr: "127.0.0.1:8080"}); err != nil {
				return []string{err.Error()}
			}
		}
		got, err := s.exec(c.text, i == 0)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %s: %v", c.line, c.text, err))
			continue
		}
		gotLines := trimLines(strings.Split(got, "\n"))
		if !matchLines(trimLines(c.want), gotLines) {
			problems = append(problems, fmt.Sprintf("line %d: %s\n--- expected\n%s\n--- got\n%s", c.line, c.text,
				strings.Join(trimLines(c.want), "\n"), strings.Join(gotLines, "\n")))
		}
	}
	return problems
}

// trimLines drops trailing blanks of each line and blank lines at the end.
func trimLines(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.TrimRight(l, " \t\r")
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// matchLines matches lines against expected ones, where "…" matches any
// text and a line of only "…" any number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && matchLine(want[0], got[0]) && matchLines(want[1:], got[1:])
}

func matchLine(want, got string) bool {
	if !strings.Contains(want, "…") {
		return want == got
	}
	parts := strings.Split(want, "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(got)
}

var assignRE = regexp.MustCompile(`(?s)^([A-Za-z_][A-Za-z0-9_]*)=\$\((.*)\)$`)

func isServe(text string) bool {
	w, err := words(text, nil)
	return err == nil && len(program(w)) > 0 && program(w)[0] == "serve"
}

// program returns the arguments of a flashcart command line (flashcart …
// or go run . …), or nil.
func program(w []string) []string {
	switch {
	case len(w) >= 1 && w[0] == "flashcart":
		return w[1:]
	case len(w) >= 3 && w[0] == "go" && w[1] == "run" && w[2] == ".":
		return w[3:]
	}
	return nil
}

// exec runs one command line and returns what it prints.
func (s *session) exec(text string, first bool) (string, error) {
	if m := assignRE.FindStringSubmatch(text); m != nil {
		out, err := s.pipeline(m[2], first)
		if err != nil {
			return "", err
		}
		s.vars[m[1]] = strings.TrimRight(out, "\n")
		return "", nil
	}
	return s.pipeline(text, first)
}

func (s *session) pipeline(text string, first bool) (string, error) {
	w, err := words(text, s.vars)
	if err != nil {
		return "", err
	}
	var stages [][]string
	start := 0
	for i, word := range w {
		if word == "\x00|" {
			stages = append(stages, w[start:i])
			start = i + 1
		}
	}
	stages = append(stages, w[start:])
	out, err := s.run(stages[0], first)
	if err != nil {
		return "", err
	}
	for _, st := range stages[1:] {
		if len(st) == 0 || st[0] != "jq" {
			return "", fmt.Errorf("only jq may follow a pipe, not %q", st)
		}
		if out, err = jq(st[1:], out); err != nil {
			return "", err
		}
	}
	return out, nil
}

func (s *session) run(args []string, first bool) (string, error) {
	if len(args) == 0 {
		return "", errors.New("an empty command")
	}
	if args[0] == "curl" {
		return s.curl(args[1:])
	}
	prog := program(args)
	if len(prog) == 0 {
		return "", fmt.Errorf("%q cannot be replayed: put it in a sh block", args[0])
	}
	switch prog[0] {
	case "serve":
		if !first {
			return "", errors.New("flashcart serve may only start a block")
		}
		f := serveFlags{}
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.Uint64Var(&f.seed, "seed", 1, "")
		links := fs.String("links", "faithful", "")
		fs.StringVar(&f.world, "world", "", "")
		fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "")
		if err := fs.Parse(prog[1:]); err != nil || fs.NArg() > 0 {
			return "", fmt.Errorf("examples may only use --seed, --links, --world and --addr of serve: %v", err)
		}
		f.local = *links == "local"
		if err := s.start(f); err != nil {
			return "", err
		}
		line, _ := json.Marshal(readyOf(s.sb.World(), "http://"+f.addr))
		return string(line) + "\n", nil
	case "run":
		for _, a := range prog {
			if strings.HasPrefix(strings.TrimLeft(a, "-"), "target") {
				return "", errors.New("examples run in-process: no --target")
			}
		}
		var out bytes.Buffer
		var errOut io.Writer = io.Discard
		if prog[len(prog)-1] == "2>&1" {
			prog, errOut = prog[:len(prog)-1], &out
		}
		code := run(prog, &out, errOut)
		if code != 0 {
			fmt.Fprintf(&out, "(exit %d)\n", code)
		}
		return out.String(), nil
	}
	return "", fmt.Errorf("flashcart %s cannot be replayed: put it in a sh block", prog[0])
}

// curl sends a request the way curl would, to the session's sandbox.
func (s *session) curl(args []string) (string, error) {
	method, target, include, quiet, writeOut := "", "", false, false, ""
	var headers [][2]string
	var data *string
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case a == "-X":
			method, err = next()
		case a == "-H":
			var h string
			h, err = next()
			name, value, ok := strings.Cut(h, ":")
			if !ok {
				return "", fmt.Errorf("header %q has no colon", h)
			}
			headers = append(headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		case a == "-d" || a == "--data-raw":
			var d string
			d, err = next()
			data = &d
		case a == "-o":
			var o string
			if o, err = next(); o != "/dev/null" {
				return "", errors.New("only -o /dev/null is replayed")
			}
			quiet = true
		case a == "-w":
			writeOut, err = next()
		case strings.HasPrefix(a, "-") && len(a) > 1 && strings.Trim(a[1:], "sSi") == "":
			include = include || strings.Contains(a, "i")
		case strings.HasPrefix(a, "-"):
			return "", fmt.Errorf("curl option %s is not replayed", a)
		default:
			target = a
		}
		if err != nil {
			return "", err
		}
	}
	if target == "" {
		return "", errors.New("curl without a URL")
	}
	if !strings.Contains(target, "://") {
		target = "http://" + target
	}
	u, err := url.Parse(target)
	if err != nil {
		return "", err
	}
	if method == "" {
		method = http.MethodGet
		if data != nil {
			method = http.MethodPost
		}
	}
	var body io.Reader
	if data != nil {
		body = strings.NewReader(*data)
	}
	req, err := http.NewRequest(method, s.ts.URL+u.RequestURI(), body)
	if err != nil {
		return "", err
	}
	req.Host = u.Host
	req.Header.Set("User-Agent", "curl")
	req.Header.Set("Accept", "*/*")
	if data != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, h := range headers {
		if strings.EqualFold(h[0], "Host") {
			req.Host = h[1]
			continue
		}
		req.Header.Set(h[0], h[1])
	}
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	if include {
		fmt.Fprintf(&out, "HTTP/1.1 %s\n", resp.Status)
		h := resp.Header.Clone()
		if slices.Contains(resp.TransferEncoding, "chunked") {
			h.Set("Transfer-Encoding", "chunked")
		}
		keys := make([]string, 0, len(h))
		for k := range h {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, v := range h[k] {
				fmt.Fprintf(&out, "%s: %s\n", k, v)
			}
		}
		out.WriteString("\n")
	}
	if !quiet {
		out.Write(respBody)
		if len(respBody) > 0 && !bytes.HasSuffix(respBody, []byte("\n")) {
			out.WriteString("\n") // a terminal's prompt would start a new line
		}
	}
	if writeOut != "" {
		out.WriteString(strings.NewReplacer(`%{http_code}`, strconv.Itoa(resp.StatusCode), `\n`, "\n").Replace(writeOut))
	}
	return out.String(), nil
}

var jqPathRE = regexp.MustCompile(`^(\.|(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)$`)

// jq applies a path filter (.a.b[0]) to JSON, with -r and -c.
func jq(args []string, in string) (string, error) {
	raw, compact, filter := false, false, ""
	for _, a := range args {
		switch a {
		case "-r":
			raw = true
		case "-c":
			compact = true
		case "-rc", "-cr":
			raw, compact = true, true
		default:
			if filter != "" {
				return "", fmt.Errorf("jq takes one filter, not %q", args)
			}
			filter = a
		}
	}
	if !jqPathRE.MatchString(filter) {
		return "", fmt.Errorf("jq filter %q is not a path such as .a.b[0] or .", filter)
	}
	v := json.RawMessage(strings.TrimSpace(in))
	if !json.Valid(v) {
		return "", fmt.Errorf("jq: the input is not JSON: %.80s", in)
	}
	for _, step := range regexp.MustCompile(`\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\.`).FindAllString(filter, -1) {
		switch {
		case step == ".":
		case strings.HasPrefix(step, "["):
			var list []json.RawMessage
			n, _ := strconv.Atoi(strings.Trim(step, "[]"))
			if json.Unmarshal(v, &list) != nil || n >= len(list) {
				v = json.RawMessage("null")
				continue
			}
			v = list[n]
		default:
			var obj map[string]json.RawMessage
			if json.Unmarshal(v, &obj) != nil {
				v = json.RawMessage("null")
				continue
			}
			if v = obj[step[1:]]; v == nil {
				v = json.RawMessage("null")
			}
		}
	}
	var s string
	if raw && json.Unmarshal(v, &s) == nil {
		return s + "\n", nil
	}
	out, err := jqFormat(v, compact)
	return out + "\n", err
}

// jqFormat writes JSON as jq does: keys in their order, strings with their
// characters unescaped, pretty with two spaces unless compact.
func jqFormat(v []byte, compact bool) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var b strings.Builder
	type level struct {
		obj   bool
		count int
	}
	var stack []level
	newline := func() {
		if !compact {
			b.WriteString("\n" + strings.Repeat("  ", len(stack)))
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			n := stack[len(stack)-1].count
			stack = stack[:len(stack)-1]
			if n > 0 {
				newline()
			}
			b.WriteRune(rune(d))
			continue
		}
		// A value, or an object's key.
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			isKey := top.obj && top.count%2 == 0
			if isKey || !top.obj {
				if top.count > 0 {
					b.WriteString(",")
				}
				newline()
			}
			top.count++
			if isKey {
				key, _ := json.Marshal(tok)
				b.WriteString(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(key)))
				b.WriteString(":")
				if !compact {
					b.WriteString(" ")
				}
				continue
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			b.WriteRune(rune(t))
			stack = append(stack, level{obj: t == '{'})
		case string:
			var e bytes.Buffer
			enc := json.NewEncoder(&e)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(t)
			b.WriteString(strings.TrimSuffix(e.String(), "\n"))
		case json.Number:
			b.WriteString(t.String())
		case nil:
			b.WriteString("null")
		default:
			fmt.Fprint(&b, t)
		}
	}
}

// words splits a command line as a POSIX shell would, for what examples
// use: quotes, backslashes, $NAME and ${NAME}; an unquoted | is "\x00|".
func words(line string, vars map[string]string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	expand := func(i int) (int, error) {
		j := i + 1
		braced := j < len(line) && line[j] == '{'
		if braced {
			j++
		}
		k := j
		for k < len(line) && (line[k] == '_' || unicode.IsLetter(rune(line[k])) || unicode.IsDigit(rune(line[k]))) {
			k++
		}
		name := line[j:k]
		if braced {
			if k >= len(line) || line[k] != '}' {
				return 0, errors.New("unclosed ${")
			}
			k++
		}
		if name == "" {
			cur.WriteByte('$')
			return i + 1, nil
		}
		v, ok := vars[name]
		if !ok {
			return 0, fmt.Errorf("$%s is not set by an earlier command", name)
		}
		cur.WriteString(v)
		return k, nil
	}
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
			i++
		case c == '|' && !inWord:
			out = append(out, "\x00|")
			i++
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("unclosed '")
			}
			cur.WriteString(line[i+1 : i+1+end])
			inWord = true
			i += end + 2
		case c == '"':
			inWord = true
			i++
			for {
				if i >= len(line) {
					return nil, errors.New(`unclosed "`)
				}
				if line[i] == '"' {
					i++
					break
				}
				if line[i] == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`", line[i+1]) >= 0 {
					cur.WriteByte(line[i+1])
					i += 2
					continue
				}
				if line[i] == '$' {
					var err error
					if i, err = expand(i); err != nil {
						return nil, err
					}
					continue
				}
				cur.WriteByte(line[i])
				i++
			}
		case c == '\\' && i+1 < len(line):
			cur.WriteByte(line[i+1])
			inWord = true
			i += 2
		case c == '$':
			inWord = true
			var err error
			if i, err = expand(i); err != nil {
				return nil, err
			}
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// consoleBlocks returns the console blocks of a page, each with whether it
// continues the one before.
func consoleBlocks(p *page) (blocks []block, cont []bool) {
	for _, b := range p.blocks {
		if b.info == "console" {
			blocks = append(blocks, b)
			cont = append(cont, b.after == "<!-- console: continue -->")
		}
	}
	return blocks, cont
}

func TestDocsExamples(t *testing.T) {
	fsys := os.DirFS(".")
	n := 0
	for _, name := range docPages(t, fsys) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		blocks, cont := consoleBlocks(parsePage(name, data))
		s := &session{}
		for i, b := range blocks {
			n++
			if !cont[i] {
				s.close()
				s.vars = map[string]string{}
			} else if i == 0 {
				t.Errorf("%s:%d: the first console block of a page continues nothing", name, b.line)
			}
			for _, p := range runExample(s, b) {
				t.Errorf("%s:%d: %s", name, b.line, p)
			}
		}
		s.close()
	}
	if n == 0 {
		t.Error("no console block found: the convention is not applied")
	}
}

// TestDocsExampleCheckerFails shows that a wrong example output fails.
func TestDocsExampleCheckerFails(t *testing.T) {
	ready := `{"event":"ready","url":"http://127.0.0.1:8080","username":"demo","password":"demo","solifyn":{"api_key":"fyn_test_demo_key"},"twocheckout":{"merchant_code":"MERCHANT_CODE","secret_key":"SECRET_KEY"}}`
	login := `$ TOKEN=$(curl -s -X POST localhost:8080/v1/login_check -H 'content-type: application/json' -d '{"username":"demo","password":"demo"}' | jq -r .token)`
	link := `$ curl -s -X POST localhost:8080/v1/generate_buy_link -H 'content-type: application/json' -H "AuthorizationJWT: Bearer $TOKEN" -d '{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1}]}' | jq -r .external_id`
	for _, tc := range []struct {
		name  string
		lines []string
		ok    bool
	}{
		{"right output", []string{"$ curl -s localhost:8080/_sandbox/health", `{"status":"ok"}`}, true},
		{"wrong output", []string{"$ curl -s localhost:8080/_sandbox/health", `{"status":"fine"}`}, false},
		{"missing output", []string{"$ curl -s localhost:8080/_sandbox/health"}, false},
		{"a wildcard", []string{"$ curl -s localhost:8080/_sandbox/clock", `{"now":"2026-01-01T09:00:00Z","frozen":…}`}, true},
		{"a wildcard line", []string{"$ curl -si localhost:8080/_sandbox/health", "HTTP/1.1 200 OK", "…", `{"status":"ok"}`}, true},
		{"a wrong status", []string{"$ curl -si localhost:8080/_sandbox/health", "HTTP/1.1 404 Not Found", "…"}, false},
		{"a variable", []string{`$ R=$(curl -s localhost:8080/_sandbox/health | jq -r .status)`, `$ curl -s "localhost:8080/_sandbox/journal?status=$R" | jq -c .dropped`, "0"}, true},
		{"an unset variable", []string{`$ curl -s "localhost:8080/$NOPE"`, "…"}, false},
		{"the seed's external id", []string{"$ flashcart serve --seed 1", ready, login, link, "74334950"}, true},
		{"another seed's external id", []string{"$ flashcart serve --seed 2", ready, login, link, "74334950"}, false},
		{"a wrong ready line", []string{"$ go run . serve --addr 127.0.0.1:9090", ready}, false},
		{"a command that cannot be replayed", []string{"$ make test"}, false},
		{"output before a command", []string{"hello", "$ curl -s localhost:8080/_sandbox/health", "…"}, false},
		{"a curl option that is not replayed", []string{"$ curl -s --unix-socket /tmp/x localhost:8080/", "…"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &session{vars: map[string]string{}}
			defer s.close()
			problems := runExample(s, block{info: "console", line: 1, lines: tc.lines})
			if ok := len(problems) == 0; ok != tc.ok {
				t.Errorf("passed %v, want %v: %q", ok, tc.ok, problems)
			}
		})
	}
}

// TestDocsShBlocksHoldNoOutput keeps example outputs in console blocks,
// where they are checked.
func TestDocsShBlocksHoldNoOutput(t *testing.T) {
	fsys := os.DirFS(".")
	for _, name := range docPages(t, fsys) {
		data, _ := fs.ReadFile(fsys, name)
		for _, b := range parsePage(name, data).blocks {
			if b.info != "sh" && b.info != "bash" && b.info != "shell" {
				continue
			}
			for i, l := range b.lines {
				if l := strings.TrimSpace(l); strings.HasPrefix(l, "# {") || strings.HasPrefix(l, "# HTTP/") || strings.HasPrefix(l, "# →") {
					t.Errorf("%s:%d: an output in a sh block is not checked; show it in a console block: %s", name, b.line+1+i, l)
				}
			}
		}
	}
}

// ---- Flag tables, make targets, test cards, the README's length ----

func TestDocsFlagTables(t *testing.T) {
	fsys := os.DirFS(".")
	tables := 0
	for _, name := range docPages(t, fsys) {
		data, _ := fs.ReadFile(fsys, name)
		lines := strings.Split(string(data), "\n")
		for i, l := range lines {
			m := regexp.MustCompile(`^<!-- flags: (\S+) -->$`).FindStringSubmatch(strings.TrimSpace(l))
			if m == nil {
				continue
			}
			tables++
			documented := map[string]bool{}
			for _, row := range lines[i+1:] {
				row = strings.TrimSpace(row)
				if row == "" && len(documented) == 0 {
					continue
				}
				if !strings.HasPrefix(row, "|") {
					break
				}
				cell := strings.Split(row, "|")[1]
				for _, f := range regexp.MustCompile("`--?([a-z][a-z-]*)[^`]*`").FindAllStringSubmatch(cell, -1) {
					documented[f[1]] = true
				}
			}
			want := commandFlags(t, m[1])
			for f := range want {
				if !documented[f] {
					t.Errorf("%s:%d: the flags of %s lack --%s", name, i+1, m[1], f)
				}
			}
			for f := range documented {
				if !want[f] {
					t.Errorf("%s:%d: --%s is not a flag of %s", name, i+1, f, m[1])
				}
			}
		}
	}
	if tables == 0 {
		t.Error("no flag table is marked")
	}
}

// commandFlags returns the flags `flashcart COMMAND --help` lists.
func commandFlags(t *testing.T, cmd string) map[string]bool {
	var stdout bytes.Buffer
	if cmd == "workbench" {
		workbenchOptions([]string{"-h"}, &stdout, io.Discard)
	} else {
		run([]string{cmd, "--help"}, &stdout, io.Discard)
	}
	flags := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`).FindAllStringSubmatch(stdout.String(), -1) {
		flags[m[1]] = true
	}
	if len(flags) == 0 {
		t.Fatalf("flashcart %s --help lists no flag:\n%s", cmd, stdout.String())
	}
	return flags
}

func TestDocsMakeTargets(t *testing.T) {
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-z]+):`).FindAllStringSubmatch(string(mk), -1) {
		targets[m[1]] = true
	}
	fsys := os.DirFS(".")
	for _, name := range docPages(t, fsys) {
		data, _ := fs.ReadFile(fsys, name)
		// `make x` in code spans, and make x at the start of a line of a code block.
		for _, m := range regexp.MustCompile("(?m)`make ([a-z]+)[^`]*`|^make ([a-z]+)").FindAllStringSubmatch(string(data), -1) {
			if target := m[1] + m[2]; !targets[target] {
				t.Errorf("%s names make %s, which the Makefile lacks", name, target)
			}
		}
	}
}

func TestDocsTestCards(t *testing.T) {
	data, err := os.ReadFile("docs/noventiq.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([0-9 ]{19})` \\| (.*?) \\|$").FindAllStringSubmatch(string(data), -1) {
		got = append(got, strings.ReplaceAll(m[1], " ", "")+" "+m[2])
	}
	var want []string
	for _, c := range sandbox.TestCards {
		want = append(want, c.Number+" "+c.Note)
	}
	if !slices.Equal(got, want) {
		t.Errorf("docs/noventiq.md's test cards differ from sandbox.TestCards:\n got %q\nwant %q", got, want)
	}
}

func TestDocsReadmeIsAFrontDoor(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("\n")); n > readmeMaxLines {
		t.Errorf("README.md has %d lines; keep it under %d and move the rest to docs/", n, readmeMaxLines)
	}
}
