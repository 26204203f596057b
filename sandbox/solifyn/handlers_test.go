package solifyn

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

const (
	unauthorized = `{"message":"Unauthorized","statusCode":401}`
	invalidKey   = `{"message":"Invalid API Key","error":"Unauthorized","statusCode":401}`
)

func notFound(msg string) string {
	return `{"message":"` + msg + `","error":"Not Found","statusCode":404}`
}

// starterJSON is the whole Product of the Starter Kit.
const starterJSON = `{"id":"prod_z2o92kEl6cYYX","name":"Starter Kit","price":29,"currency":"USD",` +
	`"description":"Templates and a quick-start guide, delivered once.","status":"ACTIVE","imageUrl":null,` +
	`"taxCategory":"digital_products","pricingType":"one_time","discount":0,"hasLicenseKey":false,` +
	`"hasDigitalDelivery":false,"hasGithubAccess":false,"githubRepo":null,"githubPermission":null,` +
	`"hasDiscordAccess":false,"discordGuildId":null,"discordRoleId":null,"isTaxInclusive":false,` +
	`"billingPeriod":null,"trialPeriodDays":null,"expirationDays":null,"statementDescriptor":null,` +
	`"payWhatYouWant":false,"metadata":null,"customFields":[],"stock":null,"activationLimit":0,"isListed":true,` +
	`"isFree":false,"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z",` +
	`"isPermanentlyDeleted":false,"brandId":null,"digitalLink":null,"instructions":null,"activationMessage":null,` +
	`"expiryHours":null,"businessId":"biz_4r5t6y7u8i9o"}`

func TestAuthentication(t *testing.T) {
	h := newHarness(t)
	create := `{"productId":"` + starterID + `"}`
	for _, tc := range []struct {
		name, method, path, body, header string
		want                             int
		wantBody                         string
	}{
		{"no header", http.MethodPost, PathCreate, create, "", 401, unauthorized},
		{"guide path, no header", http.MethodPost, PathGuideCreate, create, "", 401, unauthorized},
		{"basic scheme", http.MethodPost, PathCreate, create, "Basic " + demoKey, 401, unauthorized},
		{"no token", http.MethodPost, PathCreate, create, "Bearer ", 401, unauthorized},
		{"bare key", http.MethodPost, PathCreate, create, demoKey, 401, unauthorized},
		{"unknown key", http.MethodPost, PathCreate, create, "Bearer sk_live_nope", 401, invalidKey},
		{"unknown key, collection", http.MethodPost, PathCollectionCreate, `{"collectionId":"col_teamPack"}`, "Bearer x", 401, invalidKey},
		{"products without key", http.MethodGet, PathProducts, "", "", 401, unauthorized},
		{"links with unknown key", http.MethodGet, PathCheckoutLinks, "", "Bearer x", 401, invalidKey},
		{"discount validate without key", http.MethodGet, PathDiscountValidate + "?code=PROMO10", "", "", 401, unauthorized},
		// The body is parsed before the guard runs, as Express's parser does.
		{"malformed body before the guard", http.MethodPost, PathCreate, `{`, "", 400, badOne("Unexpected end of JSON input")},
		// Validation runs after the guard.
		{"invalid body without key", http.MethodPost, PathCreate, `{}`, "", 401, unauthorized},
	} {
		r := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		r.Header.Set("Content-Type", "application/json")
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		status, got := h.serve(r)
		expect(t, tc.name, status, got, tc.want, tc.wantBody)
	}
	status, _ := h.call(http.MethodPost, PathCreate, create, demoKey)
	lower := httptest.NewRequest(http.MethodPost, PathGuideCreate, strings.NewReader(create))
	lower.Header.Set("Content-Type", "application/json")
	lower.Header.Set("Authorization", "bearer "+demoKey)
	lowerStatus, _ := h.serve(lower)
	if status != http.StatusCreated || lowerStatus != http.StatusCreated {
		t.Errorf("a valid key: %d, with a lower-case scheme: %d", status, lowerStatus)
	}
}

