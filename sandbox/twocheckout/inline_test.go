package twocheckout

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/gorilla/mux"
)

// seedCart is the cart of the seed's example, as the client sends it.
const seedCart = `{"merchant":"MERCHANT_CODE","currency":"USD","products":[{"code":"2CO3MONTHS","quantity":1}],
 "additional_fields":[{"code":"TextInIPNCustom123","value":"Some text value"},{"code":"SourceOrder","value":"The WWW"},
  {"code":"cart2cotestorderhidden","value":"Some text for the hidden field"},{"code":"cart2cotestordercheckbox","value":true}],
 "origin":"https://shop.example"}`

// payment pays with the universal test Visa.
const payment = `{"billing":{"name":"John Doe","email":"john.doe@example.com","country":"US","city":"San Francisco","zip":"94105","address":"1 Market St"},
 "card":{"number":"4111 1111 1111 1111","holder_name":"John Doe","month":"12","year":"2030","cvv":"123"}}`

// reply is an HTTP answer: its status, content type and body.
type reply struct {
	status int
	ctype  string
	header http.Header
	body   string
}

// send sends a request to the vendor's routes.
func (e *env) send(method, path, contentType, body string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header, string(raw)}
}

// twin sends a JSON request to the twin and checks its content type.
func (e *env) twin(method, path, body string) reply {
	e.t.Helper()
	a := e.send(method, path, "application/json", body)
	if a.ctype != "application/json" {
		e.t.Fatalf("%s %s answered %d %q: %s", method, path, a.status, a.ctype, a.body)
	}
	return a
}

// openCart opens a cart with the twin and answers its id.
func (e *env) openCart(body string) string {
	e.t.Helper()
	a := e.twin(http.MethodPost, InlineTwinPath, body)
	var view InlineCartView
	if a.status != http.StatusCreated || json.Unmarshal([]byte(a.body), &view) != nil || view.ID == "" {
		e.t.Fatalf("open: %d %s", a.status, a.body)
	}
	return view.ID
}

// goldenText compares a whole body with testdata/golden/name; -update
// rewrites the file.
func goldenText(t *testing.T, name, body string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(want) != body {
		t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, path, body)
	}
}

// TestInlineTwinSeedCart: the seed's cart opens, priced from the store,
// with its four fields; the shopper's changes re-price it; paying it places
// an ordinary order — getOrder answers it, with the field values, and its
// IPN is enqueued; a paid cart takes no more changes.
func TestInlineTwinSeedCart(t *testing.T) {
	e := newEnv(t)
	a := e.twin(http.MethodPost, InlineTwinPath, seedCart)
	if a.status != http.StatusCreated {
		t.Fatalf("open: %d %s", a.status, a.body)
	}
	golden(t, "inline_open", a.body)
	var view InlineCartView
	_ = json.Unmarshal([]byte(a.body), &view)
	path := InlineTwinPath + "/" + view.ID
	if got := e.twin(http.MethodGet, path, ""); got.status != 200 || got.body != a.body {
		t.Errorf("GET the cart: %d %s", got.status, got.body)
	}

	a = e.twin(http.MethodPost, path, `{"additional_fields":[{"code":"SourceOrder","value":"A friend"},{"code":"cart2cotestordercheckbox","value":false},{"code":"TextInIPNCustom123","value":""}],"coupon":"SPRING10"}`)
	if a.status != 200 {
		t.Fatalf("update: %d %s", a.status, a.body)
	}
	golden(t, "inline_update", a.body)

	a = e.twin(http.MethodPost, path+"/pay", payment)
	if a.status != 200 {
		t.Fatalf("pay: %d %s", a.status, a.body)
	}
	golden(t, "inline_paid", a.body)
	var paid InlinePaidCart
	_ = json.Unmarshal([]byte(a.body), &paid)

	// The order is getOrder's, as placed.
	var resp struct{ Result json.RawMessage }
	_ = json.Unmarshal([]byte(e.call(MethodGetOrder, e.login(), paid.Order.RefNo)), &resp)
	placed, _ := encode(paid.Order)
	if string(resp.Result) != string(placed) {
		t.Errorf("getOrder answers\n%s\nthe cart placed\n%s", resp.Result, placed)
	}
	if sent := e.sent(); len(sent) != 1 || !strings.Contains(string(sent[0].Body), "REFNO="+paid.Order.RefNo+"&") ||
		!strings.Contains(string(sent[0].Body), "TEST_ORDER=0&IPN_ORDER_ORIGIN=API") {
		t.Errorf("the IPNs enqueued: %+v", sent)
	}
	if got := e.twin(http.MethodGet, path, ""); got.status != 200 || !strings.Contains(a.body, got.body) {
		t.Errorf("GET the paid cart: %d %s", got.status, got.body)
	}
	for p, body := range map[string]string{path: "{}", path + "/pay": payment} {
		got := e.twin(http.MethodPost, p, body)
		want := `{"errors":[{"error_code":"INLINE_CART_PAID","message":"Cart [` + view.ID + `] is already paid.","hint":"its order is ` + paid.Order.RefNo + `"}]}`
		if got.status != http.StatusConflict || got.body != want {
			t.Errorf("POST %s to a paid cart: %d %s", p, got.status, got.body)
		}
	}
	if len(e.sent()) != 1 {
		t.Error("a paid cart placed another order")
	}
}

