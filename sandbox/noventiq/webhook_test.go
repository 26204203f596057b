package noventiq

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/shopspring/decimal"
)

func TestSignatureVendorVector(t *testing.T) {
	created, err := time.Parse(orders.TimeLayout, "2021-08-13T09:16:35+03:00")
	if err != nil {
		t.Fatal(err)
	}
	b := WebhookBody{Event: OrderCreated, Header: orders.Header{
		OrderID: 5555555, CreateDate: orders.Time{Time: created}, Currency: "EUR",
		Payment: orders.Payment{PaymentMethod: "CreditCard"}, Customer: orders.Customer{Email: "customer@gmail.com"},
	}}
	const want = "1d0e480e14922b2e330216b2d34b3b9998267067143cf9ef7caaf3637de0307f207b7c6b1cd94ece313366baa24014c488796eef3dabbe8e60e7d1e72c73918d"
	if got := Signature("secret_key", &b); got != want {
		t.Errorf("signature = %s\nwant        %s", got, want)
	}
	if got := Signature("other", &b); got == want {
		t.Error("the secret does not change the signature")
	}
}

func testOrder() *orders.Order {
	o := &orders.Order{Header: orders.Header{OrderID: 1234567, OrderName: orders.Name(1234567), Status: orders.Paid, Currency: "EUR",
		Customer: orders.Customer{Email: "a@b.io"}, Payment: orders.Payment{PaymentMethod: "CreditCard"}}}
	for _, id := range []string{"111111", "222222", "333333"} {
		o.Products = append(o.Products, orders.Product{ID: id, Amount: money.A(decimal.NewFromInt(10))})
	}
	return o
}

func TestNewWebhookBody(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b := NewWebhookBody(PaymentSucceeded, at, testOrder(), 1, nil)
	raw, _ := json.Marshal(b)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	product, _ := m["product"].(map[string]any)
	checks := map[string]any{
		"event": "order.payment.succeeded", "event_date": "2026-03-01T12:00:00+00:00", "order_id": 1234567.0,
		"order_name": "A0001234567", "document_part": "2-of-3", "status": "paid", "pay_date": "",
	}
	for k, want := range checks {
		if m[k] != want {
			t.Errorf("%s = %v, want %v", k, m[k], want)
		}
	}
	if product["id"] != "222222" {
		t.Errorf("product.id = %#v, want the string \"222222\"", product["id"])
	}
	if _, ok := m["products"]; ok {
		t.Error("a webhook must carry one product, not the list")
	}
	if _, ok := m["subscription"]; ok {
		t.Error("subscription block present without a subscription")
	}
}