// TestKeyNotRequired: with require_api_key false the checkout routes are
// public, as the spec marks them, and read no key; the others still need one.
func TestKeyNotRequired(t *testing.T) {
	no := false
	h := newHarness(t, func(_ *kit.Env, s *fixtures.Solifyn) { s.RequireAPIKey = &no })
	status, _ := h.call(http.MethodPost, PathCreate, `{"productId":"prod_OtherShopItem"}`, "")
	if status != http.StatusCreated {
		t.Errorf("no key: %d", status)
	}
	status, _ = h.call(http.MethodPost, PathCollectionCreate, `{"collectionId":"col_teamPack"}`, "not-a-key")
	if status != http.StatusCreated {
		t.Errorf("an unknown key is not read: %d", status)
	}
	status, got := h.call(http.MethodGet, PathProducts, "", "")
	expect(t, "products", status, got, http.StatusUnauthorized, unauthorized)
}

func TestPublicRoutes(t *testing.T) {
	h := newHarness(t)
	status, got := h.call(http.MethodGet, PathSupportedCurrencies, "", "")
	expect(t, "currencies", status, got, http.StatusOK,
		`[{"label":"US Dollar","value":"usd"},{"label":"Euro","value":"eur"},{"label":"British Pound","value":"gbp"}]`)
	status, got = h.call(http.MethodGet, Path(PathSession, "ch_nope"), "", "not read")
	expect(t, "unknown session", status, got, http.StatusNotFound, notFound("Checkout session not found"))
}

func TestUnknownRoutes(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct{ method, target, body, want string }{
		{http.MethodPost, "/v1/x", "", "Cannot POST /v1/x"},
		{http.MethodGet, PathCreate, "", "Cannot GET /v1/checkout/create"},
		{http.MethodDelete, PathProducts + "?limit=5", "", "Cannot DELETE /v1/products?limit=5"},
		{http.MethodPut, Path(PathCheckoutLink, "abc"), `{"title":"x"}`, "Cannot PUT /v1/checkout-links/abc"},
		{http.MethodPost, PathDiscountValidate, "", "Cannot POST /v1/discounts/validate"},
		{http.MethodGet, PathCreate + "/", "", "Cannot GET /v1/checkout/create/"},
	} {
		r := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+demoKey)
		w := httptest.NewRecorder()
		router := h.router
		if tc.target == "/v1/x" {
			h.v.NotFound().ServeHTTP(w, r) // the engine sends unknown paths here
		} else {
			router.ServeHTTP(w, r)
		}
		expect(t, tc.method+" "+tc.target, w.Code, w.Body.String(), http.StatusNotFound, notFound(tc.want))
	}
	// Express parses the body before it finds no route.
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/v1/x", strings.NewReader("{x"))
	r.Header.Set("Content-Type", "application/json")
	h.v.NotFound().ServeHTTP(w, r)
	expect(t, "malformed body on an unknown route", w.Code, w.Body.String(), http.StatusBadRequest, badOne("Unexpected token x in JSON at position 1"))
	if len(Endpoints()) != 18 {
		t.Errorf("%d endpoints", len(Endpoints()))
	}
}

func TestStoreErrorIs500(t *testing.T) {
	h := newHarness(t, func(d *kit.Env, _ *fixtures.Solifyn) { d.Store = failingStore{} })
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodPost, PathCreate, `{"productId":"` + starterID + `"}`},
		{http.MethodGet, PathProducts, ""},
		{http.MethodGet, Path(PathSession, "x"), ""},
		{http.MethodDelete, Path(PathCheckoutLink, "x"), ""},
	} {
		status, got := h.call(tc.method, tc.path, tc.body, demoKey)
		expect(t, tc.method+" "+tc.path, status, got, http.StatusInternalServerError, `{"statusCode":500,"message":"Internal server error"}`)
	}
	if len(h.hints) == 0 || !strings.Contains(h.hints[len(h.hints)-1], "disk on fire") {
		t.Errorf("the cause is not in the hints: %q", h.hints)
	}
	if _, err := h.v.checkoutState("x"); err == nil {
		t.Error("State hid a store error")
	}
}

var (
	uuid7RE     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	sessionIDRE = regexp.MustCompile(`^ch_[0-9A-Za-z]{14}$`)
)

