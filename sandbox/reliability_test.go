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
	"github.com/flashcart/flashcart/sandbox/journal"
	"github.com/flashcart/flashcart/sandbox/store"
)

// rig drives one sandbox in process, as a client on loopback.
type rig struct {
	t  *testing.T
	sb *Sandbox
}

func newRig(t *testing.T, opts Options) *rig {
	t.Helper()
	sb, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &rig{t: t, sb: sb}
}

// call sends a request from 127.0.0.1; header holds name, value pairs.
func (g *rig) call(method, path, body string, header ...string) *httptest.ResponseRecorder {
	g.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.RemoteAddr = "127.0.0.1:40000"
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	g.sb.Handler().ServeHTTP(rec, req)
	return rec
}

func (g *rig) login(username string) string {
	g.t.Helper()
	rec := g.call("POST", "/v1/login_check", `{"username":"`+username+`","password":"`+username+`"}`)
	var tok struct{ Token string }
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &tok) != nil {
		g.t.Fatalf("login %s: %d %s", username, rec.Code, rec.Body)
	}
	return tok.Token
}

const linkBody = `{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1}]}`

func (g *rig) link(token string, header ...string) *httptest.ResponseRecorder {
	g.t.Helper()
	return g.call("POST", "/v1/generate_buy_link", linkBody, append([]string{"AuthorizationJWT", "Bearer " + token}, header...)...)
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

func records(t *testing.T, st store.Store, bucket string) int {
	n := 0
	_ = st.View(func(tx store.Tx) error {
		return tx.ForEach(bucket, func(string, []byte) error { n++; return nil })
	})
	return n
}

func TestReset(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.login("demo")
	for range 2 {
		if rec := g.link(tok); rec.Code != 200 {
			t.Fatalf("link: %d %s", rec.Code, rec.Body)
		}
	}
	// A record of another account, in a bucket the sandbox does not know.
	_ = g.sb.Store().Update(func(tx store.Tx) error { return tx.Put("orders", "1", []byte(`{"account":"other"}`)) })
	g.call("POST", "/_sandbox/faults", `{"path":"/v1/nothing","status":503}`)

	bad := []struct{ body, want string }{
		{`{"account":""}`, `"account" must name an account`},
		{`{"acount":"demo"}`, `unknown field "acount"`},
		{`[`, "the body must be empty"},
	}
	for _, tt := range bad {
		rec := g.call("POST", "/_sandbox/reset", tt.body)
		if rec.Code != 400 || !strings.Contains(decode[controlError](t, rec).Error, tt.want) {
			t.Errorf("reset %s: %d %s, want 400 %q", tt.body, rec.Code, rec.Body, tt.want)
		}
	}
	if records(t, g.sb.Store(), "links") != 2 {
		t.Fatal("a refused reset removed records")
	}

	rec := g.call("POST", "/_sandbox/reset", `{"account":"demo"}`)
	res := decode[resetResult](t, rec)
	if rec.Code != 200 || res.Removed["links"] != 2 || res.Removed["orders"] != 0 || res.JournalCleared {
		t.Errorf("account reset: %d %s", rec.Code, rec.Body)
	}
	if records(t, g.sb.Store(), "orders") != 1 || len(g.sb.Faults().List()) != 1 {
		t.Error("an account reset touched another account's records or the faults")
	}
	if kept, _ := g.sb.Journal().Len(); kept == 0 {
		t.Error("an account reset cleared the journal")
	}

	rec = g.call("POST", "/_sandbox/reset", "")
	res = decode[resetResult](t, rec)
	if rec.Code != 200 || res.Removed["orders"] != 1 || !res.JournalCleared || !res.FaultsCleared {
		t.Errorf("full reset: %d %s", rec.Code, rec.Body)
	}
	if entries, _ := g.sb.Journal().Snapshot(nil); len(entries) != 1 || entries[0].Path != "/_sandbox/reset" || len(g.sb.Faults().List()) != 0 {
		t.Errorf("full reset left journal entries %+v (want only the reset itself) and faults %v", entries, g.sb.Faults().List())
	}
	if rec := g.link(tok); rec.Code != 200 {
		t.Errorf("a token issued before the reset: %d %s", rec.Code, rec.Body)
	}
}

func TestForceErrorHeader(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.login("demo")
	tests := []struct {
		header, path string
		status       int
		body         string
	}{
		{"3120", "/v1/generate_buy_link", 400, `{"errors":[{"error":3120,"message":"Unable to define cart settings for this currency. Please contact technical support."}]}`},
		{"1009", "/v1/generate_buy_link", 401, `{"errors":[{"error":1009,"message":"Your token is expired."}]}`},
		{"3010 currency", "/v1/generate_buy_link", 400, `{"errors":[{"error":3010,"message":"Invalid field value: currency."}]}`},
		{"110", "/v1/login_check", 400, `{"errors":[{"error":110,"message":"JSON is not valid. The request cannot be processed."}]}`},
		{"9999", "/v1/generate_buy_link", 400, `{"error":"X-Sandbox-Force-Error: 9999 is not a documented error code; the documented codes are 110, 111, 1007`},
		{"3010", "/v1/generate_buy_link", 400, `{"error":"X-Sandbox-Force-Error: 3010 needs the name of a field`},
		{"", "/v1/generate_buy_link", 400, `{"error":"X-Sandbox-Force-Error must be`},
		{"3120", "/_sandbox/health", 200, `{"status":"ok"}`},
	}
	for _, tt := range tests {
		rec := g.call("POST", tt.path, linkBody, "AuthorizationJWT", "Bearer "+tok, "X-Sandbox-Force-Error", tt.header)
		if tt.path == "/_sandbox/health" {
			rec = g.call("GET", tt.path, "", "X-Sandbox-Force-Error", tt.header)
		}
		if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) {
			t.Errorf("%q on %s: %d %s\nwant %d %s", tt.header, tt.path, rec.Code, rec.Body, tt.status, tt.body)
		}
	}
	if records(t, g.sb.Store(), "links") != 0 {
		t.Error("a forced error still created a link")
	}
	if rec := g.link(tok); rec.Code != 200 {
		t.Errorf("the next call without the header: %d %s", rec.Code, rec.Body)
	}
	entries, _ := g.sb.Journal().Snapshot(func(e *journal.Entry) bool { return len(e.Codes) == 1 && e.Codes[0] == 3120 })
	if len(entries) != 1 || !strings.Contains(strings.Join(entries[0].Hints, ";"), "X-Sandbox-Force-Error") {
		t.Errorf("journal of the forced 3120: %+v", entries)
	}
}

