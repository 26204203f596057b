package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

// harness is a sandbox on a frozen clock with a logged-in demo account.
type harness struct {
	t     *testing.T
	sb    *Sandbox
	token string
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newHarness(t *testing.T, world *fixtures.World) *harness {
	t.Helper()
	seed := uint64(42)
	sb, err := New(Options{World: world, Seed: &seed, Clock: FrozenClock(t0), WebhookBackoff: func(int) time.Duration { return 0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	h := &harness{t: t, sb: sb}
	h.login()
	return h
}

// login takes a fresh token for demo.
func (h *harness) login() {
	h.t.Helper()
	var login struct{ Token string }
	h.json("POST", "/v1/login_check", `{"username":"demo","password":"demo"}`, 200, &login)
	h.token = login.Token
}

// do sends a request to the sandbox's handler and returns the recorder.
func (h *harness) do(method, path, body string, header ...string) *httptest.ResponseRecorder {
	h.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Host = "sandbox.test"
	if body != "" && !strings.Contains(strings.Join(header, " "), "Content-Type") {
		req.Header.Set("Content-Type", "application/json")
	}
	if strings.HasPrefix(path, "/v1/") && h.token != "" {
		req.Header.Set("AuthorizationJWT", "Bearer "+h.token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.sb.Handler().ServeHTTP(rec, req)
	return rec
}

// json sends a request, checks the status and decodes the answer into v.
func (h *harness) json(method, path, body string, status int, v any) {
	h.t.Helper()
	rec := h.do(method, path, body)
	if rec.Code != status {
		h.t.Fatalf("%s %s: status %d, want %d: %s", method, path, rec.Code, status, rec.Body)
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			h.t.Fatalf("%s %s: %v in %s", method, path, err, rec.Body)
		}
	}
}

// link generates a buy link and returns its external id.
func (h *harness) link(body string) string {
	h.t.Helper()
	var out struct {
		BuyLink    string `json:"buy_link"`
		ExternalID string `json:"external_id"`
	}
	h.json("POST", "/v1/generate_buy_link", body, 200, &out)
	return out.ExternalID
}

// state is the part of the checkout state the tests read.
type state struct {
	ExternalID   string `json:"external_id"`
	URL          string `json:"url"`
	Status       string `json:"status"`
	Step         string `json:"step"`
	Currency     string `json:"currency"`
	Country      string `json:"country"`
	Total        string `json:"total"`
	PendingOffer string `json:"pending_offer"`
	Lines        []struct {
		ProductID   int64  `json:"product_id"`
		Name        string `json:"name"`
		Total       string `json:"total"`
		AutoRenewal bool   `json:"auto_renewal"`
	} `json:"lines"`
	Offers map[string]struct {
		State  string `json:"state"`
		Choice *int   `json:"choice"`
	} `json:"offers"`
	AdditionalData map[string]string `json:"additional_data"`
	Order          *struct {
		OrderID   int64  `json:"order_id"`
		OrderName string `json:"order_name"`
		Status    string `json:"status"`
		OrderURL  string `json:"order_url"`
	} `json:"order"`
}

const fullBody = `{"currency":"EUR","products":[
  {"id":111111,"name":"Base <b>1y</b>","price":"100.00","quantity":2,"discount_percent":10,"subscription":{"period":"P1Y","name":"Base renewal","price":"40.00"}},
  {"id":555555,"name":"Box","price":"20.00","quantity":1}],
 "customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"},
 "additional_data":{"referer7":"r7","referer8":"r8"},
 "upsell":{"product_id":111111,"name":"Go Pro","description":"Cloud included","picture_url":"https://img.example.com/pro.png","products":[
   {"id":333333,"name":"Pro 1y","name_for_upsell":"Pro for a year","price":"150.00","quantity":1,"benefit":"30.00","additional_data":{"referer8":"u8","referer9":"u9"}}]},
 "upsell_exit":{"product_id":555555,"name":"Before you go","products":[
   {"id":222222,"name":"Perpetual","name_for_upsell":"Forever","price":"35.00","quantity":1}]}}`

func TestCheckoutJSONFlow(t *testing.T) {
	h := newHarness(t, nil)
	id := h.link(fullBody)
	base := "/_sandbox/checkout/" + id
	var st state
	h.json("GET", base, "", 200, &st)
	if st.Status != "open" || st.Step != "cart" || st.PendingOffer != "entry" || st.Offers["exit"].State != "waiting" ||
		st.Total != "200.00" || st.URL != "/basket/flash/"+id || st.Order != nil {
		t.Fatalf("initial state %+v", st)
	}
	steps := []struct {
		path, body string
		status     int
		check      func(state) bool
	}{
		{"/order", `{"card":"4242424242424242"}`, 409, nil},
		{"/upsell", `{"offer":"exit","choice":null}`, 409, nil},
		{"/upsell", `{"offer":"entry"}`, 400, nil},
		{"/upsell", `{"offer":"entry","choice":"0"}`, 400, nil},
		{"/upsell", `{"offer":"entry","choice":5}`, 400, nil},
		{"/upsell", `{"offer":"entry","choice":0}`, 200, func(s state) bool {
			return s.Lines[0].ProductID == 333333 && s.Lines[0].Name == "Pro 1y" && s.Total == "170.00" && *s.Offers["entry"].Choice == 0 &&
				s.AdditionalData["referer8"] == "u8" && s.AdditionalData["referer9"] == "u9" && s.AdditionalData["referer7"] == "r7" &&
				s.Offers["exit"].State == "suppressed"
		}},
		{"/exit-intent", ``, 200, func(s state) bool { return s.PendingOffer == "" && s.Offers["exit"].State == "suppressed" }},
		{"/exit-intent", `[`, 400, nil},
		{"/customer", `{"email":"bad"}`, 400, nil},
		{"/customer", `{"type":"physical","email":"bob@example.com","first_name":"Bob","last_name":"Ray","country":"GB"}`, 200, func(s state) bool {
			return s.Step == "customer" && s.Currency == "GBP" && s.Country == "GB"
		}},
		{"/order", `{}`, 400, nil},
		{"/order", `{"card":"1111"}`, 400, nil},
		{"/order", `{"card":"4242 4242 4242 4242"}`, 200, func(s state) bool {
			return s.Status == "ordered" && s.Step == "done" && s.Order != nil && s.Order.Status == "paid" &&
				s.Order.OrderName == fmt.Sprintf("A%010d", s.Order.OrderID) && strings.HasPrefix(s.Order.OrderURL, "https://cart.checkout.noventiq.com.demoslweb.ru/order/status/")
		}},
		{"/order", `{"card":"4242 4242 4242 4242"}`, 409, nil},
		{"/upsell", `{"offer":"exit","choice":null}`, 409, nil},
	}
	for i, s := range steps {
		rec := h.do("POST", base+s.path, s.body)
		if rec.Code != s.status {
			t.Fatalf("step %d POST %s %s: %d, want %d: %s", i, s.path, s.body, rec.Code, s.status, rec.Body)
		}
		if s.status != 200 {
			var e struct{ Error string }
			if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error == "" {
				t.Errorf("step %d: error body %s", i, rec.Body)
			}
			continue
		}
		var got state
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if !s.check(got) {
			t.Errorf("step %d POST %s: state %s", i, s.path, rec.Body)
		}
	}
	h.json("GET", base, "", 200, &st)
	if st.Status != "ordered" || st.Order == nil {
		t.Errorf("a used link's state: %+v", st)
	}
	if rec := h.do("GET", "/_sandbox/checkout/00000000", ""); rec.Code != 404 {
		t.Errorf("unknown link: %d", rec.Code)
	}
}

func TestCustomerFieldErrors(t *testing.T) {
	h := newHarness(t, nil)
	id := h.link(`{"currency":"USD","market_id":2,"products":[{"id":222222,"name":"P","price":"10.00","quantity":1}]}`)
	rec := h.do("POST", "/_sandbox/checkout/"+id+"/customer", `{"type":"juridical","email":"x@y","country":"FR","auto_renewal":{"222222":true}}`)
	var body struct {
		Error  string            `json:"error"`
		Fields map[string]string `json:"fields"`
	}
	if rec.Code != 400 || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	for _, f := range []string{"email", "first_name", "last_name", "company_name", "country", "auto_renewal.222222"} {
		if body.Fields[f] == "" {
			t.Errorf("no problem reported for %s: %v", f, body.Fields)
		}
	}
	if rec := h.do("POST", "/_sandbox/checkout/"+id+"/customer", `{"nickname":"x"}`); rec.Code != 400 {
		t.Errorf("unknown field: %d", rec.Code)
	}
}

func TestOneOrderUnderConcurrentHTTP(t *testing.T) {
	h := newHarness(t, nil)
	id := h.link(`{"currency":"EUR","products":[{"id":222222,"name":"P","price":"10.00","quantity":1}],
	  "customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","country":"DE"}}`)
	const n = 24
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			req := httptest.NewRequest("POST", "/_sandbox/checkout/"+id+"/order", strings.NewReader(`{"card":"4242424242424242"}`))
			rec := httptest.NewRecorder()
			h.sb.Handler().ServeHTTP(rec, req)
			codes[i] = rec.Code
		})
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[200] != 1 || count[409] != n-1 {
		t.Errorf("status counts %v, want one 200 and %d 409", count, n-1)
	}
	var search struct{ IDs []int64 }
	h.json("POST", "/v1/order/search", `{"external_id":"`+id+`"}`, 200, &search)
	if len(search.IDs) != 1 {
		t.Errorf("orders of the link: %v", search.IDs)
	}
}

func TestCheckoutPages(t *testing.T) {
	h := newHarness(t, nil)
	id := h.link(fullBody)
	page := "/basket/flash/" + id
	rec := h.do("GET", page, "", "Host", "anything.example")
	body := rec.Body.String()
	for _, want := range []string{`id="offer-entry"`, "Base &lt;b&gt;1y&lt;/b&gt;", "Pro for a year", "You save 30.00 EUR",
		`src="https://img.example.com/pro.png"`, `src="/assets/products/111111.svg"`, "The office suite", `id="order-total">200.00 EUR`,
		`name="ar_on" value="111111"`, "−20.00 (10%)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if rec.Code != 200 || strings.Contains(body, "<b>1y") || strings.Contains(body, `value="555555" form="continue"`) {
		t.Errorf("status %d; a request text rendered as HTML, or a consent for a product without subscription", rec.Code)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	form := func(path string, v url.Values) *httptest.ResponseRecorder {
		return h.do("POST", page+path, v.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	}
	if rec := form("/upsell", url.Values{"offer": {"entry"}, "choice": {"decline"}}); rec.Code != 303 || rec.Header().Get("Location") != page {
		t.Fatalf("decline: %d %v", rec.Code, rec.Header())
	}
	if rec := h.do("POST", page+"/exit-intent", ""); !strings.Contains(rec.Body.String(), `"pending_offer":"exit"`) {
		t.Fatalf("exit intent: %s", rec.Body)
	}
	if body := h.do("GET", page, "").Body.String(); !strings.Contains(body, `id="offer-exit"`) || !strings.Contains(body, "Forever") {
		t.Error("the exit offer does not show")
	}
	form("/upsell", url.Values{"offer": {"exit"}, "choice": {"decline"}})
	if rec := form("/continue", url.Values{"ar": {"111111"}}); rec.Code != 303 {
		t.Fatalf("continue: %d", rec.Code)
	}
	body = h.do("GET", page, "").Body.String()
	if !strings.Contains(body, `name="email" value="ann@example.com"`) || !strings.Contains(body, `<option value="FR" selected>`) {
		t.Error("step two is not pre-filled from the request's customer")
	}
	bad := url.Values{"type": {"physical"}, "email": {"ann@example.com"}, "first_name": {"<i>Ann</i>"}, "last_name": {""}, "country": {"FR"}, "card": {"4242424242424242"}}
	rec = form("/order", bad)
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "&lt;i&gt;Ann&lt;/i&gt;") || !strings.Contains(rec.Body.String(), `class="problem">required`) {
		t.Fatalf("refused form: %d %s", rec.Code, rec.Body)
	}
	good := bad
	good.Set("last_name", "Lee")
	rec = form("/order", good)
	loc := rec.Header().Get("Location")
	if rec.Code != 303 || !strings.HasPrefix(loc, "/order/status/") {
		t.Fatalf("order: %d %q", rec.Code, loc)
	}
	if body := h.do("GET", loc, "").Body.String(); !strings.Contains(body, `id="order-status" class="paid">paid`) {
		t.Errorf("order page: %s", body)
	}
	if rec := h.do("GET", loc+"x", ""); rec.Code != 404 {
		t.Errorf("order page with a wrong hash: %d", rec.Code)
	}
	rec = h.do("GET", page, "")
	if rec.Code != 410 || !strings.Contains(rec.Body.String(), "already used") {
		t.Errorf("used link: %d", rec.Code)
	}
	var st state
	h.json("GET", "/_sandbox/checkout/"+id, "", 200, &st)
	if st.Lines[0].AutoRenewal {
		t.Error("the unticked auto-renewal box was kept as consent")
	}
	if rec := h.do("GET", "/basket/flash/99999999", ""); rec.Code != 404 {
		t.Errorf("unknown link page: %d", rec.Code)
	}
	if rec := h.do("GET", "/assets/products/333333.svg", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "<svg") {
		t.Errorf("product picture: %d", rec.Code)
	}
}

func TestExpiredLinkPage(t *testing.T) {
	world := fixtures.Default()
	world.Noventiq.LinkTTL = fixtures.Duration(time.Hour)
	h := newHarness(t, world)
	id := h.link(`{"currency":"EUR","products":[{"id":222222,"name":"P","price":"10.00","quantity":1}]}`)
	h.json("POST", "/_sandbox/clock", `{"advance":"2h"}`, 200, nil)
	if rec := h.do("GET", "/basket/flash/"+id, ""); rec.Code != 410 || !strings.Contains(rec.Body.String(), "expired") {
		t.Errorf("expired link page: %d", rec.Code)
	}
	if rec := h.do("POST", "/_sandbox/checkout/"+id+"/exit-intent", ""); rec.Code != 410 {
		t.Errorf("expired link API: %d", rec.Code)
	}
}

// hookReceiver records the webhooks it gets.
type hookReceiver struct {
	mu     sync.Mutex
	bodies []map[string]any
	sigs   []string
}

func (r *hookReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	raw, _ := io.ReadAll(req.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	r.mu.Lock()
	r.bodies, r.sigs = append(r.bodies, m), append(r.sigs, req.Header.Get("signature"))
	r.mu.Unlock()
}

func (r *hookReceiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

type delivery struct {
	ID        string         `json:"id"`
	Event     string         `json:"event"`
	OrderID   int64          `json:"order_id"`
	ProductID string         `json:"product_id"`
	State     string         `json:"state"`
	Signature string         `json:"signature"`
	Body      map[string]any `json:"body"`
	Attempts  []struct {
		Status int    `json:"status"`
		Error  string `json:"error"`
	} `json:"attempts"`
}

func TestAfterThePurchase(t *testing.T) {
	rec := &hookReceiver{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	world := fixtures.Default()
	acct, _ := world.Account("demo")
	acct.Webhook = fixtures.Webhook{URL: srv.URL, Secret: "secret_key"}
	h := newHarness(t, world)
	id := h.link(`{"currency":"EUR","products":[
	  {"id":111111,"name":"Base","price":"100.00","quantity":1,"subscription":{"period":"P1Y","name":"Base renewal","price":"40.00"}},
	  {"id":555555,"name":"Box","price":"20.00","quantity":1}],
	  "customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"},
	  "additional_data":{"referer7":"r7"}}`)
	var st state
	h.json("POST", "/_sandbox/checkout/"+id+"/order", `{"card":"4242424242424242"}`, 200, &st)
	orderID := st.Order.OrderID

	var order map[string]any
	h.json("GET", fmt.Sprintf("/v1/order/%d", orderID), "", 200, &order)
	if order["external_id"] != id || order["status"] != "paid" || order["total"] != "120.00" ||
		order["additional_data"].(map[string]any)["referer7"] != "r7" || len(order["products"].([]any)) != 2 {
		t.Errorf("order %v", order)
	}
	for path, want := range map[string]int{"/v1/order/1": 404, "/v1/order/abc": 404} {
		if rec := h.do("GET", path, ""); rec.Code != want || !strings.Contains(rec.Body.String(), `"code":404`) {
			t.Errorf("GET %s: %d %s", path, rec.Code, rec.Body)
		}
	}
	if rec := h.do("GET", fmt.Sprintf("/v1/order/%d", orderID), "", "AuthorizationJWT", ""); rec.Code != 401 || !strings.Contains(rec.Body.String(), "1008") {
		t.Errorf("order without a token: %d %s", rec.Code, rec.Body)
	}
	searches := []struct {
		body   string
		status int
		ids    string
	}{
		{`{"status":"paid","email":"ann@example.com"}`, 200, fmt.Sprint([]int64{orderID})},
		{`{"status":"not paid"}`, 200, "[]"},
		{`{"create_date_from":"2026-03-01T15:00:00+03:00","create_date_to":"2026-03-01T15:00:00+03:00"}`, 200, fmt.Sprint([]int64{orderID})},
		{`{"create_date_from":"2026-03-01T12:00:01+00:00"}`, 200, "[]"},
		{`{"status":"gone","pay_date_to":"yesterday"}`, 400, ""},
		{`[1]`, 400, ""},
	}
	for _, s := range searches {
		rec := h.do("POST", "/v1/order/search", s.body)
		var got struct{ IDs []int64 }
		_ = json.Unmarshal(rec.Body.Bytes(), &got)
		if rec.Code != s.status || s.status == 200 && fmt.Sprint(got.IDs) != s.ids {
			t.Errorf("search %s: %d %s, want %d %s", s.body, rec.Code, rec.Body, s.status, s.ids)
		}
	}
	if rec := h.do("POST", "/v1/order/search", `{}`, "Content-Type", "text/plain"); !strings.Contains(rec.Body.String(), `"error":111`) {
		t.Errorf("search with text/plain: %s", rec.Body)
	}
	if rec := h.do("POST", "/v1/order/search", `{"status":"gone","pay_date_to":"yesterday"}`); !strings.Contains(rec.Body.String(), "Invalid field value: status.") ||
		!strings.Contains(rec.Body.String(), "Invalid field value: pay_date_to.") {
		t.Errorf("search errors: %s", rec.Body)
	}

	// Webhooks: 2 products × (created, payment succeeded, delivered), all delivered and signed.
	var list struct{ Deliveries []delivery }
	deadline := time.Now().Add(10 * time.Second)
	for {
		h.json("GET", fmt.Sprintf("/_sandbox/webhooks?order_id=%d", orderID), "", 200, &list)
		if n := len(list.Deliveries); n > 0 && list.Deliveries[n-1].State != "pending" || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if len(list.Deliveries) != 6 || rec.count() != 6 {
		t.Fatalf("%d deliveries listed, %d received; want 6", len(list.Deliveries), rec.count())
	}
	for _, d := range list.Deliveries {
		if d.State != "delivered" || len(d.Attempts) != 1 || d.Attempts[0].Status != 200 || d.Body["order_id"] != float64(orderID) {
			t.Errorf("delivery %+v", d)
		}
	}
	if rec.sigs[0] != list.Deliveries[0].Signature || rec.bodies[0]["event"] != "order.created" || rec.bodies[0]["document_part"] != "1-of-2" {
		t.Errorf("first webhook %v %s", rec.bodies[0], rec.sigs[0])
	}
	h.json("GET", "/_sandbox/webhooks?event=product.delivered", "", 200, &list)
	if len(list.Deliveries) != 2 {
		t.Errorf("event filter: %d", len(list.Deliveries))
	}

	// Subscriptions.
	subID := fmt.Sprintf("%d_1", orderID)
	var sub map[string]any
	h.json("GET", "/v1/subscription/"+subID, "", 200, &sub)
	if sub["status"] != "active" || sub["type"] != "AR" || sub["next_billing_price"] != "40.00" || sub["expiration_date"] != "2027-03-01T12:00:00+00:00" {
		t.Errorf("subscription %v", sub)
	}
	if rec := h.do("GET", fmt.Sprintf("/v1/subscription/%d_2", orderID), ""); rec.Code != 404 {
		t.Errorf("the product without subscription opened one: %d", rec.Code)
	}
	modify := []struct {
		path, body string
		status     int
		contains   string
	}{
		{"modify_next_billing_price", `{"id":"` + subID + `","currency":"USD","next_billing_price":"45.00"}`, 400, "Invalid field value: currency."},
		{"modify_next_billing_price", `{"id":"` + subID + `","currency":"EUR","next_billing_price":45}`, 400, "Invalid field value: next_billing_price."},
		{"modify_next_billing_price", `{"id":"` + subID + `","currency":"EUR","next_billing_price":"45.50"}`, 200, `"next_billing_price":"45.50"`},
		{"modify_next_product_name", `{"id":"` + subID + `","next_product_name":"Base gold renewal"}`, 200, `"next_product_name":"Base gold renewal"`},
		{"modify_expiration_date", `{"id":"` + subID + `","expiration_date":"2026-01-01T00:00:00+00:00"}`, 400, "Invalid field value: expiration_date."},
		{"modify_expiration_date", `{"id":"` + subID + `","expiration_date":"2027-06-01T12:00:00+00:00"}`, 200, `"expiration_date":"2027-06-01T12:00:00+00:00"`},
		{"modify_activity", `{"id":"nope_1","activity":false}`, 404, `"code":404`},
		{"modify_activity", `{"id":"` + subID + `","activity":"no"}`, 400, "Invalid field value: activity."},
		{"modify_activity", `{"id":"` + subID + `","activity":false,"suppress_customer_notification":true}`, 200, `"status":"cancelled"`},
		{"modify_next_product_name", `{"id":"` + subID + `","next_product_name":"X"}`, 400, "Invalid field value: id."},
		{"modify_activity", `{"id":"` + subID + `","activity":true}`, 200, `"status":"active"`},
	}
	for _, m := range modify {
		rec := h.do("POST", "/v1/subscription/"+m.path, m.body)
		if rec.Code != m.status || !strings.Contains(rec.Body.String(), m.contains) {
			t.Errorf("%s %s: %d %s, want %d with %s", m.path, m.body, rec.Code, rec.Body, m.status, m.contains)
		}
	}
	h.json("GET", fmt.Sprintf("/_sandbox/webhooks?order_id=%d&event=subscription.cancelled", orderID), "", 200, &list)
	cancelled := len(list.Deliveries)
	h.json("GET", fmt.Sprintf("/_sandbox/webhooks?order_id=%d&event=subscription.restored", orderID), "", 200, &list)
	if cancelled != 1 || len(list.Deliveries) != 1 {
		t.Errorf("%d cancelled and %d restored webhooks, want 1 and 1", cancelled, len(list.Deliveries))
	}

	// Renewal when the clock passes the expiration date.
	child := h.renewedOnce(`{"set":"2027-06-01T12:00:01Z"}`, subID, "2028-06-01T12:00:00+00:00")
	line := child["products"].([]any)[0].(map[string]any)
	if child["parent_order_id"] != float64(orderID) || child["status"] != "paid" || child["total"] != "45.50" || line["name"] != "Base gold renewal" || child["create_date"] != "2027-06-01T12:00:00+00:00" {
		t.Errorf("renewal order %v", child)
	}
}

func TestNoReceiverIsRecorded(t *testing.T) {
	h := newHarness(t, nil)
	id := h.link(`{"currency":"EUR","products":[{"id":222222,"name":"P","price":"10.00","quantity":1}],
	  "customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","country":"DE"}}`)
	h.json("POST", "/_sandbox/checkout/"+id+"/order", `{"card":"4000 0000 0000 0002"}`, 200, nil)
	var list struct{ Deliveries []delivery }
	h.json("GET", "/_sandbox/webhooks", "", 200, &list)
	var events []string
	for _, d := range list.Deliveries {
		events = append(events, d.Event+"/"+d.State)
	}
	if fmt.Sprint(events) != "[order.created/no_receiver order.payment.failed/no_receiver]" {
		t.Errorf("deliveries %v", events)
	}
	if rec := h.do("GET", "/_sandbox/webhooks?order_id=x", ""); rec.Code != 400 {
		t.Errorf("bad order_id filter: %d", rec.Code)
	}
}

// Orders' and webhooks' dates are UTC: an expiration date written in
// another offset is kept as the same instant in UTC, so the renewal order
// it bills is dated in UTC too.
func TestExpirationDateInAnotherOffsetIsKeptInUTC(t *testing.T) {
	h := newHarness(t, nil)
	id := h.link(`{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1,"subscription":{"period":"P1Y"}}],
	  "customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","country":"DE"}}`)
	var st state
	h.json("POST", "/_sandbox/checkout/"+id+"/order", `{"card":"4242424242424242"}`, 200, &st)
	subID := fmt.Sprintf("%d_1", st.Order.OrderID)
	var sub map[string]any
	h.json("POST", "/v1/subscription/modify_expiration_date", `{"id":"`+subID+`","expiration_date":"2026-03-02T14:00:00+02:00"}`, 200, &sub)
	if sub["expiration_date"] != "2026-03-02T12:00:00+00:00" {
		t.Errorf("expiration date %v, want 2026-03-02T12:00:00+00:00", sub["expiration_date"])
	}
	child := h.renewedOnce(`{"advance":"25h"}`, subID, "2027-03-02T12:00:00+00:00")
	if child["create_date"] != "2026-03-02T12:00:00+00:00" || child["pay_date"] != "2026-03-02T12:00:00+00:00" {
		t.Errorf("renewal order dated %v / %v, want 2026-03-02T12:00:00+00:00", child["create_date"], child["pay_date"])
	}
}

// renewedOnce moves the clock (a POST /_sandbox/clock body), logs in again
// (the move expires the token), checks that the subscription renewed once
// and now expires at expiry, and returns the renewal order.
func (h *harness) renewedOnce(clockBody, subID, expiry string) map[string]any {
	h.t.Helper()
	h.json("POST", "/_sandbox/clock", clockBody, 200, nil)
	h.login()
	var sub map[string]any
	h.json("GET", "/v1/subscription/"+subID, "", 200, &sub)
	renewals, _ := sub["renewal_orders"].([]any)
	if len(renewals) != 1 || sub["expiration_date"] != expiry {
		h.t.Fatalf("after the expiry: %v", sub)
	}
	var child map[string]any
	h.json("GET", fmt.Sprintf("/v1/order/%.0f", renewals[0]), "", 200, &child)
	return child
}
