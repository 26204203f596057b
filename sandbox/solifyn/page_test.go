package solifyn

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/pagekit"
)

const evil = `<img src=x onerror=alert(1)>`

// page sends a request to the hosted checkout: GET without a form, POST
// with one.
func (h *harness) page(target string, form url.Values) (int, string, http.Header) {
	h.t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if form != nil {
		r = httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	h.router.ServeHTTP(w, r)
	raw, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(raw), w.Header()
}

// pagePath is the path and query of a checkout_url.
func pagePath(checkoutURL string) string {
	u, _ := url.Parse(checkoutURL)
	return u.RequestURI()
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestPageShowsTheCheckout(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"prod_CustomF1eldsX","quantity":2,"discountCode":"FIVEOFF","customerEmail":"ann@example.com",` +
		`"customFields":{"57aa2241-eae4-43dc-b9ae-36069b84b2da":"` + strings.ReplaceAll(evil, `"`, `\"`) + `"}}`)
	status, body, header := h.page(pagePath(out.CheckoutURL), nil)
	if status != http.StatusOK || header.Get("Content-Security-Policy") != pagekit.ContentSecurityPolicy ||
		header.Get("Content-Type") != "text/html; charset=utf-8" || header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("%d %v", status, header)
	}
	mustContain(t, "the page", body,
		`<title>Community Access · Flashcart checkout</title>`,
		`<link rel="stylesheet" href="/checkout/assets/checkout.css">`,
		`<h1 id="store-name">Flashcart Demo Store</h1>`,
		`<tr class="line" data-product-id="prod_CustomF1eldsX"><td class="name">Community Access</td><td class="num unit-price">49.00 USD</td><td class="num quantity">2</td><td class="num amount">98.00 USD</td></tr>`,
		`<td class="num" id="subtotal">98.00 USD</td>`,
		`Discount <span id="discount-code">FIVEOFF</span></td><td class="num" id="discount">−5.00 USD</td>`,
		`<td class="num" id="tax">0.00 USD</td>`,
		`<td class="num" id="total">93.00 USD</td>`,
		`<label>E-mail <input name="email" value="ann@example.com"></label>`,
		`<label>Discord Username (required) <input name="cf.57aa2241-eae4-43dc-b9ae-36069b84b2da" value="&lt;img src=x onerror=alert(1)&gt;" placeholder="e.g. your_discord#1234"></label>`,
		`<form id="pay-form" method="post" action="`+pagePath(out.CheckoutURL)+`" novalidate>`,
		`<button type="submit" class="primary" id="pay">Pay 93.00 USD</button>`,
	)
	if strings.Contains(body, evil) || strings.Contains(body, `name="amount"`) {
		t.Error("request text unescaped, or an amount asked of a fixed price")
	}
}

func TestPagePays(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"prod_CustomF1eldsX"}`)
	target := pagePath(out.CheckoutURL)
	field := "cf.57aa2241-eae4-43dc-b9ae-36069b84b2da"

	status, body, _ := h.page(target, url.Values{"email": {"nope"}, "card": {"1234"}, "name": {evil}})
	if status != http.StatusBadRequest {
		t.Fatalf("a form with problems: %d", status)
	}
	mustContain(t, "the refused form", body,
		`<label>E-mail <input name="email" value="nope" aria-invalid="true"> <span class="problem">Enter a valid e-mail address.</span></label>`,
		`<label>Name (optional) <input name="name" value="&lt;img src=x onerror=alert(1)&gt;"></label>`,
		`<input name="`+field+`" value="" placeholder="e.g. your_discord#1234" aria-invalid="true"> <span class="problem">This field is required.</span>`,
		`<input name="card" value="1234" placeholder="4242 4242 4242 4242" aria-invalid="true"> <span class="problem">Not a test card: use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to be declined.</span>`)
	if st, _ := h.v.checkoutState(out.ID); st.CustomerName != "" || st.Status != StatusPending {
		t.Errorf("a refused form changed the session: %+v", st)
	}
	status, body, _ = h.page(target, url.Values{"card": {"4242424242424242"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "Enter your e-mail address.") {
		t.Errorf("no e-mail: %d", status)
	}

	status, body, _ = h.page(target, url.Values{"email": {"ann@example.com"}, "name": {"Ann Lee"}, field: {"ann#1"}, "card": {"4111 1111 1111 1111"}})
	st, _ := h.v.checkoutState(out.ID)
	if status != http.StatusOK || st.Status != StatusPaid || st.Order == nil {
		t.Fatalf("paying: %d %+v\n%s", status, st, body)
	}
	mustContain(t, "the receipt", body, `<h1>Payment successful</h1>`, `<td id="payment-id">`+st.PaymentID+`</td>`,
		`<strong id="order-status" class="paid">paid</strong>`, `<td id="order-total">49.00 USD</td>`,
		`<td id="order-email">ann@example.com</td>`, `<td id="order-card">visa ending in 1111</td>`)
	if st.CustomerName != "Ann Lee" || st.CustomFields[0].Value != "ann#1" || len(h.messages()) != 2 {
		t.Errorf("the session after paying: %+v, %d webhooks", st, len(h.messages()))
	}

	for _, form := range []url.Values{nil, {"email": {"ann@example.com"}, field: {"x"}, "card": {"4242424242424242"}}} {
		status, body, _ = h.page(target, form)
		if status != http.StatusGone || !strings.Contains(body, "<h1>This checkout was already paid</h1>") {
			t.Errorf("a paid session, form %v: %d", form, status)
		}
	}
}

func TestPageDeclinesAndExpires(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"` + starterID + `","customerEmail":"b@example.com"}`)
	status, body, _ := h.page(pagePath(out.CheckoutURL), url.Values{"email": {"b@example.com"}, "card": {"4000000000009995"}})
	mustContain(t, "the declined receipt", body, `<h1>Payment failed</h1>`, `<p id="failure-message">Your card has insufficient funds.</p>`,
		`<strong id="order-status" class="unpaid">failed</strong>`)
	if status != http.StatusOK {
		t.Errorf("declined: %d", status)
	}
	status, body, _ = h.page(pagePath(out.CheckoutURL), nil)
	if status != http.StatusGone || !strings.Contains(body, "<h1>This checkout can no longer be paid</h1>") {
		t.Errorf("a failed session: %d %s", status, body)
	}

	later := h.checkout(`{"productId":"` + starterID + `"}`)
	h.advance(SessionTTL)
	status, body, _ = h.page(pagePath(later.CheckoutURL), nil)
	if status != http.StatusGone || !strings.Contains(body, "<h1>This checkout has expired</h1>") {
		t.Errorf("an expired session: %d %s", status, body)
	}
}

func TestPageNotFound(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"` + starterID + `"}`)
	for _, target := range []string{
		Path(PathHostedCheckout, starterID),
		Path(PathHostedCheckout, starterID) + "?checkout_id=nope",
		Path(PathHostedCheckout, "prod_NG0mkkz0Awitk") + "?checkout_id=" + out.ID,
	} {
		status, body, _ := h.page(target, nil)
		if status != http.StatusNotFound || !strings.Contains(body, "<h1>Checkout not found</h1>") {
			t.Errorf("%s: %d %s", target, status, body)
		}
	}
}