// TestInlineTwinRefusals: what the InLine cart refuses, each problem with
// its code, all of a cart's together; a refusal changes nothing.
func TestInlineTwinRefusals(t *testing.T) {
	e := newEnv(t)
	office := e.openCart(`{"merchant":"MERCHANT_CODE","currency":"USD","products":[{"code":"FLASH_OFFICE"}]}`)
	for _, tt := range []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"not JSON", "POST", InlineTwinPath, `{"merchant":`, 400,
			`{"errors":[{"error_code":"INLINE_REQUEST_INVALID","message":"The cart request is not valid: unexpected EOF."}]}`},
		{"an unknown key", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","product":[]}`, 400,
			`{"errors":[{"error_code":"INLINE_REQUEST_INVALID","message":"The cart request is not valid: json: unknown field \"product\"."}]}`},
		{"no merchant", "POST", InlineTwinPath, `{"products":[{"code":"2CO3MONTHS"}]}`, 400,
			`{"errors":[{"error_code":"INLINE_MERCHANT_INVALID","message":"Unknown merchant [].","hint":"no merchant \"\" in the world: set it with TwoCoInlineCart.setup.setMerchant, or the loader's {\"app\":{\"merchant\":…}}"}]}`},
		{"a mode", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","mode":"CUSTOM","products":[{"code":"2CO3MONTHS"}]}`, 400,
			`{"errors":[{"error_code":"INLINE_REQUEST_INVALID","message":"The cart request is not valid: mode must be CATALOG or DYNAMIC.","hint":"setup.setMode(\"CUSTOM\")"}]}`},
		{"no products", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE"}`, 400,
			`{"errors":[{"error_code":"ORDER_PRODUCTS_EMPTY","message":"No products have been provided.","hint":"add products with TwoCoInlineCart.products.add({code, quantity}) before cart.checkout()"}]}`},
		{"a currency", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","currency":"XYZ","products":[{"code":"2CO3MONTHS"}]}`, 400,
			`{"errors":[{"error_code":"ORDER_CURRENCY_INVALID","message":"Invalid currency.","hint":"cart.setCurrency(\"XYZ\") is not an ISO 4217 code"}]}`},
		{"every problem of a cart", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","currency":"GBP","products":[{"code":"NOPE"},{"code":"FLASH_OFFICE","quantity":0},{"code":"FLASH_OFFICE"}],
			"additional_fields":[{"code":"SourceOrder","value":"Elsewhere"},{"code":"LicenseHolder","value":"Ann"},{"code":"cart2cotestordercheckbox","value":"yes"},{"code":"Nothing","value":"x"}]}`, 400,
			`{"errors":[{"error_code":"ORDER_PRODUCT_CODE_INVALID","message":"Requested product [NOPE] was not found."},` +
				`{"error_code":"ORDER_ITEMS_QUANTITY_INVALID","message":"Item quantity must be between 1 and 99999.","hint":"products[1].quantity is 0"},` +
				`{"error_code":"ORDER_PRODUCT_CURRENCY_INVALID","message":"Product [FLASH_OFFICE] has no price in the order currency.","hint":"product \"FLASH_OFFICE\" has no GBP price for quantity 1"},` +
				`{"error_code":"ORDER_ADDITIONAL_FIELD_INVALID","message":"Invalid additional field [SourceOrder].","hint":"field \"SourceOrder\": \"Elsewhere\" is not one of [\"The WWW\" \"A friend\" \"An advert\"]"},` +
				`{"error_code":"ORDER_ADDITIONAL_FIELD_INVALID","message":"Invalid additional field [LicenseHolder].","hint":"field \"LicenseHolder\" applies to PRODUCT, not to the order"},` +
				`{"error_code":"ORDER_ADDITIONAL_FIELD_INVALID","message":"Invalid additional field [cart2cotestordercheckbox].","hint":"field \"cart2cotestordercheckbox\": a CHECKBOX takes true or false"},` +
				`{"error_code":"ORDER_ADDITIONAL_FIELD_INVALID","message":"Invalid additional field [Nothing].","hint":"no additional field \"Nothing\""}]}`},
		{"a coupon", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","products":[{"code":"2CO3MONTHS"}],"coupons":["WINTER"]}`, 400,
			`{"errors":[{"error_code":"ORDER_PROMOTION_INVALID","message":"Invalid promotion code [WINTER].","hint":"coupon \"WINTER\" is unknown, its promotion is disabled, out of its dates or exhausted, or the single-use code was used"}]}`},
		{"an expired cart", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","expiration":1772445600,"products":[{"code":"2CO3MONTHS"}]}`, 400,
			`{"errors":[{"error_code":"INLINE_SIGNATURE_INVALID","message":"Invalid signature.","hint":"the cart expired at 2026-03-02 10:00:00 GMT (cart.setExpiration(1772445600)); the sandbox clock is 2026-03-02 10:00:00 GMT"}]}`},
		{"a wrong signature", "POST", InlineTwinPath, `{"merchant":"MERCHANT_CODE","currency":"usd","signature":"00","products":[{"code":"2CO3MONTHS"}]}`, 400,
			`{"errors":[{"error_code":"INLINE_SIGNATURE_INVALID","message":"Invalid signature.","hint":"the signature is not the HMAC-SHA256 with the merchant's secret key over \"3USD013MERCHANT_CODE102CO3MONTHS110\""}]}`},
		{"an unknown cart", "GET", InlineTwinPath + "/0123", ``, 404,
			`{"errors":[{"error_code":"INLINE_CART_NOT_FOUND","message":"Cart [0123] was not found."}]}`},
		{"a change of an unknown cart", "POST", InlineTwinPath + "/0123", `{}`, 404,
			`{"errors":[{"error_code":"INLINE_CART_NOT_FOUND","message":"Cart [0123] was not found."}]}`},
		{"an item out of the cart", "POST", InlineTwinPath + "/" + office, `{"items":[{"index":1,"additional_fields":[{"code":"LicenseHolder","value":"Ann"}]}]}`, 400,
			`{"errors":[{"error_code":"INLINE_REQUEST_INVALID","message":"The cart request is not valid: items[].index 1 is not an item of the cart.","hint":"the cart has 1 items, 0 to 0"}]}`},
		{"a field value against its rule", "POST", InlineTwinPath + "/" + office, `{"items":[{"index":0,"additional_fields":[{"code":"LicenseHolder","value":"A"}]}]}`, 400,
			`{"errors":[{"error_code":"ORDER_ADDITIONAL_FIELD_INVALID","message":"Invalid additional field [LicenseHolder].","hint":"field \"LicenseHolder\": \"A\" does not match ^.{2,100}$"}]}`},
		{"a missing required field", "POST", InlineTwinPath + "/" + office + "/pay", payment, 400,
			`{"errors":[{"error_code":"ORDER_ADDITIONAL_FIELD_INVALID","message":"Invalid additional field [LicenseHolder].","hint":"\"Licence holder\" is required for Flash Office Suite (field LicenseHolder of item 0)"}]}`},
		{"no billing details", "POST", InlineTwinPath + "/" + office + "/pay", `{"items":[{"index":0,"additional_fields":[{"code":"LicenseHolder","value":"Ann Lee"}]}],"card":{"number":"4111111111111111","holder_name":"Ann Lee","month":"12","year":"2030","cvv":"123"}}`, 400,
			`{"errors":[{"error_code":"ORDER_BILLING_DETAILS_INVALID","message":"Invalid billing details: FirstName.","hint":"BillingDetails.FirstName is empty"}]}`},
		{"a declined card", "POST", InlineTwinPath + "/" + office + "/pay", strings.Replace(strings.Replace(payment, "4111 1111 1111 1111", "4000 0000 0000 0002", 1), `"billing"`, `"items":[{"index":0,"additional_fields":[{"code":"LicenseHolder","value":"Ann Lee"}]}],"billing"`, 1), 400,
			`{"errors":[{"error_code":"PAYMENT_DECLINED","message":"The payment was declined.","hint":"test card 4000000000000002 is always declined"}]}`},
	} {
		a := e.twin(tt.method, tt.path, tt.body)
		if a.status != tt.status || a.body != tt.want {
			t.Errorf("%s: %d %s\nwant %d %s", tt.name, a.status, a.body, tt.status, tt.want)
		}
	}
	// Nothing was placed; the refused changes were not kept.
	if sent := e.sent(); len(sent) != 0 {
		t.Errorf("refusals placed orders: %+v", sent)
	}
	var view InlineCartView
	_ = json.Unmarshal([]byte(e.twin(http.MethodGet, InlineTwinPath+"/"+office, "").body), &view)
	if view.Items[0].AdditionalFields[0].Value != nil || view.Billing.Name != "" {
		t.Errorf("a refused payment changed the cart: %+v", view)
	}
}

