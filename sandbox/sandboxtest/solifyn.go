package sandboxtest

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/stdwebhooks"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/solifyn"
)

// Solifyn's API hosts, which the mock answers like every vendor host.
const (
	// SolifynAPI is Solifyn's live API.
	SolifynAPI = "https://" + solifyn.APIHost
	// SolifynTestAPI is Solifyn's test environment, the one the sandbox is.
	SolifynTestAPI = "https://" + solifyn.SandboxAPIHost
)

// WithSolifynWebhook points the webhook endpoint of every Solifyn business
// of the world at url, for a receiver the test starts (an
// httptest.Server). It changes the world the sandbox serves, including one
// given by WithWorld, so use it after that option.
func WithSolifynWebhook(url string) Option {
	return func(c *config) error { return c.world.SetSolifynWebhook(url, "") }
}

// SolifynKey returns the API key of the world's first Solifyn business, for
// Authorization: Bearer <key>; "" when the world has no Solifyn section.
func (s *Sandbox) SolifynKey() string {
	if sol := s.world.Solifyn; sol != nil {
		return sol.Businesses[0].APIKeys[0]
	}
	return ""
}

// PaySolifyn pays a Solifyn checkout session — its id, session_id or
// checkout_url — with a test card (4242424242424242 pays,
// 4000000000000002 is declined), as the customer does on the hosted
// checkout, through its JSON twin, and returns the session afterwards.
// The session needs the customer's e-mail (customerEmail at creation).
func (s *Sandbox) PaySolifyn(session, card string) (solifyn.CheckoutState, error) {
	var st solifyn.CheckoutState
	p := solifyn.CheckoutTwinPath + url.PathEscape(solifyn.CheckoutIDOf(session)) + "/pay"
	err := s.do(http.MethodPost, p, solifyn.PayRequest{Card: card}, nil, &st)
	return st, err
}

// SolifynWebhooks returns the Solifyn webhooks the sandbox recorded for a
// checkout session (its session_id; every one when empty), whether or not
// a receiver was configured, with each delivery attempt.
func (s *Sandbox) SolifynWebhooks(t testing.TB, sessionID string) []sandbox.WebhookDelivery {
	t.Helper()
	q := url.Values{"vendor": {solifyn.Name}}
	if sessionID != "" {
		q.Set("session_id", sessionID)
	}
	var out struct {
		Deliveries []sandbox.WebhookDelivery `json:"deliveries"`
	}
	if err := s.do(http.MethodGet, "/_sandbox/webhooks?"+q.Encode(), nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	return out.Deliveries
}

// VerifySolifynWebhook checks a Solifyn webhook a receiver got, as Svix's
// libraries do: the Standard Webhooks signature (webhook-id,
// webhook-timestamp, webhook-signature, and the same under the svix-
// names) over the raw body, keyed with the secret of one of the world's
// businesses, and a timestamp within 5 minutes of the sandbox's clock. It
// is written from the Standard Webhooks spec, apart from the sandbox's
// signer.
func (s *Sandbox) VerifySolifynWebhook(h http.Header, body []byte) error {
	if s.world.Solifyn == nil {
		return errors.New("sandboxtest: the world has no Solifyn section")
	}
	var err error
	for _, b := range s.world.Solifyn.Businesses {
		if err = verifyStandardWebhook(b.Webhook.Secret, h, body, s.Now()); err == nil {
			return nil
		}
	}
	return fmt.Errorf("sandboxtest: %w", err)
}

// verifyStandardWebhook checks both header families with one secret.
func verifyStandardWebhook(secret string, h http.Header, body []byte, now time.Time) error {
	for _, prefix := range []string{stdwebhooks.WebhookPrefix, stdwebhooks.SvixPrefix} {
		if err := stdwebhooks.VerifyHeader(secret, h, prefix, body, now, 5*time.Minute); err != nil {
			return fmt.Errorf("%s headers: %w", prefix, err)
		}
	}
	return nil
}
