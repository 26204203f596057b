package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/scenarios"
)

func parse(t *testing.T, src string) []*scenarios.Scenario {
	t.Helper()
	f, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f.Scenarios
}

// sent is a request a stub received.
type sent struct {
	Method, Path, Query, Body string
	Header                    http.Header
}

// stub is a live server that answers like a flashcart sandbox (when
// flashcart is set) and keeps what it receives.
type stub struct {
	mu        sync.Mutex
	reqs      []sent
	flashcart bool
}

func (s *stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == "/_sandbox/health" {
		if !s.flashcart {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		fmt.Fprint(w, `{"status":"ok"}`)
		return
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, sent{r.Method, r.URL.Path, r.URL.RawQuery, string(body), r.Header.Clone()})
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/v1/login_check":
		fmt.Fprint(w, `{"token":"secret-token-123","refresh_token":"r"}`)
	case r.URL.Path == "/v1/generate_buy_link":
		fmt.Fprint(w, `{"buy_link":"https://cart.example.demoslweb.ru/basket/flash/555","external_id":"555"}`)
	case strings.HasSuffix(r.URL.Path, "/order"):
		fmt.Fprint(w, `{"order":{"order_id":777}}`)
	case r.URL.Path == "/drop":
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	default:
		fmt.Fprint(w, `{}`)
	}
}

func serve(t *testing.T, s *stub) string {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv.URL
}

const checkoutFlow = `version: 1
scenarios:
  - name: link to webhook
    steps:
      - {id: login, login: {}}
      - id: link
        request: {method: POST, path: /v1/generate_buy_link, body: {currency: EUR}}
      - {id: open, open_link: "${steps.link.body.buy_link}"}
      - id: take
        accept_offer: {link: "${steps.link.body.external_id}", offer: entry, choice: 2}
      - id: skip
        decline_offer: {link: "${steps.link.body.external_id}", offer: exit}
      - {id: leave, exit_intent: "${steps.link.body.external_id}"}
      - id: who
        customer: {link: "${steps.link.body.buy_link}", fields: {email: a@b.example}, auto_renewal: {"111111": true}}
      - id: pay
        order: {link: "${steps.link.body.external_id}", card: "4242424242424242"}
      - id: hooks
        webhooks: {order_id: "${steps.pay.body.order.order_id}", event: order.created}
        expect: {status: 200, body: {}}
`

