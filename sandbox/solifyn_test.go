package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/stdwebhooks"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/solifyn"
)

// The default world's Solifyn business, its key and its webhook secret.
const (
	solifynKey    = "Authorization: Bearer fyn_test_demo_key"
	solifynBiz    = "biz_4r5t6y7u8i9o"
	solifynSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
)

// checkout creates a checkout session of the Starter Kit and returns it.
func checkout(t testing.TB, s *Sandbox, body string) solifyn.CheckoutResponse {
	t.Helper()
	r := call(t, s, "POST", solifyn.PathCreate, body, jsonCT, solifynKey)
	var out solifyn.CheckoutResponse
	if r.status != http.StatusCreated || json.Unmarshal([]byte(r.body), &out) != nil {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	return out
}

func TestSolifynRouting(t *testing.T) {
	s := newTest(t)
	const create = `{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`
	for _, tc := range []struct {
		name, host, method, path, body string
		headers                        []string
		status                         int
		want                           string
	}{
		{"a Solifyn path at another host", "127.0.0.1:8080", "GET", solifyn.PathProducts, "", nil, 401,
			`{"message":"Unauthorized","statusCode":401}`},
		{"the test API host", solifyn.SandboxAPIHost, "GET", "/v1/nope?x=1", "", nil, 404,
			`{"message":"Cannot GET /v1/nope?x=1","error":"Not Found","statusCode":404}`},
		{"a Noventiq path at a Solifyn host", solifyn.APIHost, "POST", "/v1/login_check", `{"username":"demo","password":"demo"}`, []string{jsonCT}, 404,
			`{"message":"Cannot POST /v1/login_check","error":"Not Found","statusCode":404}`},
		{"another method of a Solifyn path", "127.0.0.1:8080", "DELETE", solifyn.PathCreate, "", nil, 404,
			`{"message":"Cannot DELETE /v1/checkout/create","error":"Not Found","statusCode":404}`},
		{"the checkout host", solifyn.CheckoutHost + ":443", "GET", "/", "", nil, 404,
			`{"message":"Cannot GET /","error":"Not Found","statusCode":404}`},
		{"a path no vendor serves", "127.0.0.1:8080", "GET", "/v1/nope", "", nil, 404, `{"code":404,"message":"Not Found"}`},
		{"the guide's path with a final slash", "127.0.0.1:8080", "POST", "/checkout/create/", create, []string{jsonCT, solifynKey}, 201, ""},
	} {
		r := call(t, s, tc.method, tc.path, tc.body, append(tc.headers, "Host: "+tc.host)...)
		if r.status != tc.status || tc.want != "" && r.body != tc.want {
			t.Errorf("%s: %d %s\nwant %d %s", tc.name, r.status, r.body, tc.status, tc.want)
		}
	}
	entries, _ := s.Journal().Snapshot(func(e *journal.Entry) bool { return e.Status == http.StatusCreated })
	if len(entries) != 1 || entries[0].Vendor != solifyn.Name || entries[0].Account != solifynBiz ||
		entries[0].RequestHeaders.Get("Authorization") != "Bearer [redacted]" {
		t.Errorf("journal of the created session: %+v", entries)
	}
	entries, _ = s.Journal().Snapshot(func(e *journal.Entry) bool { return e.Path == "/v1/login_check" })
	if len(entries) != 1 || entries[0].Vendor != solifyn.Name {
		t.Errorf("a request to a Solifyn host is Solifyn's in the journal: %+v", entries)
	}
}

func TestSolifynForcedErrors(t *testing.T) {
	s := newTest(t)
	const create = `{"productId":"prod_z2o92kEl6cYYX"}`
	r := call(t, s, "POST", solifyn.PathCreate, create, jsonCT, solifynKey, "X-Sandbox-Force-Error: 404 Product not found")
	if r.status != 404 || r.body != `{"message":"Product not found","error":"Not Found","statusCode":404}` ||
		r.header.Get(HintHeader) != "X-Sandbox-Force-Error forced this error" {
		t.Errorf("forced: %d %s %v", r.status, r.body, r.header)
	}
	r = call(t, s, "POST", solifyn.PathCreate, create, jsonCT, solifynKey, "X-Sandbox-Force-Error: 3120")
	if r.status != 400 || !strings.HasPrefix(r.body, `{"error":"X-Sandbox-Force-Error: \"3120\" is not a documented error; the documented errors are 401 Unauthorized;`) {
		t.Errorf("a Noventiq code forced on Solifyn: %d %s", r.status, r.body)
	}
	add := call(t, s, "POST", "/_sandbox/faults", `{"path":"/v1/checkout/create","error":"400 Invalid discount code","count":1}`)
	if add.status != 201 {
		t.Fatalf("fault: %d %s", add.status, add.body)
	}
	r = call(t, s, "POST", solifyn.PathCreate, create, jsonCT, solifynKey)
	if r.status != 400 || r.body != `{"message":"Invalid discount code","error":"Bad Request","statusCode":400}` {
		t.Errorf("the fault's error: %d %s", r.status, r.body)
	}
	call(t, s, "POST", "/_sandbox/faults", `{"path":"/v1/products","status":503,"count":1}`)
	r = call(t, s, "GET", solifyn.PathProducts, "", solifynKey)
	if r.status != 503 || r.body != `{"message":"Service Unavailable","statusCode":503}` {
		t.Errorf("the fault's status: %d %s", r.status, r.body)
	}
	if r := call(t, s, "POST", "/_sandbox/faults", `{"path":"/v1/checkout/create","error":"404 Nothing"}`); r.status != 400 {
		t.Errorf("an undocumented fault error: %d %s", r.status, r.body)
	}
	out := checkout(t, s, create)
	page := "/checkout/test/prod_z2o92kEl6cYYX?checkout_id=" + out.ID
	if r := call(t, s, "GET", page, "", "X-Sandbox-Force-Error: 500"); r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("a forced error on the hosted checkout: %d %s", r.status, r.header)
	}
}

