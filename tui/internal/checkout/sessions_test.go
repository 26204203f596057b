package checkout

import (
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/tuitest"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// newSessionsPane returns the pane on a fresh sandbox, its session the default
// business's, and a checkout session it heard of, made for product.
func newSessionsPane(t *testing.T, product string) (*Sessions, client.Made) {
	t.Helper()
	_, s := tuitest.StartVendor(t, vendor.Solifyn)
	m := NewSessions(s)
	m.SetSize(120, 37)
	x := tuitest.Msg(t, s.Send(client.BodyCall(solifyn.CreateBody, []byte(`{"productId":"`+product+`"}`)))).(client.ExchangeMsg)
	made, ok := client.MadeBy(x.Exchange)
	if !ok {
		t.Fatalf("no session: %d %s", x.Exchange.Status, x.Exchange.Body)
	}
	said(m, x)
	return m, made
}

func TestASessionPaidThroughTheHostedCheckoutAndItsWebhooks(t *testing.T) {
	m, made := newSessionsPane(t, "prod_CustomF1eldsX")
	if s := screen(m); !strings.Contains(s, made.ID) {
		t.Fatalf("the sessions of the session:\n%s", s)
	}
	said(m, tuitest.Keys("enter")...)
	id, st := m.Open()
	if id != made.ID || st == nil || st.Status != solifyn.StatusPending {
		t.Fatalf("open: %s %+v", id, st)
	}
	s := screen(m)
	for _, want := range []string{"Session " + made.ID + " pending", "Flashcart Demo Store", "hosted checkout (y copies)", "  http://", "/checkout/test/",
		"Community Access", "49 USD", "Discord Username* —", "none yet: enter (or c) fills it in"} {
		if !strings.Contains(s, want) {
			t.Errorf("the session lacks %q:\n%s", want, s)
		}
	}
	said(m, tuitest.Keys("enter")...)
	if !m.Capturing() || !strings.Contains(screen(m), "Pay — the hosted checkout") {
		t.Fatalf("no form:\n%s", screen(m))
	}
	// email, name, country, Discord Username, Company Name, card.
	keys := tuitest.Keys("ada@example.com", "enter", "Ada Lovelace", "enter", "FR", "enter", "ada#1234", "enter", "enter", "enter")
	for _, k := range keys {
		said(m, k)
	}
	_, st = m.Open()
	if st == nil || st.Status != solifyn.StatusPaid || st.Order == nil || st.CustomerEmail != "ada@example.com" || st.CustomFields[0].Value != "ada#1234" {
		t.Fatalf("paid: %+v\n%s", st, screen(m))
	}
	var events []string
	for _, d := range m.Webhooks() {
		events = append(events, d.Event)
	}
	if strings.Join(events, " ") != "payment.created payment.succeeded" {
		t.Errorf("webhooks %v", events)
	}
	s = screen(m)
	for _, want := range []string{" paid ", "── order", st.Order.ID, "webhooks (2)", "payment.succeeded", "no_receiver"} {
		if !strings.Contains(s, want) {
			t.Errorf("the paid session lacks %q:\n%s", want, s)
		}
	}
	if said := said(m, tuitest.Keys("c")...); len(said) != 1 || !said[0].Err || !strings.Contains(said[0].Text, "only a pending session pays") {
		t.Errorf("c on a paid session: %+v", said)
	}
	said(m, tuitest.Keys("esc", "i", "cs_nope", "enter")...)
	if id, _ := m.Open(); id != "cs_nope" || !strings.Contains(screen(m), "open: 404") {
		t.Errorf("an unknown session:\n%s", screen(m))
	}
}

func TestATypedCheckoutURLOrSessionIDOpensItsSessionAndADeclinedCardFailsIt(t *testing.T) {
	m, made := newSessionsPane(t, "prod_z2o92kEl6cYYX")
	said(m, tuitest.Keys("i", made.URL, "enter")...)
	if id, st := m.Open(); id != made.ID || st == nil || st.Status != solifyn.StatusPending {
		t.Fatalf("the checkout_url opens %s %+v\n%s", id, st, screen(m))
	}
	_, st := m.Open()
	said(m, tuitest.Keys("esc", "i", st.SessionID, "enter")...)
	if id, st := m.Open(); st == nil || st.ID != made.ID || id != st.SessionID {
		t.Fatalf("the session_id opens %s %+v\n%s", id, st, screen(m))
	}
	said(m, tuitest.Keys("enter")...)
	// email, name, country, then the fourth card: Visa, declined.
	for _, k := range tuitest.Keys("ada@example.com", "enter", "Ada Lovelace", "enter", "FR", "enter", "down", "down", "down", "enter") {
		said(m, k)
	}
	_, st = m.Open()
	if st == nil || st.Status != solifyn.StatusFailed || st.FailureMessage == "" {
		t.Fatalf("a declined card: %+v\n%s", st, screen(m))
	}
	if s := screen(m); !strings.Contains(s, " failed ") || !strings.Contains(s, "✗ "+st.FailureMessage) || !strings.Contains(s, "payment.failed") {
		t.Errorf("the failed session:\n%s", s)
	}
}
