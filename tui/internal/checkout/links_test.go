package checkout

import (
	"strings"
	"testing"

	"github.com/flashcart/flashcart/tui/internal/tuitest"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// newLinksPane returns the pane on a fresh sandbox with a link made from
// tuitest.UpsellBody, opened.
func newLinksPane(t *testing.T) (*Links, string) {
	t.Helper()
	_, s := tuitest.Start(t)
	m := NewLinks(s)
	m.SetSize(120, 37)
	id := tuitest.Link(t, s, tuitest.UpsellBody)
	send(m, ui.OpenMsg{ID: id})
	return m, id
}

// statuses runs the keys and returns the status bar texts they ask for.
func statuses(m *Links, names ...string) []string {
	var out []string
	for _, s := range tuitest.Said(m.Update, tuitest.Keys(names...)...) {
		out = append(out, s.Text)
	}
	return out
}

func TestOpenAcceptPaySeeOrderAndWebhooks(t *testing.T) {
	m, id := newLinksPane(t)
	got, st := m.Open()
	if got != id || st == nil || st.PendingOffer != noventiq.EntryOffer {
		t.Fatalf("open: %s %+v", got, st)
	}
	s := screen(m)
	for _, want := range []string{"Link " + id, "/basket/flash/" + id, "Flash Office Perpetual", "total EUR 111.00", "Upgrade your office", "› Go Pro", "save 15.00", "5 × 8.00"} {
		if !strings.Contains(s, want) {
			t.Errorf("the link lacks %q:\n%s", want, s)
		}
	}
	said := statuses(m, "down", "enter")
	if _, st = m.Open(); st.Lines[0].ProductID != 444444 || st.Offers[noventiq.EntryOffer].State != noventiq.Accepted {
		t.Fatalf("accept: %+v", st.Lines)
	}
	if len(said) != 1 || !strings.Contains(said[0], "entry offer accepted: Teams, 5 seats replaces product 111111") {
		t.Errorf("status %q", said)
	}
	if strings.Contains(screen(m), "› Go Pro") {
		t.Error("the modal stays after the answer")
	}
	send(m, tuitest.Keys("enter")...)
	if !m.Capturing() || !strings.Contains(screen(m), "ada@example.com") {
		t.Fatalf("the customer step is not pre-filled:\n%s", screen(m))
	}
	for range 11 { // six person fields, four company fields, the card
		send(m, tuitest.Keys("enter")...)
	}
	if _, st = m.Open(); st.Order == nil || st.Order.Status != "paid" || m.Capturing() {
		t.Fatalf("no paid order: %+v\n%s", st.Order, screen(m))
	}
	hooks := m.Webhooks()
	if len(hooks) != 6 || hooks[0].Event != "order.created" || hooks[0].State != sandbox.DeliveryNoReceiver {
		t.Errorf("webhooks %+v", hooks)
	}
	s = screen(m)
	for _, want := range []string{st.Order.Name, "paid", "/order/status/", "order.payment.succeeded", "no_receiver"} {
		if !strings.Contains(s, want) {
			t.Errorf("the order lacks %q:\n%s", want, s)
		}
	}
	if said := statuses(m, "c"); len(said) != 1 || !strings.Contains(said[0], "one link, one order") {
		t.Errorf("a second order: %q", said)
	}
}

func TestExitOfferWhenTryingToLeave(t *testing.T) {
	m, _ := newLinksPane(t)
	if said := statuses(m, "x"); len(said) != 0 {
		t.Errorf("x under the modal: %q", said) // the modal must be answered first
	}
	statuses(m, "n")
	if _, st := m.Open(); st.Offers[noventiq.EntryOffer].State != noventiq.Declined || st.PendingOffer != "" {
		t.Fatalf("decline: %+v", st.Offers)
	}
	said := statuses(m, "x")
	if _, st := m.Open(); st.PendingOffer != noventiq.ExitOffer || len(said) != 1 || !strings.Contains(said[0], "exit offer applies") {
		t.Fatalf("exit intent: %q %+v", said, st.Offers)
	}
	if s := screen(m); !strings.Contains(s, "Before you go") || !strings.Contains(s, "exit offer") || !strings.Contains(s, "replaces Flash Office Perpetual (222222)") {
		t.Errorf("the exit modal:\n%s", s)
	}
	statuses(m, "esc")
	said = statuses(m, "x")
	if len(said) != 1 || said[0] != "no exit offer: it was already shown (declined)" {
		t.Errorf("leaving again: %q", said)
	}
}

func TestRefusedCustomerFieldsShowInTheForm(t *testing.T) {
	m, _ := newLinksPane(t)
	send(m, tuitest.Keys("n", "enter")...)
	send(m, tuitest.Keys("enter")...) // type → email
	send(m, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	send(m, tea.PasteMsg{Content: "not-an-email"})
	for range 10 {
		send(m, tuitest.Keys("enter")...)
	}
	text, fields := m.Problem()
	if !m.Capturing() || fields["email"] == "" || text != "" {
		t.Fatalf("problems %q %v, capturing %v", text, fields, m.Capturing())
	}
	s := screen(m)
	if !strings.Contains(s, "✗ the sandbox refused: email") || !strings.Contains(s, "✗ expected format: [name]@[domain].[zone]") || !strings.Contains(s, "not-an-email") {
		t.Errorf("the form does not show the problem:\n%s", s)
	}
	send(m, tuitest.Keys("esc")...)
	if _, st := m.Open(); m.Capturing() || st.Order != nil || st.Customer.Email != "ada@example.com" {
		t.Errorf("esc: capturing %v, %+v", m.Capturing(), st.Customer)
	}
}

func TestLinksOfTheSessionAndTypedIDs(t *testing.T) {
	_, s := tuitest.Start(t)
	m := NewLinks(s)
	m.SetSize(80, 21)
	if !strings.Contains(screen(m), "none yet") {
		t.Errorf("empty list:\n%s", screen(m))
	}
	id := tuitest.Link(t, s, tuitest.UpsellBody)
	ok := client.Exchange{Request: client.BuyLink("t", nil), Status: 200,
		Body: []byte(`{"buy_link":"https://x.demoslweb.ru/basket/flash/` + id + `","external_id":"` + id + `"}`)}
	send(m, client.ExchangeMsg{Exchange: ok}, client.ExchangeMsg{Exchange: client.Exchange{Request: client.BuyLink("t", nil), Status: 400}})
	if s := screen(m); !strings.Contains(s, id+" ") || !strings.Contains(s, "https://x.demoslweb.ru/basket/flash/"+id) {
		t.Fatalf("the list lacks the link:\n%s", s)
	}
	send(m, tuitest.Keys("enter")...)
	if got, st := m.Open(); got != id || st == nil {
		t.Fatalf("enter opens %q", got)
	}
	send(m, tuitest.Keys("n", "esc", "i")...)
	if !m.Capturing() {
		t.Fatal("i does not take the keyboard")
	}
	send(m, tuitest.Keys("https://elsewhere.example/basket/flash/99999999", "enter")...)
	got, st := m.Open()
	text, _ := m.Problem()
	if got != "99999999" || st != nil || !strings.Contains(text, "404") || !strings.Contains(screen(m), "✗ open: 404") {
		t.Errorf("unknown link: %q %v %q\n%s", got, st, text, screen(m))
	}
	send(m, tuitest.Keys("esc")...)
	if s := screen(m); !strings.Contains(s, "99999999") || m.Capturing() {
		t.Errorf("typed links are listed too:\n%s", s)
	}
}

func TestStaleAnswersAreIgnored(t *testing.T) {
	m, id := newLinksPane(t)
	other := &noventiq.CheckoutState{ExternalID: "1"}
	send(m, client.CheckoutMsg{ExternalID: "1", State: other}, client.WebhooksMsg{Vendor: vendor.Noventiq, Query: "order_id=5", Deliveries: []sandbox.WebhookDelivery{{Event: "x"}}})
	if got, st := m.Open(); got != id || st.ExternalID != id || m.Webhooks() != nil {
		t.Errorf("a stale answer changed the pane: %s %s %v", got, st.ExternalID, m.Webhooks())
	}
}
