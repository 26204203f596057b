package checkout

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
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Orders is 2Checkout's checkout pane: orders as the sandbox keeps them,
// and their IPNs.
type Orders struct {
	session *client.Session
	keys    orderKeys
	// list is the orders made this session, and the RefNo field.
	list *recentList

	// refNo is the order open ("" for the list); view its last known
	// view; busy while a call is under way; problem the last failure.
	refNo   string
	view    *twocheckout.OrderView
	busy    bool
	problem string
	// ipn are the order's IPNs.
	ipn *webhookList

	body          viewport.Model
	width, height int
}

// NewOrders returns 2Checkout's checkout pane; it calls the sandbox as session.
func NewOrders(session *client.Session) *Orders {
	m := &Orders{session: session, keys: newOrderKeys(), body: viewport.New(),
		list: newRecentList("order", "RefNo of an order", strings.TrimSpace),
		ipn:  newWebhookList(vendor.TwoCheckout, twocheckout.SubjectStatus, "status")}
	m.body.KeyMap = viewport.KeyMap{} // the pane's keys scroll it
	return m
}

// Init does nothing: orders arrive as they are placed.
func (m *Orders) Init() tea.Cmd { return nil }

// Title names the pane.
func (m *Orders) Title() string { return "Checkout" }

// Capturing reports whether the RefNo field has the keyboard.
func (m *Orders) Capturing() bool { return m.refNo == "" && m.list.Typing() }

// SetSize sets the pane's size.
func (m *Orders) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
	m.layout()
}

// Open returns the RefNo of the order open ("" for none) and its last
// known view.
func (m *Orders) Open() (string, *twocheckout.OrderView) { return m.refNo, m.view }

// IPNs returns the IPNs of the order open, as last read.
func (m *Orders) IPNs() []sandbox.WebhookDelivery { return m.ipn.Deliveries() }

// ipnOf is the filter of an order's IPNs.
func ipnOf(refNo string) url.Values { return url.Values{twocheckout.SubjectRefNo: {refNo}} }

// Update handles a message.
func (m *Orders) Update(msg tea.Msg) tea.Cmd {
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
func (m *Orders) open(refNo string) tea.Cmd {
	m.refNo, m.view, m.problem = refNo, nil, ""
	m.ipn.Stop()
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
	read := m.ipn.Watch(m.session.Client, ipnOf(m.refNo))
	if msg.Completed {
		o := msg.View.Order
		return tea.Batch(read, ui.Status(fmt.Sprintf("order %s: %s · %s", o.RefNo, o.Status, o.ApproveStatus)))
	}
	return read
}

func (m *Orders) updateOrder(msg tea.Msg) tea.Cmd {
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

type orderKeys struct {
	Complete, Refresh, Back key.Binding
	Scroll                  ui.ScrollKeys
}

func newOrderKeys() orderKeys {
	return orderKeys{
		Complete: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "complete it now")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the order and its IPNs again")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the orders")),
		Scroll:   ui.NewScrollKeys(),
	}
}