func TestFaults(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.login("demo")
	add := func(spec string) {
		t.Helper()
		if rec := g.call("POST", "/_sandbox/faults", spec); rec.Code != 201 {
			t.Fatalf("add %s: %d %s", spec, rec.Code, rec.Body)
		}
	}
	add(`{"path":"/v1/generate_buy_link","status":503,"count":1}`)
	add(`{"path":"/v1/generate_buy_link","error":3125,"count":1}`)
	add(`{"path":"*","latency":{"distribution":"fixed","value":"30ms"},"count":1}`)
	add(`{"path":"*","status":500}`)

	tests := []struct {
		status int
		body   string
	}{
		{503, `{"code":503,"message":"Service Unavailable"}`},
		{400, `{"errors":[{"error":3125,"message":"Sales through this cart are impossible with this currency. Please contact technical support."}]}`},
		{200, `{"buy_link":`},
	}
	for i, tt := range tests {
		start := time.Now()
		rec := g.link(tok)
		if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) {
			t.Errorf("request %d: %d %s, want %d %s", i, rec.Code, rec.Body, tt.status, tt.body)
		}
		if i == 2 && time.Since(start) < 30*time.Millisecond {
			t.Errorf("the latency fault did not delay the request: %v", time.Since(start))
		}
	}
	if rec := g.call("GET", "/_sandbox/health", ""); rec.Code != 200 {
		t.Errorf("a fault on * reached the control API: %d", rec.Code)
	}
	if rec := g.call("GET", "/v1/anything", ""); rec.Code != 500 {
		t.Errorf("the lasting fault: %d", rec.Code)
	}
	list := decode[faultList](t, g.call("GET", "/_sandbox/faults", ""))
	if len(list.Faults) != 1 || list.Faults[0].ID != "f4" || list.Faults[0].Hits != 1 {
		t.Errorf("active faults: %+v", list)
	}
	if rec := g.call("DELETE", "/_sandbox/faults/f1", ""); rec.Code != 404 {
		t.Errorf("delete a spent fault: %d", rec.Code)
	}
	if rec := g.call("DELETE", "/_sandbox/faults/f4", ""); rec.Code != 200 {
		t.Errorf("delete f4: %d %s", rec.Code, rec.Body)
	}
	add(`{"path":"/v1/*","status":502}`)
	if rec := g.call("DELETE", "/_sandbox/faults", ""); rec.Code != 200 || len(g.sb.Faults().List()) != 0 {
		t.Errorf("delete all: %d %s", rec.Code, rec.Body)
	}
	for _, bad := range []string{`{"path":"/v1/*","status":200}`, `{"path":"/v1/*","latency":{"distribution":"fixed","value":"1h"}}`, `nope`} {
		if rec := g.call("POST", "/_sandbox/faults", bad); rec.Code != 400 || !strings.HasPrefix(rec.Body.String(), `{"error":`) {
			t.Errorf("add %s: %d %s", bad, rec.Code, rec.Body)
		}
	}
}

