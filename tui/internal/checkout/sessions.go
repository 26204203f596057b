package checkout

import (
	"fmt"
	"net/url"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Sessions is Solifyn's checkout pane: checkout sessions walked to a paid
// order through the hosted checkout's JSON twin.
type Sessions struct {
	session *client.Session
	keys    sessionKeys
	// list is the sessions made this session, and the id field.
	list *recentList

	// id is the session open ("" for the list); state its last known
	// state; busy while a call is under way; problem the last refusal.
	id      string
	state   *solifyn.CheckoutState
	busy    bool
	problem string
	// form is the customer and the card, open while typed in; paying is
	// its card while its details are sent, before the payment.
	form   *payForm
	paying string
	// hooks are the session's webhooks.
	hooks *webhookList

	body          viewport.Model
	width, height int
}

// NewSessions returns Solifyn's checkout pane; it calls the sandbox as session.
func NewSessions(session *client.Session) *Sessions {
	m := &Sessions{session: session, keys: newSessionKeys(), body: viewport.New(),
		list:  newRecentList("session", "session id, session_id or checkout_url", solifyn.CheckoutIDOf),
		hooks: newWebhookList(vendor.Solifyn, "payment_id", "payment")}
	m.body.KeyMap = viewport.KeyMap{} // the pane's keys scroll it
	return m
}

// Init does nothing: sessions arrive as they are made.
func (m *Sessions) Init() tea.Cmd { return nil }

// Title names the pane.
func (m *Sessions) Title() string { return "Checkout" }

// Capturing reports whether the id field or the form has the keyboard.
func (m *Sessions) Capturing() bool { return m.form != nil || m.id == "" && m.list.Typing() }

// SetSize sets the pane's size.
func (m *Sessions) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
	m.layout()
	if m.form != nil {
		m.form.resize(width, m.formHeight())
	}
}

// Open returns the id of the session open ("" for none) and its last
// known state.
func (m *Sessions) Open() (string, *solifyn.CheckoutState) { return m.id, m.state }

// Webhooks returns the webhooks of the session open, as last read.
func (m *Sessions) Webhooks() []sandbox.WebhookDelivery { return m.hooks.Deliveries() }

// sessionHooksOf is the filter of a session's webhooks.
func sessionHooksOf(st *solifyn.CheckoutState) url.Values {
	return url.Values{"session_id": {st.SessionID}}
}

// Update handles a message.
func (m *Sessions) Update(msg tea.Msg) tea.Cmd {
	if id, heard := m.list.Heard(msg); heard {
		if id != "" {
			return m.open(id)
		}
		return nil
	}
	if msg, ok := msg.(client.SessionMsg); ok {
		if msg.ID != m.id {
			return nil // an answer about a session no longer open
		}
		return m.answer(msg)
	}
	if cmd, mine := m.hooks.Update(m.session.Client, msg); mine {
		m.layout()
		return cmd
	}
	switch {
	case m.form != nil:
		return m.updateForm(msg)
	case m.id == "":
		id, cmd := m.list.Update(msg)
		if id != "" {
			return m.open(id)
		}
		return cmd
	}
	return m.updateSession(msg)
}

// open shows a session and reads its state.
func (m *Sessions) open(id string) tea.Cmd {
	m.id, m.state, m.problem, m.form = id, nil, "", nil
	m.hooks.Stop()
	m.layout()
	return m.call(client.SessionState, nil)
}

// call sends an action on the session open.
func (m *Sessions) call(action string, body any) tea.Cmd {
	m.busy = true
	return m.session.Client.Session(m.id, action, body)
}

// answer applies the twin's answer: the customer's details sent, it pays;
// paid, it reads the webhooks.
func (m *Sessions) answer(msg client.SessionMsg) tea.Cmd {
	m.busy = false
	card := m.paying
	m.paying = ""
	if msg.State == nil {
		what := map[string]string{client.SessionState: "open", client.SessionCustomer: "customer", client.SessionPay: "pay"}[msg.Action]
		m.problem = what + ": " + msg.Err
		m.layout()
		return ui.Problem("session " + m.id + ": " + m.problem)
	}
	m.state, m.problem = msg.State, ""
	m.layout()
	watch := m.hooks.Watch(m.session.Client, sessionHooksOf(m.state))
	switch msg.Action {
	case client.SessionCustomer:
		if card == "" {
			return watch
		}
		return m.call(client.SessionPay, solifyn.PayRequest{Card: card})
	case client.SessionPay:
		st := m.state
		said := fmt.Sprintf("session %s: %s", st.ID, st.Status)
		if st.Order != nil {
			said += " · order " + st.Order.ID
		}
		if st.FailureMessage != "" {
			return tea.Batch(watch, ui.Problem(said+": "+st.FailureMessage))
		}
		return tea.Batch(watch, ui.Status(said))
	}
	return watch
}

func (m *Sessions) updateSession(msg tea.Msg) tea.Cmd {
	k := m.keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			m.id, m.state = "", nil
			m.hooks.Stop()
		case key.Matches(msg, k.Refresh):
			return m.call(client.SessionState, nil)
		case key.Matches(msg, k.Copy):
			u := m.local()
			return tea.Batch(tea.SetClipboard(u), ui.Status("copied "+u))
		case key.Matches(msg, k.Pay):
			return m.startForm()
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

// startForm opens the customer and card form, pre-filled from the state.
func (m *Sessions) startForm() tea.Cmd {
	switch {
	case m.state == nil:
		return nil
	case m.busy:
		return nil // the answer first
	case m.state.Status != solifyn.StatusPending:
		return ui.Problem("this session is " + m.state.Status + ": only a pending session pays")
	}
	m.form = newPayForm(m.state, m.width, m.formHeight())
	return m.form.form.Init()
}

func (m *Sessions) updateForm(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.form.Update(msg)
	if hf, ok := f.(*huh.Form); ok {
		m.form.form = hf
	}
	switch m.form.form.State {
	case huh.StateCompleted:
		in := m.form.customer()
		m.paying, m.form = m.form.card, nil
		return m.call(client.SessionCustomer, in)
	case huh.StateAborted:
		m.form = nil
	}
	return cmd
}

type sessionKeys struct {
	Pay, Refresh, Copy, Back, Cancel key.Binding
	Scroll                           ui.ScrollKeys
}

func newSessionKeys() sessionKeys {
	return sessionKeys{
		Pay:     key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter/c", "customer and card, then pay")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the session and its webhooks again")),
		Copy:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the hosted checkout's URL")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the sessions")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the session")),
		Scroll:  ui.NewScrollKeys(),
	}
}
