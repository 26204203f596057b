package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox"
)

func write(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const passing = "version: 1\nscenarios:\n  - {name: ok, tags: [fast], steps: [{id: login, login: {}}]}\n  - {name: slow one, tags: [slow], steps: [{id: login, login: {}}]}\n"
const failing = "version: 1\nscenarios:\n  - {name: bad, steps: [{id: login, login: {}, expect: {status: 500}}]}\n"

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	ok := write(t, dir, "ok.yaml", passing)
	bad := write(t, dir, "bad.yaml", failing)
	broken := write(t, dir, "broken.yaml", "version: 1\nscenarios: [{name: x, steps: [{id: a, nope: 1}]}]\n")
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	seed := uint64(3)
	creds := func(k string) string { return map[string]string{EnvUsername: "demo", EnvPassword: "demo"}[k] }
	tests := []struct {
		name   string
		cfg    RunConfig
		code   int
		stdout string
		stderr string
	}{
		{"passing", RunConfig{Paths: []string{ok}, Seed: &seed}, ExitPassed, "2 passed, 0 failed\n", "2 scenarios, 2 steps"},
		{"failing", RunConfig{Paths: []string{ok, bad}, Seed: &seed}, ExitFailed, "2 passed, 1 failed\n", ""},
		{"tags", RunConfig{Paths: []string{ok, bad}, Tags: []string{"fast"}, Seed: &seed}, ExitPassed, "1 passed, 0 failed\n", ""},
		{"skip tags", RunConfig{Paths: []string{ok}, SkipTags: []string{"slow"}, Seed: &seed}, ExitPassed, "1 passed, 0 failed\n", ""},
		{"nothing left", RunConfig{Paths: []string{ok}, Tags: []string{"none"}}, ExitUsage, "", "no scenario left"},
		{"no paths", RunConfig{}, ExitUsage, "", "name the scenario files"},
		{"parse error", RunConfig{Paths: []string{ok, broken}}, ExitParse, "", "broken.yaml:2"},
		{"missing file", RunConfig{Paths: []string{filepath.Join(dir, "none.yaml")}}, ExitParse, "", "none.yaml"},
		{"target without credentials", RunConfig{Paths: []string{ok}, Target: "http://127.0.0.1:1", Getenv: func(string) string { return "" }}, ExitUsage, "", EnvUsername},
		{"unreachable target", RunConfig{Paths: []string{ok}, Target: dead.URL, Getenv: creds, Timeout: time.Second}, ExitRuntime, "", "target unreachable"},
		{"report in new folders", RunConfig{Paths: []string{ok}, Seed: &seed, Reports: []ReportSpec{{"json", filepath.Join(dir, "new", "folders", "r.json")}}}, ExitPassed, "2 passed", ""},
		{"unwritable report", RunConfig{Paths: []string{ok}, Seed: &seed, Reports: []ReportSpec{{"json", filepath.Join(ok, "r.json")}}}, ExitUsage, "", "cannot be written"},
		{"one scenario", RunConfig{Paths: []string{ok}, Tags: []string{"fast"}, Seed: &seed}, ExitPassed, "flashcart run: 1 scenario, in-process, seed 3\n", "1 scenario, 1 step in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			tt.cfg.Stdout, tt.cfg.Stderr = &stdout, &stderr
			if code := Run(context.Background(), tt.cfg); code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			if tt.stdout == "" && stdout.Len() > 0 && tt.code == ExitUsage {
				t.Errorf("a refused run printed %q", stdout.String())
			}
			if !strings.HasSuffix(stdout.String(), tt.stdout) && !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestRunAgainstALiveSandboxWritesReports(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	dir := t.TempDir()
	suite := write(t, dir, "s.yaml", passing+"  - {name: later, steps: [{id: login, login: {}}, {id: c, clock: {advance: 1h}}]}\n")
	var stdout, stderr bytes.Buffer
	reports := []ReportSpec{{"json", filepath.Join(dir, "r.json")}, {"junit", filepath.Join(dir, "r.xml")}, {"tap", filepath.Join(dir, "r.tap")}}
	code := Run(context.Background(), RunConfig{
		Paths: []string{suite}, Target: srv.URL, Reports: reports, Verbose: true,
		Getenv: func(k string) string { return "demo" }, Stdout: &stdout, Stderr: &stderr,
	})
	if code != ExitPassed {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "against "+srv.URL) || !strings.Contains(stdout.String(), "PASS") {
		t.Errorf("summary: %s", stdout.String())
	}
	var doc struct {
		Target    string         `json:"target"`
		Flashcart bool           `json:"flashcart"`
		Counts    map[string]int `json:"counts"`
	}
	data, err := os.ReadFile(reports[0].Path)
	if err != nil || json.Unmarshal(data, &doc) != nil {
		t.Fatalf("json report: %v %s", err, data)
	}
	if doc.Target != srv.URL || !doc.Flashcart || doc.Counts["passed"] != 3 {
		t.Errorf("json report: %+v", doc)
	}
	for _, r := range reports[1:] {
		if info, err := os.Stat(r.Path); err != nil || info.Size() == 0 {
			t.Errorf("%s report not written: %v", r.Format, err)
		}
	}
}

func TestUpdateFlag(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.yaml", failing)
	var stdout, stderr bytes.Buffer
	seed := uint64(1)
	cfg := RunConfig{Paths: []string{bad}, Update: true, Seed: &seed, Stdout: &stdout, Stderr: &stderr}
	if code := Run(context.Background(), cfg); code != ExitFailed || !strings.Contains(stderr.String(), "--update rewrote 1 file(s)") {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	cfg.Update = false
	if code := Run(context.Background(), cfg); code != ExitPassed {
		t.Fatalf("after --update: exit %d\n%s", code, stdout.String())
	}
}

func TestParseReportSpec(t *testing.T) {
	if s, err := ParseReportSpec("junit=out/r.xml"); err != nil || s != (ReportSpec{"junit", "out/r.xml"}) {
		t.Errorf("junit: %v %v", s, err)
	}
	for _, bad := range []string{"junit", "junit=", "html=r.html", "=x"} {
		if _, err := ParseReportSpec(bad); err == nil {
			t.Errorf("ParseReportSpec(%q) succeeded", bad)
		}
	}
}

func TestRecord(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	target := httptest.NewServer(sb.Handler())
	defer target.Close()
	out := filepath.Join(t.TempDir(), "rec.yaml")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &syncBuffer{}
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- Record(ctx, RecordConfig{Target: target.URL, Listen: addr, Out: out, Stdout: stdout, Stderr: &stderr})
	}()
	var url string
	for range 200 {
		if line := stdout.String(); strings.Contains(line, "ready") {
			var ready recordReady
			if err := json.Unmarshal([]byte(line), &ready); err != nil {
				t.Fatal(err)
			}
			url = ready.URL
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if url == "" {
		cancel()
		t.Fatalf("no ready line: %s", stderr.String())
	}
	resp, err := http.Post(url+"/v1/login_check", "application/json", strings.NewReader(`{"username":"demo","password":"demo"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), "login: {}") {
		t.Errorf("the file is not written after each exchange: %v\n%s", err, data)
	}
	cancel()
	if code := <-done; code != ExitPassed || !strings.Contains(stderr.String(), "recorded 1 exchanges") {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, cfg := range []RecordConfig{{Listen: addr, Out: out}, {Target: "ftp://x", Listen: addr, Out: out}} {
		cfg.Stdout, cfg.Stderr = &bytes.Buffer{}, &bytes.Buffer{}
		if code := Record(context.Background(), cfg); code != ExitUsage {
			t.Errorf("%+v: exit %d", cfg, code)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}
