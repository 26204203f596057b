package checkout

import (
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Orders is 2Checkout's checkout pane: orders as the sandbox keeps them,
// and their IPNs.
type Orders struct {
	// pane's list is the orders made this session, with the RefNo field;
	// its hooks the order's IPNs.
	pane
	keys orderKeys

	// refNo is the order open ("" for the list); view its last known
	// view.
	refNo string
	view  *twocheckout.OrderView
}

// NewOrders returns 2Checkout's checkout pane; it calls the sandbox as session.
func NewOrders(session *client.Session) *Orders {
	return &Orders{keys: newOrderKeys(), pane: newPane(session,
		newRecentList("order", "RefNo of an order", strings.TrimSpace),
		newWebhookList(vendor.TwoCheckout, twocheckout.SubjectStatus, "status"))}
}

// Capturing reports whether the RefNo field has the keyboard.
func (m *Orders) Capturing() bool { return m.refNo == "" && m.list.Typing() }

// SetSize sets the pane's size.
func (m *Orders) SetSize(width, height int) {
	m.resize(width, height)
	m.layout()
}

// Open returns the RefNo of the order open ("" for none) and its last
// known view.
func (m *Orders) Open() (string, *twocheckout.OrderView) { return m.refNo, m.view }

// IPNs returns the IPNs of the order open, as last read.
func (m *Orders) IPNs() []sandbox.WebhookDelivery { return m.hooks.Deliveries() }

// ipnOf is the filter of an order's IPNs.
func ipnOf(refNo string) url.Values { return url.Values{twocheckout.SubjectRefNo: {refNo}} }

// Update handles a message.
func (m *Orders) Update(msg tea.Msg) tea.Cmd {
	if cmd, done := m.heard(msg, m.open, m.layout); done {
		return cmd
	}
	if msg, ok := msg.(client.OrderMsg); ok {
		if msg.RefNo != m.refNo {
			return nil // an answer about an order no longer open
		}
		return m.answer(msg)
	}
	if m.refNo == "" {
		return m.updateList(msg, m.open)
	}
	return m.updateOrder(msg)
}

// open shows an order and reads it.
func (m *Orders) open(refNo string) tea.Cmd {
	m.refNo, m.view, m.problem = refNo, nil, ""
	m.hooks.Stop()
	m.layout()
	return m.call(false)
}

// call reads the order open, or completes it.
func (m *Orders) call(complete bool) tea.Cmd {
	m.busy = true
	return m.session.Client.Order(m.refNo, complete)
}

// answer applies the sandbox's view of the order open, then reads its
// IPNs.
func (m *Orders) answer(msg client.OrderMsg) tea.Cmd {
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
	read := m.hooks.Watch(m.session.Client, ipnOf(m.refNo))
	if msg.Completed {
		o := msg.View.Order
		return tea.Batch(read, ui.Status(fmt.Sprintf("order %s: %s · %s", o.RefNo, o.Status, o.ApproveStatus)))
	}
	return read
}

func (m *Orders) updateOrder(msg tea.Msg) tea.Cmd {
	k := m.keys
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, k.Back):
			m.refNo, m.view = "", nil
			m.hooks.Stop()
			return nil
		case key.Matches(kp, k.Refresh):
			return m.call(false)
		case key.Matches(kp, k.Complete):
			if m.view != nil && m.view.Order.Status == twocheckout.StatusComplete {
				return ui.Problem("order " + m.refNo + " is complete already")
			}
			return m.call(true)
		}
	}
	return m.scrollBody(msg)
}

type orderKeys struct {
	Complete, Refresh, Back key.Binding
}

func newOrderKeys() orderKeys {
	return orderKeys{
		Complete: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "complete it now")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the order and its IPNs again")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the orders")),
	}
}
