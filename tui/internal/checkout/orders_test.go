package checkout

import (
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/tuitest"
)

// newOrdersPane returns the pane on a fresh sandbox, logged in to 2Checkout,
// and the exchange of a placeOrder it heard of.
func newOrdersPane(t *testing.T) (*Orders, client.ExchangeMsg) {
	t.Helper()
	_, s := tuitest.StartVendor(t, "twocheckout")
	m := NewOrders(s)
	m.SetSize(120, 37)
	placed := tuitest.Msg(t, s.Send(client.RPCCall(client.MethodPlaceOrder, []byte(requests.OrderExample)))).(client.ExchangeMsg)
	send(m, placed)
	return m, placed
}

func TestAnOrderItsCompletionAndItsIPN(t *testing.T) {
	m, placed := newOrdersPane(t)
	made, _ := client.MadeBy(placed.Exchange)
	if s := screen(m); !strings.Contains(s, made.ID+"  AUTHRECEIVED · WAITING") {
		t.Fatalf("the orders of the session:\n%s", s)
	}
	send(m, tuitest.Keys("enter")...)
	refNo, view := m.Open()
	if refNo != made.ID || view == nil || view.Order.Status != twocheckout.StatusAuthReceived {
		t.Fatalf("open: %s %+v", refNo, view)
	}
	s := screen(m)
	for _, want := range []string{"Order " + made.ID + " AUTHRECEIVED", "· WAITING · TEST · MERCHANT_CODE", "completes at", "c completes it now",
		"FLASH_ANTIVIRUS", "gross 29 USD", "John Doe · john.doe@example.com", "VISA 4111…1111", "IPN (1)", "PAYMENT_AUTHORIZED", "no_receiver",
		"the latest IPN's form: PAYMENT_AUTHORIZED", "REFNO", "ORDERSTATUS                  PAYMENT_AUTHORIZED"} {
		if !strings.Contains(s, want) {
			t.Errorf("the order lacks %q:\n%s", want, s)
		}
	}
	said := tuitest.Said(m.Update, tuitest.Keys("c")...)
	if _, view := m.Open(); view.Order.Status != twocheckout.StatusComplete || len(m.IPNs()) != 2 || m.IPNs()[1].Event != "COMPLETE" {
		t.Fatalf("complete: %+v, IPNs %+v", view.Order.Status, m.IPNs())
	}
	if len(said) == 0 || said[len(said)-1].Text != "order "+made.ID+": COMPLETE · OK" {
		t.Errorf("said %+v", said)
	}
	if s := screen(m); !strings.Contains(s, "finished") || !strings.Contains(s, "the latest IPN's form: COMPLETE") {
		t.Errorf("a complete order:\n%s", s)
	}
	send(m, tuitest.Keys("esc", "i", "1", "enter")...)
	if refNo, _ := m.Open(); refNo != "1" || !strings.Contains(screen(m), "open: 404") {
		t.Errorf("an unknown RefNo:\n%s", screen(m))
	}
}

func TestStaleOrderAnswersAreIgnored(t *testing.T) {
	m, _ := newOrdersPane(t)
	send(m, client.OrderMsg{RefNo: "1", View: &twocheckout.OrderView{}})
	if refNo, view := m.Open(); refNo != "" || view != nil {
		t.Errorf("an answer about no order open changed the pane: %s %+v", refNo, view)
	}
}