func TestCreate(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{PathCreate, PathGuideCreate, PathCreate + "/"} {
		var out CheckoutResponse
		h.must(http.MethodPost, path, `{"productId":"`+starterID+`","customerEmail":"customer@example.com"}`, demoKey, http.StatusCreated, &out)
		if !uuid7RE.MatchString(out.ID) || !sessionIDRE.MatchString(out.SessionID) {
			t.Errorf("%s: ids %q %q", path, out.ID, out.SessionID)
		}
		if want := "https://solifyn.com/checkout/test/" + starterID + "?checkout_id=" + out.ID; out.CheckoutURL != want {
			t.Errorf("%s: checkout_url %q, want %q", path, out.CheckoutURL, want)
		}
		// The UUID's first 48 bits are the sandbox clock's milliseconds.
		if got := strings.ReplaceAll(out.ID, "-", "")[:12]; got != "019e54470100" {
			t.Errorf("timestamp bits %s, want those of %s", got, start)
		}
	}
	var col CheckoutResponse
	h.must(http.MethodPost, PathGuideCollectionCreate, `{"collectionId":"col_teamPack","discountCode":"BUNDLE20"}`, demoKey, http.StatusCreated, &col)
	if !strings.HasPrefix(col.CheckoutURL, "https://solifyn.com/checkout/test/col_teamPack?checkout_id=") {
		t.Errorf("collection checkout_url %q", col.CheckoutURL)
	}
	status, body := h.call(http.MethodPost, PathCreate, `{"productId":"`+starterID+`"}`, demoKey)
	if status != http.StatusCreated || !regexp.MustCompile(`^\{"id":"[^"]+","session_id":"[^"]+","checkout_url":"[^"]+"\}$`).MatchString(body) {
		t.Errorf("the response is not exactly the 3 fields: %s", body)
	}
}

func TestLocalLinks(t *testing.T) {
	h := newHarness(t, func(d *kit.Env, _ *fixtures.Solifyn) { d.LocalLinks = true })
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8642"+PathCreate, strings.NewReader(`{"productId":"`+starterID+`"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+demoKey)
	_, body := h.serve(r)
	var out CheckoutResponse
	_ = json.Unmarshal([]byte(body), &out)
	if want := "http://127.0.0.1:8642/checkout/test/" + starterID + "?checkout_id=" + out.ID; out.CheckoutURL != want {
		t.Errorf("checkout_url %q, want %q", out.CheckoutURL, want)
	}
}

