package solifyn

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/store"
)

// Message is one webhook to deliver: the engine's outbox keeps it and posts
// Body to URL with Headers. Account is the business id, so a reset by
// account finds the message.
type Message struct {
	Account string `json:"account"`
	// ID is the Standard Webhooks message id, "msg_" and 27 base62
	// characters (the length of Svix's ids).
	ID    string `json:"id"`
	Event string `json:"event"`
	URL   string `json:"url"`
	// Headers are signed for the first attempt at CreatedAt; a retry is
	// signed again for its own time with Resign, as Svix does.
	Headers http.Header `json:"headers"`
	// Body is the bare payload object, exactly as signed.
	Body      []byte    `json:"body"`
	SessionID string    `json:"session_id"`
	PaymentID string    `json:"payment_id"`
	CreatedAt time.Time `json:"created_at"`
}

// Resign returns the message's headers signed with secret for an attempt
// at t.
func (m *Message) Resign(secret string, t time.Time) (http.Header, error) {
	return SignedHeaders(secret, m.ID, t, m.Body)
}

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
// are), and the JSON content type.
func SignedHeaders(secret, msgID string, t time.Time, body []byte) (http.Header, error) {
	sig, err := Sign(secret, msgID, t, body)
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(t.Unix(), 10)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	for _, kv := range [][3]string{
		{HeaderWebhookID, HeaderWebhookTimestamp, HeaderWebhookSignature},
		{HeaderSvixID, HeaderSvixTimestamp, HeaderSvixSignature},
	} {
		h.Set(kv[0], msgID)
		h.Set(kv[1], ts)
		h.Set(kv[2], sig)
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

// send signs a payload for the business's endpoint and hands it to the
// engine's outbox inside tx. A business without an endpoint URL, or a
// vendor without Enqueue, sends nothing.
func (v *Vendor) send(tx store.Tx, biz *fixtures.SolifynBusiness, event string, payload any, s *session, at time.Time) error {
	if biz.Webhook.URL == "" || v.d.Enqueue == nil {
		v.d.Log.Debug("solifyn: webhook not sent: no endpoint", "event", event, "business", biz.ID)
		return nil
	}
	body, err := encode(payload)
	if err != nil {
		return err
	}
	m := Message{Account: biz.ID, ID: "msg_" + v.token(kindMessage, 27), Event: event, URL: biz.Webhook.URL,
		Body: body, SessionID: s.ID, PaymentID: s.PaymentID, CreatedAt: at}
	if m.Headers, err = m.Resign(biz.Webhook.Secret, at); err != nil {
		return err
	}
	if err := v.d.Enqueue(tx, m); err != nil {
		return fmt.Errorf("solifyn: enqueue %s: %w", event, err)
	}
	return nil
}
