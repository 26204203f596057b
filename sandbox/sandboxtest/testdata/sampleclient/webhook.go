package sampleclient

import (
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Event is the part of an order notification the application uses.
type Event struct {
	Event      string `json:"event"`
	OrderID    int64  `json:"order_id"`
	ExternalID string `json:"external_id"`
	CreateDate string `json:"create_date"`
	Currency   string `json:"currency"`
	Customer   struct {
		Email string `json:"email"`
	} `json:"customer"`
	Payment struct {
		PaymentMethod string `json:"payment_method"`
	} `json:"payment"`
	Product struct {
		ID string `json:"id"`
	} `json:"product"`
}

// WebhookHandler receives the vendor's order notifications: it checks the
// signature header (SHA-512 of secret;event;order_id;create_date;
// payment_method;currency;email) and passes good events to onEvent;
// anything else is refused with 403.
func WebhookHandler(secret string, onEvent func(Event)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var ev Event
		if err != nil || json.Unmarshal(body, &ev) != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		signed := strings.Join([]string{secret, ev.Event, strconv.FormatInt(ev.OrderID, 10), ev.CreateDate,
			ev.Payment.PaymentMethod, ev.Currency, ev.Customer.Email}, ";")
		sum := sha512.Sum512([]byte(signed))
		if subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(r.Header.Get("signature"))) != 1 {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		onEvent(ev)
	})
}
