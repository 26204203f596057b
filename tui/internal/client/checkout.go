package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// CheckoutPrefix is the sandbox's checkout JSON API of Noventiq's links.
const CheckoutPrefix = noventiq.CheckoutStatePath

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

// ForVendor names the vendor the answer is for.
func (CheckoutMsg) ForVendor() vendor.ID { return vendor.Noventiq }

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
