// Package webhooks makes the vendor's order notifications — one POST per
// product per event, signed with the account's secret — keeps every one in
// an outbox in the store, and delivers them with retries and backoff.
package webhooks

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/orders"
)

// The events the sandbox sends.
const (
	OrderCreated          = "order.created"
	PaymentSucceeded      = "order.payment.succeeded"
	PaymentFailed         = "order.payment.failed"
	ProductDelivered      = "product.delivered"
	SubscriptionCancelled = "subscription.cancelled"
	SubscriptionRestored  = "subscription.restored"
)

// Body is the JSON body of one webhook: the order without its product
// list, the one product it is about, and which part of the order it is.
type Body struct {
	Event     string      `json:"event"`
	EventDate orders.Time `json:"event_date"`
	orders.Header
	DocumentPart string         `json:"document_part"`
	Product      orders.Product `json:"product"`
	Subscription *Subscription  `json:"subscription,omitempty"`
}

// Subscription is the subscription block of a webhook about a product with
// auto-renewal.
type Subscription struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	Status         string      `json:"status"`
	ExpirationDate orders.Time `json:"expiration_date"`
}

// NewBody is the webhook of an event about product i of the order.
func NewBody(event string, at time.Time, o *orders.Order, i int, sub *Subscription) Body {
	return Body{
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
func Signature(secret string, b *Body) string {
	s := strings.Join([]string{secret, b.Event, strconv.FormatInt(b.OrderID, 10), b.CreateDate.String(),
		b.Payment.PaymentMethod, b.Currency, b.Customer.Email}, ";")
	sum := sha512.Sum512([]byte(s))
	return hex.EncodeToString(sum[:])
}