// hookReceiver keeps the Solifyn webhooks it gets, answering 500 to the
// first fails of them.
type solifynReceiver struct {
	mu    sync.Mutex
	fails int
	got   []received
}

type received struct {
	header http.Header
	body   []byte
	status int
}

func (rc *solifynReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	status := http.StatusNoContent
	if rc.fails > 0 {
		rc.fails--
		status = http.StatusInternalServerError
	}
	rc.got = append(rc.got, received{r.Header.Clone(), body, status})
	w.WriteHeader(status)
}

// wait returns the deliveries once there are n of them.
func (rc *solifynReceiver) wait(t *testing.T, n int) []received {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rc.mu.Lock()
		got := append([]received(nil), rc.got...)
		rc.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries, want %d", len(got), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// attempts waits until the first Solifyn delivery has n attempts recorded.
func attempts(t *testing.T, s *Sandbox, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var page struct {
			Deliveries []WebhookDelivery `json:"deliveries"`
		}
		r := call(t, s, "GET", "/_sandbox/webhooks?vendor=solifyn", "")
		if json.Unmarshal([]byte(r.body), &page) == nil && len(page.Deliveries) > 0 && len(page.Deliveries[0].Attempts) >= n {
			return
		}
	}
	t.Fatalf("the first delivery never had %d attempts", n)
}

// withReceiver points the default world's Solifyn endpoint at url.
func withReceiver(url string) func(*Options) {
	return func(o *Options) {
		w := fixtures.Default()
		w.Solifyn.Businesses[0].Webhook.URL = url
		o.World = w
	}
}

func pay(t *testing.T, s *Sandbox, id, card string) solifyn.CheckoutState {
	t.Helper()
	r := call(t, s, "POST", solifyn.CheckoutTwinPath+id+"/pay", `{"card":"`+card+`"}`)
	var st solifyn.CheckoutState
	if r.status != 200 || json.Unmarshal([]byte(r.body), &st) != nil {
		t.Fatalf("pay: %d %s", r.status, r.body)
	}
	return st
}

