package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// The sandbox's checkout JSON API, and its webhook list.
const (
	CheckoutPrefix = noventiq.CheckoutStatePath
	WebhooksPath   = "/_sandbox/webhooks"
)

// The actions of the checkout API: POST CheckoutPrefix + id + "/" + action.
const (
	ActionState      = "" // GET the state
	ActionUpsell     = "upsell"
	ActionExitIntent = "exit-intent"
	ActionCustomer   = "customer"
	ActionOrder      = "order"
)

// CheckoutPath is the path of an action on a link's checkout.
func CheckoutPath(externalID, action string) string {
	p := CheckoutPrefix + url.PathEscape(externalID)
	if action != ActionState {
		p += "/" + action
	}
	return p
}

// BrowserURL is the address that opens a link's checkout page in a
// browser: the page of any buy link opens on the sandbox's own address.
func (c *Client) BrowserURL(externalID string) string {
	return c.Base + noventiq.CheckoutPagePath(externalID)
}

// Link returns the buy link and external id of a successful
// generate_buy_link exchange.
func Link(x Exchange) (buyLink, externalID string, ok bool) {
	var out struct {
		BuyLink    string `json:"buy_link"`
		ExternalID string `json:"external_id"`
	}
	if x.Err != nil || x.Status != http.StatusOK || json.Unmarshal(x.Body, &out) != nil || out.ExternalID == "" {
		return "", "", false
	}
	return out.BuyLink, out.ExternalID, true
}

// CheckoutMsg is the sandbox's answer to a checkout call: the link's state,
// or why the call was refused.
type CheckoutMsg struct {
	ExternalID string
	// Action is what was asked (ActionState for a GET).
	Action string
	// Status is the HTTP status; 0 when the request did not get an answer.
	Status int
	// State is the link's state after the call, on a 200.
	State *noventiq.CheckoutState
	// Err is the sandbox's error text ("invalid fields", "…offer is
	// pending…") or the transport's; Fields the problems of a refused
	// customer form or card, by field name.
	Err    string
	Fields map[string]string
}

// Checkout returns a command that calls an action on a link's checkout:
// ActionState is a GET, the others POST body as JSON (nil sends no body).
func (c *Client) Checkout(externalID, action string, body any) tea.Cmd {
	return func() tea.Msg {
		r := Request{Method: http.MethodGet, Path: CheckoutPath(externalID, action)}
		if action != ActionState {
			r.Method = http.MethodPost
			if body != nil {
				b, err := json.Marshal(body)
				if err != nil {
					return CheckoutMsg{ExternalID: externalID, Action: action, Err: err.Error()}
				}
				r.Body, r.Header = b, http.Header{"Content-Type": {"application/json"}}
			}
		}
		return checkoutAnswer(externalID, action, c.Do(context.Background(), r))
	}
}

func checkoutAnswer(externalID, action string, x Exchange) CheckoutMsg {
	msg := CheckoutMsg{ExternalID: externalID, Action: action, Status: x.Status}
	switch {
	case x.Err != nil:
		msg.Err = x.Err.Error()
	case x.Status == http.StatusOK:
		var st noventiq.CheckoutState
		if err := json.Unmarshal(x.Body, &st); err != nil {
			msg.Err = "the state is not JSON: " + err.Error()
			break
		}
		msg.State = &st
	default:
		var e struct {
			Error  string            `json:"error"`
			Fields map[string]string `json:"fields"`
		}
		if json.Unmarshal(x.Body, &e) != nil || e.Error == "" {
			e.Error = fmt.Sprintf("%d %s", x.Status, http.StatusText(x.Status))
		}
		msg.Err, msg.Fields = e.Error, e.Fields
	}
	return msg
}

// WebhooksMsg carries the webhook deliveries of an order.
type WebhooksMsg struct {
	OrderID    int64
	Deliveries []sandbox.WebhookDelivery
	Err        error
}

// Webhooks returns a command that lists the webhooks of an order.
func (c *Client) Webhooks(orderID int64) tea.Cmd {
	return func() tea.Msg {
		path := WebhooksPath + "?order_id=" + strconv.FormatInt(orderID, 10)
		x := c.Do(context.Background(), Request{Method: http.MethodGet, Path: path})
		msg := WebhooksMsg{OrderID: orderID, Err: x.Err}
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
