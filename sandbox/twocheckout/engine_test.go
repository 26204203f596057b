package twocheckout_test

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
	tc "github.com/flashcart/flashcart/sandbox/twocheckout"
)

// These tests run the vendor through the whole sandbox: the engine's
// routing by host and path, journal, forced errors and faults, clock,
// control API, outbox and durable store.

var epoch = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// engine is a sandbox with a frozen clock.
type engine struct {
	t  *testing.T
	sb *sandbox.Sandbox
	id int
}

func newEngine(t *testing.T, opts ...func(*sandbox.Options)) *engine {
	t.Helper()
	seed := uint64(3)
	o := sandbox.Options{Seed: &seed, Clock: sandbox.FrozenClock(epoch)}
	for _, f := range opts {
		f(&o)
	}
	sb, err := sandbox.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	return &engine{t: t, sb: sb}
}

// reply is an answer of the sandbox.
type reply struct {
	status int
	header http.Header
	body   string
}

// do sends a request to the sandbox's handler; headers are "Name: value".
func (e *engine) do(method, host, path, body string, headers ...string) reply {
	e.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if host != "" {
		req.Host = host
	}
	req.Header.Set("Content-Type", "application/json")
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.sb.Handler().ServeHTTP(rec, req)
	raw, _ := io.ReadAll(rec.Result().Body)
	return reply{rec.Code, rec.Result().Header, string(raw)}
}

// rpc posts a JSON-RPC call to /rpc/6.0/ and answers its body, which must
// come with HTTP 200 application/json.
func (e *engine) rpc(method string, params ...any) string {
	e.t.Helper()
	e.id++
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": e.id, "method": method, "params": params})
	r := e.do(http.MethodPost, "", tc.PathRPC, string(body))
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json" {
		e.t.Fatalf("%s answered %d %q: %s", method, r.status, r.header.Get("Content-Type"), r.body)
	}
	return r.body
}

// login opens a session of the merchant with HMAC-SHA256.
func (e *engine) login(merchant string) string {
	e.t.Helper()
	date := e.sb.Clock().Now().UTC().Format(tc.LoginDateLayout)
	hash, err := tc.LoginHash(tc.AlgoSHA256, "SECRET_KEY", merchant, date)
	if err != nil {
		e.t.Fatal(err)
	}
	var resp struct{ Result string }
	raw := e.rpc(tc.MethodLogin, merchant, date, hash, tc.AlgoSHA256)
	if json.Unmarshal([]byte(raw), &resp) != nil || len(resp.Result) != 32 {
		e.t.Fatalf("login: %s", raw)
	}
	return resp.Result
}

// place places the sample order and answers its RefNo.
func (e *engine) place(sid string) string {
	e.t.Helper()
	var resp struct{ Result tc.Order }
	raw := e.rpc(tc.MethodPlaceOrder, sid, tc.SampleOrder())
	if json.Unmarshal([]byte(raw), &resp) != nil || resp.Result.RefNo == "" {
		e.t.Fatalf("placeOrder: %s", raw)
	}
	return resp.Result.RefNo
}

// status answers the Status getOrder reads for an order.
func (e *engine) status(sid, ref string) string {
	e.t.Helper()
	var resp struct{ Result tc.Order }
	raw := e.rpc(tc.MethodGetOrder, sid, ref)
	if json.Unmarshal([]byte(raw), &resp) != nil {
		e.t.Fatalf("getOrder: %s", raw)
	}
	return resp.Result.Status + "/" + resp.Result.ApproveStatus
}

const unknownMethod = `{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found","data":{"error_code":"METHOD_NOT_FOUND"}}}`