// TestInlineSignature: a merchant that requires signed carts refuses a
// cart without one; the signature helper's answer, computed here without
// the package's code, opens it; expiration and prices are signed.
func TestInlineSignature(t *testing.T) {
	e := newEnv(t)
	e.edit(func(w *fixtures.TwoCheckout) { w.Merchants[0].RequireInlineSignature = true })
	cart := `{"merchant":"MERCHANT_CODE","currency":"usd","expiration":1800000000,"products":[{"code":"2CO3MONTHS","quantity":2,"price":20.5},{"code":"FLASH_ANTIVIRUS"}]}`
	a := e.twin(http.MethodPost, InlineTwinPath, cart)
	if want := `{"errors":[{"error_code":"INLINE_SIGNATURE_INVALID","message":"Invalid signature.","hint":"merchant \"MERCHANT_CODE\" requires a signed cart (require_inline_signature): call TwoCoInlineCart.cart.setSignature with the signature of POST /_sandbox/twocheckout/inline/signature"}]}`; a.status != 400 || a.body != want {
		t.Errorf("an unsigned cart: %d %s", a.status, a.body)
	}
	mac := hmac.New(sha256.New, []byte("SECRET_KEY"))
	mac.Write([]byte("3USD" + "101800000000" + "13MERCHANT_CODE" + "102CO3MONTHS" + "12" + "520.50" + "15FLASH_ANTIVIRUS" + "11" + "0"))
	want := hex.EncodeToString(mac.Sum(nil))
	a = e.twin(http.MethodPost, InlineSignaturePath, cart)
	if a.status != 200 || a.body != `{"signature":"`+want+`"}` {
		t.Fatalf("the signature: %d %s, want %s", a.status, a.body, want)
	}
	signed := strings.Replace(cart, `"currency"`, `"signature":"`+strings.ToUpper(want)+`","currency"`, 1)
	if a := e.twin(http.MethodPost, InlineTwinPath, signed); a.status != 201 || !strings.Contains(a.body, `"unit_price":"20.50"`) {
		t.Errorf("a signed cart: %d %s", a.status, a.body)
	}
	tampered := strings.Replace(signed, `"quantity":2`, `"quantity":3`, 1)
	if a := e.twin(http.MethodPost, InlineTwinPath, tampered); a.status != 400 || !strings.Contains(a.body, "INLINE_SIGNATURE_INVALID") {
		t.Errorf("a tampered cart: %d %s", a.status, a.body)
	}
	if a := e.twin(http.MethodPost, InlineSignaturePath, `{"merchant":"NOBODY"}`); a.status != 400 ||
		a.body != `{"errors":[{"error_code":"INLINE_MERCHANT_INVALID","message":"Unknown merchant [NOBODY].","hint":"no merchant \"NOBODY\" in the world"}]}` {
		t.Errorf("the signature of another merchant: %d %s", a.status, a.body)
	}
}

