package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestUsageAndVersion(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"help"}, 0, "Usage:", ""},
		{[]string{"version"}, 0, "flashcart ", ""},
		{[]string{"serve", "--help"}, 0, "", "-addr"},
		{[]string{"serve", "--seed", "x"}, 1, "", "seed must be a non-negative integer"},
		{[]string{"serve", "--links", "weird"}, 1, "", `links must be "faithful" or "local"`},
		{[]string{"serve", "extra"}, 1, "", `unexpected argument "extra"`},
		{[]string{"serve", "--world", "/nonexistent.yaml"}, 2, "", "read world"},
		{[]string{"bogus"}, 1, "", `unknown command "bogus"`},
	} {
		var out, errOut bytes.Buffer
		code := run(tc.args, &out, &errOut)
		if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errOut.String(), tc.err) {
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
	if code := run([]string{"serve", "--world", path}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), path+":2: field colour not found") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestServeProcess builds the binary, starts `flashcart serve` on port 0,
// reads the ready line, uses the sandbox, and stops it with SIGTERM.
func TestServeProcess(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "flashcart")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--seed", "7", "--links", "local")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no ready line: %v; stderr %s", err, stderr.String())
	}
	var ready map[string]string
	if err := json.Unmarshal([]byte(line), &ready); err != nil || ready["event"] != "ready" || ready["username"] != "demo" || ready["password"] != "demo" || !strings.HasPrefix(ready["url"], "http://127.0.0.1:") || len(ready) != 4 {
		t.Fatalf("ready line %q", line)
	}
	resp, err := http.Post(ready["url"]+"/v1/login_check", "application/json", strings.NewReader(`{"username":"demo","password":"demo"}`))
	if err != nil {
		t.Fatal(err)
	}
	var tok struct{ Token string }
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", ready["url"]+"/v1/generate_buy_link", strings.NewReader(`{"currency":"EUR","products":[{"id":111111,"name":"A","price":"1","quantity":1}]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("AuthorizationJWT", "Bearer "+tok.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), `{"buy_link":"`+ready["url"]+"/basket/flash/") {
		t.Errorf("generate_buy_link with local links: %d %s", resp.StatusCode, body)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v; stderr %s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if !strings.Contains(stderr.String(), "sandbox stopped") {
		t.Errorf("stderr lacks the shutdown log: %s", stderr.String())
	}
}