// TestCreateRules covers every business rule of DESIGN decision 4 with the
// whole answer, and the price a valid creation gets.
func TestCreateRules(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		name, path, key, body string
		status                int
		want                  string // the whole error body, or the session's price and currency
	}{
		{"unknown product", PathCreate, demoKey, `{"productId":"prod_nowhere000000"}`, 404, notFound("Product not found")},
		{"another business's product", PathCreate, demoKey, `{"productId":"prod_OtherShopItem"}`, 404, notFound("Product not found")},
		{"its own business's product", PathCreate, otherKey, `{"productId":"prod_OtherShopItem"}`, 201, "3 USD"},
		{"archived product", PathCreate, demoKey, `{"productId":"prod_Arch1vedProd1"}`, 400, badOne("Product is archived")},
		{"unknown collection", PathCollectionCreate, demoKey, `{"collectionId":"col_123"}`, 404, notFound("Collection not found")},
		{"another business's collection", PathCollectionCreate, demoKey, `{"collectionId":"col_otherShop"}`, 404, notFound("Collection not found")},
		{"archived collection", PathCollectionCreate, demoKey, `{"collectionId":"col_retired"}`, 400, badOne("Collection is archived")},
		{"stock", PathCreate, demoKey, `{"productId":"prod_Lim1tedEd1t10","quantity":4}`, 400, badOne("Insufficient stock")},
		{"all the stock", PathCreate, demoKey, `{"productId":"prod_Lim1tedEd1t10","quantity":3}`, 201, "45 USD"},
		{"collection stock", PathCollectionCreate, demoKey, `{"collectionId":"col_starterBundle","quantity":4}`, 400, badOne("Insufficient stock")},
		{"custom price, not PWYW", PathCreate, demoKey, `{"productId":"` + starterID + `","customPrice":15}`, 400,
			badOne("Custom price is only allowed for Pay What You Want products")},
		{"custom price zero", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM","customPrice":0}`, 400, badOne("Custom price must be greater than 0")},
		{"custom price rounds to zero", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM","customPrice":0.004}`, 400, badOne("Custom price must be greater than 0")},
		{"custom price negative", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM","customPrice":-5}`, 400, badOne("Custom price must be greater than 0")},
		{"custom price", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM","customPrice":7.5,"quantity":2}`, 201, "15 USD"},
		{"custom price too large", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM","customPrice":1e308}`, 400, badOne("Amount exceeds the maximum allowed")},
		{"PWYW without a price", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM"}`, 201, "5 USD"},
		{"upper-case currency", PathCreate, demoKey, `{"productId":"` + starterID + `","currency":"USD"}`, 400, badOne("Currency not supported")},
		{"unsupported currency", PathCreate, demoKey, `{"productId":"` + starterID + `","currency":"jpy"}`, 400, badOne("Currency not supported")},
		{"another business's currency", PathCreate, otherKey, `{"productId":"prod_OtherShopItem","currency":"eur"}`, 400, badOne("Currency not supported")},
		{"converted", PathCreate, demoKey, `{"productId":"` + starterID + `","currency":"eur"}`, 201, "26.68 EUR"},
		{"converted to usd", PathCreate, demoKey, `{"productId":"prod_EuroTicket001","currency":"usd"}`, 201, "86.96 USD"},
		{"unknown code", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"NOPE"}`, 400, badOne("Invalid discount code")},
		{"another business's code", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"OTHER"}`, 400, badOne("Invalid discount code")},
		{"expired code", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"SUMMER2025"}`, 400, badOne("Invalid discount code")},
		{"used-up code", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"LAUNCH50"}`, 400, badOne("Invalid discount code")},
		{"code for another product", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"PROONLY"}`, 400, badOne("Invalid discount code")},
		{"percentage", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"PROMO10","quantity":2}`, 201, "52.2 USD"},
		{"code in lower case", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"promo10"}`, 201, "26.1 USD"},
		{"fixed amount", PathCreate, demoKey, `{"productId":"` + starterID + `","discountCode":"FIVEOFF"}`, 201, "24 USD"},
		{"fixed amount capped", PathCreate, demoKey, `{"productId":"prod_lBrPxQcGN8dBM","customPrice":3,"discountCode":"FIVEOFF"}`, 201, "0 USD"},
		{"fixed amount converted", PathCreate, demoKey, `{"productId":"` + starterID + `","currency":"gbp","discountCode":"FIVEOFF"}`, 201, "18.96 GBP"},
		{"restricted code", PathCreate, demoKey, `{"productId":"prod_NG0mkkz0Awitk","discountCode":"PROONLY"}`, 201, "9 USD"},
		{"collection code", PathCollectionCreate, demoKey, `{"collectionId":"col_starterBundle","discountCode":"BUNDLE20"}`, 201, "35.2 USD"},
		{"restricted to some lines", PathCollectionCreate, demoKey, `{"collectionId":"col_teamPack","discountCode":"BUNDLE20"}`, 201, "128 USD"},
		{"collection quantity", PathCollectionCreate, demoKey, `{"collectionId":"col_teamPack","quantity":2}`, 201, "314 USD"},
		{"too much", PathCreate, demoKey, `{"productId":"` + starterID + `","quantity":4000000}`, 400, badOne("Amount exceeds the maximum allowed")},
		{"beyond JavaScript's integers", PathCreate, demoKey, `{"productId":"` + starterID + `","quantity":9007199254740992}`, 400, badOne("Amount exceeds the maximum allowed")},
		{"unknown checkoutId", PathCreate, demoKey, `{"productId":"` + starterID + `","checkoutId":"019e0000-0000-7000-8000-000000000000"}`, 404, notFound("Checkout session not found")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, got := h.call(http.MethodPost, tc.path, tc.body, tc.key)
			if tc.status != http.StatusCreated {
				expect(t, tc.body, status, got, tc.status, tc.want)
				return
			}
			var out CheckoutResponse
			if status != http.StatusCreated || json.Unmarshal([]byte(got), &out) != nil {
				t.Fatalf("%d %s", status, got)
			}
			var d CheckoutSessionDetails
			h.must(http.MethodGet, Path(PathSession, out.ID), "", "", http.StatusOK, &d)
			if price := d.Price.String() + " " + d.Currency; price != tc.want {
				t.Errorf("price %s, want %s", price, tc.want)
			}
		})
	}
}

func TestSessionDetails(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"` + starterID + `","customFields":{"userId":"u_1"},"checkoutData":{"ref":"a<b>&c"}}`)
	want := `{"id":"` + out.ID + `","price":29,"currency":"USD","storeName":"Flashcart Demo Store","status":"pending",` +
		`"billingAddress":{},"customFields":{"userId":"u_1"},"session_id":"` + out.SessionID + `",` +
		`"checkoutUrl":"` + out.CheckoutURL + `","product":` + starterJSON + `,"entitlementGrants":[]}`
	for _, key := range []string{out.ID, out.SessionID} {
		status, got := h.call(http.MethodGet, Path(PathSession, key), "", "")
		expect(t, "by "+key, status, got, http.StatusOK, want)
	}
	col := h.must2(PathCollectionCreate, `{"collectionId":"col_starterBundle"}`)
	status, got := h.call(http.MethodGet, Path(PathSession, col.ID), "", "")
	expect(t, "collection", status, got, http.StatusOK, `{"id":"`+col.ID+`","price":44,"currency":"USD","storeName":"Flashcart Demo Store",`+
		`"status":"pending","billingAddress":{},"customFields":{},"session_id":"`+col.SessionID+`","checkoutUrl":"`+col.CheckoutURL+
		`","product":null,"entitlementGrants":[]}`)
	h.advance(SessionTTL)
	var d CheckoutSessionDetails
	h.must(http.MethodGet, Path(PathSession, out.ID), "", "", http.StatusOK, &d)
	if d.Status != StatusExpired {
		t.Errorf("after 24 h: %s", d.Status)
	}
}

// must2 creates a checkout on path that must succeed.
func (h *harness) must2(path, body string) CheckoutResponse {
	h.t.Helper()
	var out CheckoutResponse
	h.must(http.MethodPost, path, body, demoKey, http.StatusCreated, &out)
	return out
}

func TestCheckoutIDUpdates(t *testing.T) {
	h := newHarness(t)
	first := h.checkout(`{"productId":"` + starterID + `","customerEmail":"a@example.com"}`)
	again := h.checkout(`{"productId":"prod_NG0mkkz0Awitk","quantity":2,"checkoutId":"` + first.ID + `"}`)
	if again.ID != first.ID || again.SessionID != first.SessionID {
		t.Fatalf("ids changed: %+v → %+v", first, again)
	}
	if !strings.Contains(again.CheckoutURL, "/checkout/test/prod_NG0mkkz0Awitk?") {
		t.Errorf("checkout_url %q", again.CheckoutURL)
	}
	st, err := h.v.checkoutState(first.SessionID)
	if err != nil || st.Total.String() != "24" || st.CustomerEmail != "a@example.com" || st.Quantity != 2 {
		t.Fatalf("state %+v %v", st, err)
	}
	by := h.checkout(`{"productId":"` + starterID + `","checkoutId":"` + first.SessionID + `"}`)
	if by.ID != first.ID {
		t.Errorf("by session_id: %s", by.ID)
	}
	status, got := h.call(http.MethodPost, PathCreate, `{"productId":"prod_OtherShopItem","checkoutId":"`+first.ID+`"}`, otherKey)
	expect(t, "another business's session", status, got, http.StatusNotFound, notFound("Checkout session not found"))
	h.advance(SessionTTL)
	status, got = h.call(http.MethodPost, PathCreate, `{"productId":"`+starterID+`","checkoutId":"`+first.ID+`"}`, demoKey)
	expect(t, "expired", status, got, http.StatusBadRequest, badOne("Checkout session is no longer pending"))
}
