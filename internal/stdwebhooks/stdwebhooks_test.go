package stdwebhooks

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// The spec's test vector (reference section 6).
const (
	secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	id     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	ts     = "1614265330"
	body   = `{"test": 2432232314}`
	sig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestVerify(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		secret, id, ts, sigs, b string
		want                    error
	}{
		{"the vector", secret, id, ts, sig, body, nil},
		{"without whsec_", secret[len("whsec_"):], id, ts, sig, body, nil},
		{"one of several", secret, id, ts, "v1,bm9wZQ== v2,x " + sig, body, nil},
		{"another body", secret, id, ts, sig, body + " ", ErrNoMatch},
		{"another id", secret, id + "x", ts, sig, body, ErrNoMatch},
		{"another timestamp", secret, id, "1614265331", sig, body, ErrNoMatch},
		{"another version", secret, id, ts, "v2" + sig[2:], body, ErrNoMatch},
		{"no signature", secret, id, ts, "", body, ErrMissing},
		{"bad timestamp", secret, id, "soon", sig, body, ErrBadInput},
		{"bad secret", "whsec_!!", id, ts, sig, body, ErrBadInput},
	} {
		if err := Verify(tc.secret, tc.id, tc.ts, tc.sigs, []byte(tc.b)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestVerifyHeader(t *testing.T) {
	h := http.Header{}
	h.Set("svix-id", id)
	h.Set("svix-timestamp", ts)
	h.Set("svix-signature", sig)
	at := time.Unix(1614265330, 0)
	if err := VerifyHeader(secret, h, SvixPrefix, []byte(body), at.Add(4*time.Minute), 5*time.Minute); err != nil {
		t.Errorf("within the tolerance: %v", err)
	}
	if err := VerifyHeader(secret, h, SvixPrefix, []byte(body), at.Add(6*time.Minute), 5*time.Minute); !errors.Is(err, ErrTooOld) {
		t.Errorf("past the tolerance: %v", err)
	}
	if err := VerifyHeader(secret, h, SvixPrefix, []byte(body), at.Add(time.Hour), 0); err != nil {
		t.Errorf("no tolerance: %v", err)
	}
	if err := VerifyHeader(secret, h, WebhookPrefix, []byte(body), at, 0); !errors.Is(err, ErrMissing) {
		t.Errorf("the other family: %v", err)
	}
}
