package sandboxtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

const upsellLink = `{"currency":"EUR","products":[{"id":222222,"name":"Perpetual","price":"99.00","quantity":1}],
 "additional_data":{"referer7":"request"},
 "upsell":{"product_id":222222,"name":"Go yearly","products":[{"id":111111,"name":"Yearly","name_for_upsell":"Yearly plan","price":"59.00","quantity":1,"subscription":{"period":"P1Y"},"additional_data":{"referer7":"upsell"}}]},
 "upsell_exit":{"product_id":222222,"name":"Wait!","products":[{"id":333333,"name":"Pro","name_for_upsell":"Pro plan","price":"79.00","quantity":1}]}}`

func newLink(t *testing.T, client *http.Client, sb *Sandbox, body string) string {
	t.Helper()
	code, resp := post(t, client, TestAPI+"/v1/generate_buy_link", sb.Token(t), body)
	var out struct {
		BuyLink string `json:"buy_link"`
	}
	if code != 200 || json.Unmarshal([]byte(resp), &out) != nil {
		t.Fatalf("generate_buy_link: %d %s", code, resp)
	}
	return out.BuyLink
}

func TestCheckoutHelpers(t *testing.T) {
	t.Parallel()
	client := &http.Client{}
	sb := New(t, client)
	c := sb.Checkout(t, newLink(t, client, sb, upsellLink))
	if st := c.State(); st.PendingOffer != noventiq.EntryOffer || st.Step != noventiq.StepCart {
		t.Fatalf("opened: %+v", st)
	}
	st := c.Accept(noventiq.EntryOffer, 0)
	if len(st.Lines) != 1 || st.Lines[0].ProductID != 111111 || st.AdditionalData["referer7"] != "upsell" {
		t.Errorf("after accepting: %+v", st)
	}
	if st := c.ExitIntent(); st.PendingOffer != "" || st.Offers[noventiq.ExitOffer].State != "suppressed" {
		t.Errorf("exit offer after a replacement: %+v", st.Offers[noventiq.ExitOffer])
	}
	c.Customer(noventiq.CustomerInput{Customer: noventiq.Customer{Type: "physical", Email: "a@b.fr", FirstName: "A", LastName: "B", Country: "FR"}})
	st = c.Pay("4242424242424242")
	if st.Order == nil || st.Order.Status != "paid" || st.Status != "ordered" {
		t.Fatalf("after paying: %+v", st)
	}
	hooks := sb.Webhooks(t, st.Order.ID)
	var events []string
	for _, h := range hooks {
		events = append(events, h.Event+"/"+string(h.State))
	}
	if got := strings.Join(events, " "); got != "order.created/no_receiver order.payment.succeeded/no_receiver product.delivered/no_receiver" {
		t.Errorf("webhooks: %s", got)
	}
	if len(sb.Webhooks(t, 0)) != 3 {
		t.Error("all webhooks: want 3")
	}
}

func TestPlaceOrder(t *testing.T) {
	t.Parallel()
	client := &http.Client{}
	sb := New(t, client)
	order := sb.PlaceOrder(t, newLink(t, client, sb, upsellLink), "4242424242424242")
	if order.Status != "paid" || !strings.HasPrefix(order.Name, "A") {
		t.Errorf("order %+v", order)
	}
	link := newLink(t, client, sb, `{"currency":"USD","market_id":3,"products":[{"id":555555,"name":"Box","price":"20","quantity":2}],"customer":{"type":"juridical"}}`)
	declined := sb.PlaceOrder(t, link, "4000000000000002")
	if declined.Status != "not paid" {
		t.Errorf("declined card: %+v", declined)
	}
	if hooks := sb.Webhooks(t, declined.ID); len(hooks) != 2 || hooks[1].Event != "order.payment.failed" {
		t.Errorf("declined order's webhooks: %+v", hooks)
	}
	// A second order on the same link fails the test with the sandbox's answer.
	f := &fakeT{}
	func() {
		defer func() { _ = recover() }()
		sb.Checkout(f, link).Pay("4242424242424242")
	}()
	if len(f.errs) != 1 || !strings.Contains(f.errs[0], "answered 409") {
		t.Errorf("a second order on a used link: %q", f.errs)
	}
}
