package checkout

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

type mode int

const (
	modeLinks mode = iota // the links of the session, and typing an id
	modeLink              // one link open
	modeForm              // its customer and payment form
)

// Links is Noventiq's checkout pane: buy links opened as their customer
// would open them in a browser.
type Links struct {
	// pane's list is the links made this session; its hooks the webhooks
	// of the link's order.
	pane
	keys linkKeys
	mode mode

	// id is the link open; state its last known state (nil until the
	// first answer).
	id    string
	state *noventiq.CheckoutState
	// choice is the offer product under the modal's cursor.
	choice int

	form *customerForm
	// problems are the sandbox's problems with the customer form or the
	// card, by field.
	problems map[string]string
}

// NewLinks returns Noventiq's checkout pane; it calls the sandbox as session.
func NewLinks(session *client.Session) *Links {
	return &Links{keys: newLinkKeys(), pane: newPane(session,
		newRecentList("link", "external id or buy link", noventiq.LinkID),
		newWebhookList(vendor.Noventiq, "product_id", "product"))}
}

// Capturing reports whether the id field or the customer form has the
// keyboard.
func (m *Links) Capturing() bool { return m.list.Typing() || m.mode == modeForm }

// SetSize sets the pane's size.
func (m *Links) SetSize(width, height int) {
	m.resize(width, height)
	m.layout()
	if m.form != nil {
		m.form.resize(width, m.formHeight())
	}
}

// Open returns the external id of the link open ("" for none) and its
// last known state.
func (m *Links) Open() (string, *noventiq.CheckoutState) { return m.id, m.state }

// Webhooks returns the deliveries of the open link's order, as last read.
func (m *Links) Webhooks() []sandbox.WebhookDelivery { return m.hooks.Deliveries() }

// Problem returns the last refusal shown, and the problems by field of
// the customer form.
func (m *Links) Problem() (string, map[string]string) { return m.problem, m.problems }

// Update handles a message.
func (m *Links) Update(msg tea.Msg) tea.Cmd {
	if cmd, done := m.heard(msg, m.open, m.layout); done {
		return cmd
	}
	if msg, ok := msg.(client.CheckoutMsg); ok {
		if msg.ExternalID != m.id {
			return nil // an answer about a link no longer open
		}
		return m.answer(msg)
	}
	switch m.mode {
	case modeForm:
		return m.updateForm(msg)
	case modeLink:
		return m.updateLink(msg)
	}
	return m.updateList(msg, m.open)
}

// open shows a link and asks for its state.
func (m *Links) open(id string) tea.Cmd {
	m.mode = modeLink
	m.id, m.state, m.problem, m.problems, m.form = id, nil, "", nil, nil
	m.hooks.Stop()
	m.layout()
	return m.call(client.ActionState, nil)
}

// call sends an action on the open link.
func (m *Links) call(action string, body any) tea.Cmd {
	m.busy = true
	return m.session.Client.Checkout(m.id, action, body)
}

// answer applies the sandbox's answer about the open link.
func (m *Links) answer(msg client.CheckoutMsg) tea.Cmd {
	m.busy = false
	if msg.State == nil {
		return m.refused(msg)
	}
	before := m.state
	m.state, m.problem = msg.State, ""
	if before == nil || before.PendingOffer != m.state.PendingOffer {
		m.choice = 0
	}
	m.layout()
	var fetch tea.Cmd
	if o := m.state.Order; o != nil && (!m.hooks.Watching(linkHooksOf(o.ID)) || msg.Action == client.ActionOrder || msg.Action == client.ActionState) {
		fetch = m.hooks.Watch(m.session.Client, linkHooksOf(o.ID))
	}
	switch msg.Action {
	case client.ActionUpsell:
		return tea.Batch(fetch, ui.Status(offerAnswered(before, m.state)))
	case client.ActionExitIntent:
		if m.state.PendingOffer == noventiq.ExitOffer {
			return ui.Status("the exit offer applies: it shows now")
		}
		return ui.Status(exitVerdict(m.state))
	case client.ActionCustomer:
		m.problems = nil
		if m.form == nil { // not sent from the form: nothing to pay with
			return fetch
		}
		return m.call(client.ActionOrder, map[string]string{"card": m.form.card})
	case client.ActionOrder:
		m.problems = nil
		o := m.state.Order
		return tea.Batch(fetch, ui.Status(fmt.Sprintf("order %s (%d): %s", o.Name, o.ID, o.Status)))
	}
	return fetch
}

// refused shows why a call failed: the problems of the customer form (or
// the card) in the form again, anything else above the link.
func (m *Links) refused(msg client.CheckoutMsg) tea.Cmd {
	if len(msg.Fields) > 0 && m.form != nil {
		m.problems = msg.Fields
		m.form = newCustomerForm(m.state, m.form, m.problems, m.width, m.formHeight())
		m.mode = modeForm
		return tea.Batch(m.form.form.Init(), ui.Problem(fmt.Sprintf("the sandbox refused %d field(s): %s", len(msg.Fields), fieldNames(msg.Fields))))
	}
	what := msg.Action
	if what == client.ActionState {
		what = "open"
	}
	m.problem = fmt.Sprintf("%s: %s", what, msg.Err)
	if msg.Status != 0 {
		m.problem = fmt.Sprintf("%s: %d %s", what, msg.Status, msg.Err)
	}
	m.layout()
	return ui.Problem("link " + m.id + ": " + m.problem)
}

