package checkout

import (
	"net/url"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

func TestAListTakesItsOwnAnswersAndPollsWhilePending(t *testing.T) {
	c := client.New("http://sandbox.test")
	l := newWebhookList(vendor.TwoCheckout, "status", "status")
	q := url.Values{"refno": {"1"}}
	if l.Watch(c, q) == nil || !l.Watching(q) || l.Watching(url.Values{"refno": {"2"}}) {
		t.Fatal("watch")
	}
	if got := ansi.Strip(strings.Join(l.Lines(), "\n")); !strings.Contains(got, "reading…") {
		t.Errorf("before an answer: %s", got)
	}
	if _, mine := l.Update(c, client.WebhooksMsg{Vendor: vendor.TwoCheckout, Query: "refno=2"}); mine {
		t.Error("another filter's answer is taken")
	}
	pending := []sandbox.WebhookDelivery{{Event: "COMPLETE", State: sandbox.DeliveryPending, Subject: map[string]any{"status": "COMPLETE"}}}
	cmd, mine := l.Update(c, client.WebhooksMsg{Vendor: vendor.TwoCheckout, Query: q.Encode(), Deliveries: pending})
	if !mine || !ui.Waits(cmd) {
		t.Errorf("a pending delivery polls with a timer: mine %v waits %v", mine, ui.Waits(cmd))
	}
	if got := ansi.Strip(strings.Join(l.Lines(), "\n")); !strings.Contains(got, "COMPLETE                   COMPLETE pending      0") {
		t.Errorf("lines:\n%s", got)
	}
	l.Stop()
	if _, mine := l.Update(c, client.WebhooksMsg{Vendor: vendor.TwoCheckout, Query: q.Encode()}); mine || l.Deliveries() != nil {
		t.Error("a stopped list takes answers")
	}
}
