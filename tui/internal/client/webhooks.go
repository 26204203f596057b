package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// WebhooksPath lists the webhooks the sandbox sent and is sending.
const WebhooksPath = "/_sandbox/webhooks"

// WebhooksMsg carries the webhook deliveries of a vendor that pass a
// filter.
type WebhooksMsg struct {
	Vendor vendor.ID
	// Query is the list's filter, encoded ("order_id=12"): what tells the
	// answers apart.
	Query      string
	Deliveries []sandbox.WebhookDelivery
	Err        error
}

// ForVendor names the vendor the deliveries are of.
func (m WebhooksMsg) ForVendor() vendor.ID { return m.Vendor }

// Webhooks returns a command that lists a vendor's webhooks that pass the
// filter query (the subject keys: order_id, refno…).
func (c *Client) Webhooks(v vendor.ID, query url.Values) tea.Cmd {
	q := query.Encode()
	return func() tea.Msg {
		filter := url.Values{"vendor": {string(v)}}
		for k, vs := range query {
			filter[k] = vs
		}
		x := c.get(WebhooksPath + "?" + filter.Encode())
		msg := WebhooksMsg{Vendor: v, Query: q, Err: x.Err}
		if x.Err == nil && x.Status != http.StatusOK {
			msg.Err = fmt.Errorf("%s answered %d", WebhooksPath, x.Status)
		}
		if msg.Err == nil {
			var out struct {
				Deliveries []sandbox.WebhookDelivery `json:"deliveries"`
			}
			if err := json.Unmarshal(x.Body, &out); err != nil {
				msg.Err = fmt.Errorf("%s: %w", WebhooksPath, err)
			}
			msg.Deliveries = out.Deliveries
		}
		return msg
	}
}
