// Package orders is the workbench's checkout pane for 2Checkout: the
// orders placeOrder made this session (or any, typed by RefNo), each as the
// sandbox's control API shows it (GET /_sandbox/twocheckout/orders/{RefNo}):
// its status and when the sandbox clock completes it, its items and
// totals, the buyer and the card; c completes it now (POST …/complete).
// Under it, its IPNs, read from GET /_sandbox/webhooks?vendor=twocheckout
// &refno=… (again every second while one is pending): each status change's
// ORDERSTATUS, its state and attempts, and the latest IPN's form, field by
// field.
package orders

import (
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/hooks"
	"github.com/flashcart/flashcart/tui/internal/recent"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Model is the orders pane.
type Model struct {
	session *client.Session
	keys    keyMap
	// list is the orders made this session, and the RefNo field.
	list *recent.Model

	// refNo is the order open ("" for the list); view its last known
	// view; busy while a call is under way; problem the last failure.
	refNo   string
	view    *twocheckout.OrderView
	busy    bool
	problem string
	// ipn are the order's IPNs.
	ipn *hooks.List

	body          viewport.Model
	width, height int
}

// New returns the orders pane; it calls the sandbox as session.
func New(session *client.Session) *Model {
	m := &Model{session: session, keys: newKeyMap(), body: viewport.New(),
		list: recent.New("order", "RefNo of an order", strings.TrimSpace),
		ipn:  hooks.New(vendor.TwoCheckout, twocheckout.SubjectStatus, "status")}
	m.body.KeyMap = viewport.KeyMap{} // the pane's keys scroll it
	return m
}

// Init does nothing: orders arrive as they are placed.
func (m *Model) Init() tea.Cmd { return nil }

// Title names the pane.
func (m *Model) Title() string { return "Checkout" }

// Capturing reports whether the RefNo field has the keyboard.
func (m *Model) Capturing() bool { return m.refNo == "" && m.list.Typing() }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
	m.layout()
}

// Open returns the RefNo of the order open ("" for none) and its last
// known view.
func (m *Model) Open() (string, *twocheckout.OrderView) { return m.refNo, m.view }

// IPNs returns the IPNs of the order open, as last read.
func (m *Model) IPNs() []sandbox.WebhookDelivery { return m.ipn.Deliveries() }

// ipnOf is the filter of an order's IPNs.
func ipnOf(refNo string) url.Values { return url.Values{twocheckout.SubjectRefNo: {refNo}} }

// Update handles a message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if refNo, heard := m.list.Heard(msg); heard {
		if refNo != "" {
			return m.open(refNo)
		}
		return nil
	}
	if msg, ok := msg.(client.OrderMsg); ok {
		if msg.RefNo != m.refNo {
			return nil // an answer about an order no longer open
		}
		return m.answer(msg)
	}
	if cmd, mine := m.ipn.Update(m.session.Client, msg); mine {
		m.layout()
		return cmd
	}
	if m.refNo == "" {
		refNo, cmd := m.list.Update(msg)
		if refNo != "" {
			return m.open(refNo)
		}
		return cmd
	}
	return m.updateOrder(msg)
}

// open shows an order and reads it.
func (m *Model) open(refNo string) tea.Cmd {
	m.refNo, m.view, m.problem = refNo, nil, ""
	m.ipn.Stop()
	m.layout()
	return m.call(false)
}

// call reads the order open, or completes it.
func (m *Model) call(complete bool) tea.Cmd {
	m.busy = true
	return m.session.Client.Order(m.refNo, complete)
}

// answer applies the sandbox's view of the order open, then reads its
// IPNs.
func (m *Model) answer(msg client.OrderMsg) tea.Cmd {
	m.busy = false
	if msg.View == nil {
		what := "open"
		if msg.Completed {
			what = "complete"
		}
		m.problem = what + ": " + msg.Err
		m.layout()
		return ui.Problem("order " + m.refNo + ": " + m.problem)
	}
	m.view, m.problem = msg.View, ""
	m.layout()
	read := m.ipn.Watch(m.session.Client, ipnOf(m.refNo))
	if msg.Completed {
		o := msg.View.Order
		return tea.Batch(read, ui.Status(fmt.Sprintf("order %s: %s · %s", o.RefNo, o.Status, o.ApproveStatus)))
	}
	return read
}

func (m *Model) updateOrder(msg tea.Msg) tea.Cmd {
	k := m.keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			m.refNo, m.view = "", nil
			m.ipn.Stop()
			return nil
		case key.Matches(msg, k.Refresh):
			return m.call(false)
		case key.Matches(msg, k.Complete):
			if m.view != nil && m.view.Order.Status == twocheckout.StatusComplete {
				return ui.Problem("order " + m.refNo + " is complete already")
			}
			return m.call(true)
		default:
			k.Scroll.Scroll(msg, &m.body)
		}
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		m.body, cmd = m.body.Update(msg)
		return cmd
	}
	return nil
}
