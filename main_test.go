package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/flashcart/flashcart/sandbox"
)

func TestUsageAndVersion(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"help"}, 0, "Usage:", ""},
		{[]string{"version"}, 0, "flashcart ", ""},
		{[]string{"serve", "--help"}, 0, "-addr", ""},
		{[]string{"run", "--help"}, 0, "-target", ""},
		{[]string{"record", "-h"}, 0, "-listen", ""},
		{[]string{"state", "check", "--help"}, 0, "Usage: flashcart state check PATH", ""},
		{[]string{"serve", "--nope"}, 1, "", "Usage: flashcart serve"},
		{[]string{"serve", "--seed", "x"}, 1, "", "seed must be a non-negative integer"},
		{[]string{"serve", "--links", "weird"}, 1, "", `links must be "faithful" or "local"`},
		{[]string{"serve", "extra"}, 1, "", `unexpected argument "extra"`},
		{[]string{"serve", "--world", "/nonexistent.yaml"}, 2, "", "read world"},
		{[]string{"serve", "--solifyn-webhook-url", "ftp://x"}, 2, "", `solifyn webhook url "ftp://x" must be an absolute http or https URL`},
		{[]string{"serve", "--solifyn-webhook-secret", "sk_nope"}, 2, "", `solifyn webhook secret "sk_nope" must be whsec_ followed by base64`},
		{[]string{"bogus"}, 1, "", `unknown command "bogus"`},
		{[]string{"--addr"}, 1, "", "flag needs an argument: -addr"},
		{[]string{"--nope"}, 1, "", "flag provided but not defined: -nope"},
	} {
		var out, errOut bytes.Buffer
		code := run(tc.args, &out, &errOut)
		if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errOut.String(), tc.err) ||
			tc.code == 0 && errOut.Len() > 0 || tc.code != 0 && out.Len() > 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out.String(), errOut.String())
		}
	}
}

func TestServeBadWorldNamesFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.yaml")
	if err := os.WriteFile(path, []byte("version: 1\ncolour: red\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"serve", "--world", path}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), path+`:2: top level: unknown key "colour"`) {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestDamagedStateFile starts serve on an empty and on a cut state file:
// each is refused with one line and exit code 4, and left as it is; state
// check says the same, and reports a good file's records.
func TestDamagedStateFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	sb, err := sandbox.New(sandbox.Options{StatePath: good})
	if err != nil {
		t.Fatal(err)
	}
	_ = sb.Close()
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{"empty": {}, "cut": data[:len(data)/2]} {
		path := filepath.Join(dir, name+".db")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		code := run([]string{"serve", "--addr", "127.0.0.1:0", "--state", path}, &out, &errOut)
		lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
		if code != 4 || len(lines) != 1 || !strings.Contains(lines[0], "the state file is damaged") || out.Len() != 0 {
			t.Errorf("%s state: exit %d, stdout %q, stderr %q", name, code, out.String(), errOut.String())
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, content) {
			t.Errorf("%s state file was changed", name)
		}
		errOut.Reset()
		if code := run([]string{"state", "check", path}, &out, &errOut); code != 4 || !strings.Contains(errOut.String(), "damaged") {
			t.Errorf("state check %s: exit %d, %q", name, code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"state", "check", good}, &out, &errOut); code != 0 || !strings.Contains(out.String(), `"records":{"meta":2}`) {
		t.Errorf("state check of a good file: exit %d, %q %q", code, out.String(), errOut.String())
	}
}

// TestServeProcess starts `flashcart serve` on port 0 as a process, reads
// the ready line, uses the sandbox, and stops it with SIGTERM.
func TestServeProcess(t *testing.T) {
	var stderr syncBuffer
	p := startServeLogging(t, &stderr, "--addr", "127.0.0.1:0", "--seed", "7", "--links", "local")
	if p.Username != "demo" || p.Password != "demo" || !strings.HasPrefix(p.URL, "http://127.0.0.1:") ||
		p.Solifyn == nil || p.Solifyn.APIKey != "fyn_test_demo_key" {
		t.Fatalf("ready line %+v", p.Ready)
	}
	resp, err := http.Post(p.URL+"/v1/login_check", "application/json", strings.NewReader(`{"username":"demo","password":"demo"}`))
	if err != nil {
		t.Fatal(err)
	}
	var tok struct{ Token string }
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", p.URL+"/v1/generate_buy_link", strings.NewReader(`{"currency":"EUR","products":[{"id":111111,"name":"A","price":"1","quantity":1}]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("AuthorizationJWT", "Bearer "+tok.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), `{"buy_link":"`+p.URL+"/basket/flash/") {
		t.Errorf("generate_buy_link with local links: %d %s", resp.StatusCode, body)
	}
	if err := p.Stop(); err != nil {
		t.Errorf("exit after SIGTERM: %v; stderr %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "sandbox stopped") {
		t.Errorf("stderr lacks the shutdown log: %s", stderr.String())
	}
}

// syncBuffer is a bytes.Buffer safe to write from the process's copier
// while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
