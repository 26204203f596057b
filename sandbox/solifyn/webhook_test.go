package solifyn

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/stdwebhooks"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
)

// The Standard Webhooks spec's test vector (reference section 6).
const (
	vectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTS     = 1614265330
	vectorBody   = `{"test": 2432232314}`
	vectorSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestSignVector(t *testing.T) {
	for _, secret := range []string{vectorSecret, strings.TrimPrefix(vectorSecret, "whsec_")} {
		got, err := Sign(secret, vectorID, time.Unix(vectorTS, 0), []byte(vectorBody))
		if err != nil || got != vectorSig {
			t.Errorf("Sign(%q) = %q, %v; want %q", secret, got, err, vectorSig)
		}
	}
	if _, err := Sign("whsec_not base64!", vectorID, time.Unix(vectorTS, 0), nil); err == nil {
		t.Error("a secret that is not base64 signed")
	}
}

// verify checks a delivery's headers of one family with the verifier
// written from the spec apart from Sign, allowing it 5 minutes of clock.
func verify(secret string, h http.Header, prefix string, body []byte, now time.Time) error {
	return stdwebhooks.VerifyHeader(secret, h, prefix, body, now, 5*time.Minute)
}

func TestSignedHeaders(t *testing.T) {
	at := time.Unix(vectorTS, 0)
	h, err := SignedHeaders(vectorSecret, vectorID, at, []byte(vectorBody))
	if err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"webhook-", "svix-"} {
		if h.Get(prefix+"signature") != vectorSig || h.Get(prefix+"id") != vectorID || h.Get(prefix+"timestamp") != "1614265330" {
			t.Errorf("%s headers: %v", prefix, h)
		}
		if err := verify(vectorSecret, h, prefix, []byte(vectorBody), at); err != nil {
			t.Errorf("%s: %v", prefix, err)
		}
	}
	if len(h) != 6 {
		t.Errorf("headers %v: the outbox adds the content type", h)
	}
}

// TestResign: every attempt is signed for its own time with the
// business's current secret; a business gone from the world keeps the
// delivery's headers.
func TestResign(t *testing.T) {
	h := newHarness(t)
	first, err := SignedHeaders(vectorSecret, vectorID, h.clock(), []byte(vectorBody))
	if err != nil {
		t.Fatal(err)
	}
	d := &outbox.Delivery{Vendor: Name, Account: demoBiz, Header: first, Body: []byte(vectorBody)}
	h.advance(10 * time.Hour)
	again := h.v.resign(d)
	if err := verify(vectorSecret, again, "svix-", d.Body, h.clock()); err != nil || again.Get(HeaderWebhookID) != vectorID ||
		again.Get(HeaderWebhookTimestamp) == first.Get(HeaderWebhookTimestamp) {
		t.Errorf("a retry's headers %v: %v", again, err)
	}
	d.Account = "biz_gone"
	if got := h.v.resign(d); got != nil {
		t.Errorf("a business gone from the world: %v", got)
	}
}

func TestRetrySchedule(t *testing.T) {
	want := []time.Duration{0, 5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour}
	for n := 1; n <= 8; n++ {
		if d, ok := RetryDelay(n); !ok || d != want[n-1] {
			t.Errorf("RetryDelay(%d) = %v %v, want %v", n, d, ok, want[n-1])
		}
	}
	for _, n := range []int{0, 9, -1} {
		if _, ok := RetryDelay(n); ok {
			t.Errorf("RetryDelay(%d) has an attempt", n)
		}
	}
	for n, want := range map[int]time.Duration{1: 5 * time.Second, 2: 5 * time.Minute, 6: 10 * time.Hour, 7: 10 * time.Hour, 8: 10 * time.Hour} {
		if got := Backoff(n); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", n, got, want)
		}
	}
}
