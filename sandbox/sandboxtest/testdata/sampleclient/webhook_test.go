package sampleclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

// TestWebhooksAfterAPurchase sells a link, lets the sandbox's customer buy
// it, and checks that the application's webhook receiver got every signed
// notification.
func TestWebhooksAfterAPurchase(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	receiver := httptest.NewServer(WebhookHandler("app-secret", func(ev Event) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ev.Event+" "+ev.Product.ID)
	}))
	defer receiver.Close()

	world := fixtures.Default()
	if err := world.SetWebhook(receiver.URL, "app-secret"); err != nil {
		t.Fatal(err)
	}
	httpClient := &http.Client{}
	sb := sandboxtest.New(t, httpClient, sandboxtest.WithWorld(world))
	app := &Client{HTTP: httpClient, BaseURL: sandboxtest.TestAPI, Username: sb.Username(), Password: sb.Password()}
	link, err := app.BuyLink(context.Background(), "EUR", []Product{{ID: 111111, Name: "Yearly", Price: "30.00", Quantity: 1}, {ID: 555555, Name: "Box", Price: "15.00", Quantity: 1}})
	if err != nil {
		t.Fatal(err)
	}
	order := sb.PlaceOrder(t, link, "4242424242424242")

	deadline := time.Now().Add(10 * time.Second)
	for {
		hooks := sb.Webhooks(t, order.ID)
		delivered := 0
		for _, h := range hooks {
			if h.State == "delivered" {
				delivered++
			}
		}
		if len(hooks) == 6 && delivered == 6 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10s, %d of %d webhooks delivered: %+v", delivered, len(hooks), hooks)
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	want := "order.created 111111,order.created 555555,order.payment.succeeded 111111,order.payment.succeeded 555555,product.delivered 111111,product.delivered 555555"
	if strings.Join(got, ",") != want {
		t.Errorf("the receiver got %q\nwant %q", got, want)
	}
}

func TestWebhookHandlerRefusesBadSignatures(t *testing.T) {
	h := WebhookHandler("s", func(Event) { t.Error("a badly signed event was accepted") })
	req := httptest.NewRequest("POST", "/", strings.NewReader(`{"event":"order.created","order_id":1}`))
	req.Header.Set("signature", "00")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("status %d", rec.Code)
	}
}
