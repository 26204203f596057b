package solifyn

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Sign is the Standard Webhooks signature "v1,<base64 HMAC-SHA256>" of
// "<id>.<unix seconds>.<body>", keyed with the base64-decoded secret (the
// part after "whsec_", which is optional).
func Sign(secret, msgID string, t time.Time, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return "", fmt.Errorf("solifyn: webhook secret is not base64: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msgID + "." + strconv.FormatInt(t.Unix(), 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// SignedHeaders are a delivery's headers: the Standard Webhooks ones and
// their svix- twins (which family Solifyn sends is not documented, so both
// are). Without a secret (a business with no endpoint may have none) the
// signature headers are left out. The outbox adds the JSON content type.
func SignedHeaders(secret, msgID string, t time.Time, body []byte) (http.Header, error) {
	sig := ""
	if secret != "" {
		var err error
		if sig, err = Sign(secret, msgID, t, body); err != nil {
			return nil, err
		}
	}
	ts := strconv.FormatInt(t.Unix(), 10)
	h := http.Header{}
	for _, kv := range [][3]string{
		{HeaderWebhookID, HeaderWebhookTimestamp, HeaderWebhookSignature},
		{HeaderSvixID, HeaderSvixTimestamp, HeaderSvixSignature},
	} {
		h.Set(kv[0], msgID)
		h.Set(kv[1], ts)
		if sig != "" {
			h.Set(kv[2], sig)
		}
	}
	return h, nil
}

// MaxAttempts is how many times a webhook is attempted (Svix: 8).
const MaxAttempts = 8

// retrySchedule is Svix's: each attempt's wait after the previous one failed.
var retrySchedule = [MaxAttempts]time.Duration{
	0, 5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour,
}

// RetryDelay returns how long after the previous attempt's failure attempt
// n (from 1) is made — immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
// 10 h — and false when there is no attempt n.
func RetryDelay(n int) (time.Duration, bool) {
	if n < 1 || n > MaxAttempts {
		return 0, false
	}
	return retrySchedule[n-1], true
}

// Backoff is the schedule in the shape of the engine's webhook worker: the
// wait after the n-th failed attempt. After the last attempt it answers the
// last wait; the worker stops at MaxAttempts.
func Backoff(n int) time.Duration {
	d, ok := RetryDelay(n + 1)
	if !ok {
		return retrySchedule[MaxAttempts-1]
	}
	return d
}

// webhookPolicy is Svix's: MaxAttempts on retrySchedule, on the sandbox
// clock, each delivery to a receiver after the ones before it, and every
// attempt signed anew for its own time (as Svix does) with the endpoint's
// current secret.
func (v *Vendor) webhookPolicy() outbox.Policy {
	return outbox.Policy{Backoff: Backoff, MaxAttempts: MaxAttempts, SandboxClock: true, Ordered: true, Headers: v.resign}
}

// resign signs a delivery for an attempt now. A business that left the
// world, or whose secret no longer signs, keeps the headers the delivery
// was made with.
func (v *Vendor) resign(d *outbox.Delivery) http.Header {
	biz, ok := v.section().Business(d.Account)
	if !ok {
		return nil
	}
	h, err := SignedHeaders(biz.Webhook.Secret, d.Header.Get(HeaderWebhookID), v.env.Now(), d.Body)
	if err != nil {
		v.env.Log.Warn("solifyn: webhook not signed again", "id", d.ID, "err", err)
		return nil
	}
	return h
}

// send signs a payload for the business's endpoint and hands it to the
// engine's outbox inside tx, with a fresh message id ("msg_" and 27 base62
// characters, the length of Svix's ids). A business without an endpoint
// URL has its webhooks recorded as no_receiver, headers and all. The body
// is written as encoding/json writes it, <, > and & escaped, so that GET
// /_sandbox/webhooks, which writes bodies that way, lists exactly the
// bytes that were signed and sent.
func (v *Vendor) send(tx store.Tx, biz *fixtures.SolifynBusiness, event string, payload any, s *session, at time.Time) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("solifyn: encode %s: %w", event, err)
	}
	header, err := SignedHeaders(biz.Webhook.Secret, "msg_"+v.token(kindMessage, 27), at, body)
	if err != nil {
		return err
	}
	_, err = outbox.Enqueue(tx, outbox.Message{
		Vendor: Name, Account: biz.ID, Event: event, URL: biz.Webhook.URL, Header: header, Body: body,
		Subject: map[string]any{"checkout_id": s.ID, "session_id": s.SessionID, "payment_id": s.PaymentID},
	})
	if err != nil {
		return fmt.Errorf("solifyn: enqueue %s: %w", event, err)
	}
	return nil
}