func TestCheckoutStepsSendTheCheckoutAPIRequests(t *testing.T) {
	s := &stub{flashcart: true}
	res, err := Run(context.Background(), parse(t, checkoutFlow), Options{Target: serve(t, s), Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if sc := res.Scenarios[0]; sc.Status != Passed {
		t.Fatalf("status %s: %+v", sc.Status, sc.Steps)
	}
	want := []sent{
		{Method: "POST", Path: "/v1/login_check", Body: `{"username":"u","password":"p"}`},
		{Method: "POST", Path: "/v1/generate_buy_link", Body: `{"currency":"EUR"}`},
		{Method: "GET", Path: "/_sandbox/checkout/555"},
		{Method: "POST", Path: "/_sandbox/checkout/555/upsell", Body: `{"offer":"entry","choice":2}`},
		{Method: "POST", Path: "/_sandbox/checkout/555/upsell", Body: `{"offer":"exit","choice":null}`},
		{Method: "POST", Path: "/_sandbox/checkout/555/exit-intent"},
		{Method: "POST", Path: "/_sandbox/checkout/555/customer", Body: `{"email":"a@b.example","auto_renewal":{"111111":true}}`},
		{Method: "POST", Path: "/_sandbox/checkout/555/order", Body: `{"card":"4242424242424242"}`},
		{Method: "GET", Path: "/_sandbox/webhooks", Query: "event=order.created&order_id=777"},
	}
	if len(s.reqs) != len(want) {
		t.Fatalf("%d requests, want %d: %+v", len(s.reqs), len(want), s.reqs)
	}
	for i, w := range want {
		g := s.reqs[i]
		if g.Method != w.Method || g.Path != w.Path || g.Query != w.Query || g.Body != w.Body {
			t.Errorf("request %d: %s %s?%s %s\nwant       %s %s?%s %s", i, g.Method, g.Path, g.Query, g.Body, w.Method, w.Path, w.Query, w.Body)
		}
		wantCT := ""
		if w.Body != "" {
			wantCT = "application/json"
		}
		if ct := g.Header.Get("Content-Type"); ct != wantCT {
			t.Errorf("request %d: Content-Type %q, want %q", i, ct, wantCT)
		}
		// Only the vendor call carries the token: the checkout steps act as
		// the customer's browser.
		wantTok := ""
		if i == 1 {
			wantTok = "Bearer secret-token-123"
		}
		if tok := g.Header.Get("AuthorizationJWT"); tok != wantTok {
			t.Errorf("request %d: AuthorizationJWT %q, want %q", i, tok, wantTok)
		}
	}
}

// The same step kinds against the real checkout JSON API, in-process: each
// request is one the sandbox accepts, and a step that writes its body
// expectation alone still checks the status 200.
const realCheckoutFlow = `version: 1
scenarios:
  - name: every checkout step against the sandbox
    steps:
      - {id: login, login: {}}
      - id: link
        request:
          method: POST
          path: /v1/generate_buy_link
          body:
            currency: EUR
            products: [{id: 111111, name: Base, price: "30.00", quantity: 1, subscription: {period: P1Y}}]
            upsell: &offer {product_id: 111111, name: Up, products: [{id: 333333, name: Pro, name_for_upsell: Pro, price: "60.00", quantity: 1, subscription: {period: P1Y}}]}
            upsell_exit: *offer
      - {id: open, open_link: "${steps.link.body.buy_link}", expect: {partial: true, body: {pending_offer: entry}}}
      - {id: skip, decline_offer: {link: "${steps.link.body.external_id}", offer: entry}, expect: {partial: true, body: {pending_offer: ""}}}
      - {id: leave, exit_intent: "${steps.link.body.buy_link}", expect: {partial: true, body: {pending_offer: exit}}}
      - id: take
        accept_offer: {link: "${steps.link.body.external_id}", offer: exit, choice: 0}
        expect: {partial: true, body: {lines: [{product_id: 333333, auto_renewal: true}]}}
      - id: who
        customer:
          link: ${steps.link.body.external_id}
          fields: {type: physical, email: a@b.example, first_name: A, last_name: B, country: DE}
          auto_renewal: {333333: false}
        expect: {partial: true, body: {step: customer, lines: [{auto_renewal: false}]}}
      - id: pay
        order: {link: "${steps.link.body.external_id}", card: "4242424242424242"}
        expect: {partial: true, body: {order: {status: paid}}}
      - id: hooks
        webhooks: {order_id: "${steps.pay.body.order.order_id}", event: order.created}
        expect: {partial: true, body: {deliveries: [{event: order.created, product_id: "333333"}]}}
      - id: again
        order: {link: "${steps.link.body.external_id}", card: "4242424242424242"}
        expect: {body: {error: 'not possible in this state: the link was already used for an order'}}
`

func TestCheckoutStepsAgainstTheSandbox(t *testing.T) {
	res, err := Run(context.Background(), parse(t, realCheckoutFlow), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scenarios[0]
	for _, st := range sc.Steps[:len(sc.Steps)-1] {
		if st.Status != Passed {
			t.Errorf("step %s: %s %s %v", st.Step.ID, st.Status, st.Reason, st.Problems)
		}
	}
	last := sc.Steps[len(sc.Steps)-1]
	if len(last.Problems) != 1 || last.Problems[0].String() != "status: expected 200, got 409" {
		t.Errorf("a second order: problems %v, want only the status", last.Problems)
	}
}

func TestHeadersAuthAndBodies(t *testing.T) {
	s := &stub{flashcart: true}
	src := `version: 1
scenarios:
  - name: headers
    steps:
      - {id: login, login: {}}
      - id: none
        request: {method: POST, path: /a, auth: none, body_raw: "x=${steps.login.status}"}
      - id: own
        request: {method: POST, path: /b, headers: {AuthorizationJWT: "Bearer other", Content-Type: ""}, body: {a: 1}}
      - id: plain
        request: {method: GET, path: "/c/${steps.login.body.refresh_token}", query: {q: "a b&c"}, headers: {X-Trace: "${steps.none.status}"}}
`
	res, err := Run(context.Background(), parse(t, src), Options{Target: serve(t, s), Username: "u", Password: "p"})
	if err != nil || res.Scenarios[0].Status != Passed {
		t.Fatalf("%v %+v", err, res)
	}
	r := s.reqs
	if r[1].Header.Get("AuthorizationJWT") != "" || r[1].Body != "x=200" || r[1].Header.Get("Content-Type") != "application/json" {
		t.Errorf("auth none: %+v", r[1])
	}
	if r[2].Header.Get("AuthorizationJWT") != "Bearer other" || r[2].Header.Values("Content-Type") != nil || r[2].Body != `{"a":1}` {
		t.Errorf("own headers: %+v", r[2])
	}
	if r[3].Path != "/c/r" || r[3].Query != "q=a+b%26c" || r[3].Header.Get("X-Trace") != "200" || r[3].Header.Get("AuthorizationJWT") != "Bearer secret-token-123" {
		t.Errorf("plain: %+v", r[3])
	}
}

func TestNotAFlashcartTargetSkipsSandboxSteps(t *testing.T) {
	s := &stub{}
	src := `version: 1
scenarios:
  - name: vendor part then sandbox part
    steps:
      - {id: login, login: {}}
      - {id: later, clock: {advance: 25h}}
      - id: link
        request: {method: POST, path: /v1/generate_buy_link, body: {currency: EUR}}
  - name: only vendor calls
    steps:
      - {id: login, login: {}}
  - name: a world of its own
    world: ../testdata/worlds/tiny.yaml
    steps:
      - {id: login, login: {}}
`
	f, err := scenarios.Parse("../testdata/x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), f.Scenarios, Options{Target: serve(t, s), Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Flashcart {
		t.Error("a server without /_sandbox/health was taken for a flashcart")
	}
	first := res.Scenarios[0]
	if first.Status != Skipped || !strings.Contains(first.Reason, "only a flashcart sandbox can answer /_sandbox/clock") {
		t.Errorf("first: %s %q", first.Status, first.Reason)
	}
	if st := first.Steps; st[0].Status != Passed || st[1].Status != Skipped || st[2].Status != Skipped || st[2].Sent {
		t.Errorf("steps: %s %s %s", st[0].Status, st[1].Status, st[2].Status)
	}
	if res.Scenarios[1].Status != Passed {
		t.Errorf("second: %s", res.Scenarios[1].Status)
	}
	if w := res.Scenarios[2]; w.Status != Skipped || !strings.Contains(w.Reason, "only an in-process run") {
		t.Errorf("world: %s %q", w.Status, w.Reason)
	}
	if len(s.reqs) != 2 {
		t.Errorf("the target got %d requests, want the two logins", len(s.reqs))
	}
	if c := res.Count(); c[Passed] != 1 || c[Skipped] != 2 || res.Steps() != 2 {
		t.Errorf("counts %v, steps %d", c, res.Steps())
	}
}

func TestUnreachableTarget(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, err := Run(context.Background(), parse(t, checkoutFlow), Options{Target: url, Timeout: 2 * time.Second})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
}

func TestAStepThatErrorsEndsTheScenario(t *testing.T) {
	src := `version: 1
scenarios:
  - name: dropped
    steps:
      - {id: drop, request: {method: GET, path: /drop}}
      - {id: after, request: {method: GET, path: /after}}
`
	res, err := Run(context.Background(), parse(t, src), Options{Target: serve(t, &stub{flashcart: true})})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scenarios[0]
	if sc.Status != Errored || sc.Steps[0].Status != Errored || sc.Steps[1].Status != Skipped || sc.Steps[1].Reason != "not run: step drop errored" {
		t.Fatalf("%s: %s %s %q", sc.Status, sc.Steps[0].Status, sc.Steps[1].Status, sc.Steps[1].Reason)
	}
}

const failing = `version: 1
scenarios:
  - name: wrong expectations
    steps:
      - {id: login, login: {}}
      - id: link
        request: {method: POST, path: /v1/generate_buy_link, body: {currency: EUR, products: [{id: 111111, name: A, price: "1.00", quantity: 1}]}}
        expect:
          status: 201
          headers: {Content-Type: text/html}
          body: {buy_link: {$type: string}, external_id: "1"}
      - {id: after, login: {}}
  - name: a failing login
    steps:
      - {id: login, login: {password: wrong}}
`

func TestFailuresInProcess(t *testing.T) {
	res, err := Run(context.Background(), parse(t, failing), Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scenarios[0]
	link := sc.Steps[1]
	if sc.Status != Failed || link.Status != Failed || sc.Steps[2].Status != Skipped || sc.Steps[2].Reason != "not run: step link failed" {
		t.Fatalf("%s: %s %s", sc.Status, link.Status, sc.Steps[2].Status)
	}
	var msgs []string
	for _, p := range link.Problems {
		msgs = append(msgs, p.String())
	}
	want := []string{
		"status: expected 201, got 200",
		`headers.Content-Type: expected "text/html", got "application/json"`,
		`body.external_id: expected "1", got "` + link.Response.bodyField(t, "external_id") + `"`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(link.Diff, `-  "external_id": "1"`) || strings.Contains(link.Diff, `-  "buy_link"`) {
		t.Errorf("diff:\n%s", link.Diff)
	}
	if link.URL != InProcessBase+"/v1/generate_buy_link" || !strings.HasPrefix(link.Curl, "curl -sS -i -X POST 'http://127.0.0.1:8080/v1/generate_buy_link' -H 'AuthorizationJWT: Bearer ${token}'") {
		t.Errorf("url %s curl %s", link.URL, link.Curl)
	}
	login := res.Scenarios[1].Steps[0]
	if login.Status != Failed || !strings.Contains(login.Curl, `"password":"wrong"`) {
		t.Errorf("login %s %s", login.Status, login.Curl)
	}
	if len(login.Hints) == 0 {
		t.Error("the sandbox's hint is not kept")
	}

	res, err = Run(context.Background(), parse(t, failing), Options{Seed: 3, KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	if after := res.Scenarios[0].Steps[2]; after.Status != Passed || !after.Sent {
		t.Errorf("KeepGoing: the step after a failure is %s", after.Status)
	}
}

func (r *Response) bodyField(t *testing.T, key string) string {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatal(err)
	}
	return m[key]
}

func TestCurlHidesSecrets(t *testing.T) {
	src := `version: 1
scenarios:
  - name: s
    steps:
      - {id: login, login: {}, expect: {status: 500}}
      - {id: call, request: {method: GET, path: /x, headers: {X-Echo: "${token}"}}, expect: {status: 500}}
`
	res, err := Run(context.Background(), parse(t, src), Options{Seed: 1, KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	login, call := res.Scenarios[0].Steps[0], res.Scenarios[0].Steps[1]
	if !strings.Contains(login.Curl, `"username":"demo","password":"${password}"`) {
		t.Errorf("login curl: %s", login.Curl)
	}
	if strings.Count(call.Curl, "${token}") != 2 || strings.Contains(call.Curl, "eyJ") {
		t.Errorf("call curl: %s", call.Curl)
	}
	if call.Method != "GET" || strings.Contains(call.Curl, "-X GET") {
		t.Errorf("a GET needs no -X: %s", call.Curl)
	}
}

func TestParallelRunsMatchSerialRuns(t *testing.T) {
	var src strings.Builder
	src.WriteString("version: 1\nscenarios:\n")
	for i := range 12 {
		status := 200
		if i%3 == 0 {
			status = 400
		}
		fmt.Fprintf(&src, "  - name: s%d\n    steps:\n      - {id: login, login: {}}\n      - id: link\n        request: {method: POST, path: /v1/generate_buy_link, body: {currency: EUR, products: [{id: 111111, name: n%d, price: \"1.00\", quantity: 1}]}}\n        expect: {status: %d}\n", i, i, status)
	}
	list := parse(t, src.String())
	serial, err := Run(context.Background(), list, Options{Seed: 9, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var progress []int
	parallel, err := Run(context.Background(), list, Options{Seed: 9, Jobs: 4, Progress: func(done, total int, _ *ScenarioResult) {
		if total != 12 {
			t.Errorf("total %d", total)
		}
		progress = append(progress, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range list {
		a, b := serial.Scenarios[i], parallel.Scenarios[i]
		if a.Scenario != list[i] || b.Scenario != list[i] || a.Status != b.Status || string(a.Steps[1].Response.Body) != string(b.Steps[1].Response.Body) {
			t.Errorf("scenario %d: serial %s %s, parallel %s %s", i, a.Status, a.Steps[1].Response.Body, b.Status, b.Steps[1].Response.Body)
		}
	}
	if c := serial.Count(); c[Failed] != 4 || c[Passed] != 8 {
		t.Errorf("counts %v", c)
	}
	if len(progress) != 12 || progress[11] != 12 {
		t.Errorf("progress %v", progress)
	}
}

// overlapStub delays every request and notes when each one ran.
type overlapStub struct {
	stub
	mu    sync.Mutex
	spans map[string][][2]time.Time
}

func (o *overlapStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if r.URL.Path != "/_sandbox/health" {
		time.Sleep(20 * time.Millisecond)
	}
	o.stub.ServeHTTP(w, r)
	o.mu.Lock()
	o.spans[r.URL.Path] = append(o.spans[r.URL.Path], [2]time.Time{start, time.Now()})
	o.mu.Unlock()
}

func TestClockScenariosRunAloneOnASharedTarget(t *testing.T) {
	o := &overlapStub{stub: stub{flashcart: true}, spans: map[string][][2]time.Time{}}
	src := `version: 1
scenarios:
  - {name: a, steps: [{id: s, request: {method: GET, path: /a}}, {id: t, request: {method: GET, path: /a}}]}
  - {name: clock, steps: [{id: s, clock: {advance: 25h}}, {id: t, request: {method: GET, path: /clock}}]}
  - {name: b, steps: [{id: s, request: {method: GET, path: /b}}, {id: t, request: {method: GET, path: /b}}]}
  - {name: c, steps: [{id: s, request: {method: GET, path: /c}}, {id: t, request: {method: GET, path: /c}}]}
`
	srv := httptest.NewServer(o)
	defer srv.Close()
	res, err := Run(context.Background(), parse(t, src), Options{Target: srv.URL, Jobs: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scenarios[1].Scenario.Name != "clock" || res.Count()[Passed] != 4 {
		t.Fatalf("results out of order or failing: %v", res.Count())
	}
	clockStart := o.spans["/_sandbox/clock"][0][0]
	for _, p := range []string{"/a", "/b", "/c"} {
		for _, span := range o.spans[p] {
			if span[1].After(clockStart) {
				t.Errorf("%s ran until %v, after the clock scenario began at %v", p, span[1], clockStart)
			}
		}
	}
}