// TestInlineDynamicCart: a DYNAMIC cart sells products named and priced by
// the page, placed as dynamic items.
func TestInlineDynamicCart(t *testing.T) {
	e := newEnv(t)
	id := e.openCart(`{"merchant":"MERCHANT_CODE","mode":"dynamic","currency":"EUR","test":true,"products":[{"name":"T-Shirt","quantity":2,"price":20},{"name":"Shipping","price":4.5,"type":"shipping"}]}`)
	a := e.twin(http.MethodPost, InlineTwinPath+"/"+id+"/pay", payment)
	var paid InlinePaidCart
	if a.status != 200 || json.Unmarshal([]byte(a.body), &paid) != nil {
		t.Fatalf("pay: %d %s", a.status, a.body)
	}
	o := paid.Order
	if len(o.Items) != 2 || !o.Items[0].IsDynamic || o.Items[0].Name != "T-Shirt" || o.Items[1].PurchaseType != "SHIPPING" ||
		o.GrossDiscountedPrice.String() != "44.5" || o.PaymentDetails.Type != "TEST" || o.Currency != "EUR" {
		t.Errorf("the order: %+v", o)
	}
	if a := e.twin(http.MethodPost, InlineTwinPath, `{"merchant":"MERCHANT_CODE","mode":"DYNAMIC","products":[{"name":"","price":1},{"name":"Free"}]}`); a.status != 400 ||
		a.body != `{"errors":[{"error_code":"ORDER_PRODUCT_NAME_INVALID","message":"Name is mandatory when you set IsDynamic to TRUE.","hint":"Items[0].Name is empty"},{"error_code":"ORDER_PRODUCT_PRICE_TYPE_CUSTOM_INVALID","message":"The price amount is mandatory to be set on the custom price flow."}]}` {
		t.Errorf("dynamic products without name or price: %d %s", a.status, a.body)
	}
}

