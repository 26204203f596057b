package tui

import (
	"bytes"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/checkout"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/compose"
	"github.com/flashcart/flashcart/tui/internal/journal"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// startFlow runs the workbench of cfg on a fresh sandbox served over HTTP
// at 120×40; wait waits for a text to show.
func startFlow(t *testing.T, cfg Config) (tm *teatest.TestModel, wait func(string)) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	cfg.Sandbox, cfg.URL = sb, srv.URL
	tm = teatest.NewTestModel(t, New(cfg),
		teatest.WithInitialTermSize(120, 40), teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return tm, func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
}

// pressUntil presses a key every interval until what shows.
func pressUntil(t *testing.T, tm *teatest.TestModel, press func(), what string, every time.Duration) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		if bytes.Contains(b, []byte(what)) {
			return true
		}
		press()
		return false
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(every))
}

// journalCount counts the Journal's entries by key ("" leaves one out).
func journalCount(m *Model, key func(sandbox.JournalEntry) string) map[string]int {
	n := map[string]int{}
	for _, e := range m.Pane(ui.Journal).(*journal.Model).Entries() {
		if k := key(e); k != "" {
			n[k]++
		}
	}
	return n
}

// eventsOf is the events of deliveries, in order, separated by spaces.
func eventsOf(ds []sandbox.WebhookDelivery) string {
	events := make([]string, len(ds))
	for i, d := range ds {
		events[i] = d.Event
	}
	return strings.Join(events, " ")
}

// TestFlowErrorOnItsFieldThenALink drives the real program against a real
// sandbox over HTTP as a person would: compose, send, see the error,
// jump to its field, fix it, send again, get a link.
func TestFlowErrorOnItsFieldThenALink(t *testing.T) {
	tm, wait := startFlow(t, Config{})
	key := func(code rune, mod tea.KeyMod) { tm.Send(tea.KeyPressMsg{Code: code, Mod: mod}) }

	wait("demo ✓")
	tm.Type("jjjjjjj") // down to products[0].name
	key(tea.KeyEnter, 0)
	key('u', tea.ModCtrl) // clear it
	key(tea.KeyEscape, 0)
	tm.Type("s")
	wait("Errors (1)")   // the response pane, not the form's own check
	key(tea.KeyEnter, 0) // jump to the field
	wait("✗ 3010")
	key(tea.KeyEnter, 0)
	tm.Type("Flash Office Base")
	key(tea.KeyEscape, 0)
	tm.Type("s")
	wait("https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/")
	tm.Type("4") // the journal lists the workbench's own requests
	wait("3 requests")
	tm.Type("q")

	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	c := shown[*compose.Model](m, ui.Compose)
	if p, _ := c.Cursor(); p != "products[0].name" || len(c.Errors()) != 0 {
		t.Errorf("compose ends on %s with %v", p, c.Errors())
	}
	paths := journalCount(m, func(e sandbox.JournalEntry) string { return e.Path })
	if paths["/v1/login_check"] != 1 || paths["/v1/generate_buy_link"] != 2 {
		t.Errorf("the journal shows %v", paths)
	}
}

// TestFlowPresetLinkOfferPayOrderWebhooks drives the real program against
// a real sandbox over HTTP: a bundled scenario's request with an entry
// up-sell as a preset → send → open the link in Checkout → accept the
// offer → fill in the customer step → pay → the order and its webhooks.
func TestFlowPresetLinkOfferPayOrderWebhooks(t *testing.T) {
	tm, wait := startFlow(t, Config{Bundled: scenarios.Bundled()})
	enter := func() { tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) }

	wait("demo ✓")
	// The presets load in the background; p says so until they are in.
	pressUntil(t, tm, func() { tm.Type("p") }, "Load a preset", 100*time.Millisecond)
	tm.Type("/entry and exit offer are accepted")
	enter()
	wait("▾ upsell") // the form holds the preset
	tm.Type("s")
	wait("✓ buy link")
	tm.Type("o")                   // open it in Checkout
	wait("replaces Base (111111)") // the offer modal
	enter()                        // accept Go Pro
	wait("Go Pro replaces product 111111")
	enter() // the customer step: the request sent no customer
	wait("Step two")
	enter() // type: physical
	// huh moves the focus to the next field with a command: keys typed
	// before it has run would land in the field left, so each value waits
	// for the header to show its field's place on the page (a character
	// no other text holds: the terminal is sent only the cells that change).
	for _, f := range [][2]string{{"②", "ada@example.com"}, {"③", "Ada"}, {"④", "Lovelace"}, {"⑤", "FR"}} {
		wait(f[0])
		tm.Type(f[1])
		enter()
	}
	// Enter through phone and the company fields, then pay with the first
	// test card (4242 4242 4242 4242), until the order's webhooks show.
	pressUntil(t, tm, enter, "order.payment.succeeded", 100*time.Millisecond)
	tm.Type("q")

	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	c := shown[*checkout.Links](m, ui.Checkout)
	_, st := c.Open()
	if st == nil || st.Order == nil || st.Order.Status != "paid" || st.Lines[0].ProductID != 333333 || st.Offers[noventiq.EntryOffer].State != noventiq.Accepted {
		t.Fatalf("the checkout ends on %+v", st)
	}
	if c := st.Customer; c.Email != "ada@example.com" || c.Type != "physical" || c.FirstName != "Ada" || c.LastName != "Lovelace" || c.Country != "FR" {
		t.Errorf("customer %+v", st.Customer)
	}
	calls := journalCount(m, func(e sandbox.JournalEntry) string {
		if !strings.HasPrefix(e.Path, client.CheckoutPrefix) {
			return ""
		}
		return e.Method + " " + path.Base(e.Path)
	})
	if calls["POST upsell"] != 1 || calls["POST customer"] != 1 || calls["POST order"] != 1 || calls["GET "+st.ExternalID] == 0 {
		t.Errorf("the journal shows the checkout calls %v", calls)
	}
	events := map[string]int{}
	for _, d := range c.Webhooks() {
		events[d.Event]++
	}
	if events["order.created"] != 2 || events["order.payment.succeeded"] != 2 || events["product.delivered"] != 2 {
		t.Errorf("webhooks %v", events)
	}
}

