package noventiq

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/shopspring/decimal"
)

const evil = `<img src=x onerror=alert(1)>`

func TestRender(t *testing.T) {
	amount := money.A(decimal.RequireFromString("12.5"))
	choice := 0
	page := &checkoutPage{
		CheckoutState: CheckoutState{
			ExternalID: "123", URL: "/basket/flash/123", Step: StepCustomer, Currency: "EUR", Total: amount,
			Lines:        []LineState{{ProductID: 1, Name: evil, Price: amount, Quantity: 1, Total: amount}},
			PendingOffer: ExitOffer,
			Offers: map[OfferKind]OfferView{ExitOffer: {State: Pending, Title: evil, Choice: &choice,
				Products: []OfferProduct{{Index: 0, NameForUpsell: evil, Price: amount, Quantity: 2}}}},
		},
		Countries: []string{"DE", "FR"},
		Form:      orders.Customer{Email: evil, Country: "FR"},
		Errors:    FieldErrors{"email": "expected format"},
	}
	tests := []struct {
		name    string
		data    any
		status  int
		want    []string
		notWant []string
	}{
		{"checkout", page, 200,
			[]string{`id="offer-exit"`, "12.50 EUR × 2", `data-exit-url="/basket/flash/123/exit-intent"`, `<option value="FR" selected>`, "expected format", "&lt;img src=x"},
			[]string{evil, `id="continue"`}},
		{"gone", gonePage{ExternalID: "123", Used: true}, 410, []string{"already used"}, []string{"expired"}},
		{"gone", gonePage{ExternalID: "123"}, 410, []string{"expired"}, []string{"already used"}},
		{"order", orderPage{orders.Order{Header: orders.Header{OrderName: "A0000000001", Status: orders.NotPaid, Customer: orders.Customer{FirstName: evil}}}}, 200,
			[]string{"A0000000001", `class="unpaid">not paid`}, []string{evil}},
		{"notfound", nil, 404, []string{"Page not found"}, nil},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		if err := render(rec, tt.status, tt.name, tt.data); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		body := rec.Body.String()
		if rec.Code != tt.status || rec.Header().Get("Content-Security-Policy") != contentSecurityPolicy {
			t.Errorf("%s: status %d, headers %v", tt.name, rec.Code, rec.Header())
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tt.name, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s contains %q", tt.name, w)
			}
		}
	}
	if err := render(httptest.NewRecorder(), 200, "no-such-page", nil); err == nil {
		t.Error("an unknown page rendered")
	}
}

func TestAssets(t *testing.T) {
	for _, path := range []string{"/assets/checkout.css", "/assets/checkout.js", "/assets/products/111111.svg", "/assets/products/555555.svg"} {
		rec := httptest.NewRecorder()
		assets().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 || rec.Body.Len() == 0 {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	assets().ServeHTTP(rec, httptest.NewRequest("GET", "/assets/nope.js", nil))
	if rec.Code != 404 {
		t.Errorf("missing asset: %d", rec.Code)
	}
}
