package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/stdwebhooks"
)

// flagSecret is the secret --solifyn-webhook-secret gives, not the world's.
const flagSecret = "whsec_c2lnbmVkLWJ5LXRoZS1mbGFn"

// solifynReceiver keeps the bodies and headers of the webhooks it gets.
type solifynReceiver struct {
	mu  sync.Mutex
	got []*http.Request
	raw [][]byte
}

func (rc *solifynReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.got, rc.raw = append(rc.got, r), append(rc.raw, body)
	rc.mu.Unlock()
}

// wait returns the first n webhooks once they came.
func (rc *solifynReceiver) wait(t *testing.T, n int) ([]*http.Request, [][]byte) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		rc.mu.Lock()
		got, raw := rc.got, rc.raw
		rc.mu.Unlock()
		if len(got) >= n {
			return got[:n], raw[:n]
		}
	}
	t.Fatalf("fewer than %d webhooks came", n)
	return nil, nil
}

// TestServeSolifynWebhookFlags: the flags send every business's webhooks to
// their URL signed with their secret, also after the world is reloaded.
func TestServeSolifynWebhookFlags(t *testing.T) {
	rc := &solifynReceiver{}
	hooks := httptest.NewServer(rc)
	defer hooks.Close()
	world := filepath.Join(t.TempDir(), "world.yaml")
	if err := os.WriteFile(world, fixtures.DefaultYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startServe(t, "--addr", "127.0.0.1:0", "--seed", "7", "--world", world,
		"--solifyn-webhook-url", hooks.URL+"/solifyn", "--solifyn-webhook-secret", flagSecret)
	if p.Solifyn == nil || p.Solifyn.APIKey != "fyn_test_demo_key" {
		t.Fatalf("ready line %+v", p.Ready)
	}
	post := func(path, key, body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest("POST", p.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode/100 != 2 {
			t.Fatalf("POST %s: %d %v", path, resp.StatusCode, out)
		}
		return out
	}
	buy := func() {
		t.Helper()
		session := post("/v1/checkout/create", p.Solifyn.APIKey, `{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`)
		post("/_sandbox/solifyn/checkout/"+session["id"].(string)+"/pay", "", `{"card":"4242424242424242"}`)
	}
	check := func(n int) {
		t.Helper()
		got, raw := rc.wait(t, n)
		for i := n - 2; i < n; i++ {
			if got[i].URL.Path != "/solifyn" {
				t.Errorf("webhook %d went to %s", i, got[i].URL.Path)
			}
			for _, prefix := range []string{stdwebhooks.WebhookPrefix, stdwebhooks.SvixPrefix} {
				if err := stdwebhooks.VerifyHeader(flagSecret, got[i].Header, prefix, raw[i], time.Now(), 5*time.Minute); err != nil {
					t.Errorf("webhook %d, %s headers, with the flag's secret: %v", i, prefix, err)
				}
			}
		}
	}
	buy()
	check(2)
	post("/_sandbox/world/reload", "", "")
	buy()
	check(4)
}

// TestServeRunsTheSolifynSuites: the bundled Solifyn suites pass against a
// live `flashcart serve`, but the scenarios that need their own world,
// which are skipped saying so; without the key, every scenario that reads
// it is skipped, saying so.
func TestServeRunsTheSolifynSuites(t *testing.T) {
	p := startServe(t, "--addr", "127.0.0.1:0")
	t.Setenv("FLASHCART_USERNAME", p.Username)
	t.Setenv("FLASHCART_PASSWORD", p.Password)
	t.Setenv("FLASHCART_SOLIFYN_API_KEY", p.Solifyn.APIKey)
	var out, errOut bytes.Buffer
	code := run([]string{"run", "--target", p.URL, "scenarios/suites/solifyn"}, &out, &errOut)
	summary := out.String()
	if code != 0 || !strings.Contains(summary, " passed, 0 failed, 6 skipped\n") ||
		strings.Count(summary, "which only an in-process run can load") != 6 {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, summary, errOut.String())
	}
	t.Setenv("FLASHCART_SOLIFYN_API_KEY", "")
	out.Reset()
	code = run([]string{"run", "--target", p.URL, "scenarios/suites/solifyn"}, &out, &errOut)
	if summary := out.String(); code != 0 || !strings.Contains(summary, "needs the target's Solifyn API key for ${solifyn.api_key}") {
		t.Errorf("without the key: exit %d\nstdout: %s", code, summary)
	}
}
