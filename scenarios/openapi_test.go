// Every answer of the bundled suites (as TestBundledSuitesPass runs them)
// is checked here against its vendor's served OpenAPI document, with
// libopenapi-validator, so that the documents cannot drift from the
// sandbox's behaviour.
package scenarios_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// vendorDoc is one vendor's served document, parsed, with its validator.
type vendorDoc struct {
	vendor string
	model  *v3.Document
	v      validator.Validator
	opts   *config.ValidationOptions
}

// servedDocs reads every vendor's document from a sandbox, as a client
// would, and parses it; the tests share what the first one read.
func servedDocs(t *testing.T) []*vendorDoc {
	t.Helper()
	docsOnce.Do(func() { docsRead = readDocs(t) })
	if docsRead == nil {
		t.Fatal("the documents could not be read (see the first test that read them)")
	}
	return docsRead
}

var (
	docsOnce sync.Once
	docsRead []*vendorDoc
)

func readDocs(t *testing.T) []*vendorDoc {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	get := func(path string) []byte {
		rec := httptest.NewRecorder()
		sb.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	var list struct {
		Documents []sandbox.OpenAPIDocument `json:"documents"`
	}
	if err := json.Unmarshal(get(sandbox.OpenAPIPath), &list); err != nil {
		t.Fatal(err)
	}
	if got, want := len(list.Documents), len(sb.Vendors()); got != want {
		t.Fatalf("%s lists %d documents, the sandbox has %d vendors", sandbox.OpenAPIPath, got, want)
	}
	var out []*vendorDoc
	for _, d := range list.Documents {
		doc, err := libopenapi.NewDocument(get(d.Path))
		if err != nil {
			t.Fatalf("%s: %v", d.Path, err)
		}
		m, err := doc.BuildV3Model()
		if err != nil {
			t.Fatalf("%s: %v", d.Path, err)
		}
		v, errs := validator.NewValidator(doc)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", d.Path, errs)
		}
		out = append(out, &vendorDoc{vendor: d.Vendor, model: &m.Model, v: v, opts: config.NewValidationOptions()})
	}
	return out
}

// exchange is one request of a scenario and its answer.
type exchange struct {
	sc        *scenarios.Scenario
	req       *http.Request
	reqBody   []byte
	status    int
	header    http.Header
	respBody  []byte
	operation string
}

// recorder keeps every exchange of the scenarios it observes.
type recorder struct {
	mu  sync.Mutex
	all []*exchange
}

func (rc *recorder) observe(sc *scenarios.Scenario, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := r.Clone(context.Background())
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		rc.mu.Lock()
		rc.all = append(rc.all, &exchange{sc: sc, req: req, reqBody: body, status: rec.Code, header: rec.Header().Clone(), respBody: rec.Body.Bytes()})
		rc.mu.Unlock()
	})
}

func (e *exchange) request() *http.Request {
	r := e.req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(e.reqBody))
	return r
}

func (e *exchange) response() *http.Response {
	return &http.Response{StatusCode: e.status, Header: e.header, Body: io.NopCloser(bytes.NewReader(e.respBody))}
}

// succeeded reports whether the sandbox accepted the request: a 2xx that
// is not a JSON-RPC error.
func (e *exchange) succeeded() bool {
	var rpc struct {
		Error json.RawMessage `json:"error"`
	}
	return e.status/100 == 2 && (json.Unmarshal(e.respBody, &rpc) != nil || rpc.Error == nil)
}

// injected reports whether the sandbox answered in the vendor's place: an
// injected fault's status or error, or X-Sandbox-Force-Error, which
// answers any documented error on any route, not only the route's own.
func (e *exchange) injected() bool {
	return slices.ContainsFunc(e.header.Values(sandbox.HintHeader), func(h string) bool {
		return strings.HasPrefix(h, "fault ") && (strings.HasSuffix(h, ": forced status") || strings.HasSuffix(h, ": forced error")) ||
			strings.HasSuffix(h, " forced this error")
	})
}

func (e *exchange) String() string {
	return fmt.Sprintf("%s:%d %q: %s %s %s\n  → %d %s", e.sc.File, e.sc.Line, e.sc.Name, e.req.Method, e.req.URL.RequestURI(), snip(e.reqBody), e.status, snip(e.respBody))
}

func snip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// describeErrs writes the validator's errors, with their schema failures.
func describeErrs(errs []*liberrors.ValidationError) string {
	var sb strings.Builder
	for _, e := range errs {
		sb.WriteString("\n    " + e.Message)
		if e.Reason != "" {
			sb.WriteString(": " + e.Reason)
		}
		for _, f := range e.SchemaValidationErrors {
			sb.WriteString("\n      " + f.FieldPath + " (" + f.KeywordLocation + "): " + f.Reason)
		}
	}
	return sb.String()
}

// find returns the vendor document describing the request's path and
// method, and the path template; nil when no document has the path (a
// customer page, the control API, an unknown path).
func find(docs []*vendorDoc, r *http.Request) (*vendorDoc, string) {
	for _, d := range docs {
		item, _, tpl := paths.FindPath(r, d.model, d.opts)
		if item == nil {
			continue
		}
		return d, tpl
	}
	return nil, ""
}

