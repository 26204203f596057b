package twocheckout

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/schema"
)

const (
	parseError     = `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"error_code":"PARSE_ERROR"}}}`
	invalidRequest = `{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"error_code":"INVALID_REQUEST"}}}`
)

// TestEnvelope covers DESIGN decisions 1 and 2 for the envelope: every
// answer is HTTP 200 JSON (post checks it), echoing the id once read.
func TestEnvelope(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	for name, tc := range map[string]struct{ body, want string }{
		"not JSON":              {`{"jsonrpc":`, parseError},
		"empty":                 {``, parseError},
		"trailing data":         {`{"jsonrpc":"2.0","method":"login","params":[],"id":1} {}`, parseError},
		"batch":                 {`[{"jsonrpc":"2.0","method":"login","params":[],"id":1}]`, invalidRequest},
		"empty batch":           {`[]`, invalidRequest},
		"not an object":         {`"login"`, invalidRequest},
		"no id":                 {`{"jsonrpc":"2.0","method":"login","params":[]}`, invalidRequest},
		"string id":             {`{"jsonrpc":"2.0","method":"login","params":[],"id":"1"}`, invalidRequest},
		"fractional id":         {`{"jsonrpc":"2.0","method":"login","params":[],"id":1.5}`, invalidRequest},
		"no jsonrpc":            {`{"method":"login","params":[],"id":7}`, errBody(7, -32600, "Invalid Request", "INVALID_REQUEST")},
		"jsonrpc 1.0":           {`{"jsonrpc":"1.0","method":"login","params":[],"id":7}`, errBody(7, -32600, "Invalid Request", "INVALID_REQUEST")},
		"method not string":     {`{"jsonrpc":"2.0","method":7,"params":[],"id":7}`, errBody(7, -32600, "Invalid Request", "INVALID_REQUEST")},
		"unknown method":        {`{"jsonrpc":"2.0","method":"getCart","params":[],"id":8}`, errBody(8, -32601, "Method not found", "METHOD_NOT_FOUND")},
		"method case":           {`{"jsonrpc":"2.0","method":"Login","params":[],"id":8}`, errBody(8, -32601, "Method not found", "METHOD_NOT_FOUND")},
		"named params":          {`{"jsonrpc":"2.0","method":"login","params":{"merchantCode":"MERCHANT_CODE"},"id":9}`, errBody(9, -32602, "Invalid params: params must be an array of positional parameters", "INVALID_PARAMS")},
		"no params":             {`{"jsonrpc":"2.0","method":"getAdditionalFields","id":9}`, errBody(9, -32602, "Invalid params: getAdditionalFields takes 1 parameter (sessionID), got 0", "INVALID_PARAMS")},
		"too few":               {`{"jsonrpc":"2.0","method":"login","params":["MERCHANT_CODE"],"id":9}`, errBody(9, -32602, "Invalid params: login takes 3 to 4 parameters (merchantCode, date, hash, algo), got 1", "INVALID_PARAMS")},
		"too many":              {`{"jsonrpc":"2.0","method":"getOrder","params":["a","b","c"],"id":9}`, errBody(9, -32602, "Invalid params: getOrder takes 2 parameters (sessionID, orderReference), got 3", "INVALID_PARAMS")},
		"session not string":    {`{"jsonrpc":"2.0","method":"getOrder","params":[1,"b"],"id":9}`, errBody(9, -32602, "Invalid params: sessionID must be a string", "INVALID_PARAMS")},
		"param not string":      {`{"jsonrpc":"2.0","method":"getOrder","params":["` + sid + `",211153389],"id":9}`, errBody(9, -32602, "Invalid params: orderReference must be a string", "INVALID_PARAMS")},
		"param null":            {`{"jsonrpc":"2.0","method":"getOrder","params":["` + sid + `",null],"id":9}`, errBody(9, -32602, "Invalid params: orderReference must not be null", "INVALID_PARAMS")},
		"object param type":     {`{"jsonrpc":"2.0","method":"addPromotion","params":["` + sid + `","x"],"id":9}`, errBody(9, -32602, "Invalid params: Promotion must be an object", "INVALID_PARAMS")},
		"number not int":        {`{"jsonrpc":"2.0","method":"setCustomRenewalPrice","params":["` + sid + `","351D8F557E",25,"GBP",1.5],"id":9}`, errBody(9, -32602, "Invalid params: Cycles must be an integer", "INVALID_PARAMS")},
		"nested no vendor code": {`{"jsonrpc":"2.0","method":"searchProducts","params":["` + sid + `",{"Limit":500}],"id":9}`, errBody(9, -32602, "Invalid params: SearchOptions.Limit is out of range 1…200", "INVALID_PARAMS")},
		"nested type":           {`{"jsonrpc":"2.0","method":"searchProducts","params":["` + sid + `",{"Codes":"A"}],"id":9}`, errBody(9, -32602, "Invalid params: SearchOptions.Codes must be an array", "INVALID_PARAMS")},
		"array element":         {`{"jsonrpc":"2.0","method":"searchProducts","params":["` + sid + `",{"Codes":["A",2]}],"id":9}`, errBody(9, -32602, "Invalid params: SearchOptions.Codes[1] must be a string", "INVALID_PARAMS")},
		"jsonrpc 6.0":           {`{"jsonrpc":6.0,"method":"getAdditionalField","params":["` + sid + `","SourceOrder"],"id":3}`, `{"jsonrpc":"2.0","id":3,"result":{"Label":"How did you hear about us?","Code":"SourceOrder","Type":"LISTBOX","ApplyTo":"ORDER","Values":["The WWW","A friend","An advert"],"ValidationRule":null,"Translations":[]}}`},
		"unknown keys":          {`{"jsonrpc":"2.0","method":"getAdditionalField","params":["` + sid + `","SourceOrder"],"id":4,"extra":true}`, `{"jsonrpc":"2.0","id":4,"result":{"Label":"How did you hear about us?","Code":"SourceOrder","Type":"LISTBOX","ApplyTo":"ORDER","Values":["The WWW","A friend","An advert"],"ValidationRule":null,"Translations":[]}}`},
	} {
		t.Run(name, func(t *testing.T) {
			if got := e.post(PathRPC, tc.body); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestPaths: the three paths answer the same methods; GET and other HTTP
// methods are -32600; a body over 1 MiB is -32600.
func TestPaths(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	want := `{"jsonrpc":"2.0","id":5,"result":{"Label":"Campaign","Code":"cart2cotestorderhidden","Type":"HIDDEN","ApplyTo":"ORDER","Values":[],"ValidationRule":null,"Translations":[]}}`
	for _, p := range Paths {
		body := `{"jsonrpc":"2.0","method":"getAdditionalField","params":["` + sid + `","cart2cotestorderhidden"],"id":5}`
		if got := e.post(p, body); got != want {
			t.Errorf("%s: %s", p, got)
		}
	}
	for _, m := range []string{http.MethodGet, http.MethodPut} {
		req, _ := http.NewRequest(m, e.srv.URL+PathRPC, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(raw) != invalidRequest {
			t.Errorf("%s: %d %s", m, resp.StatusCode, raw)
		}
	}
	big := `{"jsonrpc":"2.0","method":"login","params":["` + strings.Repeat("x", kit.MaxBodyBytes) + `"],"id":1}`
	if got := e.post(PathRPC, big); got != invalidRequest {
		t.Errorf("a body over 1 MiB answered %s", got)
	}
	if !strings.Contains(e.lastHint(), "exceeds the sandbox's limit of 1048576 bytes") {
		t.Errorf("hint = %q", e.lastHint())
	}
	resp, err := http.Post(e.srv.URL+"/rpc/5.0/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/rpc/5.0/ answered %d: Routes must register only the API's paths", resp.StatusCode)
	}
}

// failing is a store whose transactions fail.
type failing struct{ store.Store }

var errDisk = errors.New("disk on fire")

func (failing) View(func(store.Tx) error) error   { return errDisk }
func (failing) Update(func(store.Tx) error) error { return errDisk }

// TestStoreError: a store failure is -32603 through the one helper, with
// the cause in the hint, never in the body.
func TestStoreError(t *testing.T) {
	e := newEnv(t)
	broken := e.kit
	broken.Store = failing{e.st}
	v := New(broken)
	n := &kit.Note{}
	r := kit.WithNote(httptest.NewRequest(http.MethodPost, PathRPC, nil), n)
	got := string(v.Call(context.Background(), r, []byte(`{"jsonrpc":"2.0","method":"getAdditionalFields","params":["x"],"id":3}`)))
	if want := errBody(3, -32603, "Internal error", "INTERNAL_ERROR"); got != want {
		t.Fatalf("got %s", got)
	}
	noteAnswer(got)
	if len(n.Hints) != 2 || !strings.Contains(n.Hints[1], "disk on fire") || fmt.Sprint(n.Codes) != "[-32603]" {
		t.Errorf("note = %+v", n)
	}
}

// TestParamTables: every method has a table whose first parameter is the
// sessionID (except login), the names are the exported constants, and every
// schema field has a JSON type.
func TestParamTables(t *testing.T) {
	names := Methods()
	if len(names) != 27 || !slices.IsSorted(names) {
		t.Fatalf("Methods() = %v", names)
	}
	for _, name := range names {
		b, ok := Params(name)
		if !ok || b.Name != name || len(b.Fields) == 0 {
			t.Fatalf("Params(%q) = %+v, %v", name, b, ok)
		}
		if (b.Fields[0].Name == "sessionID") == (name == MethodLogin) {
			t.Errorf("%s: first parameter %q", name, b.Fields[0].Name)
		}
		b.Walk(func(path string, f *schema.Field) {
			if f.Type == "" {
				t.Errorf("%s: %s has no type", name, path)
			}
		})
	}
	if _, ok := Params("getCart"); ok {
		t.Error("Params found an unknown method")
	}
	order, _ := Params(MethodPlaceOrder)
	for path, want := range map[string]schema.Type{
		"Order.Items.Quantity":                          schema.Integer,
		"Order.Items.Price.Amount":                      schema.Number,
		"Order.Items.Trial":                             schema.Any,
		"Order.Items.AdditionalFields.Value":            schema.Any,
		"Order.PaymentDetails.PaymentMethod.CardNumber": schema.String,
		"Order.Promotions":                              schema.Array,
	} {
		if f := order.Lookup(path); f == nil || f.Type != want {
			t.Errorf("placeOrder %s = %+v, want %s", path, f, want)
		}
	}
	if f := order.Lookup("Order.Items.Quantity"); !f.Required || *f.Minimum != 1 || *f.Maximum != 99999 {
		t.Errorf("Quantity = %+v", f)
	}
	promo, _ := Params(MethodAddPromotion)
	if f := promo.Lookup("Promotion.Products.Code"); f == nil || f.Type != schema.Any {
		t.Errorf("Promotion.Products.Code = %+v", f)
	}
}
