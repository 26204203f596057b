package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/serveproc"
	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox/checkout"
	"github.com/flashcart/flashcart/sandbox/store"
)

// serveArgsEnv makes the test binary act as `flashcart serve`, so that tests
// can run, kill and restart a real server process without building one.
const serveArgsEnv = "FLASHCART_TEST_SERVE_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(serveArgsEnv); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// startServe runs `flashcart serve args…` as a child process.
func startServe(t *testing.T, args ...string) *serveproc.Process {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveArgsEnv+"="+strings.Join(append([]string{"serve"}, args...), "\x1f"))
	p, err := serveproc.Start(cmd, nil, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Kill() })
	return p
}

const validLink = `{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1}]}`

// TestStateSurvivesSIGKILL loads a server with link creation, kills it
// mid-load, and checks that every acknowledged link is in the state file,
// that tokens issued before the kill still work after a restart, and that
// the restarted server (same seed) never hands out an id again.
func TestStateSurvivesSIGKILL(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.db")
	args := []string{"--addr", "127.0.0.1:0", "--state", state, "--seed", "7"}
	p := startServe(t, args...)
	ctx := context.Background()
	c := &traffic.Client{Base: p.URL, Username: p.Username, Password: p.Password}
	if resp, err := c.Login(ctx); err != nil || resp.Status != 200 {
		t.Fatalf("login: %v %d", err, resp.Status)
	}

	var mu sync.Mutex
	acked := map[string]bool{}
	enough := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				resp, link, err := c.GenerateBuyLink(ctx, []byte(validLink))
				if err != nil {
					return // the server is gone
				}
				if link == nil {
					t.Errorf("status %d during load: %s", resp.Status, resp.Body)
					return
				}
				mu.Lock()
				acked[link.ExternalID] = true
				if len(acked) >= 150 {
					once.Do(func() { close(enough) })
				}
				mu.Unlock()
			}
		})
	}
	select {
	case <-enough:
	case <-time.After(30 * time.Second):
		t.Fatal("150 links were not acknowledged within 30s")
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	st, err := store.OpenBolt(state)
	if err != nil {
		t.Fatal(err)
	}
	for id := range acked {
		link, found, err := checkout.Get(st, id)
		if err != nil || !found || link.Account != "demo" || link.ExternalID != id {
			t.Errorf("acknowledged link %s after SIGKILL: found=%v err=%v", id, found, err)
		}
	}
	_ = st.Close()

	p = startServe(t, args...)
	c.Base = p.URL
	for range 20 {
		resp, link, err := c.GenerateBuyLink(ctx, []byte(validLink))
		if err != nil || link == nil {
			t.Fatalf("after restart, with the token issued before the kill: %v %d %s", err, resp.Status, resp.Body)
		}
		if acked[link.ExternalID] {
			t.Errorf("external id %s handed out again after the restart", link.ExternalID)
		}
		acked[link.ExternalID] = true
	}
}