// TestInlineClientAndOverlay: the client and the overlay's assets are
// served as they are; the overlay's pages, whole, for a cart opened from
// the client's form, a refused payment, a paid cart and a refused cart;
// the demo page.
func TestInlineClientAndOverlay(t *testing.T) {
	e := newEnv(t)
	for path, file := range map[string]string{InlineClientPath: "twoCoInlineCart.js", InlineOverlayScript: "overlay.js", InlineOverlayStyle: "overlay.css", InlineDemoScript: "demo.js"} {
		want, _ := os.ReadFile(filepath.Join("inline", file))
		a := e.send(http.MethodGet, path, "", "")
		ctype := "text/javascript; charset=utf-8"
		if strings.HasSuffix(file, ".css") {
			ctype = "text/css; charset=utf-8"
		}
		if a.status != 200 || a.ctype != ctype || a.body != string(want) || a.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: %d %q, the file: %v", path, a.status, a.ctype, a.body == string(want))
		}
	}

	form := url.Values{"cart": {seedCart}}.Encode()
	a := e.send(http.MethodPost, InlineCartsPath, "application/x-www-form-urlencoded", form)
	loc := a.header.Get("Location")
	if a.status != http.StatusSeeOther || !strings.HasPrefix(loc, InlineCartsPath+"/") || a.body != "" {
		t.Fatalf("the client's form: %d %q %s", a.status, loc, a.body)
	}
	page := func(name string, a reply, status int) {
		t.Helper()
		if a.status != status || a.ctype != "text/html; charset=utf-8" || a.header.Get("Content-Security-Policy") != overlayCSP ||
			a.header.Get("X-Content-Type-Options") != "nosniff" || a.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q %v", name, a.status, a.ctype, a.header)
		}
		goldenText(t, name, a.body)
	}
	page("inline_overlay_open.html", e.send(http.MethodGet, loc, "", ""), 200)

	fields := url.Values{"field.TextInIPNCustom123": {"Some text value"}, "field.SourceOrder": {"A friend"}, "coupon": {""},
		"billing.name": {"John"}, "billing.email": {"john.doe@example.com"}, "billing.country": {"US"}, "billing.city": {"San Francisco"},
		"billing.zip": {"94105"}, "billing.address": {"1 Market St"},
		"card.number": {"4111 1111 1111 1111"}, "card.month": {"12"}, "card.year": {"2030"}, "card.cvv": {"123"}, "action": {"pay"}}
	apply := url.Values{"field.SourceOrder": {"The WWW"}, "field.TextInIPNCustom123": {"Some text value"}, "field.cart2cotestordercheckbox": {"true"}, "coupon": {"WINTER"}, "action": {"apply"}}
	if a := e.send(http.MethodPost, loc, "application/x-www-form-urlencoded", apply.Encode()); a.status != 400 ||
		!strings.Contains(a.body, `<li><code>ORDER_PROMOTION_INVALID</code> Invalid promotion code [WINTER].`) || !strings.Contains(a.body, `name="coupon" value="WINTER"`) {
		t.Errorf("apply a wrong coupon: %d %s", a.status, a.body)
	}
	apply.Set("coupon", "")
	if a := e.send(http.MethodPost, loc, "application/x-www-form-urlencoded", apply.Encode()); a.status != http.StatusSeeOther || a.header.Get("Location") != loc {
		t.Errorf("apply: %d %s", a.status, a.body)
	}
	page("inline_overlay_refused.html", e.send(http.MethodPost, loc, "application/x-www-form-urlencoded", fields.Encode()), 400)
	if len(e.sent()) != 0 {
		t.Fatal("a refused payment placed an order")
	}
	fields.Set("billing.name", "John Doe")
	if a := e.send(http.MethodPost, loc, "application/x-www-form-urlencoded", fields.Encode()); a.status != http.StatusSeeOther || a.header.Get("Location") != loc {
		t.Fatalf("pay: %d %s", a.status, a.body)
	}
	page("inline_overlay_paid.html", e.send(http.MethodGet, loc, "", ""), 200)
	if sent := e.sent(); len(sent) != 1 {
		t.Errorf("the IPNs: %+v", sent)
	}
	page("inline_overlay_again.html", e.send(http.MethodPost, loc, "application/x-www-form-urlencoded", fields.Encode()), http.StatusConflict)

	bad := url.Values{"cart": {`{"merchant":"MERCHANT_CODE","products":[{"code":"<b>NOPE</b>"}],"origin":"http://shop.example:8000/page"}`}}.Encode()
	page("inline_overlay_cart_refused.html", e.send(http.MethodPost, InlineCartsPath, "application/x-www-form-urlencoded", bad), 400)
	page("inline_overlay_not_json.html", e.send(http.MethodPost, InlineCartsPath, "application/x-www-form-urlencoded", "cart=%7B"), 400)
	page("inline_overlay_unknown.html", e.send(http.MethodGet, InlineCartsPath+"/0123", "", ""), 404)

	demo := e.send(http.MethodGet, InlineDemoPath, "", "")
	if demo.status != 200 || demo.ctype != "text/html; charset=utf-8" || demo.header.Get("Content-Security-Policy") != demoCSP {
		t.Errorf("the demo page: %d %q %v", demo.status, demo.ctype, demo.header)
	}
	goldenText(t, "inline_demo.html", strings.ReplaceAll(demo.body, strings.TrimPrefix(e.srv.URL, "http://"), "SANDBOX"))
}

