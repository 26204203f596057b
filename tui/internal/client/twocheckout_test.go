package client_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/tuitest"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

func TestPlaceOrderThenTheOrderAndItsIPN(t *testing.T) {
	sb, s := tuitest.StartVendor(t, vendor.TwoCheckout)
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(s.Token) || s.Account != "MERCHANT_CODE" {
		t.Fatalf("session %q of %q", s.Token, s.Account)
	}
	msg := tuitest.Msg(t, s.Send(client.RPCCall(client.MethodPlaceOrder, []byte(requests.OrderExample)))).(client.ExchangeMsg)
	x := msg.Exchange
	made, ok := client.MadeBy(x)
	if !ok || made.What != "order" || made.Note != "AUTHRECEIVED · WAITING" || len(client.Problems(x)) != 0 || msg.Login != nil {
		t.Fatalf("placeOrder: %+v %s", made, x.Body)
	}
	if e := entries(sb)[len(entries(sb))-1]; twocheckout.MethodOf(e.Hints) != client.MethodPlaceOrder {
		t.Errorf("journal hints %v", e.Hints)
	}
	view := tuitest.Msg(t, s.Client.Order(made.ID, false)).(client.OrderMsg)
	if view.View == nil || view.View.Order.Status != twocheckout.StatusAuthReceived || view.View.CompletesAt == nil {
		t.Fatalf("order: %+v", view)
	}
	done := tuitest.Msg(t, s.Client.Order(made.ID, true)).(client.OrderMsg)
	if done.View == nil || done.View.Order.Status != twocheckout.StatusComplete || !done.Completed {
		t.Fatalf("complete: %+v", done)
	}
	ipn := tuitest.Msg(t, s.Client.Webhooks(vendor.TwoCheckout, url.Values{twocheckout.SubjectRefNo: {made.ID}})).(client.WebhooksMsg)
	if ipn.Err != nil || len(ipn.Deliveries) != 2 || ipn.Deliveries[0].Event != "PAYMENT_AUTHORIZED" || ipn.Deliveries[1].Event != "COMPLETE" {
		t.Errorf("IPN: %+v", ipn)
	}
	if got := tuitest.Msg(t, s.Client.Order("1", false)).(client.OrderMsg); got.Status != 404 || got.Err == "" {
		t.Errorf("unknown order: %+v", got)
	}
}

func TestAnExpiredSessionLogsInAgainAndResends(t *testing.T) {
	sb, s := tuitest.StartVendor(t, vendor.TwoCheckout)
	s.Token = "0123456789abcdef0123456789abcdef"
	before := len(entries(sb))
	msg := tuitest.Msg(t, s.Send(client.RPCCall(client.MethodPlaceOrder, []byte(`[{"Currency":"USD"}]`)))).(client.ExchangeMsg)
	in, ok := msg.Login.(client.LoggedInMsg)
	if !ok || in.Token == s.Token || in.Vendor != vendor.TwoCheckout {
		t.Fatalf("no new login: %#v", msg.Login)
	}
	got := client.Problems(msg.Exchange)
	if len(got) != 1 || got[0].Code != "55201 ORDER_PRODUCTS_EMPTY" || got[0].Message != "No products have been provided." {
		t.Errorf("the call sent again answers %+v", got)
	}
	var calls []string
	for _, e := range entries(sb)[before:] {
		calls = append(calls, e.Method+" "+e.Path+" "+twocheckout.MethodOf(e.Hints))
	}
	want := "POST /rpc/6.0/ placeOrder|GET /_sandbox/clock |POST /rpc/6.0/ login|POST /rpc/6.0/ placeOrder"
	if got := join(calls); got != want {
		t.Errorf("journal:\n%s\nwant\n%s", got, want)
	}
}

func join(s []string) string { return strings.Join(s, "|") }

func entries(sb *sandbox.Sandbox) []sandbox.JournalEntry {
	es, _ := sb.Journal().Snapshot(nil)
	return es
}

func TestRPCPutsTheSessionFirst(t *testing.T) {
	for _, c := range []struct{ params, want string }{
		{`[{"Currency": "USD"}]`, `{"jsonrpc":"2.0","method":"placeOrder","params":["S",{"Currency":"USD"}],"id":3}`},
		{`[]`, `{"jsonrpc":"2.0","method":"placeOrder","params":["S"],"id":3}`},
		{``, `{"jsonrpc":"2.0","method":"placeOrder","params":[],"id":3}`},
		{`[{"broken"`, `{"jsonrpc":"2.0","method":"placeOrder","params":["S",{"broken"` + `,"id":3}`},
	} {
		if got := string(client.RPC(client.RPCCall("placeOrder", []byte(c.params)), "S", 3).Body); got != c.want {
			t.Errorf("params %s: %s, want %s", c.params, got, c.want)
		}
	}
	if got := string(client.RPC(client.RPCCall("login", []byte(`["M","d","h"]`)), "S", 1).Body); got != `{"jsonrpc":"2.0","method":"login","params":["M","d","h"],"id":1}` {
		t.Errorf("login: %s", got)
	}
}
