package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

var epoch = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// newTest returns a sandbox with the default world, a frozen clock and seed 1.
func newTest(t testing.TB, opts ...func(*Options)) *Sandbox {
	t.Helper()
	seed := uint64(1)
	o := Options{Seed: &seed, Clock: FrozenClock(epoch)}
	for _, f := range opts {
		f(&o)
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

type reply struct {
	status int
	header http.Header
	body   string
}

// call sends one request to the sandbox's handler; headers are "Name: value"
// strings ("Host: …" sets the request's host).
func call(t testing.TB, s *Sandbox, method, path, body string, headers ...string) reply {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
		if k == "Host" {
			req.Host = v
		}
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return reply{rec.Code, rec.Result().Header, string(b)}
}

func login(t testing.TB, s *Sandbox) string {
	t.Helper()
	r := call(t, s, "POST", "/v1/login_check", `{"username":"demo","password":"demo"}`, "Content-Type: application/json")
	var out struct{ Token string }
	if r.status != 200 || json.Unmarshal([]byte(r.body), &out) != nil || out.Token == "" {
		t.Fatalf("login: %d %s", r.status, r.body)
	}
	return out.Token
}

const jsonCT = "Content-Type: application/json"

const minimal = `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1}]}`

func errBody(pairs ...any) string {
	var parts []string
	for i := 0; i < len(pairs); i += 2 {
		b, _ := json.Marshal(pairs[i+1])
		parts = append(parts, `{"error":`+jsonNum(pairs[i])+`,"message":`+string(b)+`}`)
	}
	return `{"errors":[` + strings.Join(parts, ",") + `]}`
}

func jsonNum(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestGenerateBuyLinkCheckOrder(t *testing.T) {
	s := newTest(t)
	tok := login(t, s)
	auth := "AuthorizationJWT: Bearer " + tok
	const (
		m110  = "JSON is not valid. The request cannot be processed."
		m111  = "Invalid data format (Content-type). The request cannot be processed."
		m1007 = "Your token is invalid."
		m1008 = "Missing token."
		m3120 = "Unable to define cart settings for this currency. Please contact technical support."
		m3125 = "Sales through this cart are impossible with this currency. Please contact technical support."
	)
	for _, tc := range []struct {
		name, method, path, body string
		headers                  []string
		status                   int
		want                     string
	}{
		{"unknown route", "POST", "/v1/generate_buy_links", minimal, []string{auth, jsonCT}, 404, `{"code":404,"message":"Not Found"}`},
		{"wrong method is an unknown route", "GET", "/v1/generate_buy_link", "", []string{auth}, 404, `{"code":404,"message":"Not Found"}`},
		{"token before content type", "POST", "/v1/generate_buy_link", "x", []string{"Content-Type: text/plain"}, 401, errBody(1008, m1008)},
		{"token in Authorization is missing", "POST", "/v1/generate_buy_link", minimal, []string{"Authorization: Bearer " + tok, jsonCT}, 401, errBody(1008, m1008)},
		{"token without Bearer", "POST", "/v1/generate_buy_link", minimal, []string{"AuthorizationJWT: " + tok, jsonCT}, 401, errBody(1007, m1007)},
		{"tampered token", "POST", "/v1/generate_buy_link", minimal, []string{"AuthorizationJWT: Bearer " + tok + "x", jsonCT}, 401, errBody(1007, m1007)},
		{"content type before body", "POST", "/v1/generate_buy_link", "not json", []string{auth, "Content-Type: text/plain"}, 400, errBody(111, m111)},
		{"missing content type", "POST", "/v1/generate_buy_link", minimal, []string{auth}, 400, errBody(111, m111)},
		{"content type with charset", "POST", "/v1/generate_buy_link", "{", []string{auth, "Content-Type: Application/JSON; charset=utf-8"}, 400, errBody(110, m110)},
		{"body before currency", "POST", "/v1/generate_buy_link", `{"currency":"JPY"`, []string{auth, jsonCT}, 400, errBody(110, m110)},
		{"empty body", "POST", "/v1/generate_buy_link", ``, []string{auth, jsonCT}, 400, errBody(110, m110)},
		{"currency before fields", "POST", "/v1/generate_buy_link", `{"currency":"JPY","products":[{}]}`, []string{auth, jsonCT}, 400, errBody(3120, m3120)},
		{"market before fields", "POST", "/v1/generate_buy_link", `{"currency":"GBP","market_id":2,"products":7}`, []string{auth, jsonCT}, 400, errBody(3125, m3125)},
		{"fields accumulate", "POST", "/v1/generate_buy_link", `{"currency":"EUR1","products":[{"id":111111,"price":"1","quantity":1}]}`, []string{auth, jsonCT}, 400,
			errBody(3010, "Invalid field value: currency.", 3010, "Invalid field value: name.")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.method, tc.path, tc.body, tc.headers...)
			if r.status != tc.status || r.body != tc.want {
				t.Errorf("got %d %s\nwant %d %s", r.status, r.body, tc.status, tc.want)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

func TestGenerateBuyLinkSuccess(t *testing.T) {
	s := newTest(t)
	auth := "AuthorizationJWT: Bearer " + login(t, s)
	linkRE := regexp.MustCompile(`^\{"buy_link":"https://cart\.checkout\.noventiq\.com\.demoslweb\.ru/basket/flash/([1-9][0-9]{7})","external_id":"([1-9][0-9]{7})"\}$`)
	for _, file := range []string{"noventiq/examples/seed_example_1.json", "noventiq/examples/seed_example_2.json"} {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := call(t, s, "POST", "/v1/generate_buy_link", string(body), auth, jsonCT)
		m := linkRE.FindStringSubmatch(r.body)
		if r.status != 200 || m == nil || m[1] != m[2] {
			t.Fatalf("%s: %d %s", file, r.status, r.body)
		}
		var link noventiq.CheckoutState
		st := call(t, s, "GET", "/_sandbox/checkout/"+m[2], "")
		if err := json.Unmarshal([]byte(st.body), &link); err != nil || st.status != 200 {
			t.Fatalf("link %s not stored: %d %s", m[2], st.status, st.body)
		}
		if link.MarketID != 1 || link.Currency != "EUR" || len(link.Lines) != 1 {
			t.Errorf("stored link %+v", link)
		}
	}
	r := call(t, s, "POST", "/v1/generate_buy_link", `{"currency":"USD","market_id":3,"products":[{"id":222222,"name":"B","price":"5","quantity":2}]}`, auth, jsonCT)
	if r.status != 200 || !strings.Contains(r.body, `"https://store.checkout.noventiq.com.demoslweb.ru/basket/flash/`) {
		t.Errorf("market 3 link: %d %s", r.status, r.body)
	}
}

func TestLocalLinks(t *testing.T) {
	s := newTest(t, func(o *Options) { o.LocalLinks = true })
	r := call(t, s, "POST", "/v1/generate_buy_link", minimal, "AuthorizationJWT: Bearer "+login(t, s), jsonCT)
	if !regexp.MustCompile(`^\{"buy_link":"http://example\.com/basket/flash/[0-9]{8}"`).MatchString(r.body) {
		t.Errorf("local link: %s", r.body)
	}
}

func TestExternalIDsRepeatWithSeedAndNeverReuse(t *testing.T) {
	links := func() []string {
		s := newTest(t)
		auth := "AuthorizationJWT: Bearer " + login(t, s)
		var out []string
		for range 20 {
			out = append(out, call(t, s, "POST", "/v1/generate_buy_link", minimal, auth, jsonCT).body)
		}
		return out
	}
	a, b := links(), links()
	seen := map[string]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("run 2 differs at %d: %s vs %s", i, a[i], b[i])
		}
		if seen[a[i]] {
			t.Fatalf("external id reused: %s", a[i])
		}
		seen[a[i]] = true
	}
}

func TestLogin(t *testing.T) {
	s := newTest(t)
	for _, tc := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"wrong password", `{"username":"demo","password":"x"}`, 401, `{"code":401,"message":"Invalid credentials."}`},
		{"unknown user", `{"username":"nobody","password":"demo"}`, 401, `{"code":401,"message":"Invalid credentials."}`},
		{"not json", `username=demo`, 400, `{"code":400,"message":"Invalid JSON."}`},
		{"array", `[]`, 400, `{"code":400,"message":"Invalid JSON."}`},
		{"missing password", `{"username":"demo"}`, 400, `{"code":400,"message":"The key \"password\" must be provided."}`},
		{"username number", `{"username":1,"password":"demo"}`, 400, `{"code":400,"message":"The key \"username\" must be a string."}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, "POST", "/v1/login_check", tc.body, jsonCT)
			if r.status != tc.status || r.body != tc.want {
				t.Errorf("got %d %s, want %d %s", r.status, r.body, tc.status, tc.want)
			}
		})
	}
	r := call(t, s, "POST", "/v1/login_check", `{"username":"demo","password":"demo"}`, jsonCT)
	if !regexp.MustCompile(`^\{"token":"[\w-]+\.[\w-]+\.[\w-]+","refresh_token":"[0-9a-f]{128}"\}$`).MatchString(r.body) {
		t.Errorf("login body %s", r.body)
	}
	if d := r.header.Get("Date"); d != epoch.Format(http.TimeFormat) {
		t.Errorf("date header %q, want the sandbox clock %q", d, epoch.Format(http.TimeFormat))
	}
}

func TestTokenExpiryFollowsTheClock(t *testing.T) {
	s := newTest(t)
	old := login(t, s)
	r := call(t, s, "POST", "/_sandbox/clock", `{"advance":"23h59m"}`, jsonCT)
	if r.status != 200 || r.body != `{"now":"2026-03-02T08:59:00Z","frozen":true}` {
		t.Fatalf("advance: %d %s", r.status, r.body)
	}
	newer := login(t, s)
	if got := call(t, s, "POST", "/v1/generate_buy_link", minimal, "AuthorizationJWT: Bearer "+old, jsonCT); got.status != 200 {
		t.Errorf("a token 23h59m old was refused: %s", got.body)
	}
	call(t, s, "POST", "/_sandbox/clock", `{"advance":"2m"}`, jsonCT)
	if got := call(t, s, "POST", "/v1/generate_buy_link", minimal, "AuthorizationJWT: Bearer "+old, jsonCT); got.status != 401 || got.body != errBody(1009, "Your token is expired.") {
		t.Errorf("expired token: %d %s", got.status, got.body)
	}
	if got := call(t, s, "POST", "/v1/generate_buy_link", minimal, "AuthorizationJWT: Bearer "+newer, jsonCT); got.status != 200 {
		t.Errorf("the newer token stopped working: %s", got.body)
	}
}

func TestClockControl(t *testing.T) {
	s := newTest(t)
	for _, tc := range []struct {
		body   string
		status int
		want   string
	}{
		{`{"set":"2027-01-01T00:00:00Z"}`, 200, `{"now":"2027-01-01T00:00:00Z","frozen":true}`},
		{`{"advance":"-24h"}`, 200, `{"now":"2026-12-31T00:00:00Z","frozen":true}`},
		{`{"advance":"soon"}`, 400, `{"error":"advance must be a Go duration such as \"25h\" or \"-90m\""}`},
		{`{"set":"tomorrow"}`, 400, `{"error":"set must be an RFC 3339 time such as \"2026-01-01T00:00:00Z\""}`},
		{`{}`, 400, `{"error":"send exactly one of {\"advance\":\"25h\"} or {\"set\":\"2026-01-01T00:00:00Z\"}"}`},
		{`{"advance":"1h","set":"2027-01-01T00:00:00Z"}`, 400, `{"error":"send exactly one of {\"advance\":\"25h\"} or {\"set\":\"2026-01-01T00:00:00Z\"}"}`},
		{`{"speed":2}`, 400, `{"error":"json: unknown field \"speed\""}`},
	} {
		r := call(t, s, "POST", "/_sandbox/clock", tc.body, jsonCT)
		if r.status != tc.status || r.body != tc.want {
			t.Errorf("%s: got %d %s, want %d %s", tc.body, r.status, r.body, tc.status, tc.want)
		}
	}
	if r := call(t, s, "GET", "/_sandbox/clock", ""); r.body != `{"now":"2026-12-31T00:00:00Z","frozen":true}` {
		t.Errorf("read clock: %s", r.body)
	}
	if r := call(t, s, "GET", "/_sandbox/health", ""); r.status != 200 || r.body != `{"status":"ok"}` {
		t.Errorf("health: %d %s", r.status, r.body)
	}
}

func TestBadInputLeavesTheServerHealthy(t *testing.T) {
	s := newTest(t)
	auth := "AuthorizationJWT: Bearer " + login(t, s)
	m110 := errBody(110, "JSON is not valid. The request cannot be processed.")
	for name, body := range map[string]string{
		"over the size limit": `{"currency":"EUR","x":"` + strings.Repeat("a", MaxBodyBytes) + `"}`,
		"deep nesting":        strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000),
		"invalid utf-8":       "{\"currency\":\"\xc3\x28\"}",
		"nul bytes":           "\x00\x00",
	} {
		r := call(t, s, "POST", "/v1/generate_buy_link", body, auth, jsonCT)
		if r.status != 400 || r.body != m110 {
			t.Errorf("%s: %d %.200s", name, r.status, r.body)
		}
	}
	odd := `{"currency":{"a":[1,2,{"b":null}]},"products":[[],null,true,"x",1e400],"customer":"x","upsell":[],"upsell_exit":1}`
	r := call(t, s, "POST", "/v1/generate_buy_link", odd, auth, jsonCT)
	want := errBody(3010, "Invalid field value: currency.", 3010, "Invalid field value: products.", 3010, "Invalid field value: products.",
		3010, "Invalid field value: products.", 3010, "Invalid field value: products.", 3010, "Invalid field value: products.",
		3010, "Invalid field value: customer.", 3010, "Invalid field value: upsell.", 3010, "Invalid field value: upsell_exit.")
	if r.status != 400 || r.body != want {
		t.Errorf("odd types: %d %s", r.status, r.body)
	}
	if r := call(t, s, "POST", "/v1/generate_buy_link", minimal, auth, jsonCT); r.status != 200 {
		t.Errorf("after bad input: %d %s", r.status, r.body)
	}
}

func TestJournal(t *testing.T) {
	s := newTest(t, func(o *Options) { o.JournalSize = 3 })
	tok := login(t, s)
	call(t, s, "POST", "/v1/generate_buy_link", minimal, "Authorization: Bearer "+tok, jsonCT)
	call(t, s, "POST", "/v1/generate_buy_link", `{"currency":"JPY"}`, "AuthorizationJWT: Bearer "+tok, jsonCT)
	call(t, s, "GET", "/nope", "")
	entries, dropped := s.Journal().Snapshot(nil)
	if len(entries) != 3 || dropped != 1 {
		t.Fatalf("journal holds %d entries, dropped %d", len(entries), dropped)
	}
	e := entries[0]
	if e.Status != 401 || len(e.Codes) != 1 || e.Codes[0] != 1008 || !strings.Contains(strings.Join(e.Hints, ";"), "AuthorizationJWT") {
		t.Errorf("hint for a token in Authorization missing: %+v", e)
	}
	if e.RequestBody != minimal {
		t.Errorf("the body of a request refused before reading it is not journaled: %q", e.RequestBody)
	}
	if e.RequestHeaders.Get("Authorization") != "Bearer [redacted]" {
		t.Errorf("token not redacted in the journal: %q", e.RequestHeaders.Get("Authorization"))
	}
	if entries[1].Codes[0] != 3120 || entries[1].Account != "demo" || entries[1].RequestBody != `{"currency":"JPY"}` {
		t.Errorf("entry %+v", entries[1])
	}
	r := call(t, s, "GET", "/_sandbox/journal?code=3120", "")
	var page struct {
		Entries []struct{ Path string }
		Dropped int
	}
	if err := json.Unmarshal([]byte(r.body), &page); err != nil || len(page.Entries) != 1 || page.Dropped != 1 {
		t.Errorf("filtered journal: %s", r.body)
	}
}

func TestRequestWithoutBody(t *testing.T) {
	s := newTest(t)
	req := httptest.NewRequest("GET", "/_sandbox/health", nil)
	req.Body = nil // as an http.Client request handed to the handler in-process
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("a request without a body: %d %s", rec.Code, rec.Body)
	}
}

func TestLoginRedactedInJournal(t *testing.T) {
	s := newTest(t)
	login(t, s)
	entries, _ := s.Journal().Snapshot(nil)
	if entries[0].RequestBody != `{"password":"[redacted]","username":"demo"}` || entries[0].ResponseBody != `{"refresh_token":"[redacted]","token":"[redacted]"}` {
		t.Errorf("credentials in the journal: %s / %s", entries[0].RequestBody, entries[0].ResponseBody)
	}
}

func TestConcurrentLinks(t *testing.T) {
	s := newTest(t)
	auth := "AuthorizationJWT: Bearer " + login(t, s)
	var mu sync.Mutex
	ids := map[string]bool{}
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			r := call(t, s, "POST", "/v1/generate_buy_link", minimal, auth, jsonCT)
			mu.Lock()
			ids[r.body] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(ids) != 64 {
		t.Errorf("64 concurrent requests gave %d distinct links", len(ids))
	}
}
