package webhooks

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/orders"
	"github.com/shopspring/decimal"
)

func TestSignatureVendorVector(t *testing.T) {
	created, err := time.Parse(orders.TimeLayout, "2021-08-13T09:16:35+03:00")
	if err != nil {
		t.Fatal(err)
	}
	b := Body{Event: OrderCreated, Header: orders.Header{
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

func TestNewBody(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b := NewBody(PaymentSucceeded, at, testOrder(), 1, nil)
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

func enqueueAll(t *testing.T, st store.Store, hook fixtures.Webhook) {
	t.Helper()
	o := testOrder()
	err := st.Update(func(tx store.Tx) error {
		for i := range o.Products {
			if err := Enqueue(tx, "demo", hook, NewBody(OrderCreated, time.Time{}, o, i, nil)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func list(t *testing.T, st store.Store, f Filter) []Delivery {
	t.Helper()
	var ds []Delivery
	if err := st.View(func(tx store.Tx) (err error) { ds, err = List(tx, f); return err }); err != nil {
		t.Fatal(err)
	}
	return ds
}

// indexed counts the pending index's entries.
func indexed(t *testing.T, st store.Store) int {
	t.Helper()
	n := 0
	_ = st.View(func(tx store.Tx) error {
		return tx.ForEach(PendingBucket, func(string, []byte) error { n++; return nil })
	})
	return n
}

func TestEnqueueWithoutReceiver(t *testing.T) {
	st := store.NewMemory()
	enqueueAll(t, st, fixtures.Webhook{Secret: "s"})
	if n := indexed(t, st); n != 0 {
		t.Errorf("%d deliveries without a receiver are indexed as pending", n)
	}
	ds := list(t, st, Filter{})
	if len(ds) != 3 {
		t.Fatalf("%d deliveries, want one per product", len(ds))
	}
	for i, d := range ds {
		if d.State != NoReceiver || d.ID != []string{"wh_000001", "wh_000002", "wh_000003"}[i] || d.Signature == "" {
			t.Errorf("delivery %d = %+v", i, d)
		}
	}
	if got := list(t, st, Filter{OrderID: 1}); len(got) != 0 {
		t.Errorf("order filter kept %d", len(got))
	}
	if got := list(t, st, Filter{Event: OrderCreated, OrderID: 1234567}); len(got) != 3 {
		t.Errorf("event filter kept %d", len(got))
	}
}

// receiver records webhooks and fails the first fails requests.
type receiver struct {
	mu       sync.Mutex
	fails    int
	received []*http.Request
	bodies   []string
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	body, _ := io.ReadAll(req.Body)
	r.received = append(r.received, req)
	r.bodies = append(r.bodies, string(body))
	if len(r.received) <= r.fails {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}
}

func testWorker(st store.Store) *Worker {
	w := NewWorker(st, func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }, slog.New(slog.DiscardHandler))
	w.Backoff = func(int) time.Duration { return 0 }
	return w
}

func TestWorkerRetriesUntilDelivered(t *testing.T) {
	rec := &receiver{fails: 2}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	st := store.NewMemory()
	enqueueAll(t, st, fixtures.Webhook{URL: srv.URL, Secret: "s"})
	if n := indexed(t, st); n != 3 {
		t.Fatalf("%d pending deliveries indexed, want 3", n)
	}
	w := testWorker(st)
	for range 3 {
		if _, err := w.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ds := list(t, st, Filter{})
	// Round one: wh_000001 and wh_000002 meet the failing receiver, wh_000003 gets through;
	// round two delivers the first two.
	if a := ds[0].Attempts; len(a) != 2 || a[0].Status != 503 || a[0].Error == "" || a[1].Status != 200 || a[1].Error != "" {
		t.Errorf("attempts of the first delivery %+v", a)
	}
	if len(rec.received) != 5 {
		t.Errorf("%d requests, want 5 (2 failed, 3 delivered, no more)", len(rec.received))
	}
	for _, d := range ds {
		if d.State != Delivered {
			t.Errorf("%s is %s", d.ID, d.State)
		}
	}
	if n := indexed(t, st); n != 0 {
		t.Errorf("%d delivered deliveries still indexed as pending", n)
	}
	third := rec.received[2]
	if third.Header.Get("Content-Type") != "application/json" || third.Header.Get("signature") != ds[2].Signature {
		t.Errorf("headers %v", third.Header)
	}
	if !strings.Contains(rec.bodies[2], `"document_part":"3-of-3"`) {
		t.Errorf("body %s", rec.bodies[2])
	}
}

func TestWorkerGivesUpVisiblyWhenTheReceiverIsDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	st := store.NewMemory()
	enqueueAll(t, st, fixtures.Webhook{URL: url})
	w := testWorker(st)
	w.MaxAttempts = 3
	for range 5 {
		if _, err := w.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range list(t, st, Filter{}) {
		if d.State != Failed || len(d.Attempts) != 3 || d.Attempts[0].Error == "" || d.Attempts[0].Status != 0 {
			t.Errorf("%s = %+v, want failed after 3 recorded attempts", d.ID, d)
		}
	}
}

func TestWorkerWaitsForTheBackoff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }))
	defer srv.Close()
	st := store.NewMemory()
	enqueueAll(t, st, fixtures.Webhook{URL: srv.URL})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	w := testWorker(st)
	w.Now = func() time.Time { return now }
	w.Backoff = DefaultBackoff
	next, err := w.DeliverDue(context.Background())
	if err != nil || !next.Equal(now.Add(time.Second)) {
		t.Fatalf("next due %v (%v), want in 1s", next, err)
	}
	if _, err := w.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(list(t, st, Filter{})[0].Attempts); n != 1 {
		t.Errorf("%d attempts before the backoff passed, want 1", n)
	}
	now = now.Add(time.Second)
	next, _ = w.DeliverDue(context.Background())
	if n := len(list(t, st, Filter{})[0].Attempts); n != 2 || !next.Equal(now.Add(2*time.Second)) {
		t.Errorf("%d attempts, next %v; want 2 and a 2s backoff", n, next)
	}
}

func TestDefaultBackoff(t *testing.T) {
	tests := map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 5: 16 * time.Second, 9: 256 * time.Second, 10: 5 * time.Minute, 60: 5 * time.Minute}
	for n, want := range tests {
		if got := DefaultBackoff(n); got != want {
			t.Errorf("DefaultBackoff(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestRunDeliversWhenKicked(t *testing.T) {
	rec := &receiver{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	st := store.NewMemory()
	w := testWorker(st)
	w.Poll = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	enqueueAll(t, st, fixtures.Webhook{URL: srv.URL})
	w.Kick()
	deadline := time.After(10 * time.Second)
	for len(list(t, st, Filter{State: Delivered})) < 3 {
		select {
		case <-deadline:
			t.Fatal("the kicked worker did not deliver")
		case <-time.After(5 * time.Millisecond):
		}
	}
	cancel()
	<-done
}

// TestResetDeliveriesStayGone resets the account of pending deliveries,
// one of them while it is being sent: the worker neither sends the removed
// ones nor brings the one in flight back.
func TestResetDeliveriesStayGone(t *testing.T) {
	st := store.NewMemory()
	reset := func() {
		if _, err := store.Reset(st, store.Scope{Account: "demo"}); err != nil {
			t.Error(err)
		}
	}
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent++
		reset() // the account is reset while the first delivery is in flight
	}))
	defer srv.Close()
	enqueueAll(t, st, fixtures.Webhook{URL: srv.URL, Secret: "s"})
	w := testWorker(st)
	for range 2 {
		if _, err := w.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if ds := list(t, st, Filter{}); sent != 1 || len(ds) != 0 {
		t.Errorf("after the reset: %d sent (want 1, the one in flight), deliveries %+v (want none)", sent, ds)
	}
}