// linkHooksOf is the filter of an order's webhooks.
func linkHooksOf(orderID int64) url.Values {
	return url.Values{"order_id": {strconv.FormatInt(orderID, 10)}}
}

// updateLink handles a link open, with its offer modal when an offer is
// pending.
func (m *Links) updateLink(msg tea.Msg) tea.Cmd {
	k := m.keys
	if offer := m.pending(); offer != nil {
		kp, ok := msg.(tea.KeyPressMsg)
		if !ok {
			return nil
		}
		switch {
		case key.Matches(kp, k.Accept):
			choice := offer.Products[m.choice].Index
			return m.call(client.ActionUpsell, map[string]any{"offer": m.state.PendingOffer, "choice": &choice})
		case key.Matches(kp, k.Decline):
			return m.call(client.ActionUpsell, map[string]any{"offer": m.state.PendingOffer, "choice": nil})
		case key.Matches(kp, k.Choose):
			if kp.String() == "up" || kp.String() == "k" {
				m.choice = max(0, m.choice-1)
			} else {
				m.choice = min(len(offer.Products)-1, m.choice+1)
			}
		case key.Matches(kp, k.Refresh):
			return m.call(client.ActionState, nil)
		case key.Matches(kp, k.Copy):
			return m.copyURL()
		}
		return nil
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, k.Back):
			m.mode = modeLinks
			return nil
		case key.Matches(kp, k.Refresh):
			return m.call(client.ActionState, nil)
		case key.Matches(kp, k.Copy):
			return m.copyURL()
		case m.state == nil:
			return nil
		case key.Matches(kp, k.Leave):
			return m.call(client.ActionExitIntent, nil)
		case key.Matches(kp, k.Continue):
			return m.startForm()
		}
	}
	return m.scrollBody(msg)
}

// pending returns the offer the modal shows, or nil.
func (m *Links) pending() *noventiq.OfferView {
	if m.state == nil || m.state.PendingOffer == "" {
		return nil
	}
	o, ok := m.state.Offers[m.state.PendingOffer]
	if !ok || len(o.Products) == 0 {
		return nil
	}
	return &o
}

func (m *Links) copyURL() tea.Cmd {
	u := m.session.Client.BrowserURL(m.id)
	return tea.Batch(tea.SetClipboard(u), ui.Status("copied "+u))
}

// startForm opens the customer and payment form, pre-filled.
func (m *Links) startForm() tea.Cmd {
	switch {
	case m.busy:
		return nil // the answer first: the customer may be on its way
	case m.state.Order != nil:
		return ui.Problem("this link already has its order: one link, one order")
	}
	m.form = newCustomerForm(m.state, nil, nil, m.width, m.formHeight())
	m.mode = modeForm
	return m.form.form.Init()
}

func (m *Links) updateForm(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.form.Update(msg)
	if hf, ok := f.(*huh.Form); ok {
		m.form.form = hf
	}
	switch m.form.form.State {
	case huh.StateCompleted:
		m.mode = modeLink
		return m.call(client.ActionCustomer, m.form.input())
	case huh.StateAborted:
		m.mode = modeLink
		return nil
	}
	return cmd
}

// offerAnswered says what an answer to an offer did.
func offerAnswered(before, after *noventiq.CheckoutState) string {
	if before == nil || before.PendingOffer == "" {
		return "the offer was answered"
	}
	kind := before.PendingOffer
	o := after.Offers[kind]
	if o.State == noventiq.Accepted && o.Choice != nil && *o.Choice < len(o.Products) {
		return fmt.Sprintf("%s offer accepted: %s replaces product %d", kind, o.Products[*o.Choice].NameForUpsell, o.ProductID)
	}
	return fmt.Sprintf("%s offer declined", kind)
}

// exitVerdict says why trying to leave showed no exit offer.
func exitVerdict(st *noventiq.CheckoutState) string {
	o, ok := st.Offers[noventiq.ExitOffer]
	switch {
	case !ok:
		return "no exit offer: the request sent no upsell_exit"
	case o.State == noventiq.Suppressed:
		return "no exit offer: it is suppressed (a product was replaced, or the link has its order)"
	case o.State == noventiq.Accepted || o.State == noventiq.Declined:
		return "no exit offer: it was already shown (" + string(o.State) + ")"
	case st.Order != nil:
		return "no exit offer: the link has its order"
	}
	return "no exit offer now: another offer is showing"
}

func fieldNames(fields map[string]string) string {
	return strings.Join(slices.Sorted(maps.Keys(fields)), ", ")
}

type linkKeys struct {
	// A link.
	Continue, Leave, Refresh, Copy, Back key.Binding
	// The offer modal.
	Choose, Accept, Decline key.Binding
	// The customer form.
	Cancel key.Binding
}

func newLinkKeys() linkKeys {
	return linkKeys{
		Continue: key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter/c", "customer and payment")),
		Leave:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "try to leave (exit intent)")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh state and webhooks")),
		Copy:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the browser URL")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the links")),
		Choose:   key.NewBinding(key.WithKeys("up", "k", "down", "j"), key.WithHelp("↑/↓", "choose a product")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept the offer")),
		Decline:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, thanks")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the link")),
	}
}