// TestEngineRouting: the JSON-RPC paths are 2Checkout's on any host; on
// the vendor's hosts every path is, so its 404 answers the others; the
// route tables of the vendors do not overlap (New would fail).
func TestEngineRouting(t *testing.T) {
	e := newEngine(t)
	call := `{"jsonrpc":"2.0","method":"nothing","params":[],"id":1}`
	for _, tt := range []struct{ host, path string }{
		{"", tc.PathRPC}, {"", tc.PathRPCNoSlash}, {"", tc.PathRPC31},
		{tc.Host, tc.PathRPC}, {tc.LegacyHost + ":443", tc.PathRPC31}, {"API.2CHECKOUT.COM", tc.PathRPC},
	} {
		if r := e.do(http.MethodPost, tt.host, tt.path, call); r.status != 200 || r.body != unknownMethod {
			t.Errorf("%s %s: %d %s", tt.host, tt.path, r.status, r.body)
		}
	}
	const notFound = `{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"error_code":"INVALID_REQUEST"}}}`
	for _, path := range []string{"/v1/login_check", "/rpc/5.0/", "/"} {
		r := e.do(http.MethodPost, tc.Host, path, "{}")
		if r.status != 404 || r.body != notFound || r.header.Get("Content-Type") != "application/json" ||
			!strings.Contains(r.header.Get("X-Sandbox-Hint"), "no JSON-RPC endpoint at POST "+path) {
			t.Errorf("%s on %s: %d %s %v", path, tc.Host, r.status, r.body, r.header)
		}
	}
	if r := e.do(http.MethodGet, "", tc.PathRPC, ""); r.status != 200 || r.body != notFound {
		t.Errorf("GET %s: %d %s", tc.PathRPC, r.status, r.body)
	}
	// Noventiq's paths stay Noventiq's on other hosts.
	if r := e.do(http.MethodPost, "", "/v1/login_check", `{"username":"demo","password":"demo"}`); r.status != 200 || !strings.Contains(r.body, `"token"`) {
		t.Errorf("Noventiq's login: %d %s", r.status, r.body)
	}
	if hosts := e.sb.Hosts(); !slices.Contains(hosts, tc.Host) || !slices.Contains(hosts, tc.LegacyHost) {
		t.Errorf("Hosts() = %v", hosts)
	}
	if got := strings.Join(e.sb.Vendors(), ","); got != "noventiq,solifyn,twocheckout" {
		t.Errorf("Vendors() = %s", got)
	}
}

// TestEngineJournal: each call's entry names its vendor, its method (a
// hint), its merchant (the account) and its error codes; the login hash
// and the session ids show only their first 6 characters.
func TestEngineJournal(t *testing.T) {
	e := newEngine(t)
	sid := e.login("MERCHANT_CODE")
	e.rpc(tc.MethodGetOrder, sid, "1")
	entries, _ := e.sb.Journal().Snapshot(func(*sandbox.JournalEntry) bool { return true })
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	login, get := entries[0], entries[1]
	date := epoch.Format(tc.LoginDateLayout)
	hash, _ := tc.LoginHash(tc.AlgoSHA256, "SECRET_KEY", "MERCHANT_CODE", date)
	if want := `{"id":1,"jsonrpc":"2.0","method":"login","params":["MERCHANT_CODE","` + date + `","` + hash[:6] + `…","sha256"]}`; login.RequestBody != want {
		t.Errorf("login request %s, want %s", login.RequestBody, want)
	}
	if want := `{"jsonrpc":"2.0","id":1,"result":"` + sid[:6] + `…"}`; login.ResponseBody != want {
		t.Errorf("login answer %s", login.ResponseBody)
	}
	if login.Vendor != tc.Name || login.Account != "MERCHANT_CODE" || tc.MethodOf(login.Hints) != "login" || len(login.Codes) != 0 {
		t.Errorf("login entry %+v", login)
	}
	if get.Account != "MERCHANT_CODE" || tc.MethodOf(get.Hints) != "getOrder" || fmt.Sprint(get.Codes) != "[10400]" ||
		!strings.Contains(get.RequestBody, `"`+sid[:6]+`…"`) {
		t.Errorf("getOrder entry %+v", get)
	}
	raw, _ := json.Marshal(entries)
	if strings.Contains(string(raw), sid) || strings.Contains(string(raw), hash) {
		t.Errorf("the journal shows a secret: %s", raw)
	}
	// A session login never answered is hidden in the hint that names it.
	const unknown = "0123456789abcdef0123456789abcdef"
	e.rpc(tc.MethodGetOrder, unknown, "1")
	entries, _ = e.sb.Journal().Snapshot(func(*sandbox.JournalEntry) bool { return true })
	refused := entries[len(entries)-1]
	if want := `FORBIDDEN: unknown sessionID "012345…": call login first`; !slices.Contains(refused.Hints, want) ||
		!slices.Contains(refused.ResponseHeaders.Values("X-Sandbox-Hint"), want) || strings.Contains(refused.RequestBody, unknown) {
		t.Errorf("refused entry %+v", refused)
	}
	// A failed login names the merchant when it exists, the reason in a hint.
	e.rpc(tc.MethodLogin, "MERCHANT_CODE", date, strings.Repeat("0", 64), tc.AlgoSHA256)
	entries, _ = e.sb.Journal().Snapshot(func(*sandbox.JournalEntry) bool { return true })
	bad := entries[len(entries)-1]
	if bad.Account != "MERCHANT_CODE" || fmt.Sprint(bad.Codes) != "[10000]" || !slices.ContainsFunc(bad.Hints, func(h string) bool { return strings.Contains(h, "hash mismatch") }) {
		t.Errorf("failed login entry %+v", bad)
	}
}