func TestDroppedConnection(t *testing.T) {
	g := newRig(t, Options{})
	srv := httptest.NewServer(g.sb.Handler())
	defer srv.Close()
	g.call("POST", "/_sandbox/faults", `{"path":"/v1/login_check","drop":true,"count":1}`)
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
	entries, _ := g.sb.Journal().Snapshot(func(e *journal.Entry) bool { return e.Path == "/v1/login_check" })
	if len(entries) != 1 || entries[0].Status != 0 {
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
		{"remote with token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "203.0.113.9:1", "s3cret", "/_sandbox/health", 200, ""},
		{"remote without token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "203.0.113.9:1", "", "/_sandbox/health", 403, "or requests with the control token"},
		{"remote wrong token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "203.0.113.9:1", "s3cre", "/_sandbox/health", 403, "does not hold"},
		{"loopback wrong token", ControlAccess{LoopbackOnly: true, Token: "s3cret"}, "127.0.0.1:1", "nope", "/_sandbox/health", 403, "does not hold"},
		{"token sent to a sandbox without one", ControlAccess{LoopbackOnly: true}, "203.0.113.9:1", "s3cret", "/_sandbox/health", 403, "loopback clients only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t, Options{Control: tt.access})
			req := httptest.NewRequest("GET", tt.path, nil)
			if strings.HasPrefix(tt.path, "/v1/") {
				req = httptest.NewRequest("POST", tt.path, strings.NewReader("{}"))
			}
			req.RemoteAddr = tt.remote
			if tt.token != "" {
				req.Header.Set(ControlTokenHeader, tt.token)
			}
			rec := httptest.NewRecorder()
			g.sb.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.wantMsg) {
				t.Errorf("%d %s, want %d %q", rec.Code, rec.Body, tt.want, tt.wantMsg)
			}
			entries, _ := g.sb.Journal().Snapshot(nil)
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
	g := newRig(t, Options{World: w, WorldFile: file})

	demo := good[strings.Index(good, "  - username: demo"):]
	write(good + strings.Replace(demo, "username: demo\n    password: demo", "username: second\n    password: second", 1))
	rec := g.call("POST", "/_sandbox/world/reload", "")
	st := decode[WorldStatus](t, rec)
	if rec.Code != 200 || st.Reloads != 1 || st.Error != "" || strings.Join(st.Accounts, ",") != "demo,second" {
		t.Fatalf("reload: %d %s", rec.Code, rec.Body)
	}
	g.login("second")

	write(good + "  - username: [broken\n")
	rec = g.call("POST", "/_sandbox/world/reload", "")
	st = decode[WorldStatus](t, rec)
	if rec.Code != 422 || !strings.Contains(st.Error, file+":") || st.FailedAt == nil || st.Reloads != 1 {
		t.Errorf("invalid reload: %d %s", rec.Code, rec.Body)
	}
	g.login("second") // the last good world keeps serving
	if got := decode[WorldStatus](t, g.call("GET", "/_sandbox/world", "")); got.Error != st.Error {
		t.Errorf("GET /_sandbox/world = %+v, want the reload error", got)
	}
	entries, _ := g.sb.Journal().Snapshot(func(e *journal.Entry) bool { return e.Method == "RELOAD" })
	if len(entries) != 2 || entries[0].Status != 200 || entries[1].Status != 422 {
		t.Errorf("journaled reloads: %+v", entries)
	}

	if rec := newRig(t, Options{}).call("POST", "/_sandbox/world/reload", ""); rec.Code != 409 {
		t.Errorf("reload of the embedded world: %d %s", rec.Code, rec.Body)
	}
}

func TestStats(t *testing.T) {
	g := newRig(t, Options{JournalSize: 2})
	tok := g.login("demo")
	g.link(tok)
	g.link(tok)
	st := decode[Stats](t, g.call("GET", "/_sandbox/stats?gc=1", ""))
	if st.Records["links"] != 2 || st.JournalKept != 2 || st.JournalDropped != 1 || st.HeapAllocBytes == 0 || st.Goroutines == 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestTokenSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	open := func() *store.Bolt {
		b, err := store.OpenBolt(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	seed := uint64(11)
	tests := []struct {
		name           string
		first, second  func() Options
		wantStillValid bool
	}{
		{"random secret kept by the state", func() Options { return Options{Store: open()} }, func() Options { return Options{Store: open()} }, true},
		{"seeded memory sandboxes repeat", func() Options { return Options{Seed: &seed} }, func() Options { return Options{Seed: &seed} }, true},
		{"unseeded memory sandboxes differ", func() Options { return Options{} }, func() Options { return Options{} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := newRig(t, tt.first())
			tok := first.login("demo")
			_ = first.sb.Store().Close()
			second := newRig(t, tt.second())
			defer second.sb.Store().Close()
			rec := second.link(tok)
			if got := rec.Code == 200; got != tt.wantStillValid {
				t.Errorf("token from the first sandbox in the second: %d %s", rec.Code, rec.Body)
			}
		})
	}
}

func TestBadBodiesAreRefusedAndNothingIsStored(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.login("demo")
	huge := `{"currency":"EUR","x":"` + strings.Repeat("a", MaxBodyBytes) + `"}`
	tests := []struct {
		name, path, body string
		status           int
		prefix, hint     string
	}{
		{"a body over the limit", "/v1/generate_buy_link", huge, 400, `{"errors":[{"error":110,`, "exceeds the sandbox's limit"},
		{"binary garbage", "/v1/generate_buy_link", "\xff\xfe\x00{", 400, `{"errors":[{"error":110,`, "valid UTF-8"},
		{"a login over the limit", "/v1/login_check", huge, 400, `{"code":400,"message":"Invalid JSON."}`, "exceeds the sandbox's limit"},
		{"a control body over the limit", "/_sandbox/faults", huge, 400, `{"error":"the body must be a fault: the body exceeds`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := g.call("POST", tt.path, tt.body, "AuthorizationJWT", "Bearer "+tok)
			if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.prefix) ||
				!strings.Contains(strings.Join(rec.Header().Values("X-Sandbox-Hint"), ";"), tt.hint) {
				t.Errorf("%d %s %v", rec.Code, rec.Body.String()[:min(rec.Body.Len(), 200)], rec.Header())
			}
		})
	}
	if rec := g.link(tok); rec.Code != 200 || records(t, g.sb.Store(), "links") != 1 {
		t.Errorf("after bad bodies: %d %s, %d links", rec.Code, rec.Body, records(t, g.sb.Store(), "links"))
	}
}
