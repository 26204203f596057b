package client_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/tui/internal/tuitest"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

func call(t *testing.T, c *client.Client, id, action string, body any) client.CheckoutMsg {
	t.Helper()
	msg, ok := tuitest.Msg(t, c.Checkout(id, action, body)).(client.CheckoutMsg)
	if !ok || msg.ExternalID != id || msg.Action != action {
		t.Fatalf("%s: %#v", action, msg)
	}
	return msg
}

func TestCheckoutCallsAndWebhooks(t *testing.T) {
	_, s := tuitest.Start(t)
	c := s.Client
	id := tuitest.Link(t, s, tuitest.UpsellBody)

	st := call(t, c, id, client.ActionState, nil)
	if st.Status != http.StatusOK || st.State == nil || st.State.PendingOffer != noventiq.EntryOffer || len(st.State.Lines) != 2 {
		t.Fatalf("state: %+v", st)
	}
	if got := call(t, c, id, client.ActionOrder, map[string]string{"card": "4242424242424242"}); got.Status != http.StatusConflict || !strings.Contains(got.Err, "pending") {
		t.Errorf("order while the offer is pending: %+v", got)
	}
	one := 1
	if got := call(t, c, id, client.ActionUpsell, map[string]any{"offer": "entry", "choice": &one}); got.State == nil || got.State.Lines[0].ProductID != 444444 {
		t.Errorf("accept: %+v", got)
	}
	bad := call(t, c, id, client.ActionCustomer, map[string]string{"type": "physical", "email": "nope"})
	if bad.Status != http.StatusBadRequest || bad.Err != "invalid fields" || bad.Fields["email"] == "" || bad.Fields["country"] != "required" {
		t.Errorf("bad customer: %+v", bad)
	}
	paid := call(t, c, id, client.ActionOrder, map[string]string{"card": "4242424242424242"})
	if paid.State == nil || paid.State.Order == nil || paid.State.Order.Status != "paid" {
		t.Fatalf("order: %+v", paid)
	}
	q := url.Values{"order_id": {strconv.FormatInt(paid.State.Order.ID, 10)}}
	hooks, ok := tuitest.Msg(t, c.Webhooks(vendor.Noventiq, q)).(client.WebhooksMsg)
	if !ok || hooks.Err != nil || hooks.Query != q.Encode() || len(hooks.Deliveries) == 0 || hooks.Deliveries[0].Event != "order.created" {
		t.Errorf("webhooks: %+v", hooks)
	}
	if got := call(t, c, "nope", client.ActionState, nil); got.Status != http.StatusNotFound || got.Err == "" {
		t.Errorf("unknown link: %+v", got)
	}
	if u := c.BrowserURL(id); u != c.Base+"/basket/flash/"+id {
		t.Errorf("browser URL %s", u)
	}
}

func TestLinkOfAnExchange(t *testing.T) {
	ok := client.Exchange{Status: 200, Body: []byte(`{"buy_link":"https://x/basket/flash/12","external_id":"12"}`)}
	if link, id, found := client.Link(ok); !found || id != "12" || link != "https://x/basket/flash/12" {
		t.Errorf("link %q id %q", link, id)
	}
	for _, x := range []client.Exchange{{Status: 400, Body: ok.Body}, {Status: 200, Body: []byte(`{}`)}, {Status: 200, Body: []byte(`nope`)}} {
		if _, _, found := client.Link(x); found {
			t.Errorf("a link in %d %s", x.Status, x.Body)
		}
	}
}