// TestFlowTwoCheckoutOrderAndItsIPN drives the real program against a
// real sandbox over HTTP: pick 2Checkout → pick placeOrder → send → open
// the order in Checkout → complete it → its IPNs.
func TestFlowTwoCheckoutOrderAndItsIPN(t *testing.T) {
	tm, wait := startFlow(t, Config{Bundled: scenarios.Bundled()})
	enter := func() { tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) }

	wait("Noventiq demo ✓")
	tm.Type("V")
	wait("every pane follows the vendor picked")
	tm.Type("2")
	wait("2Checkout MERCHANT_CODE ✓") // logged in: the HMAC dated by the sandbox clock
	tm.Type("m")
	wait("Compose another request")
	tm.Type("/placeOrder")
	enter()
	wait("composing placeOrder")
	tm.Type("s")
	wait("✓ order · RefNo")
	tm.Type("o")
	wait("PAYMENT_AUTHORIZED") // its first IPN
	tm.Type("c")
	// Not the status bar's "COMPLETE · OK", which shows before the IPNs
	// are read again: the COMPLETE IPN's row (its status and state
	// columns). One wait, as each wait reads the output it looks at.
	wait("COMPLETE     no_receiver")
	tm.Type("q")

	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	o := shown[*checkout.Orders](m, ui.Checkout)
	refNo, view := o.Open()
	if view == nil || view.Order.Status != twocheckout.StatusComplete || view.Order.RefNo != refNo {
		t.Fatalf("the order ends %+v", view)
	}
	if events := eventsOf(o.IPNs()); events != "PAYMENT_AUTHORIZED COMPLETE" {
		t.Errorf("IPNs %v", events)
	}
	calls := journalCount(m, func(e sandbox.JournalEntry) string {
		return e.Vendor + " " + e.Method + " " + e.Path + " " + twocheckout.MethodOf(e.Hints)
	})
	for _, want := range []string{"twocheckout POST /rpc/6.0/ login", "twocheckout POST /rpc/6.0/ placeOrder", " GET /_sandbox/clock ",
		" GET " + twocheckout.OrdersControlPath + refNo + " ", " POST " + twocheckout.OrdersControlPath + refNo + "/complete "} {
		if calls[want] != 1 {
			t.Errorf("the journal has %d of %q: %v", calls[want], want, calls)
		}
	}
}

// TestFlowSolifynSessionPaidAndItsWebhooks drives the real program against
// a real sandbox over HTTP: pick Solifyn → compose checkout/create → send
// → open the session in Checkout → the customer and the card → paid → its
// webhooks.
func TestFlowSolifynSessionPaidAndItsWebhooks(t *testing.T) {
	tm, wait := startFlow(t, Config{Bundled: scenarios.Bundled()})
	enter := func() { tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) }

	wait("Noventiq demo ✓")
	tm.Type("V")
	wait("every pane follows the vendor picked")
	tm.Type("s")
	wait("checkout/create") // on the world's first product, logged in with the business's key
	tm.Type("s")
	wait("✓ checkout session · id")
	tm.Type("o")
	wait("hosted checkout (y copies)")
	enter() // the customer and the card
	wait("Pay — the hosted checkout")
	// The e-mail is the request's; enter through the name and the country,
	// then pay with the first test card, until the webhooks show.
	pressUntil(t, tm, enter, "payment.succeeded", 100*time.Millisecond)
	tm.Type("q")

	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	p := shown[*checkout.Sessions](m, ui.Checkout)
	id, st := p.Open()
	if st == nil || st.Status != solifyn.StatusPaid || st.Order == nil || st.ID != id || st.CustomerEmail != "ada@example.com" {
		t.Fatalf("the session ends %+v", st)
	}
	if events := eventsOf(p.Webhooks()); events != "payment.created payment.succeeded" {
		t.Errorf("webhooks %v", events)
	}
	calls := journalCount(m, func(e sandbox.JournalEntry) string { return e.Vendor + " " + e.Method + " " + e.Path })
	for _, want := range []string{"solifyn POST " + solifyn.PathCreate, " GET " + solifyn.CheckoutTwinPath + id,
		" POST " + solifyn.CheckoutTwinPath + id + "/customer", " POST " + solifyn.CheckoutTwinPath + id + "/pay"} {
		if calls[want] == 0 {
			t.Errorf("the journal lacks %q: %v", want, calls)
		}
	}
}
