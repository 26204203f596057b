package noventiq

import (
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
)

// SignatureHeader carries a webhook's signature.
const SignatureHeader = "signature"

// The events the sandbox sends.
const (
	OrderCreated          = "order.created"
	PaymentSucceeded      = "order.payment.succeeded"
	PaymentFailed         = "order.payment.failed"
	ProductDelivered      = "product.delivered"
	SubscriptionCancelled = "subscription.cancelled"
	SubscriptionRestored  = "subscription.restored"
)

// WebhookBody is the JSON body of one webhook: the order without its product
// list, the one product it is about, and which part of the order it is.
type WebhookBody struct {
	Event     string      `json:"event"`
	EventDate orders.Time `json:"event_date"`
	orders.Header
	DocumentPart string               `json:"document_part"`
	Product      orders.Product       `json:"product"`
	Subscription *WebhookSubscription `json:"subscription,omitempty"`
}

// WebhookSubscription is the subscription block of a webhook about a product with
// auto-renewal.
type WebhookSubscription struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	Status         string      `json:"status"`
	ExpirationDate orders.Time `json:"expiration_date"`
}

// NewWebhookBody is the webhook of an event about product i of the order.
func NewWebhookBody(event string, at time.Time, o *orders.Order, i int, sub *WebhookSubscription) WebhookBody {
	return WebhookBody{
		Event:        event,
		EventDate:    orders.Time{Time: at},
		Header:       o.Header,
		DocumentPart: fmt.Sprintf("%d-of-%d", i+1, len(o.Products)),
		Product:      o.Products[i],
		Subscription: sub,
	}
}

// Signature is the value of the signature header: the lowercase hex
// SHA-512 of secret;event;order_id;create_date;payment_method;currency;email.
func Signature(secret string, b *WebhookBody) string {
	s := strings.Join([]string{secret, b.Event, strconv.FormatInt(b.OrderID, 10), b.CreateDate.String(),
		b.Payment.PaymentMethod, b.Currency, b.Customer.Email}, ";")
	sum := sha512.Sum512([]byte(s))
	return hex.EncodeToString(sum[:])
}

// enqueueWebhook records the webhook for the account's receiver in the
// outbox, signed with the account's secret; without a receiver URL it is
// kept as no_receiver.
func enqueueWebhook(tx store.Tx, account string, hook fixtures.Webhook, b WebhookBody) error {
	raw, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("webhooks: encode %s: %w", b.Event, err)
	}
	sig := Signature(hook.Secret, &b)
	_, err = outbox.Enqueue(tx, outbox.Message{
		Vendor: Name, Account: account, Event: b.Event, URL: hook.URL, Body: raw,
		Subject: map[string]any{"order_id": b.OrderID, "product_id": b.Product.ID, "signature": sig},
	})
	return err
}

// webhookPolicy sends the signature listed with each delivery in the
// signature header.
var webhookPolicy = outbox.Policy{
	Backoff: outbox.DefaultBackoff, MaxAttempts: outbox.DefaultPolicy.MaxAttempts,
	Headers: func(d *outbox.Delivery) http.Header {
		sig, _ := d.Subject["signature"].(string)
		return http.Header{http.CanonicalHeaderKey(SignatureHeader): {sig}}
	},
}
