// Package stdwebhooks verifies Standard Webhooks signatures
// (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md),
// the scheme Solifyn's webhooks are signed with. It is written from the
// spec, apart from the sandbox's signer, so that tests and scenarios check
// the sandbox's signatures independently.
package stdwebhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The header families a delivery may carry its id, timestamp and
// signatures under: the spec's, and Svix's own names.
const (
	WebhookPrefix = "webhook-"
	SvixPrefix    = "svix-"
)

// Errors of Verify.
var (
	ErrMissing  = errors.New("stdwebhooks: the id, timestamp or signature header is missing")
	ErrNoMatch  = errors.New("stdwebhooks: no v1 signature matches")
	ErrTooOld   = errors.New("stdwebhooks: the timestamp is outside the tolerance")
	ErrBadInput = errors.New("stdwebhooks: malformed")
)

// Verify checks the signatures of a delivery: sigs is the signature
// header, space-separated "v1,<base64>" values, one of which must be the
// base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the secret
// ("whsec_" and base64, the prefix optional).
func Verify(secret, id, timestamp, sigs string, body []byte) error {
	if id == "" || timestamp == "" || sigs == "" {
		return ErrMissing
	}
	if _, err := strconv.ParseInt(timestamp, 10, 64); err != nil {
		return fmt.Errorf("%w timestamp %q", ErrBadInput, timestamp)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return fmt.Errorf("%w secret: %v", ErrBadInput, err)
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%s.", id, timestamp)
	mac.Write(body)
	want := mac.Sum(nil)
	for _, sig := range strings.Fields(sigs) {
		version, encoded, _ := strings.Cut(sig, ",")
		got, err := base64.StdEncoding.DecodeString(encoded)
		if version == "v1" && err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrNoMatch
}

// VerifyHeader checks a delivery's headers of one family (prefix
// WebhookPrefix or SvixPrefix) and, when tolerance is above 0, that its
// timestamp is within tolerance of now, as the spec asks receivers to.
func VerifyHeader(secret string, h http.Header, prefix string, body []byte, now time.Time, tolerance time.Duration) error {
	ts := h.Get(prefix + "timestamp")
	if err := Verify(secret, h.Get(prefix+"id"), ts, h.Get(prefix+"signature"), body); err != nil {
		return err
	}
	sec, _ := strconv.ParseInt(ts, 10, 64) // checked by Verify
	if d := now.Sub(time.Unix(sec, 0)); tolerance > 0 && (d > tolerance || d < -tolerance) {
		return fmt.Errorf("%w: %s from %s", ErrTooOld, time.Unix(sec, 0).UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}