// TestEngineForcedErrors: X-Sandbox-Force-Error and the "error" fault
// answer a catalogue entry as a JSON-RPC error with the request's id; an
// unknown code is a 400 control error naming the documented codes.
func TestEngineForcedErrors(t *testing.T) {
	e := newEngine(t)
	call := `{"jsonrpc":"2.0","method":"placeOrder","params":["x",{}],"id":9}`
	for value, want := range map[string]string{
		"ORDER_PRODUCTS_EMPTY":                  `{"jsonrpc":"2.0","id":9,"error":{"code":55201,"message":"No products have been provided.","data":{"error_code":"ORDER_PRODUCTS_EMPTY"}}}`,
		"ORDER_PRODUCT_CODE_INVALID":            `{"jsonrpc":"2.0","id":9,"error":{"code":55201,"message":"Invalid product code.","data":{"error_code":"ORDER_PRODUCT_CODE_INVALID"}}}`,
		"ORDER_PRODUCT_CODE_INVALID FLASH_NONE": `{"jsonrpc":"2.0","id":9,"error":{"code":55201,"message":"Requested product [FLASH_NONE] was not found.","data":{"error_code":"ORDER_PRODUCT_CODE_INVALID"}}}`,
		"FORBIDDEN":                             `{"jsonrpc":"2.0","id":9,"error":{"code":10000,"message":"Invalid hash provided or session expired","data":{"error_code":"FORBIDDEN"}}}`,
	} {
		r := e.do(http.MethodPost, "", tc.PathRPC, call, "X-Sandbox-Force-Error: "+value)
		if r.status != 200 || r.body != want || !slices.Contains(r.header.Values("X-Sandbox-Hint"), "X-Sandbox-Force-Error forced this error") {
			t.Errorf("%s: %d %s %v", value, r.status, r.body, r.header)
		}
	}
	for value, want := range map[string]string{
		"NO_SUCH_CODE":            `"NO_SUCH_CODE" is not a documented error code; the codes are PARSE_ERROR, INVALID_REQUEST, `,
		"ORDER_PROMOTION_INVALID": `ORDER_PROMOTION_INVALID names a value in its message "Invalid promotion code [%s].": send it after the code, such as "ORDER_PROMOTION_INVALID X"`,
		"ORDER_PRODUCTS_EMPTY X":  `ORDER_PRODUCTS_EMPTY takes no value`,
	} {
		r := e.do(http.MethodPost, "", tc.PathRPC, call, "X-Sandbox-Force-Error: "+value)
		if r.status != 400 || !strings.HasPrefix(r.body, `{"error":"X-Sandbox-Force-Error: `+strings.ReplaceAll(want, `"`, `\"`)) {
			t.Errorf("%s: %d %s", value, r.status, r.body)
		}
	}
	if r := e.do(http.MethodPost, "", "/_sandbox/faults", `{"path":"/rpc/6.0/","error":"ORDER_ITEMS_QUANTITY_INVALID","count":1}`); r.status != 201 {
		t.Fatalf("add the fault: %d %s", r.status, r.body)
	}
	want := `{"jsonrpc":"2.0","id":9,"error":{"code":55201,"message":"Item quantity must be between 1 and 99999.","data":{"error_code":"ORDER_ITEMS_QUANTITY_INVALID"}}}`
	if r := e.do(http.MethodPost, "", tc.PathRPC, call); r.status != 200 || r.body != want {
		t.Errorf("the fault: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodPost, "", "/_sandbox/faults", `{"path":"/rpc/3.1/","status":503}`); r.status != 201 {
		t.Fatalf("add the status fault: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodPost, "", tc.PathRPC31, call); r.status != 503 || r.body != `{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error","data":{"error_code":"INTERNAL_ERROR"}}}` {
		t.Errorf("the status fault: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodPost, "", "/_sandbox/faults", `{"path":"/x","vendor":"twocheckout","error":"NOPE"}`); r.status != 400 || !strings.Contains(r.body, "is not a documented error code") {
		t.Errorf("a fault of no code: %d %s", r.status, r.body)
	}
}

// TestEngineOrdersOnTheClock: a TEST order completes when the sandbox
// clock passes the merchant's approval delay (1 minute in the default
// world), or at once through the control API, which also shows it.
func TestEngineOrdersOnTheClock(t *testing.T) {
	e := newEngine(t)
	sid := e.login("MERCHANT_CODE")
	ref := e.place(sid)
	r := e.do(http.MethodGet, "", tc.OrdersControlPath+ref, "")
	var view tc.OrderView
	if r.status != 200 || json.Unmarshal([]byte(r.body), &view) != nil || view.Merchant != "MERCHANT_CODE" || !view.Test ||
		view.Placed != "2026-03-02 10:00:00" || view.CompletesAt == nil || *view.CompletesAt != "2026-03-02 10:01:00" ||
		view.Order.RefNo != ref || view.Order.Status != tc.StatusAuthReceived {
		t.Fatalf("the stored order: %d %s", r.status, r.body)
	}
	e.do(http.MethodPost, "", "/_sandbox/clock", `{"advance":"59s"}`)
	if got := e.status(sid, ref); got != "AUTHRECEIVED/WAITING" {
		t.Errorf("before the delay: %s", got)
	}
	e.do(http.MethodPost, "", "/_sandbox/clock", `{"advance":"1s"}`)
	if got := e.status(sid, ref); got != "COMPLETE/OK" {
		t.Errorf("after the delay: %s", got)
	}
	second := e.place(sid)
	r = e.do(http.MethodPost, "", tc.OrdersControlPath+second+"/complete", "")
	view = tc.OrderView{}
	if r.status != 200 || json.Unmarshal([]byte(r.body), &view) != nil || view.Order.Status != tc.StatusComplete ||
		view.CompletesAt != nil || view.Order.FinishDate == nil || *view.Order.FinishDate != "2026-03-02 10:01:00" {
		t.Errorf("complete now: %d %s", r.status, r.body)
	}
	if got := e.status(sid, second); got != "COMPLETE/OK" {
		t.Errorf("completed now: %s", got)
	}
	if r := e.do(http.MethodPost, "", tc.OrdersControlPath+second+"/complete", ""); r.status != 200 || !strings.Contains(r.body, `"Status":"COMPLETE"`) {
		t.Errorf("complete again: %d %s", r.status, r.body)
	}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		path := tc.OrdersControlPath + "1"
		if method == http.MethodPost {
			path += "/complete"
		}
		if r := e.do(method, "", path, ""); r.status != 404 || r.body != `{"error":"no 2Checkout order has the RefNo 1"}` {
			t.Errorf("%s %s: %d %s", method, path, r.status, r.body)
		}
	}
	// A reset of the merchant removes its orders and sessions.
	if r := e.do(http.MethodPost, "", "/_sandbox/reset", `{"vendor":"twocheckout","account":"MERCHANT_CODE"}`); r.status != 200 {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodGet, "", tc.OrdersControlPath+ref, ""); r.status != 404 {
		t.Errorf("an order survived the reset: %d %s", r.status, r.body)
	}
}

// receiver is an IPN listener written without the package's code: it
// checks the three signatures with IndependentHMAC and answers a read
// receipt computed the same way, or a wrong one.
type receiver struct {
	t      *testing.T
	wrong  bool
	mu     sync.Mutex
	forms  []string
	failed []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	fields := tc.ParseForm(rc.t, string(raw))
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.forms = append(rc.forms, string(raw))
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		rc.failed = append(rc.failed, "content type "+ct)
	}
	for name, h := range map[string]func() hash.Hash{"HASH": md5.New, "SIGNATURE_SHA2_256": sha256.New, "SIGNATURE_SHA3_256": func() hash.Hash { return sha3.New256() }} {
		if got, want := tc.Field(fields, name), tc.IndependentHMAC(fields, "SECRET_KEY", h); got != want {
			rc.failed = append(rc.failed, fmt.Sprintf("%s = %s, independently %s", name, got, want))
		}
	}
	secret := "SECRET_KEY"
	if rc.wrong {
		secret = "NOT_THE_KEY"
	}
	fmt.Fprint(w, "<html><body>OK "+tc.Receipt(fields, secret, "sha256", "20260302100000", sha256.New)+"</body></html>")
}

func (rc *receiver) seen() (forms, failed []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return slices.Clone(rc.forms), slices.Clone(rc.failed)
}

// delivery is a delivery as GET /_sandbox/webhooks lists it.
type delivery struct {
	ID       string `json:"id"`
	Vendor   string `json:"vendor"`
	Account  string `json:"account"`
	Event    string `json:"event"`
	RefNo    string `json:"refno"`
	Status   string `json:"status"`
	URL      string `json:"url"`
	State    string `json:"state"`
	Content  string `json:"content_type"`
	Body     string `json:"body"`
	NextAt   string `json:"next_at"`
	Attempts []struct {
		Status int    `json:"status"`
		Error  string `json:"error"`
	} `json:"attempts"`
}

// deliveries lists the deliveries that match the query.
func (e *engine) deliveries(query string) []delivery {
	e.t.Helper()
	r := e.do(http.MethodGet, "", "/_sandbox/webhooks?"+query, "")
	var page struct{ Deliveries []delivery }
	if r.status != 200 || json.Unmarshal([]byte(r.body), &page) != nil {
		e.t.Fatalf("webhooks: %d %s", r.status, r.body)
	}
	return page.Deliveries
}

// settle waits until every delivery that matches the query has an attempt
// and is not due again at once.
func (e *engine) settle(query string, attempts int) []delivery {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		list := e.deliveries(query)
		done := len(list) > 0
		for _, d := range list {
			done = done && len(d.Attempts) >= attempts
		}
		if done {
			return list
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("deliveries did not settle: %+v", list)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestEngineIPN: each status change posts the signed IPN form to the
// merchant's IPN URL; a receiver that answers the read receipt gets it
// delivered; one that answers a wrong receipt keeps it pending, the
// attempt saying why, and retried on the sandbox clock; the deliveries are
// listed with their refno and status, and survive a restart with --state.
func TestEngineIPN(t *testing.T) {
	good, bad := &receiver{t: t}, &receiver{t: t, wrong: true}
	goodSrv, badSrv := httptest.NewServer(good), httptest.NewServer(bad)
	t.Cleanup(goodSrv.Close)
	t.Cleanup(badSrv.Close)
	state := filepath.Join(t.TempDir(), "state.db")
	world := fixtures.Default()
	world.TwoCheckout.Merchants[0].IPNURL = goodSrv.URL + "/ipn"
	world.TwoCheckout.Merchants[1].IPNURL = badSrv.URL + "/ipn"
	opts := func(o *sandbox.Options) { o.World, o.StatePath = world, state }
	e := newEngine(t, opts)

	ref := e.place(e.login("MERCHANT_CODE"))
	list := e.settle("refno="+ref, 1)
	if len(list) != 1 {
		t.Fatalf("deliveries of %s: %+v", ref, list)
	}
	d := list[0]
	if d.Vendor != "twocheckout" || d.Account != "MERCHANT_CODE" || d.Event != "PAYMENT_AUTHORIZED" || d.RefNo != ref ||
		d.Status != "AUTHRECEIVED" || d.URL != goodSrv.URL+"/ipn" || d.State != "delivered" || d.Content != "application/x-www-form-urlencoded" ||
		len(d.Attempts) != 1 || d.Attempts[0].Status != 200 || d.Attempts[0].Error != "" || d.NextAt != "" {
		t.Errorf("the delivered IPN: %+v", d)
	}
	forms, failed := good.seen()
	if len(forms) != 1 || forms[0] != d.Body || len(failed) != 0 {
		t.Errorf("the receiver got %d forms (listed body equal: %v): %v", len(forms), len(forms) == 1 && forms[0] == d.Body, failed)
	}
	if f := tc.ParseForm(t, d.Body); tc.Field(f, "REFNO") != ref || tc.Field(f, "ORDERSTATUS") != "PAYMENT_AUTHORIZED" {
		t.Errorf("the form: %s", d.Body)
	}

	sha := e.login("AVANGATE")
	order := tc.SampleOrder()
	order["Items"] = []any{map[string]any{"Code": "FLASH_OFFICE", "Quantity": 1}}
	order["Currency"] = "EUR"
	order["PaymentDetails"].(map[string]any)["Currency"] = "EUR"
	var placed struct{ Result tc.Order }
	if err := json.Unmarshal([]byte(e.rpc(tc.MethodPlaceOrder, sha, order)), &placed); err != nil || placed.Result.RefNo == "" {
		t.Fatalf("AVANGATE's order: %v %+v", err, placed)
	}
	other := placed.Result.RefNo
	d = e.settle("account=AVANGATE", 1)[0]
	if d.State != "pending" || len(d.Attempts) != 1 || d.Attempts[0].Status != 200 || d.NextAt != "2026-03-02T10:01:00Z" ||
		!strings.HasPrefix(d.Attempts[0].Error, `the read receipt's HMAC does not match: expected HMAC-sha256 with the secret key over "7`+"5100001") {
		t.Errorf("the IPN with a wrong receipt: %+v", d)
	}
	if _, failed := bad.seen(); len(failed) != 0 {
		t.Errorf("the second receiver: %v", failed)
	}
	if r := e.do(http.MethodGet, "", "/_sandbox/webhooks?refno=x", ""); r.status != 400 || r.body != `{"error":"refno must be an order's RefNo, a number"}` {
		t.Errorf("a bad refno filter: %d %s", r.status, r.body)
	}
	if got := e.deliveries("vendor=twocheckout&status=AUTHRECEIVED"); len(got) != 2 {
		t.Errorf("filtered by status: %+v", got)
	}

	// The clock moves the retry and completes both orders: two more IPNs.
	e.do(http.MethodPost, "", "/_sandbox/clock", `{"advance":"1m"}`)
	if list := e.settle("account=AVANGATE&refno="+other, 1); len(list) != 2 || len(list[0].Attempts) != 2 || list[1].Event != "COMPLETE" || list[1].Status != "COMPLETE" {
		t.Errorf("after a minute: %+v", list)
	}
	if list := e.settle("refno="+ref+"&event=COMPLETE", 1); len(list) != 1 || list[0].State != "delivered" ||
		!strings.Contains(list[0].Body, "ORDERSTATUS=COMPLETE") || !strings.Contains(list[0].Body, "FRAUD_STATUS=APPROVED") {
		t.Errorf("the COMPLETE IPN: %+v", list)
	}

	// A restart on the same state keeps the pending deliveries.
	if err := e.sb.Close(); err != nil {
		t.Fatal(err)
	}
	e = newEngine(t, opts)
	pending := e.deliveries("vendor=twocheckout&state=pending")
	if len(pending) != 2 || pending[0].Account != "AVANGATE" {
		t.Errorf("pending after a restart: %+v", pending)
	}
}

// TestEngineSeedFlow: the seed's PHP flow through the whole sandbox, over
// HTTP to the host the seed posts to.
func TestEngineSeedFlow(t *testing.T) {
	e := newEngine(t)
	srv := httptest.NewServer(e.sb.Handler())
	t.Cleanup(srv.Close)
	post := func(path, body string) string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
		req.Host = tc.LegacyHost
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("POST %s: %d %s", path, resp.StatusCode, raw)
		}
		return string(raw)
	}
	tc.SeedFlow(&tc.SeedClient{T: t, Post: post, Now: e.sb.Clock().Now})
	entries, _ := e.sb.Journal().Snapshot(func(en *sandbox.JournalEntry) bool { return en.Vendor == tc.Name })
	if len(entries) != 9 || entries[0].Path != tc.PathRPC31 || entries[8].Account != "MERCHANT_CODE" {
		t.Errorf("journal: %d entries", len(entries))
	}
}
