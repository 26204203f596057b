package checkout

import (
	"fmt"
	"net/url"

	"charm.land/bubbles/v2/key"
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
	// pane's list is the sessions made this session; its hooks the
	// session's webhooks.
	pane
	keys sessionKeys

	// id is the session open ("" for the list); state its last known
	// state.
	id    string
	state *solifyn.CheckoutState
	// form is the customer and the card, open while typed in; paying is
	// its card while its details are sent, before the payment.
	form   *payForm
	paying string
}

// NewSessions returns Solifyn's checkout pane; it calls the sandbox as session.
func NewSessions(session *client.Session) *Sessions {
	return &Sessions{keys: newSessionKeys(), pane: newPane(session,
		newRecentList("session", "session id, session_id or checkout_url", solifyn.CheckoutIDOf),
		newWebhookList(vendor.Solifyn, "payment_id", "payment"))}
}

// Capturing reports whether the id field or the form has the keyboard.
func (m *Sessions) Capturing() bool { return m.form != nil || m.id == "" && m.list.Typing() }

// SetSize sets the pane's size.
func (m *Sessions) SetSize(width, height int) {
	m.resize(width, height)
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
	if cmd, done := m.heard(msg, m.open, m.layout); done {
		return cmd
	}
	if msg, ok := msg.(client.SessionMsg); ok {
		if msg.ID != m.id {
			return nil // an answer about a session no longer open
		}
		return m.answer(msg)
	}
	switch {
	case m.form != nil:
		return m.updateForm(msg)
	case m.id == "":
		return m.updateList(msg, m.open)
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
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, k.Back):
			m.id, m.state = "", nil
			m.hooks.Stop()
			return nil
		case key.Matches(kp, k.Refresh):
			return m.call(client.SessionState, nil)
		case key.Matches(kp, k.Copy):
			u := m.local()
			return tea.Batch(tea.SetClipboard(u), ui.Status("copied "+u))
		case key.Matches(kp, k.Pay):
			return m.startForm()
		}
	}
	return m.scrollBody(msg)
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
}

func newSessionKeys() sessionKeys {
	return sessionKeys{
		Pay:     key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter/c", "customer and card, then pay")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the session and its webhooks again")),
		Copy:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the hosted checkout's URL")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the sessions")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the session")),
	}
}
