package record

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
)

// client sends requests through the recording proxy.
type client struct {
	t    *testing.T
	base string
}

func (c client) do(method, path string, header map[string]string, body string) (int, map[string]any) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return resp.StatusCode, m
}

const jsonCT = "application/json"

func TestARecordingReplaysGreenAndHoldsNoSecret(t *testing.T) {
	world, err := fixtures.Load("../../testdata/worlds/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sb, err := sandbox.New(sandbox.Options{World: world}) // live clock, random seed
	if err != nil {
		t.Fatal(err)
	}
	target := httptest.NewServer(sb.Handler())
	defer target.Close()
	var saved [][]Exchange
	proxy, err := NewProxy(target.URL, slog.New(slog.DiscardHandler), func(ex []Exchange) { saved = append(saved, ex) })
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(proxy)
	defer front.Close()
	c := client{t, front.URL}

	ct := map[string]string{"Content-Type": jsonCT}
	if st, _ := c.do("POST", "/v1/login_check", ct, `{"username":"tiny","password":"wrong-secret"}`); st != 401 {
		t.Fatalf("failed login: %d", st)
	}
	if st, _ := c.do("POST", "/v1/login_check", ct, `{"username":"tiny","password":"tiny-secret`); st != 400 {
		t.Fatalf("malformed login: %d", st)
	}
	st, login := c.do("POST", "/v1/login_check", ct, `{"username":"tiny","password":"tiny-secret"}`)
	if st != 200 {
		t.Fatalf("login: %d", st)
	}
	token := login["token"].(string)
	auth := map[string]string{"Content-Type": jsonCT, "AuthorizationJWT": "Bearer " + token}
	seed, err := os.ReadFile("../../../sandbox/noventiq/examples/seed_example_2.json")
	if err != nil {
		t.Fatal(err)
	}
	st, link := c.do("POST", "/v1/generate_buy_link", auth, string(seed))
	if st != 200 {
		t.Fatalf("link: %d %v", st, link)
	}
	c.do("POST", "/v1/generate_buy_link", auth, `{"currency":"USD","products":[{"id":111111,"name":"x","price":"1.00","quantity":1}]}`)
	c.do("POST", "/v1/generate_buy_link", map[string]string{"Content-Type": jsonCT, "AuthorizationJWT": "Bearer " + token + "x"}, string(seed))
	c.do("POST", "/v1/generate_buy_link", map[string]string{"Content-Type": jsonCT}, string(seed))
	c.do("POST", "/v1/generate_buy_link", map[string]string{"Content-Type": "text/plain", "AuthorizationJWT": "Bearer " + token}, "${not a template}")
	c.do("POST", "/v1/generate_buy_link", map[string]string{"AuthorizationJWT": "Bearer " + token, "Authorization": "Bearer " + token}, "{}")
	c.do("GET", "/_sandbox/journal?path=/v1/generate_buy_link&status=200", nil, "")
	c.do("GET", "/_sandbox/clock", nil, "")
	c.do("GET", "/_sandbox/journal/"+link["external_id"].(string), nil, "")

	if len(saved) != 12 || len(saved[11]) != 12 {
		t.Fatalf("onRecord calls: %d", len(saved))
	}
	out, err := Scenario("recorded", target.URL, proxy.Exchanges())
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, secret := range []string{"tiny-secret", "wrong-secret", token, login["refresh_token"].(string)} {
		if strings.Contains(text, secret) {
			t.Errorf("the recording holds a secret %q:\n%s", secret, text)
		}
	}
	for _, want := range []string{
		"# Recorded by flashcart record from " + target.URL,
		"login: {}",
		`password: '[redacted]'`,
		`"password":"[redacted]"`,
		"token: {$type: string}",
		`external_id: {$regex: ^\d+$}`,
		`buy_link: {$regex: '^https?://[^/]+/basket/flash/\d+$'}`,
		"AuthorizationJWT: Bearer [redacted]",
		"auth: none",
		"Authorization: Bearer ${token}",
		"Content-Type: text/plain",
		"body_raw: $${not a template}",
		"Content-Type: \"\"",
		"path: /_sandbox/journal/${steps.generate_buy_link.body.external_id}",
		"query:\n",
		"id: generate_buy_link_2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the recording lacks %q:\n%s", want, text)
		}
	}

	path := filepath.Join(t.TempDir(), "recorded.yaml")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := scenarios.Load(path)
	if err != nil {
		t.Fatalf("the recording does not parse: %v\n%s", err, text)
	}
	for _, seed := range []uint64{1, 77} {
		res, err := runner.Run(context.Background(), files[0].Scenarios, runner.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range res.Scenarios[0].Steps {
			if st.Status != runner.Passed {
				t.Errorf("seed %d: step %s %s: %s %v\n%s", seed, st.Step.ID, st.Status, st.Reason, st.Problems, st.Diff)
			}
		}
	}
}

func TestProxyRefusesBadTargetsAndReportsDeadOnes(t *testing.T) {
	for _, bad := range []string{"", "ftp://x", "http://", "::"} {
		if _, err := NewProxy(bad, slog.New(slog.DiscardHandler), nil); err == nil {
			t.Errorf("NewProxy(%q) succeeded", bad)
		}
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	var logs bytes.Buffer
	p, err := NewProxy(dead.URL, slog.New(slog.NewTextHandler(&logs, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/x", nil))
	if rec.Code != http.StatusBadGateway || len(p.Exchanges()) != 0 || !strings.Contains(logs.String(), "not recorded") {
		t.Errorf("dead target: %d, %d exchanges, log %q", rec.Code, len(p.Exchanges()), logs.String())
	}
}

func TestShape(t *testing.T) {
	for in, want := range map[string]string{
		"12345678":                          `\d+`,
		"A0005555555":                       `A\d+`,
		"111111_22222":                      `\d+_\d+`,
		"ab.c":                              `ab\.c`,
		"x/0123456789abcdef0123/y":          `x/\d+abcdef0123/y`,
		"deadbeefdeadbeefdeadbeef":          `[0-9a-f]+`,
		"/order/status/5555555/abcdef12345": `/order/status/\d+/abcdef\d+`,
	} {
		if got := shape(in); got != want {
			t.Errorf("shape(%q) = %q, want %q", in, got, want)
		}
	}
}
