package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// OrderMsg is the sandbox's view of a 2Checkout order (GET
// /_sandbox/twocheckout/orders/{RefNo}, or its POST …/complete), or why
// it could not be read.
type OrderMsg struct {
	RefNo string
	// Completed says the order was asked to complete.
	Completed bool
	// Status is the HTTP status; 0 when the request got no answer.
	Status int
	View   *twocheckout.OrderView
	Err    string
}

// ForVendor names the vendor the order is of.
func (OrderMsg) ForVendor() vendor.ID { return vendor.TwoCheckout }

// Order returns a command that reads an order as the control API shows
// it, or completes it now.
func (c *Client) Order(refNo string, complete bool) tea.Cmd {
	return func() tea.Msg {
		r := Request{Method: http.MethodGet, Path: twocheckout.OrdersControlPath + url.PathEscape(refNo)}
		if complete {
			r.Method, r.Path = http.MethodPost, r.Path+"/complete"
		}
		x := c.Do(context.Background(), r)
		msg := OrderMsg{RefNo: refNo, Completed: complete, Status: x.Status}
		var view twocheckout.OrderView
		switch {
		case x.Err != nil || x.Status != http.StatusOK:
			msg.Err = controlError(x)
		case json.Unmarshal(x.Body, &view) != nil:
			msg.Err = "the order is not JSON"
		default:
			msg.View = &view
		}
		return msg
	}
}
