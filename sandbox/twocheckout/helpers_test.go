package twocheckout

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/gorilla/mux"
)

// start is the sandbox clock of every test: 2026-03-02 10:00:00 GMT.
var start = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// ipnURL is where the default merchant's IPNs go in tests (never fetched).
const ipnURL = "https://merchant.example/ipn"

// env is a vendor on a memory store behind an httptest server, with an
// outbox that is never run: its deliveries are read from the store.
type env struct {
	t      *testing.T
	v      *Vendor
	kit    kit.Env
	st     *store.Memory
	srv    *httptest.Server
	world  *fixtures.World
	mu     sync.Mutex
	now    time.Time
	hints  []string
	nextID int
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, st: store.NewMemory(), now: start}
	e.world = fixtures.Default()
	e.world.TwoCheckout.Merchants[0].IPNURL = ipnURL
	log := slog.New(slog.DiscardHandler)
	e.kit = kit.Env{
		Store: e.st, IDs: kit.NewIDs(42), Now: e.clock, Log: log, Outbox: outbox.New(e.st, e.clock, log),
		World: func() *fixtures.World {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.world
		},
	}
	e.v = New(e.kit)
	r := mux.NewRouter()
	e.v.Routes(r)
	e.v.Control(r)
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		n := &kit.Note{}
		r.ServeHTTP(w, kit.WithNote(req, n))
		e.mu.Lock()
		defer e.mu.Unlock()
		e.hints = append(e.hints, n.Hints...)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

// edit changes the world under the lock the vendor reads it with.
func (e *env) edit(fn func(*fixtures.TwoCheckout)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fn(e.world.TwoCheckout)
}

func (e *env) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

// lastHint returns the last sandbox hint.
func (e *env) lastHint() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.hints) == 0 {
		return ""
	}
	return e.hints[len(e.hints)-1]
}

// sent returns the IPN deliveries enqueued so far, oldest first.
func (e *env) sent() []outbox.Delivery {
	e.t.Helper()
	var out []outbox.Delivery
	err := e.st.View(func(tx store.Tx) (err error) {
		out, err = outbox.List(tx, outbox.Filter{Vendor: Name})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// post sends a raw body to a path and returns the answer's body, checking
// the HTTP status and content type every answer has.
func (e *env) post(path, body string) string {
	e.t.Helper()
	resp, err := http.Post(e.srv.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		e.t.Fatalf("POST %s answered %d %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	noteAnswer(string(raw))
	return string(raw)
}

// call sends a request with the next id to /rpc/6.0/ and returns the
// answer's body.
func (e *env) call(method string, params ...any) string {
	e.t.Helper()
	return e.callAt(PathRPC, method, params...)
}

func (e *env) callAt(path, method string, params ...any) string {
	e.t.Helper()
	e.nextID++
	if params == nil {
		params = []any{}
	}
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": method, "params": params, "id": e.nextID})
	if err != nil {
		e.t.Fatal(err)
	}
	return e.post(path, string(body))
}

// login opens a session of the default merchant with HMAC-MD5, as the
// seed's PHP does.
func (e *env) login() string {
	e.t.Helper()
	return e.loginAs("MERCHANT_CODE", "")
}

func (e *env) loginAs(code, algo string) string {
	e.t.Helper()
	date := e.clock().Format(LoginDateLayout)
	hashAlgo := or(algo, AlgoMD5)
	hash, err := LoginHash(hashAlgo, "SECRET_KEY", code, date)
	if err != nil {
		e.t.Fatal(err)
	}
	params := []any{code, date, hash}
	if algo != "" {
		params = append(params, algo)
	}
	var resp struct {
		Result string
	}
	raw := e.call(MethodLogin, params...)
	if err := json.Unmarshal([]byte(raw), &resp); err != nil || len(resp.Result) != 32 {
		e.t.Fatalf("login answered %s", raw)
	}
	return resp.Result
}

// result decodes an answer's result into v, failing on an error answer.
func (e *env) result(raw string, v any) {
	e.t.Helper()
	var resp struct {
		Result json.RawMessage
		Error  *ErrorObject
	}
	if err := json.Unmarshal([]byte(raw), &resp); err != nil || resp.Error != nil {
		e.t.Fatalf("answer %s", raw)
	}
	if err := json.Unmarshal(resp.Result, v); err != nil {
		e.t.Fatalf("decode %s: %v", resp.Result, err)
	}
}

// errBody is the whole answer of an error.
func errBody(id int, code int, message, errorCode string) string {
	raw, _ := json.Marshal(Response{JSONRPC: "2.0", ID: ptr(int64(id)), Error: &ErrorObject{Code: code, Message: message, Data: ErrorData{ErrorCode: errorCode}}})
	return string(raw)
}

func ptr[T any](v T) *T { return &v }

var update = flag.Bool("update", false, "rewrite the golden answers in testdata/golden")

// golden compares a whole answer, indented, with testdata/golden/name.json;
// -update rewrites the file.
func golden(t *testing.T, name, body string) {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(body), "", "  "); err != nil {
		t.Fatalf("%s: not JSON: %s", name, body)
	}
	b.WriteByte('\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, path, b.String())
	}
}

// SampleOrder is a valid TEST order for one FLASH_ANTIVIRUS in USD, paid with
// 4111 1111 1111 1111, with the 3-D Secure URLs API 6.0 needs.
func SampleOrder() map[string]any {
	return map[string]any{
		"Currency": "USD", "Country": "US", "Language": "en", "CustomerIP": "91.220.121.21",
		"ExternalReference": "ORDER-1",
		"Items":             []any{map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 1}},
		"BillingDetails": map[string]any{
			"FirstName": "John", "LastName": "Doe", "CountryCode": "us", "State": "CA", "City": "San Francisco",
			"Address1": "1 Market St", "Zip": "94105", "Email": "john.doe@example.com", "Phone": "14155550100",
		},
		"PaymentDetails": map[string]any{
			"Type": "TEST", "Currency": "usd", "CustomerIP": "91.220.121.21",
			"PaymentMethod": map[string]any{
				"CardNumber": "4111111111111111", "CardType": "VISA", "ExpirationYear": "2030", "ExpirationMonth": "12",
				"HolderName": "John Doe", "CCID": "123",
				"Vendor3DSReturnURL": "https://merchant.example/3ds/ok", "Vendor3DSCancelURL": "https://merchant.example/3ds/cancel",
			},
		},
	}
}

// With returns a copy of an order with the value at a dotted path set
// ("Items.0.Quantity"); a nil value deletes the key.
func With(order map[string]any, path string, v any) map[string]any {
	out := deepCopy(order).(map[string]any)
	parts := strings.Split(path, ".")
	var cur any = out
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				if v == nil {
					delete(c, p)
				} else {
					c[p] = v
				}
				return out
			}
			if c[p] == nil {
				c[p] = map[string]any{}
			}
			cur = c[p]
		case []any:
			n, _ := strconv.Atoi(p)
			if last {
				c[n] = v
				return out
			}
			cur = c[n]
		}
	}
	return out
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = deepCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopy(x)
		}
		return out
	}
	return v
}

// Updating reports whether the test run rewrites its golden files
// (-update), for the tests outside the package.
func Updating() bool { return *update }