func TestPagePayWhatYouWant(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"prod_lBrPxQcGN8dBM","customPrice":7.5,"customerEmail":"c@example.com"}`)
	target := pagePath(out.CheckoutURL)
	_, body, _ := h.page(target, nil)
	mustContain(t, "the page", body, `<label>Your price (USD) <input name="amount" value="7.50"></label>`, `Pay your price</button>`)
	for amount, problem := range map[string]string{
		"0":           "Enter an amount above 0, such as 5.00.",
		"1.234":       "Enter an amount above 0, such as 5.00.",
		"99999999999": "the amount cannot be paid: Amount exceeds the maximum allowed",
	} {
		status, body, _ := h.page(target, url.Values{"email": {"c@example.com"}, "amount": {amount}, "card": {"4242424242424242"}})
		if status/100 != 4 || !strings.Contains(body, problem) {
			t.Errorf("amount %s: %d, want %q", amount, status, problem)
		}
	}
	status, body, _ := h.page(target, url.Values{"email": {"c@example.com"}, "amount": {"12.00"}, "card": {"5555 5555 5555 4444"}})
	st, _ := h.v.checkoutState(out.ID)
	if status != http.StatusOK || st.Total.String() != "12" || st.Order.TotalAmount != 1200 || !strings.Contains(body, "12.00 USD") {
		t.Errorf("paying 12.00: %d %+v", status, st)
	}
}

func TestPageAssets(t *testing.T) {
	h := newHarness(t)
	status, body, header := h.page(AssetsPath+"checkout.css", nil)
	own, _ := assetFS.ReadFile("assets/checkout.css")
	if status != http.StatusOK || body != string(pagekit.Stylesheet(own)) || header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("stylesheet: %d %q", status, header.Get("Content-Type"))
	}
	if status, _, _ := h.page(AssetsPath+"nope.js", nil); status != http.StatusNotFound {
		t.Errorf("a missing file: %d", status)
	}
}

// TestPageStoreFailure: a store that fails answers the one 500.
func TestPageStoreFailure(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"` + starterID + `"}`)
	h.v.env.Store = failingStore{}
	status, body, _ := h.page(pagePath(out.CheckoutURL), nil)
	expect(t, "page", status, body, http.StatusInternalServerError, `{"statusCode":500,"message":"Internal server error"}`)
}
