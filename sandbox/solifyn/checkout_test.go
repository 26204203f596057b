package solifyn

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

func ptr[T any](v T) *T { return &v }

func TestPaySucceeds(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"` + starterID + `","quantity":2,"discountCode":"PROMO10","customerEmail":"ann@example.com",` +
		`"checkoutData":{"orderRef":"A-1"},"customFields":{"userId":"u_42"},"aff":"partner_abc"}`)
	st, err := h.v.setCustomer(out.SessionID, Customer{Name: ptr("Ann Lee"),
		Billing: &Address{Name: "Ann Lee", Line1: "1 Main St", City: "Springfield", State: "IL", Country: "US", PostalCode: "62701"}})
	if err != nil || st.CustomerName != "Ann Lee" || st.Status != StatusPending {
		t.Fatalf("SetCustomer: %+v %v", st, err)
	}
	h.advance(90 * time.Second)
	st, err = h.v.pay(out.ID, PayRequest{Card: "4242 4242 4242 4242", ExpMonth: 12, ExpYear: 2030})
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != StatusPaid || !regexp.MustCompile(`^pay_[0-9A-Za-z]{14}$`).MatchString(st.PaymentID) || st.Order == nil {
		t.Fatalf("state %+v", st)
	}
	cust := st.Order.Customer.CustomerID
	if !regexp.MustCompile(`^usr_[0-9A-Za-z]{14}$`).MatchString(cust) {
		t.Errorf("customer id %q", cust)
	}
	pay := st.PaymentID
	orderJSON := `{"id":"` + pay + `","invoice_url":"https://solifyn.com/transactions/payments/` + pay + `/print",` +
		`"customer":{"customer_id":"` + cust + `","email":"ann@example.com","name":"Ann Lee"},"total_amount":5220,"subtotal":5800,` +
		`"usdTotal":52.2,"tax_amount":0,"application_fee":0,"amount_after_fees":5220,"currency":"usd","status":"paid",` +
		`"created_at":"2026-05-23T10:01:30.000Z","paidAt":"2026-05-23T10:01:30.000Z","payment_method":"card",` +
		`"card_last_four":"4242","card_network":"visa","card_type":"visa",` +
		`"billing":{"street":"1 Main St","city":"Springfield","state":"IL","zipcode":"62701","country":"US"},` +
		`"product_cart":[{"id":"prod_z2o92kEl6cYYX","name":"Starter Kit","quantity":2,"price":2900,"pricingType":"one_time"}],` +
		`"metadata":{"aff":"partner_abc","checkoutData":{"orderRef":"A-1"},"customFields":{"userId":"u_42"}},` +
		`"refundable":true,"refunds":[],"businessId":"biz_4r5t6y7u8i9o","businessName":"Flashcart Demo Store","billing_reason":"one_time"}`

	msgs := h.messages()
	if len(msgs) != 2 || msgs[0].Event != EventPaymentCreated || msgs[1].Event != EventPaymentSucceeded {
		t.Fatalf("messages %+v", msgs)
	}
	if string(msgs[1].Body) != orderJSON {
		t.Errorf("payment.succeeded body:\n got %s\nwant %s", msgs[1].Body, orderJSON)
	}
	for _, m := range msgs {
		subject := map[string]any{"checkout_id": out.ID, "session_id": out.SessionID, "payment_id": pay}
		if m.URL != hookURL || m.Account != demoBiz || m.Vendor != Name || m.State != outbox.Pending || !reflect.DeepEqual(m.Subject, subject) ||
			!regexp.MustCompile(`^msg_[0-9A-Za-z]{27}$`).MatchString(m.Header.Get(HeaderWebhookID)) ||
			m.Header.Get(HeaderWebhookTimestamp) != strconv.FormatInt(h.clock().Unix(), 10) {
			t.Errorf("message %+v", m)
		}
		for _, prefix := range []string{"webhook-", "svix-"} {
			if err := verify(vectorSecret, m.Header, prefix, m.Body, h.clock()); err != nil {
				t.Errorf("%s %s: %v", m.Event, prefix, err)
			}
		}
	}
	if msgs[0].Header.Get(HeaderWebhookID) == msgs[1].Header.Get(HeaderWebhookID) {
		t.Error("two webhooks share a message id")
	}
	var created map[string]any
	if err := json.Unmarshal(msgs[0].Body, &created); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{
		"id": pay, "status": "created", "substatus": "incomplete", "amount": "52.20", "subtotal": "58.00", "usdTotal": "52.20",
		"feeAmount": "0.00", "currency": "USD", "settlementCurrency": "usd", "checkoutId": out.ID, "discountCode": "PROMO10",
		"cardLast4": "4242", "cardBrand": "visa", "cardExpMonth": 12.0, "cardExpYear": 2030.0, "customerEmail": "ann@example.com",
		"customerId": cust, "productTitle": "Starter Kit", "productRoute": "starter-kit", "paymentEventType": "payment.created",
		"lastEventType": "payment.created", "paidAt": nil, "failureMessage": nil, "planId": nil, "refundedAmount": "0",
		"businessId": demoBiz, "billingReason": "one_time", "createdAt": "2026-05-23T10:01:30.000Z",
	} {
		if got, ok := created[k]; !ok || got != want {
			t.Errorf("payment.created %s = %#v, want %#v", k, got, want)
		}
	}
	if len(created) != 50 {
		t.Errorf("payment.created has %d fields, the spec's WebhookPaymentPayload 50", len(created))
	}

	var d CheckoutSessionDetails
	h.must(http.MethodGet, Path(PathSession, out.SessionID), "", "", http.StatusOK, &d)
	if d.Status != StatusPaid || d.PaymentID != pay || d.BillingAddress.City != "Springfield" {
		t.Errorf("details %+v", d)
	}
	var disc Discount
	h.must(http.MethodGet, Path(PathDiscount, "disc_promo10percent"), "", demoKey, http.StatusOK, &disc)
	if disc.TimesUsed != 4 {
		t.Errorf("timesUsed %d after one redemption", disc.TimesUsed)
	}
	again, err := h.v.checkoutState(out.ID)
	if err != nil || again.Order == nil || again.Order.ID != pay {
		t.Errorf("state after payment: %+v %v", again, err)
	}
	if _, err := h.v.pay(out.ID, PayRequest{Card: "4242424242424242"}); !errors.Is(err, ErrCheckoutClosed) {
		t.Errorf("paying twice: %v", err)
	}

	// The same customer's next order has the same customer id.
	next := h.checkout(`{"productId":"prod_NG0mkkz0Awitk","customerEmail":"ANN@example.com"}`)
	st, err = h.v.pay(next.ID, PayRequest{Card: "5555555555554444"})
	if err != nil || st.Order.Customer.CustomerID != cust || st.Order.CardNetwork != "mastercard" || st.Order.BillingReason != "subscription_create" {
		t.Errorf("second order %+v %v", st.Order, err)
	}
}

func TestPayDeclines(t *testing.T) {
	for number, reason := range map[string]string{
		"4000 0000 0000 0002": "Your card was declined.",
		"4000000000009995":    "Your card has insufficient funds.",
	} {
		h := newHarness(t)
		out := h.checkout(`{"productId":"prod_Lim1tedEd1t10","quantity":2,"discountCode":"FIVEOFF","customerEmail":"b@example.com"}`)
		st, err := h.v.pay(out.ID, PayRequest{Card: number})
		if err != nil || st.Status != StatusFailed || st.FailureMessage != reason || st.Order.Status != StatusFailed ||
			st.Order.Refundable || st.Order.PaidAt != nil || st.Order.TotalAmount != 2500 {
			t.Fatalf("%s: %+v %+v %v", number, st, st.Order, err)
		}
		msgs := h.messages()
		if len(msgs) != 2 || msgs[0].Event != EventPaymentCreated || msgs[1].Event != EventPaymentFailed ||
			!strings.Contains(string(msgs[1].Body), `"status":"failed"`) {
			t.Errorf("messages %+v", msgs)
		}
		var p Product
		h.must(http.MethodGet, Path(PathProduct, "prod_Lim1tedEd1t10"), "", demoKey, http.StatusOK, &p)
		if *p.Stock != 3 {
			t.Errorf("a declined payment took stock: %d left", *p.Stock)
		}
		if _, err := h.v.pay(out.ID, PayRequest{Card: "4242424242424242"}); !errors.Is(err, ErrCheckoutClosed) {
			t.Errorf("paying a failed session: %v", err)
		}
	}
}

func TestPayStock(t *testing.T) {
	h := newHarness(t)
	body := `{"productId":"prod_Lim1tedEd1t10","quantity":2,"customerEmail":"c@example.com"}`
	first, second := h.checkout(body), h.checkout(body)
	if _, err := h.v.pay(first.ID, PayRequest{Card: "4111111111111111"}); err != nil {
		t.Fatal(err)
	}
	var p Product
	h.must(http.MethodGet, Path(PathProduct, "prod_Lim1tedEd1t10"), "", demoKey, http.StatusOK, &p)
	if *p.Stock != 1 {
		t.Errorf("stock %d after selling 2 of 3", *p.Stock)
	}
	if _, err := h.v.pay(second.ID, PayRequest{Card: "4111111111111111"}); !errors.Is(err, ErrSoldOut) {
		t.Errorf("paying for stock sold meanwhile: %v", err)
	}
	if st, _ := h.v.checkoutState(second.ID); st.Status != StatusPending {
		t.Errorf("a refused payment changed the session: %s", st.Status)
	}
	status, got := h.call(http.MethodPost, PathCreate, body, demoKey)
	expect(t, "creation after the sale", status, got, http.StatusBadRequest, badOne("Insufficient stock"))
}

func TestPayRefusals(t *testing.T) {
	h := newHarness(t)
	noEmail := h.checkout(`{"productId":"` + starterID + `"}`)
	community := h.checkout(`{"productId":"prod_CustomF1eldsX","customerEmail":"d@example.com"}`)
	for _, tc := range []struct {
		name    string
		id      string
		card    string
		want    error
		message string
	}{
		{"unknown session", "ch_nope", "4242424242424242", ErrCheckoutNotFound, "checkout session not found"},
		{"not a test card", noEmail.ID, "4242 4242 4242 4241", ErrNotTestCard, "not a test card: use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to be declined"},
		{"dashes are ignored", noEmail.ID, "4242-4242-4242-4242", ErrCustomerIncomplete, ""},
		{"no e-mail", noEmail.ID, "4242424242424242", ErrCustomerIncomplete, "customer details are incomplete: the e-mail address is missing"},
		{"required field", community.ID, "4242424242424242", ErrCustomerIncomplete, `customer details are incomplete: "Discord Username" is required`},
	} {
		_, err := h.v.pay(tc.id, PayRequest{Card: tc.card})
		if !errors.Is(err, tc.want) || (tc.message != "" && err.Error() != tc.message) {
			t.Errorf("%s: %v", tc.name, err)
		}
		var te *TwinError
		if !errors.As(err, &te) || te.Status == 0 {
			t.Errorf("%s: not a TwinError: %v", tc.name, err)
		}
	}
	if _, err := h.v.setCustomer(noEmail.ID, Customer{Email: ptr("not-an-email")}); !errors.Is(err, ErrCustomerIncomplete) {
		t.Errorf("a bad e-mail: %v", err)
	}
	st, err := h.v.setCustomer(community.SessionID, Customer{CustomFields: map[string]string{"Discord Username": "ann#1"}})
	if err != nil || len(st.CustomFields) != 2 || st.CustomFields[0].Value != "ann#1" || !st.CustomFields[0].Required {
		t.Fatalf("answering by name: %+v %v", st, err)
	}
	if st, err = h.v.pay(community.ID, PayRequest{Card: "4242424242424242"}); err != nil || st.Status != StatusPaid {
		t.Fatalf("paying with the field answered: %+v %v", st, err)
	}
	if !strings.Contains(string(st.Order.Metadata), `"customFields":{"Discord Username":"ann#1"}`) {
		t.Errorf("metadata %s", st.Order.Metadata)
	}
	if len(h.messages()) != 2 {
		t.Errorf("%d messages: refusals sent webhooks", len(h.messages()))
	}
}

func TestPayExpired(t *testing.T) {
	h := newHarness(t)
	out := h.checkout(`{"productId":"` + starterID + `","customerEmail":"e@example.com"}`)
	h.advance(SessionTTL - 1)
	if st, _ := h.v.checkoutState(out.ID); st.Status != StatusPending {
		t.Errorf("just before 24 h: %s", st.Status)
	}
	h.advance(1)
	if _, err := h.v.pay(out.ID, PayRequest{Card: "4242424242424242"}); !errors.Is(err, ErrCheckoutClosed) || err.Error() != "checkout session is not pending: it is expired" {
		t.Errorf("paying an expired session: %v", err)
	}
	if _, err := h.v.setCustomer(out.ID, Customer{Name: ptr("x")}); !errors.Is(err, ErrCheckoutClosed) {
		t.Errorf("changing an expired session: %v", err)
	}
}

func TestPayDiscountUsedUpMeanwhile(t *testing.T) {
	h := newHarness(t, func(_ *kit.Env, s *fixtures.Solifyn) { s.Businesses[0].Discounts[0].UsageLimit = ptr(int64(4)) })
	body := `{"productId":"` + starterID + `","discountCode":"PROMO10","customerEmail":"f@example.com"}`
	first, second := h.checkout(body), h.checkout(body)
	if _, err := h.v.pay(first.ID, PayRequest{Card: "4242424242424242"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.v.pay(second.ID, PayRequest{Card: "4242424242424242"}); !errors.Is(err, ErrDiscountGone) {
		t.Errorf("a code used up meanwhile: %v", err)
	}
	status, got := h.call(http.MethodPost, PathCreate, body, demoKey)
	expect(t, "a used-up code", status, got, http.StatusBadRequest, badOne("Invalid discount code"))
}

// refusingOutbox is a store whose outbox bucket refuses every write.
type refusingOutbox struct{ store.Store }

var errOutboxFull = errors.New("outbox full")

func (s refusingOutbox) Update(fn func(store.Tx) error) error {
	return s.Store.Update(func(tx store.Tx) error { return fn(refusingTx{tx}) })
}

type refusingTx struct{ store.Tx }

func (tx refusingTx) Put(bucket, key string, value []byte) error {
	if bucket == outbox.Bucket {
		return errOutboxFull
	}
	return tx.Tx.Put(bucket, key, value)
}

// TestPayIsAtomic: when the outbox refuses the webhook, the payment does
// not happen at all.
func TestPayIsAtomic(t *testing.T) {
	refuse := errOutboxFull
	h := newHarness(t, func(env *kit.Env, _ *fixtures.Solifyn) { env.Store = refusingOutbox{env.Store} })
	out := h.checkout(`{"productId":"prod_Lim1tedEd1t10","customerEmail":"g@example.com"}`)
	if _, err := h.v.pay(out.ID, PayRequest{Card: "4242424242424242"}); !errors.Is(err, refuse) {
		t.Fatalf("Pay: %v", err)
	}
	st, err := h.v.checkoutState(out.ID)
	if err != nil || st.Status != StatusPending || st.PaymentID != "" {
		t.Errorf("state %+v %v", st, err)
	}
	var p Product
	h.must(http.MethodGet, Path(PathProduct, "prod_Lim1tedEd1t10"), "", demoKey, http.StatusOK, &p)
	if *p.Stock != 3 {
		t.Errorf("stock %d", *p.Stock)
	}
}

// TestNoEndpointRecordsNoReceiver: without an endpoint URL the webhooks
// are recorded, signed, as no_receiver, as the engine records every
// vendor's; without a secret they carry no signature.
func TestNoEndpointRecordsNoReceiver(t *testing.T) {
	h := newHarness(t, func(_ *kit.Env, s *fixtures.Solifyn) { s.Businesses[0].Webhook.URL = "" })
	out := h.checkout(`{"productId":"` + starterID + `","customerEmail":"h@example.com"}`)
	if _, err := h.v.pay(out.ID, PayRequest{Card: "4242424242424242"}); err != nil {
		t.Fatal(err)
	}
	msgs := h.messages()
	if len(msgs) != 2 || msgs[0].State != outbox.NoReceiver || msgs[1].State != outbox.NoReceiver || msgs[0].URL != "" {
		t.Fatalf("messages without an endpoint: %+v", msgs)
	}
	if err := verify(vectorSecret, msgs[1].Header, "webhook-", msgs[1].Body, h.clock()); err != nil {
		t.Errorf("a no_receiver webhook is not signed: %v", err)
	}

	h = newHarness(t, func(_ *kit.Env, s *fixtures.Solifyn) { s.Businesses[0].Webhook = fixtures.SolifynWebhook{} })
	out = h.checkout(`{"productId":"` + starterID + `","customerEmail":"h@example.com"}`)
	if _, err := h.v.pay(out.ID, PayRequest{Card: "4242424242424242"}); err != nil {
		t.Fatal(err)
	}
	got := h.messages()[0].Header
	if len(got) != 4 || got.Get(HeaderWebhookSignature) != "" || got.Get(HeaderSvixID) == "" {
		t.Errorf("headers without a secret: %v", got)
	}
}

func TestCheckoutState(t *testing.T) {
	h := newHarness(t)
	out := h.must2(PathCollectionCreate, `{"collectionId":"col_teamPack","discountCode":"BUNDLE20"}`)
	st, err := h.v.checkoutState(out.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(st)
	want := `{"id":"` + out.ID + `","session_id":"` + out.SessionID + `","status":"pending","business_id":"biz_4r5t6y7u8i9o",` +
		`"store_name":"Flashcart Demo Store","collection_id":"col_teamPack","title":"Team Pack","quantity":1,"currency":"usd",` +
		`"lines":[{"product_id":"prod_z2o92kEl6cYYX","name":"Starter Kit","pricing_type":"one_time","quantity":5,"unit_price":29,"amount":145},` +
		`{"product_id":"prod_NG0mkkz0Awitk","name":"Pro Plan","pricing_type":"renewal","quantity":1,"unit_price":12,"amount":12}],` +
		`"subtotal":157,"discount":29,"discount_code":"BUNDLE20","tax":0,"total":128,"pay_what_you_want":false,"customer_email":"","customer_name":"",` +
		`"billing_address":{},"custom_fields":[],"checkout_url":"` + out.CheckoutURL + `",` +
		`"created_at":"2026-05-23T10:00:00.000Z","expires_at":"2026-05-24T10:00:00.000Z"}`
	if string(got) != want {
		t.Errorf("state:\n got %s\nwant %s", got, want)
	}
}
