package sandboxtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

func TestVerifyWebhookRefusesWhatIsNotSigned(t *testing.T) {
	sb := New(t, &http.Client{})
	body := noventiq.WebhookBody{Event: noventiq.OrderCreated}
	body.OrderID, body.Currency = 3693632, "EUR"
	raw, _ := json.Marshal(body)
	secret := sb.World().Noventiq.Accounts[0].Webhook.Secret
	good := http.Header{"Signature": {noventiq.Signature(secret, &body)}}
	if err := sb.VerifyWebhook(good, raw); err != nil {
		t.Fatalf("a signed webhook: %v", err)
	}
	tampered := strings.Replace(string(raw), "EUR", "USD", 1)
	for name, tc := range map[string]struct {
		h    http.Header
		body string
		want string
	}{
		"tampered body": {good, tampered, "matches no account's secret"},
		"other secret":  {http.Header{"Signature": {noventiq.Signature("other", &body)}}, string(raw), "matches no account's secret"},
		"no signature":  {http.Header{}, string(raw), "has no signature header"},
		"not a webhook": {good, "[]", "not a Noventiq webhook"},
	} {
		if err := sb.VerifyWebhook(tc.h, []byte(tc.body)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}
