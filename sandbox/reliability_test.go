package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

func records(st store.Store, bucket string) int {
	n := 0
	_ = st.View(func(tx store.Tx) error {
		return tx.ForEach(bucket, func(string, []byte) error { n++; return nil })
	})
	return n
}

// controlMessage returns the message of a control API error body.
func controlMessage(t *testing.T, body string) string {
	t.Helper()
	var e kit.ControlError
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not a control error: %s", body)
	}
	return e.Error
}

func TestReset(t *testing.T) {
	h := newHarness(t, nil)
	h.link(minimal)
	h.link(minimal)
	// A record of another account, in a bucket the sandbox does not know.
	_ = h.sb.store.Update(func(tx store.Tx) error { return tx.Put("another_feature", "1", []byte(`{"account":"other"}`)) })
	h.json("POST", "/_sandbox/faults", `{"path":"/v1/nothing","status":503}`, 201, nil)

	bad := []struct{ body, want string }{
		{`{"account":""}`, `"account" must name an account`},
		{`{"acount":"demo"}`, `unknown field "acount"`},
		{`[`, "the body must be empty"},
	}
	for _, tt := range bad {
		rec := h.do("POST", "/_sandbox/reset", tt.body)
		if rec.Code != 400 || !strings.Contains(controlMessage(t, rec.Body.String()), tt.want) {
			t.Errorf("reset %s: %d %s, want 400 %q", tt.body, rec.Code, rec.Body, tt.want)
		}
	}
	if records(h.sb.store, "links") != 2 {
		t.Fatal("a refused reset removed records")
	}

	var res resetResult
	h.json("POST", "/_sandbox/reset", `{"account":"demo"}`, 200, &res)
	if res.Removed["links"] != 2 || res.Removed["another_feature"] != 0 || res.JournalCleared {
		t.Errorf("account reset: %+v", res)
	}
	if records(h.sb.store, "another_feature") != 1 || len(h.sb.faults.List()) != 1 {
		t.Error("an account reset touched another account's records or the faults")
	}
	if kept, _ := h.sb.Journal().Len(); kept == 0 {
		t.Error("an account reset cleared the journal")
	}

	h.json("POST", "/_sandbox/reset", "", 200, &res)
	if res.Removed["another_feature"] != 1 || !res.JournalCleared || !res.FaultsCleared {
		t.Errorf("full reset: %+v", res)
	}
	if entries, _ := h.sb.Journal().Snapshot(nil); len(entries) != 1 || entries[0].Path != "/_sandbox/reset" || len(h.sb.faults.List()) != 0 {
		t.Errorf("full reset left journal entries %+v (want only the reset itself) and faults %v", entries, h.sb.faults.List())
	}
	h.link(minimal) // a token issued before the reset still works
}

func TestForceErrorHeader(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		header, method, path string
		status               int
		body                 string
	}{
		{"3120", "POST", "/v1/generate_buy_link", 400, `{"errors":[{"error":3120,"message":"Unable to define cart settings for this currency. Please contact technical support."}]}`},
		{"1009", "POST", "/v1/generate_buy_link", 401, `{"errors":[{"error":1009,"message":"Your token is expired."}]}`},
		{"3010 currency", "POST", "/v1/generate_buy_link", 400, `{"errors":[{"error":3010,"message":"Invalid field value: currency."}]}`},
		{"110", "POST", "/v1/login_check", 400, `{"errors":[{"error":110,"message":"JSON is not valid. The request cannot be processed."}]}`},
		{"9999", "POST", "/v1/generate_buy_link", 400, `{"error":"X-Sandbox-Force-Error: 9999 is not a documented error code; the documented codes are 110, 111, 1007`},
		{"3010", "POST", "/v1/generate_buy_link", 400, `{"error":"X-Sandbox-Force-Error: 3010 needs the name of a field`},
		{"", "POST", "/v1/generate_buy_link", 400, `{"error":"X-Sandbox-Force-Error: must be`},
		{"3120", "GET", "/_sandbox/health", 200, `{"status":"ok"}`},
		{"3120", "GET", "/basket/flash/12345678", 404, `<!doctype html>`},
		{"3120", "GET", "/assets/checkout.css", 200, ``},
	}
	for _, tt := range tests {
		rec := h.do(tt.method, tt.path, minimal, "X-Sandbox-Force-Error", tt.header)
		if tt.method == "GET" {
			rec = h.do(tt.method, tt.path, "", "X-Sandbox-Force-Error", tt.header)
		}
		if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) {
			t.Errorf("%q on %s: %d %s\nwant %d %s", tt.header, tt.path, rec.Code, rec.Body, tt.status, tt.body)
		}
	}
	if records(h.sb.store, "links") != 0 {
		t.Error("a forced error still created a link")
	}
	h.link(minimal) // the next call without the header succeeds
	entries, _ := h.sb.Journal().Snapshot(func(e *journal.Entry) bool { return len(e.Codes) == 1 && e.Codes[0] == 3120 })
	if len(entries) != 1 || !strings.Contains(strings.Join(entries[0].Hints, ";"), "X-Sandbox-Force-Error") {
		t.Errorf("journal of the forced 3120: %+v", entries)
	}
}