// TestInlineRoutes: the InLine cart's paths stay under /checkout/client/
// and /_sandbox/twocheckout/, clear of Solifyn's /checkout/create,
// /checkout/collection/create and /checkout/test/{id}; the JSON-RPC paths
// alone are the API's.
func TestInlineRoutes(t *testing.T) {
	v := newEnv(t).v
	r := mux.NewRouter()
	v.Routes(r)
	v.Control(r)
	for _, p := range []string{"/checkout/create", "/v1/checkout/create", "/checkout/collection/create", "/checkout/test/1", "/checkout/test/prod_1"} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			var m mux.RouteMatch
			if r.Match(httptest.NewRequest(method, p, nil), &m) && m.MatchErr == nil {
				t.Errorf("%s %s is a route of the InLine cart", method, p)
			}
		}
	}
	_ = r.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, _ := route.GetPathTemplate()
		if !strings.HasPrefix(tpl, "/rpc/") && !strings.HasPrefix(tpl, InlineClientPrefix) && !strings.HasPrefix(tpl, "/_sandbox/twocheckout/") {
			t.Errorf("the route %s is outside the vendor's paths", tpl)
		}
		return nil
	})
	for _, p := range Paths {
		if !v.IsAPI(p) {
			t.Errorf("%s is not an API path", p)
		}
	}
	for _, p := range []string{InlineClientPath, InlineCartsPath, InlineTwinPath} {
		if v.IsAPI(p) {
			t.Errorf("%s is an API path", p)
		}
	}
}

