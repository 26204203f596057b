package solifyn

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// twinCall sends a request to the JSON twin and returns its status and body.
func (h *harness) twinCall(method, path, body string) (int, string) {
	h.t.Helper()
	r := httptest.NewRequest(method, CheckoutTwinPath+path, strings.NewReader(body))
	w := httptest.NewRecorder()
	h.router.ServeHTTP(w, r)
	raw, _ := io.ReadAll(w.Result().Body)
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		h.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	return w.Code, string(raw)
}

func TestTwin(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"prod_CustomF1eldsX"}`)

	status, body := h.twinCall(http.MethodGet, out.SessionID, "")
	var st CheckoutState
	if status != http.StatusOK || json.Unmarshal([]byte(body), &st) != nil || st.ID != out.ID || st.Status != StatusPending ||
		len(st.CustomFields) != 2 || st.Total.String() != "49" {
		t.Fatalf("GET: %d %s", status, body)
	}

	for _, tc := range []struct{ name, path, body, want string }{
		{"unknown key", out.ID + "/customer", `{"email":"a@example.com","colour":"red"}`,
			`{"error":"the body must be {\"email\",\"name\",\"billing_address\",\"custom_fields\",\"amount\"}, each optional: json: unknown field \"colour\""}`},
		{"trailing data", out.ID + "/customer", `{"email":"a@example.com"} {}`,
			`{"error":"the body must be {\"email\",\"name\",\"billing_address\",\"custom_fields\",\"amount\"}, each optional: data after the JSON value"}`},
		{"bad e-mail", out.ID + "/customer", `{"email":"nope"}`, `{"error":"customer details are incomplete: \"nope\" is not an email address"}`},
		{"not pay what you want", out.ID + "/customer", `{"amount":5}`, `{"error":"the amount cannot be paid: the checkout is not pay-what-you-want"}`},
		{"pay, unknown key", out.ID + "/pay", `{"card":"4242424242424242","cvc":"123"}`,
			`{"error":"the body must be {\"card\":\"4242424242424242\"} (exp_month and exp_year optional): json: unknown field \"cvc\""}`},
		{"pay, no card", out.ID + "/pay", ``, `{"error":"not a test card: use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to be declined"}`},
		{"pay, incomplete", out.ID + "/pay", `{"card":"4242424242424242"}`, `{"error":"customer details are incomplete: the e-mail address is missing"}`},
		{"unknown session", "ch_nope/pay", `{"card":"4242424242424242"}`, `{"error":"checkout session not found"}`},
	} {
		status, body := h.twinCall(http.MethodPost, tc.path, tc.body)
		var want int
		switch {
		case strings.Contains(tc.want, "the body must be"):
			want = http.StatusBadRequest
		case strings.Contains(tc.want, "not found"):
			want = http.StatusNotFound
		default:
			want = http.StatusUnprocessableEntity
		}
		expect(t, tc.name, status, body, want, tc.want)
	}

	status, body = h.twinCall(http.MethodPost, out.ID+"/customer",
		`{"email":"ann@example.com","name":"Ann","custom_fields":{"57aa2241-eae4-43dc-b9ae-36069b84b2da":"ann#1"}}`)
	if status != http.StatusOK || !strings.Contains(body, `"customer_email":"ann@example.com","customer_name":"Ann"`) ||
		!strings.Contains(body, `"value":"ann#1"`) {
		t.Fatalf("customer: %d %s", status, body)
	}
	status, body = h.twinCall(http.MethodPost, out.ID+"/pay", `{"card":"4000 0000 0000 0002","exp_month":1,"exp_year":2031}`)
	if status != http.StatusOK || json.Unmarshal([]byte(body), &st) != nil || st.Status != StatusFailed ||
		st.FailureMessage != "Your card was declined." || st.Order == nil || st.Order.Status != StatusFailed {
		t.Fatalf("pay: %d %s", status, body)
	}
	status, body = h.twinCall(http.MethodPost, out.ID+"/pay", `{"card":"4242424242424242"}`)
	expect(t, "pay a failed session", status, body, http.StatusConflict, `{"error":"checkout session is not pending: it is failed"}`)
}

// TestTwinPayWhatYouWant: the customer's amount reprices the session, and
// its discount follows.
func TestTwinPayWhatYouWant(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"prod_lBrPxQcGN8dBM","quantity":2,"customPrice":7.5,"discountCode":"PROMO10"}`)
	st, err := h.v.checkoutState(out.ID)
	if err != nil || !st.PayWhatYouWant || st.Subtotal.String() != "15" || st.Discount.String() != "1.5" || st.Total.String() != "13.5" {
		t.Fatalf("created: %+v %v", st, err)
	}
	status, body := h.twinCall(http.MethodPost, out.ID+"/customer", `{"amount":10}`)
	if status != http.StatusOK || json.Unmarshal([]byte(body), &st) != nil ||
		st.Lines[0].UnitPrice.String() != "10" || st.Subtotal.String() != "20" || st.Discount.String() != "2" || st.Total.String() != "18" {
		t.Fatalf("amount 10: %d %s", status, body)
	}
	for amount, want := range map[string]string{
		"0":        `{"error":"the amount cannot be paid: Custom price must be greater than 0"}`,
		"0.004":    `{"error":"the amount cannot be paid: Custom price must be greater than 0"}`,
		"1e12":     `{"error":"the amount cannot be paid: Amount exceeds the maximum allowed"}`,
		`"ten"`:    `{"error":"the body must be {\"email\",\"name\",\"billing_address\",\"custom_fields\",\"amount\"}, each optional: solifyn: amount: json: invalid number literal, trying to unmarshal \"\\\"ten\\\"\" into Number"}`,
		"-1":       `{"error":"the amount cannot be paid: Custom price must be greater than 0"}`,
		"60000000": `{"error":"the amount cannot be paid: Amount exceeds the maximum allowed"}`,
	} {
		status, body := h.twinCall(http.MethodPost, out.ID+"/customer", `{"amount":`+amount+`}`)
		want404 := http.StatusUnprocessableEntity
		if strings.Contains(want, "the body must be") {
			want404 = http.StatusBadRequest
		}
		expect(t, "amount "+amount, status, body, want404, want)
	}
}