func TestFaults(t *testing.T) {
	h := newHarness(t, nil)
	for _, spec := range []string{
		`{"path":"/v1/generate_buy_link","status":503,"count":1}`,
		`{"path":"/v1/generate_buy_link","error":3125,"count":1}`,
		`{"path":"*","latency":{"distribution":"fixed","value":"30ms"},"count":1}`,
		`{"path":"*","status":500}`,
	} {
		h.json("POST", "/_sandbox/faults", spec, 201, nil)
	}
	tests := []struct {
		status   int
		body     string
		minDelay time.Duration
	}{
		{503, `{"code":503,"message":"Service Unavailable"}`, 0},
		{400, `{"errors":[{"error":3125,"message":"Sales through this cart are impossible with this currency. Please contact technical support."}]}`, 0},
		{200, `{"buy_link":`, 30 * time.Millisecond},
	}
	for i, tt := range tests {
		start := time.Now()
		rec := h.do("POST", "/v1/generate_buy_link", minimal)
		if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) || time.Since(start) < tt.minDelay {
			t.Errorf("request %d: %d %s after %v, want %d %s after at least %v", i, rec.Code, rec.Body, time.Since(start), tt.status, tt.body, tt.minDelay)
		}
	}
	if rec := h.do("GET", "/_sandbox/health", ""); rec.Code != 200 {
		t.Errorf("a fault on * reached the control API: %d", rec.Code)
	}
	if rec := h.do("GET", "/v1/anything", ""); rec.Code != 500 {
		t.Errorf("the lasting fault: %d", rec.Code)
	}
	var list faultList
	h.json("GET", "/_sandbox/faults", "", 200, &list)
	if len(list.Faults) != 1 || list.Faults[0].ID != "f4" || list.Faults[0].Hits != 1 {
		t.Errorf("active faults: %+v", list)
	}
	h.json("DELETE", "/_sandbox/faults/f1", "", 404, nil)
	h.json("DELETE", "/_sandbox/faults/f4", "", 200, nil)
	h.json("POST", "/_sandbox/faults", `{"path":"/v1/*","status":502}`, 201, nil)
	h.json("DELETE", "/_sandbox/faults", "", 200, nil)
	if len(h.sb.faults.List()) != 0 {
		t.Errorf("faults after DELETE: %v", h.sb.faults.List())
	}
	for _, bad := range []string{`{"path":"/v1/*","status":200}`, `{"path":"/v1/*","latency":{"distribution":"fixed","value":"1h"}}`, `nope`} {
		if rec := h.do("POST", "/_sandbox/faults", bad); rec.Code != 400 || controlMessage(t, rec.Body.String()) == "" {
			t.Errorf("add %s: %d %s", bad, rec.Code, rec.Body)
		}
	}
}

func TestDroppedConnection(t *testing.T) {
	h := newHarness(t, nil)
	srv := httptest.NewServer(h.sb.Handler())
	defer srv.Close()
	h.json("POST", "/_sandbox/faults", `{"path":"/v1/login_check","drop":true,"count":1}`, 201, nil)
	resp, err := http.Post(srv.URL+"/v1/login_check", "application/json", strings.NewReader(`{}`))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("the dropped request got an answer: %d", resp.StatusCode)
	}
	resp, err = http.Get(srv.URL + "/_sandbox/health")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health after a drop: %v", err)
	}
	resp.Body.Close()
	// The journal records the request once its handler returns, which may
	// be after the client saw the connection close.
	var entries []journal.Entry
	for deadline := time.Now().Add(5 * time.Second); len(entries) == 0 && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		entries, _ = h.sb.Journal().Snapshot(func(e *journal.Entry) bool { return e.Path == "/v1/login_check" && e.Status == 0 })
	}
	if len(entries) != 1 {
		t.Errorf("journal of the dropped request: %+v", entries)
	}
}