// TestInlineMessages: the overlay's message to the page is JSON in an
// attribute, escaped by the template.
func TestInlineMessages(t *testing.T) {
	var b bytes.Buffer
	page := overlayPage{Origin: "https://shop.example", Message: `{"type":"cart:errors","errors":[{"error_code":"X","message":"\"><script>"}]}`}
	if err := inlineTemplates.ExecuteTemplate(&b, "overlay.html", page); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`data-message="%s"`, `{&#34;type&#34;:&#34;cart:errors&#34;,&#34;errors&#34;:[{&#34;error_code&#34;:&#34;X&#34;,&#34;message&#34;:&#34;\&#34;&gt;&lt;script&gt;&#34;}]}`)
	if !strings.Contains(b.String(), want) {
		t.Errorf("the message attribute is not escaped:\n%s", b.String())
	}
}

// TestInlineSingleUseCoupon: a cart pays with a single-use coupon code,
// which the next cart cannot use.
func TestInlineSingleUseCoupon(t *testing.T) {
	e := newEnv(t)
	e.edit(func(w *fixtures.TwoCheckout) {
		w.Merchants[0].Promotions = append(w.Merchants[0].Promotions, fixtures.TwoCheckoutPromo{Code: "HALF000001", Name: "Half price, once",
			Discount: fixtures.TwoCheckoutDiscount{Type: "PERCENT", Value: "50"}, Coupon: &fixtures.TwoCheckoutCoupon{Type: "MULTIPLE", Codes: []string{"ONCE1", "ONCE2"}}})
	})
	cart := `{"merchant":"MERCHANT_CODE","currency":"USD","products":[{"code":"FLASH_ANTIVIRUS"}],"coupons":["ONCE1"]}`
	a := e.twin(http.MethodPost, InlineTwinPath+"/"+e.openCart(cart)+"/pay", payment)
	var paid InlinePaidCart
	if a.status != 200 || json.Unmarshal([]byte(a.body), &paid) != nil || paid.Cart.Totals.Total != "14.50" ||
		paid.Order.GrossDiscountedPrice.String() != "14.5" || paid.Order.Promotions[0] != "ONCE1" {
		t.Fatalf("pay with a single-use coupon: %d %s", a.status, a.body)
	}
	if a := e.twin(http.MethodPost, InlineTwinPath, cart); a.status != 400 || !strings.Contains(a.body, `"error_code":"ORDER_PROMOTION_INVALID","message":"Invalid promotion code [ONCE1]."`) {
		t.Errorf("the used code again: %d %s", a.status, a.body)
	}
}