// TestSolifynWebhookDelivery: a payment's webhooks reach a real receiver
// in order, signed under both header families, each verified with the
// Standard Webhooks verifier written apart from the signer; a failed
// attempt is retried on Svix's schedule, on the sandbox clock, signed for
// its own time, and the next webhook waits for it.
func TestSolifynWebhookDelivery(t *testing.T) {
	rc := &solifynReceiver{fails: 2}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	s := newTest(t, withReceiver(srv.URL+"/hooks"))
	defer s.Close()
	out := checkout(t, s, `{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`)
	st := pay(t, s, out.ID, "4242424242424242")

	got := rc.wait(t, 1)
	if len(got) != 1 {
		t.Fatalf("the first webhook's first attempt: %d deliveries", len(got))
	}
	attempts(t, s, 1)
	time.Sleep(50 * time.Millisecond)
	if got := rc.wait(t, 1); len(got) != 1 {
		t.Fatalf("a retry or the next webhook came before the clock moved: %d", len(got))
	}
	advance := func(d string) { call(t, s, "POST", "/_sandbox/clock", `{"advance":"`+d+`"}`) }
	advance("4s")
	time.Sleep(50 * time.Millisecond)
	if got := rc.wait(t, 1); len(got) != 1 {
		t.Fatal("the retry came before its 5 seconds")
	}
	advance("1s")
	rc.wait(t, 2)
	attempts(t, s, 2) // recorded, so its next one is due 5 minutes after it
	advance("5m")
	got = rc.wait(t, 4)
	events := []string{}
	for i, g := range got {
		var body struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		}
		if err := json.Unmarshal(g.body, &body); err != nil || body.ID != st.PaymentID {
			t.Errorf("delivery %d body %s", i, g.body)
		}
		events = append(events, body.Status)
		for _, prefix := range []string{stdwebhooks.WebhookPrefix, stdwebhooks.SvixPrefix} {
			if err := stdwebhooks.VerifyHeader(solifynSecret, g.header, prefix, g.body, s.Clock().Now(), 6*time.Minute); err != nil {
				t.Errorf("delivery %d, %s headers: %v", i, prefix, err)
			}
		}
		if g.header.Get("Content-Type") != "application/json" {
			t.Errorf("delivery %d Content-Type %q", i, g.header.Get("Content-Type"))
		}
	}
	if strings.Join(events, ",") != "created,created,created,paid" {
		t.Errorf("the receiver got %v", events)
	}
	if got[0].header.Get("Webhook-Id") != got[2].header.Get("Webhook-Id") || got[0].header.Get("Webhook-Timestamp") == got[2].header.Get("Webhook-Timestamp") {
		t.Error("a retry is not the same message signed for its own time")
	}

	r := call(t, s, "GET", "/_sandbox/webhooks?vendor=solifyn&session_id="+out.SessionID, "")
	var page struct {
		Deliveries []WebhookDelivery `json:"deliveries"`
	}
	if r.status != 200 || json.Unmarshal([]byte(r.body), &page) != nil || len(page.Deliveries) != 2 {
		t.Fatalf("listing: %d %s", r.status, r.body)
	}
	first := page.Deliveries[0]
	if first.Vendor != solifyn.Name || first.Event != solifyn.EventPaymentCreated || first.State != DeliveryDelivered ||
		len(first.Attempts) != 3 || first.Attempts[1].At.Sub(first.Attempts[0].At) != 5*time.Second ||
		first.Subject["payment_id"] != st.PaymentID || first.Subject["checkout_id"] != out.ID || first.Account != solifynBiz {
		t.Errorf("the first delivery %+v", first)
	}
	if err := stdwebhooks.VerifyHeader(solifynSecret, first.Header, stdwebhooks.WebhookPrefix, first.Body, time.Time{}, 0); err != nil {
		t.Errorf("the listed headers: %v", err)
	}
	for _, q := range []string{"vendor=noventiq&session_id=" + out.SessionID, "vendor=solifyn&session_id=ch_nope"} {
		r := call(t, s, "GET", "/_sandbox/webhooks?"+q, "")
		if r.body != `{"deliveries":[]}` {
			t.Errorf("%s: %s", q, r.body)
		}
	}
}

// TestSolifynWebhooksSurviveARestart: with a state file, a delivery
// pending when the sandbox stops is delivered after it starts again.
func TestSolifynWebhooksSurviveARestart(t *testing.T) {
	rc := &solifynReceiver{fails: 1}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	state := filepath.Join(t.TempDir(), "state.db")
	withState := func(o *Options) { o.StatePath = state }
	s := newTest(t, withReceiver(srv.URL), withState)
	out := checkout(t, s, `{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`)
	pay(t, s, out.ID, "4000000000000002")
	rc.wait(t, 1)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = newTest(t, withReceiver(srv.URL), withState, func(o *Options) { o.Clock = FrozenClock(epoch.Add(time.Minute)) })
	defer s.Close()
	got := rc.wait(t, 3)
	var last struct{ Status string }
	if json.Unmarshal(got[2].body, &last) != nil || last.Status != solifyn.StatusFailed || got[1].status != http.StatusNoContent {
		t.Errorf("after the restart: %s", got[2].body)
	}
}

// TestSolifynReset removes the vendor's records, or one business's, and
// leaves Noventiq's alone.
func TestSolifynReset(t *testing.T) {
	s := newTest(t)
	out := checkout(t, s, `{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`)
	pay(t, s, out.ID, "4242424242424242")
	tok := login(t, s)
	call(t, s, "POST", "/v1/generate_buy_link", minimal, jsonCT, "AuthorizationJWT: Bearer "+tok)
	r := call(t, s, "POST", "/_sandbox/reset", `{"vendor":"solifyn","account":"`+solifynBiz+`"}`)
	if r.status != 200 || !strings.Contains(r.body, `"solifyn_sessions":1`) || !strings.Contains(r.body, `"webhooks":2`) || strings.Contains(r.body, `"links"`) {
		t.Errorf("reset: %d %s", r.status, r.body)
	}
	if r := call(t, s, "GET", solifyn.CheckoutTwinPath+out.ID, ""); r.status != 404 {
		t.Errorf("the session after the reset: %d %s", r.status, r.body)
	}
	if records(s.store, "links") != 1 {
		t.Error("a Solifyn reset removed Noventiq's link")
	}
}