// undocumented reports whether the validator found no operation for the
// request: a method the path does not have (GET /v1/order/search), which
// the vendor answers with its 404.
func undocumented(errs []*liberrors.ValidationError) bool {
	return len(errs) > 0 && !slices.ContainsFunc(errs, func(e *liberrors.ValidationError) bool {
		return !e.IsOperationMissingError() && !e.IsPathMissingError()
	})
}

// checker validates the extra rules a document holds that a response's
// schema cannot say: a JSON-RPC result is the one of the request's method.
type checker func(d *vendorDoc, e *exchange) []*liberrors.ValidationError

// rpcResult checks a JSON-RPC success against the result schema of the
// request's method, a component named after it.
func rpcResult(sv schema_validation.SchemaValidator) checker {
	return func(d *vendorDoc, e *exchange) []*liberrors.ValidationError {
		var req struct {
			Method string `json:"method"`
		}
		var resp struct {
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(e.reqBody, &req) != nil || req.Method == "" {
			return nil
		}
		e.operation = req.Method
		if json.Unmarshal(e.respBody, &resp) != nil || resp.Result == nil {
			return nil
		}
		name := strings.ToUpper(req.Method[:1]) + req.Method[1:] + "Result"
		proxy, ok := d.model.Components.Schemas.Get(name)
		if !ok {
			return []*liberrors.ValidationError{{Message: "the document has no schema " + name + " for the result of " + req.Method}}
		}
		_, errs := sv.ValidateSchemaBytes(proxy.Schema(), resp.Result)
		return errs
	}
}

// extraChecks are each vendor's checks beyond the validator's.
func extraChecks() map[string]checker {
	return map[string]checker{"twocheckout": rpcResult(schema_validation.NewSchemaValidator())}
}

// checkOpenAPI validates the recorded exchanges of a passing run of every
// bundled suite (TestBundledSuitesPass records its first) against the
// served documents, and each document itself.
func checkOpenAPI(t *testing.T, rc *recorder) {
	start := time.Now()
	defer func() { t.Logf("%d exchanges checked in %v", len(rc.all), time.Since(start)) }()
	docs := servedDocs(t)
	for _, d := range docs {
		if ok, errs := d.v.ValidateDocument(); !ok {
			t.Errorf("the %s document is not a valid OpenAPI 3.1 document:%s", d.vendor, describeErrs(errs))
		}
	}
	extra := extraChecks()
	validated, requests := map[string]int{}, map[string]int{}
	used := map[string]map[string]bool{}
	skipped := 0
	for _, e := range rc.all {
		r := e.request()
		d, tpl := find(docs, r)
		if d == nil {
			skipped++ // not a route of a document: a page, the control API, a 404 test
			continue
		}
		if e.injected() {
			skipped++ // the sandbox's fault injection or forced error answered, not the vendor
			continue
		}
		_, errs := d.v.ValidateHttpResponse(r, e.response())
		if undocumented(errs) {
			skipped++
			continue
		}
		if e.operation == "" {
			e.operation = r.Method + " " + tpl
		}
		if check := extra[d.vendor]; check != nil {
			errs = append(errs, check(d, e)...)
		}
		if len(errs) > 0 {
			t.Errorf("%s: the answer does not match the %s document:\n  %s%s", d.vendor, d.vendor, e, describeErrs(errs))
		}
		if e.succeeded() {
			if _, errs := d.v.ValidateHttpRequest(e.request()); len(errs) > 0 {
				t.Errorf("%s: a request the sandbox accepted does not match the %s document:\n  %s%s", d.vendor, d.vendor, e, describeErrs(errs))
			}
			requests[d.vendor]++
		}
		validated[d.vendor]++
		if used[d.vendor] == nil {
			used[d.vendor] = map[string]bool{}
		}
		used[d.vendor][e.operation] = true
	}
	for _, d := range docs {
		if validated[d.vendor] == 0 {
			t.Errorf("no answer of the suites was checked against the %s document", d.vendor)
		}
		var ops []string
		for op := range used[d.vendor] {
			ops = append(ops, op)
		}
		slices.Sort(ops)
		t.Logf("%s: %d answers and %d accepted requests checked, %d operations: %s", d.vendor, validated[d.vendor], requests[d.vendor], len(ops), strings.Join(ops, ", "))
	}
	t.Logf("%d exchanges outside the documents (pages, control API, unknown routes)", skipped)
}

// TestOpenAPIRefusesDrift proves the check can fail: answers that break a
// document — a wrong type, a missing member, an undocumented status, a
// code or message not in the catalogue — are refused.
func TestOpenAPIRefusesDrift(t *testing.T) {
	docs := servedDocs(t)
	byVendor := map[string]*vendorDoc{}
	for _, d := range docs {
		byVendor[d.vendor] = d
	}
	cases := []struct {
		name, vendor, method, path, reqBody string
		status                              int
		body                                string
		// valid cases are the controls: the same answers, right.
		valid bool
	}{
		{"control: a buy link", "noventiq", "POST", "/v1/generate_buy_link", `{}`, 200, `{"buy_link":"https://x.demoslweb.ru/basket/flash/1","external_id":"1"}`, true},
		{"control: a subscription", "noventiq", "GET", "/v1/subscription/1_1", ``, 200, `{"id":"1_1","type":"AR","status":"active","initial_order":{"order_id":1,"create_date":""},"url":"","product_id":"1","currency":"EUR","expiration_date":"","next_product_name":"x","next_billing_price":"60.00","renewal_term":"P1Y","renewal_orders":[]}`, true},
		{"control: a session", "twocheckout", "POST", "/rpc/6.0/", `{"jsonrpc":"2.0","method":"login","params":[],"id":1}`, 200, `{"jsonrpc":"2.0","id":1,"result":"0123456789abcdef0123456789abcdef"}`, true},
		{"control: an error", "twocheckout", "POST", "/rpc/6.0/", `{}`, 200, `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"error_code":"PARSE_ERROR"}}}`, true},
		{"another method's result", "twocheckout", "POST", "/rpc/6.0/", `{"jsonrpc":"2.0","method":"getOrder","params":[],"id":1}`, 200, `{"jsonrpc":"2.0","id":1,"result":true}`, false},
		{"a string code with another entry's text", "twocheckout", "POST", "/rpc/6.0/", `{}`, 200, `{"jsonrpc":"2.0","id":1,"error":{"code":10000,"message":"Authentication failed","data":{"error_code":"FORBIDDEN"}}}`, false},
		{"a result beside an error", "twocheckout", "POST", "/rpc/6.0/", `{}`, 200, `{"jsonrpc":"2.0","id":1,"result":true,"error":{"code":-32700,"message":"Parse error","data":{"error_code":"PARSE_ERROR"}}}`, false},
		{"control: a product not found", "solifyn", "GET", "/v1/products/x", ``, 404, `{"message":"Product not found","error":"Not Found","statusCode":404}`, true},
		{"another route's not found", "solifyn", "GET", "/v1/products/x", ``, 404, `{"message":"Discount not found","error":"Not Found","statusCode":404}`, false},
		{"a validation message that is not a list", "solifyn", "POST", "/v1/checkout/create", `{}`, 400, `{"message":{"x":1},"error":"Bad Request","statusCode":400}`, false},
		{"a refusal the route does not answer", "solifyn", "POST", "/v1/checkout/create", `{}`, 400, `{"message":"Checkout link not found","error":"Bad Request","statusCode":400}`, false},
		{"a member of the wrong type", "noventiq", "POST", "/v1/generate_buy_link", `{}`, 200, `{"buy_link":5,"external_id":"74334950"}`, false},
		{"a required member missing", "noventiq", "POST", "/v1/generate_buy_link", `{}`, 200, `{"buy_link":"https://x.demoslweb.ru/basket/flash/1"}`, false},
		{"an undocumented status", "noventiq", "POST", "/v1/generate_buy_link", `{}`, 418, `{"code":418,"message":"I'm a teapot"}`, false},
		{"a code outside the catalogue", "noventiq", "POST", "/v1/generate_buy_link", `{}`, 400, `{"errors":[{"error":9999,"message":"Invalid field value: currency."}]}`, false},
		{"a message that is not the code's", "noventiq", "POST", "/v1/generate_buy_link", `{}`, 400, `{"errors":[{"error":3120,"message":"Invalid field value: currency."}]}`, false},
		{"a token code on a 400", "noventiq", "POST", "/v1/order/search", `{}`, 400, `{"errors":[{"error":1008,"message":"Missing token."}]}`, false},
		{"an amount as a number", "noventiq", "GET", "/v1/subscription/1_1", ``, 200, `{"id":"1_1","type":"AR","status":"active","initial_order":{"order_id":1,"create_date":""},"url":"","product_id":"1","currency":"EUR","expiration_date":"","next_product_name":"x","next_billing_price":60,"renewal_term":"P1Y","renewal_orders":[]}`, false},
	}
	extra := extraChecks()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := byVendor[c.vendor]
			if d == nil {
				t.Fatalf("no %s document", c.vendor)
			}
			e := &exchange{sc: &scenarios.Scenario{Name: c.name}, req: httptest.NewRequest(c.method, c.path, strings.NewReader(c.reqBody)), reqBody: []byte(c.reqBody),
				status: c.status, header: http.Header{"Content-Type": {"application/json"}}, respBody: []byte(c.body)}
			e.req.Header.Set("Content-Type", "application/json")
			ok, errs := d.v.ValidateHttpResponse(e.request(), e.response())
			if check := extra[c.vendor]; check != nil {
				errs = append(errs, check(d, e)...)
				ok = ok && len(errs) == 0
			}
			switch {
			case c.valid && !ok:
				t.Errorf("the %s document refuses the control answer %d %s:%s", c.vendor, c.status, c.body, describeErrs(errs))
			case !c.valid && (ok || len(errs) == 0 || undocumented(errs)):
				t.Errorf("the %s document takes the answer %d %s", c.vendor, c.status, c.body)
			}
		})
	}
}