func TestControlAccess(t *testing.T) {
	tests := []struct {
		name    string
		access  ControlAccess
		remote  string
		token   string
		path    string
		want    int
		wantMsg string
	}{
		{"open by default", ControlAccess{}, "203.0.113.9:1", "", "/_sandbox/health", 200, ""},
		{"loopback v4", ControlAccess{LoopbackOnly: true}, "127.0.0.1:1", "", "/_sandbox/health", 200, ""},
		{"loopback v6", ControlAccess{LoopbackOnly: true}, "[::1]:1", "", "/_sandbox/health", 200, ""},
		{"remote refused", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "", "/_sandbox/health", 403, "loopback clients only"},
		{"remote, unknown control path", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "", "/_sandbox/nothing", 403, "loopback clients only"},
		{"remote vendor call", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "", "/v1/login_check", 400, ""},
		{"remote, unclean path", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "", "//_sandbox/health", 404, `{"code":404,"message":"Not Found"}`},
		{"remote, escaped path", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "", "/%5Fsandbox/health", 403, "loopback clients only"},
		{"remote with token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "203.0.113.9:1", "s3cret", "/_sandbox/health", 200, ""},
		{"remote without token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "203.0.113.9:1", "", "/_sandbox/health", 403, "or requests with the control token"},
		{"remote wrong token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "203.0.113.9:1", "s3cre", "/_sandbox/health", 403, "does not hold"},
		{"loopback wrong token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "127.0.0.1:1", "nope", "/_sandbox/health", 403, "does not hold"},
		{"token sent to a sandbox without one", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "s3cret", "/_sandbox/health", 403, "loopback clients only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTest(t, func(o *Options) { o.Control = tt.access })
			req := httptest.NewRequest("GET", tt.path, nil)
			if strings.HasPrefix(tt.path, "/v1/") {
				req = httptest.NewRequest("POST", tt.path, strings.NewReader("{}"))
			}
			req.RemoteAddr = tt.remote
			if tt.token != "" {
				req.Header.Set(ControlTokenHeader, tt.token)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.wantMsg) {
				t.Errorf("%d %s, want %d %q", rec.Code, rec.Body, tt.want, tt.wantMsg)
			}
			entries, _ := s.Journal().Snapshot(nil)
			if tt.token != "" && strings.Contains(entries[0].RequestHeaders.Get(ControlTokenHeader), tt.token) {
				t.Error("the journal shows the control token")
			}
		})
	}
}

func TestWorldReload(t *testing.T) {
	file := filepath.Join(t.TempDir(), "world.yaml")
	write := func(src string) {
		if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	good := string(fixtures.DefaultYAML())
	write(good)
	w, err := fixtures.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	prepared := 0
	s := newTest(t, func(o *Options) {
		o.World, o.WorldFile = w, file
		o.PrepareWorld = func(*fixtures.World) error { prepared++; return nil }
	})
	loginAs := func(user string) int {
		return call(t, s, "POST", "/v1/login_check", `{"username":"`+user+`","password":"`+user+`"}`, jsonCT).status
	}
	status := func(r reply) WorldStatus {
		var st WorldStatus
		if err := json.Unmarshal([]byte(r.body), &st); err != nil {
			t.Fatalf("world status %s: %v", r.body, err)
		}
		return st
	}

	noventiq := good[:strings.Index(good, "\n# Solifyn")+1] // the world ends with the Solifyn section
	demo := noventiq[strings.Index(noventiq, "    - username: demo"):]
	write(noventiq + strings.Replace(demo, "username: demo\n      password: demo", "username: second\n      password: second", 1))
	r := call(t, s, "POST", "/_sandbox/world/reload", "")
	if st := status(r); r.status != 200 || st.Reloads != 1 || st.Error != "" || strings.Join(st.Accounts, ",") != "demo,second" || prepared != 1 {
		t.Fatalf("reload: %d %s (prepared %d times)", r.status, r.body, prepared)
	}
	if got := loginAs("second"); got != 200 {
		t.Fatalf("login to the reloaded account: %d", got)
	}

	write(good + "  - username: [broken\n")
	r = call(t, s, "POST", "/_sandbox/world/reload", "")
	st := status(r)
	if r.status != 422 || !strings.Contains(st.Error, file+":") || st.FailedAt == nil || st.Reloads != 1 {
		t.Errorf("invalid reload: %d %s", r.status, r.body)
	}
	if got := loginAs("second"); got != 200 {
		t.Errorf("the last good world stopped serving: login %d", got)
	}
	if got := status(call(t, s, "GET", "/_sandbox/world", "")); got.Error != st.Error {
		t.Errorf("GET /_sandbox/world = %+v, want the reload error", got)
	}
	entries, _ := s.Journal().Snapshot(func(e *journal.Entry) bool { return e.Method == "RELOAD" })
	if len(entries) != 2 || entries[0].Status != 200 || entries[1].Status != 422 {
		t.Errorf("journaled reloads: %+v", entries)
	}

	if r := call(t, newTest(t), "POST", "/_sandbox/world/reload", ""); r.status != 409 {
		t.Errorf("reload of the embedded world: %d %s", r.status, r.body)
	}
}

func TestStats(t *testing.T) {
	s := newTest(t, func(o *Options) { o.JournalSize = 2 })
	tok := login(t, s)
	for range 2 {
		call(t, s, "POST", "/v1/generate_buy_link", minimal, jsonCT, "AuthorizationJWT: Bearer "+tok)
	}
	var st Stats
	if err := json.Unmarshal([]byte(call(t, s, "GET", "/_sandbox/stats?gc=1", "").body), &st); err != nil {
		t.Fatal(err)
	}
	if st.Records["links"] != 2 || st.JournalKept != 2 || st.JournalDropped != 1 || st.HeapAllocBytes == 0 || st.Goroutines == 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestTokenSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	durable := func(o *Options) {
		o.StatePath, o.Seed = path, nil
	}
	unseeded := func(o *Options) { o.Seed = nil }
	tests := []struct {
		name           string
		opts           func(*Options)
		wantStillValid bool
	}{
		{"random secret kept by the state", durable, true},
		{"seeded memory sandboxes repeat", func(*Options) {}, true},
		{"unseeded memory sandboxes differ", unseeded, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := newTest(t, tt.opts)
			tok := login(t, first)
			_ = first.Close()
			second := newTest(t, tt.opts)
			defer second.Close()
			r := call(t, second, "POST", "/v1/generate_buy_link", minimal, jsonCT, "AuthorizationJWT: Bearer "+tok)
			if got := r.status == 200; got != tt.wantStillValid {
				t.Errorf("token from the first sandbox in the second: %d %s", r.status, r.body)
			}
		})
	}
}

func TestBadBodiesAreRefusedAndNothingIsStored(t *testing.T) {
	h := newHarness(t, nil)
	huge := `{"currency":"EUR","x":"` + strings.Repeat("a", MaxBodyBytes) + `"}`
	tests := []struct {
		name, path, body string
		prefix, hint     string
	}{
		{"a body over the limit", "/v1/generate_buy_link", huge, `{"errors":[{"error":110,`, "exceeds the sandbox's limit"},
		{"binary garbage", "/v1/generate_buy_link", "\xff\xfe\x00{", `{"errors":[{"error":110,`, "valid UTF-8"},
		{"a login over the limit", "/v1/login_check", huge, `{"code":400,"message":"Invalid JSON."}`, "exceeds the sandbox's limit"},
		{"a control body over the limit", "/_sandbox/faults", huge, `{"error":"the body must be a fault: the body exceeds`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := h.do("POST", tt.path, tt.body)
			if rec.Code != 400 || !strings.HasPrefix(rec.Body.String(), tt.prefix) ||
				!strings.Contains(strings.Join(rec.Header().Values("X-Sandbox-Hint"), ";"), tt.hint) {
				t.Errorf("%d %s %v", rec.Code, rec.Body.String()[:min(rec.Body.Len(), 200)], rec.Header())
			}
		})
	}
	h.link(minimal)
	if n := records(h.sb.store, "links"); n != 1 {
		t.Errorf("after bad bodies: %d links, want 1", n)
	}
}
