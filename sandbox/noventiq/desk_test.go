package noventiq

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
	"github.com/shopspring/decimal"
)

// shop is a checkout service and a desk over one store and clock.
type shop struct {
	t    *testing.T
	now  time.Time
	st   store.Store
	svc  *checkoutService
	desk *backOffice
	acct *fixtures.Account
}

func newShop(t *testing.T) *shop {
	world := fixtures.Default()
	acct, _ := world.Account("demo")
	acct.Webhook = fixtures.Webhook{URL: "http://127.0.0.1:1/hook", Secret: "secret_key"}
	s := &shop{t: t, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), st: store.NewMemory(), acct: acct}
	clock := func() time.Time { return s.now }
	s.desk = &backOffice{Store: s.st, Orders: orders.NewIndex(s.st), IDs: kit.NewIDs(1), Clock: clock, World: func() *fixtures.World { return world }}
	s.svc = &checkoutService{Store: s.st, Now: clock, World: s.desk.World, Placer: s.desk}
	return s
}

// buy makes a link from body and orders it with the card.
func (s *shop) buy(body, card string) *storedLink {
	s.t.Helper()
	raw, derr := DecodeBuyLink([]byte(body))
	if derr != nil {
		s.t.Fatal(derr)
	}
	req, errs := ValidateBuyLink(s.acct, raw)
	if errs != nil {
		s.t.Fatal(errs)
	}
	link, err := newStoredLink(req, s.acct, s.now, 0)
	if err != nil {
		s.t.Fatal(err)
	}
	n := 0
	_, err = saveLink(s.st, nil, link, func() string { n++; return fmt.Sprint(10000000 + n) }, func(id string) string {
		return "https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/" + id
	})
	if err != nil {
		s.t.Fatal(err)
	}
	link, err = s.svc.Order(link.ExternalID, nil, card)
	if err != nil {
		s.t.Fatal(err)
	}
	return link
}

// byOrder selects the webhooks of an order, of one event unless event is "".
func byOrder(id int64, event string) outbox.Filter {
	return outbox.Filter{Event: event, Subject: map[string]string{"order_id": strconv.FormatInt(id, 10)}}
}

func (s *shop) deliveries(f outbox.Filter) []outbox.Delivery {
	s.t.Helper()
	var ds []outbox.Delivery
	if err := s.st.View(func(tx store.Tx) (err error) { ds, err = outbox.List(tx, f); return err }); err != nil {
		s.t.Fatal(err)
	}
	return ds
}

const arBody = `{"currency":"EUR","products":[
  {"id":111111,"name":"Base 1y","price":"100.00","quantity":2,"discount_percent":10,"subscription":{"period":"P1Y","name":"Base renewal","price":"40.00"}},
  {"id":444444,"name":"Teams","price":"9.00","quantity":1,"subscription":{"period":"P6D"}},
  {"id":555555,"name":"Box","price":"20.00","quantity":1}],
 "customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"},
 "additional_data":{"referer7":"r7"}}`

func events(ds []outbox.Delivery) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		out[d.Event]++
	}
	return out
}

