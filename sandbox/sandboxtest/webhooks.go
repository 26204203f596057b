package sandboxtest

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// WithWebhook sends the webhooks of every Noventiq account of the world to
// url, for a receiver the test starts (an httptest.Server), signed with
// each account's secret. It changes the world the sandbox serves,
// including one given by WithWorld, so use it after that option.
func WithWebhook(url string) Option {
	return func(c *config) error { return c.world.SetWebhook(url, "") }
}

// VerifyWebhook checks a Noventiq webhook a receiver got, as the receiver
// must: its signature header is the SHA-512 the API reference gives,
// keyed with the webhook secret of one of the world's accounts.
func (s *Sandbox) VerifyWebhook(h http.Header, body []byte) error {
	var b noventiq.WebhookBody
	if err := json.Unmarshal(body, &b); err != nil {
		return fmt.Errorf("sandboxtest: the webhook body is not a Noventiq webhook: %w", err)
	}
	got := h.Get(noventiq.SignatureHeader)
	if got == "" {
		return fmt.Errorf("sandboxtest: the webhook has no %s header", noventiq.SignatureHeader)
	}
	for _, a := range s.world.Noventiq.Accounts {
		if subtle.ConstantTimeCompare([]byte(got), []byte(noventiq.Signature(a.Webhook.Secret, &b))) == 1 {
			return nil
		}
	}
	return errors.New("sandboxtest: the webhook's signature matches no account's secret")
}