func TestPlacePaid(t *testing.T) {
	s := newShop(t)
	link := s.buy(arBody, "4242 4242 4242 4242")
	ref := link.Cart.Order
	o, err := s.desk.Order("demo", ref.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != orders.Paid || o.ExternalID != link.ExternalID || o.AdditionalData["referer7"] != "r7" ||
		o.Total.String() != "209.00" || o.Products[0].DiscountAmount.String() != "20.00" || o.Products[0].ID != "111111" ||
		o.Payment.CardLast4 != "4242" || !o.PayDate.Equal(s.now) || o.Customer.Email != "ann@example.com" {
		t.Errorf("order %+v", o)
	}
	wantURL := fmt.Sprintf("https://cart.checkout.noventiq.com.demoslweb.ru/order/status/%d/", ref.ID)
	if len(o.OrderDetailURL) != len(wantURL)+32 || o.OrderDetailURL[:len(wantURL)] != wantURL || ref.URL != o.OrderDetailURL {
		t.Errorf("order url %q", o.OrderDetailURL)
	}
	if _, err := s.desk.Order("someone", ref.ID); !errors.Is(err, errNoOrder) {
		t.Errorf("another account's order: %v", err)
	}
	got := events(s.deliveries(byOrder(ref.ID, "")))
	want := map[string]int{OrderCreated: 3, PaymentSucceeded: 3, ProductDelivered: 3}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("webhooks %v, want %v", got, want)
	}
	created := s.deliveries(byOrder(ref.ID, OrderCreated))[0]
	var body WebhookBody
	if err := json.Unmarshal(created.Body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Status != orders.NotPaid || !body.PayDate.IsZero() || created.Subject["signature"] != Signature("secret_key", &body) || created.State != outbox.Pending {
		t.Errorf("order.created %+v", created)
	}
	sub, err := s.desk.Subscription("demo", subscriptions.ID(ref.ID, 1))
	if err != nil {
		t.Fatal(err)
	}
	if sub.Status != subscriptions.Active || sub.NextBillingPrice.String() != "80.00" || sub.NextProductName != "Base renewal" ||
		!sub.ExpirationDate.Equal(s.now.AddDate(1, 0, 0)) || sub.RenewalTerm.String() != "P1Y" {
		t.Errorf("subscription 1 %+v", sub)
	}
	sub2, err := s.desk.Subscription("demo", subscriptions.ID(ref.ID, 2))
	if err != nil || sub2.NextProductName != "Flash Office Teams monthly renewal" || sub2.NextBillingPrice.String() != "8.00" ||
		!sub2.ExpirationDate.Equal(s.now.AddDate(0, 0, 6)) || sub2.RenewalTerm.String() != "P1M" {
		t.Errorf("subscription 2 (defaults of the original product) %+v %v", sub2, err)
	}
	delivered := s.deliveries(byOrder(ref.ID, ProductDelivered))
	var withSub WebhookBody
	_ = json.Unmarshal(delivered[0].Body, &withSub)
	if withSub.Subscription == nil || withSub.Subscription.ID != sub.ID {
		t.Errorf("product.delivered of a subscribed product lacks the subscription block: %s", delivered[0].Body)
	}
}

func TestPlaceDeclinedAndWithoutConsent(t *testing.T) {
	s := newShop(t)
	link := s.buy(arBody, "4000 0000 0000 0002")
	got := events(s.deliveries(byOrder(link.Cart.Order.ID, "")))
	if fmt.Sprint(got) != fmt.Sprint(map[string]int{OrderCreated: 3, PaymentFailed: 3}) {
		t.Errorf("declined card webhooks %v", got)
	}
	if _, err := s.desk.Subscription("demo", subscriptions.ID(link.Cart.Order.ID, 1)); !errors.Is(err, errNoSubscription) {
		t.Errorf("an unpaid order opened a subscription: %v", err)
	}
	o, _ := s.desk.Order("demo", link.Cart.Order.ID)
	if o.Status != orders.NotPaid || !o.PayDate.IsZero() || o.Payment.CardLast4 != "0002" {
		t.Errorf("declined order %+v", o.Header)
	}
}

func TestRenewals(t *testing.T) {
	s := newShop(t)
	link := s.buy(arBody, "4242424242424242")
	parent := link.Cart.Order.ID
	yearly, teams := subscriptions.ID(parent, 1), subscriptions.ID(parent, 2)
	if _, err := s.desk.SetActivity("demo", teams, false); err != nil {
		t.Fatal(err)
	}
	s.now = s.now.AddDate(1, 0, 0).Add(-time.Second)
	if made, err := s.desk.RenewDue(); err != nil || len(made) != 0 {
		t.Fatalf("before expiry: renewed %v %v", made, err)
	}
	s.now = s.now.AddDate(2, 0, 1) // three years and a day after the purchase
	made, err := s.desk.RenewDue()
	if err != nil || len(made) != 3 {
		t.Fatalf("renewed %v, %v; want 3 yearly renewals and none of the cancelled subscription", made, err)
	}
	sub, _ := s.desk.Subscription("demo", yearly)
	if fmt.Sprint(sub.RenewalOrders) != fmt.Sprint(made) || !sub.ExpirationDate.Equal(time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("subscription after renewals %+v", sub)
	}
	child, err := s.desk.Order("demo", made[1])
	if err != nil {
		t.Fatal(err)
	}
	if child.ParentOrderID != parent || child.Status != orders.Paid || child.ExternalID != "" || child.Total.String() != "80.00" ||
		child.Products[0].Name != "Base renewal" || !child.CreateDate.Equal(time.Date(2028, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("second renewal order %+v", child)
	}
	if got := events(s.deliveries(byOrder(made[0], ""))); fmt.Sprint(got) != fmt.Sprint(map[string]int{OrderCreated: 1, PaymentSucceeded: 1, ProductDelivered: 1}) {
		t.Errorf("renewal webhooks %v", got)
	}
	if again, _ := s.desk.RenewDue(); len(again) != 0 {
		t.Errorf("renewed twice: %v", again)
	}
}

func TestModifyRules(t *testing.T) {
	dec := decimal.RequireFromString
	tests := []struct {
		name    string
		cancel  bool
		modify  func(*subscriptions.Subscription, time.Time) error
		wantErr error
		field   string
		check   func(*subscriptions.Subscription) bool
	}{
		{"price", false, func(s *subscriptions.Subscription, _ time.Time) error {
			return s.SetNextBillingPrice("EUR", dec("55.5"))
		}, nil, "",
			func(s *subscriptions.Subscription) bool { return s.NextBillingPrice.String() == "55.50" }},
		{"price in another currency", false, func(s *subscriptions.Subscription, _ time.Time) error { return s.SetNextBillingPrice("USD", dec("55")) }, subscriptions.ErrCurrency, "currency", nil},
		{"zero price", false, func(s *subscriptions.Subscription, _ time.Time) error { return s.SetNextBillingPrice("EUR", dec("0")) }, subscriptions.ErrPrice, "next_billing_price", nil},
		{"price of a cancelled subscription", true, func(s *subscriptions.Subscription, _ time.Time) error { return s.SetNextBillingPrice("EUR", dec("5")) }, subscriptions.ErrNotActive, "id", nil},
		{"expiration", false, func(s *subscriptions.Subscription, now time.Time) error {
			return s.SetExpirationDate(now.Add(time.Hour), now)
		}, nil, "",
			func(s *subscriptions.Subscription) bool {
				return s.ExpirationDate.Equal(time.Date(2026, 3, 1, 13, 0, 0, 0, time.UTC))
			}},
		{"expiration in the past", false, func(s *subscriptions.Subscription, now time.Time) error { return s.SetExpirationDate(now, now) }, subscriptions.ErrPast, "expiration_date", nil},
		{"expiration of a cancelled subscription", true, func(s *subscriptions.Subscription, now time.Time) error {
			return s.SetExpirationDate(now.Add(time.Hour), now)
		}, subscriptions.ErrNotActive, "id", nil},
		{"name", false, func(s *subscriptions.Subscription, _ time.Time) error { return s.SetNextProductName("Gold") }, nil, "",
			func(s *subscriptions.Subscription) bool { return s.NextProductName == "Gold" }},
		{"name of a cancelled subscription", true, func(s *subscriptions.Subscription, _ time.Time) error { return s.SetNextProductName("Gold") }, subscriptions.ErrNotActive, "id", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newShop(t)
			id := subscriptions.ID(s.buy(arBody, "4242424242424242").Cart.Order.ID, 1)
			if tt.cancel {
				if _, err := s.desk.SetActivity("demo", id, false); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := s.desk.Subscription("demo", id)
			got, err := s.desk.Modify("demo", id, func(sub *subscriptions.Subscription) error { return tt.modify(sub, s.now) })
			var fe *subscriptions.FieldError
			if !errors.Is(err, tt.wantErr) || tt.wantErr != nil && (!errors.As(err, &fe) || fe.Field != tt.field) {
				t.Fatalf("error %v, want %v on %s", err, tt.wantErr, tt.field)
			}
			after, _ := s.desk.Subscription("demo", id)
			if tt.wantErr != nil && fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a refused call changed the subscription: %+v", after)
			}
			if tt.check != nil && !tt.check(got) {
				t.Errorf("after the call: %+v", got)
			}
		})
	}
}

func TestCancelAndRestore(t *testing.T) {
	s := newShop(t)
	parent := s.buy(arBody, "4242424242424242").Cart.Order.ID
	id := subscriptions.ID(parent, 1)
	steps := []struct {
		active bool
		status subscriptions.Status
		events int
	}{
		{false, subscriptions.Cancelled, 1},
		{false, subscriptions.Cancelled, 1}, // no change, no webhook
		{true, subscriptions.Active, 2},
	}
	for i, st := range steps {
		sub, err := s.desk.SetActivity("demo", id, st.active)
		if err != nil || sub.Status != st.status {
			t.Fatalf("step %d: %+v %v", i, sub, err)
		}
		n := len(s.deliveries(byOrder(parent, SubscriptionCancelled))) +
			len(s.deliveries(byOrder(parent, SubscriptionRestored)))
		if n != st.events {
			t.Errorf("step %d: %d subscription webhooks, want %d", i, n, st.events)
		}
	}
	restored := s.deliveries(outbox.Filter{Event: SubscriptionRestored})[0]
	if restored.Subject["product_id"] != "111111" {
		t.Errorf("restored webhook is about product %v", restored.Subject["product_id"])
	}
	if _, err := s.desk.SetActivity("other", id, false); !errors.Is(err, errNoSubscription) {
		t.Errorf("another account's subscription: %v", err)
	}
}
