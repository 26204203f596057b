package client_test

import (
	"net/url"
	"testing"

	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/tuitest"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

func TestASolifynSessionItsErrorsItsTwinAndItsWebhooks(t *testing.T) {
	_, s := tuitest.StartVendor(t, vendor.Solifyn)
	if s.Token != "fyn_test_demo_key" || s.Account != "biz_4r5t6y7u8i9o" {
		t.Fatalf("the business's key: %+v", s)
	}
	if h := s.Preview(client.BodyCall(solifyn.CreateBody, nil)).Header.Get("Authorization"); h != "Bearer fyn_test_demo_key" {
		t.Errorf("Authorization %q", h)
	}
	bad := tuitest.Msg(t, s.Send(client.BodyCall(solifyn.CreateBody, []byte(`{"quantity":0}`)))).(client.ExchangeMsg).Exchange
	got := client.Problems(bad)
	if len(got) != 3 || got[0] != (client.Problem{Code: "400", Message: "productId should not be empty", Path: "productId"}) || got[2].Path != "quantity" {
		t.Errorf("validation: %+v", got)
	}
	gone := tuitest.Msg(t, s.Send(client.BodyCall(solifyn.CreateBody, []byte(`{"productId":"prod_nope"}`)))).(client.ExchangeMsg).Exchange
	if got := client.Problems(gone); len(got) != 1 || got[0].Code != "404" || got[0].Path != "" {
		t.Errorf("an unknown product: %+v %s", got, gone.Body)
	}
	x := tuitest.Msg(t, s.Send(client.BodyCall(solifyn.CreateBody, []byte(`{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ada@example.com"}`)))).(client.ExchangeMsg).Exchange
	made, ok := client.MadeBy(x)
	if !ok || made.What != "checkout session" || made.URL == "" || x.Call.Name != "checkout/create" {
		t.Fatalf("created: %+v %s", made, x.Body)
	}
	st := tuitest.Msg(t, s.Client.Session(made.ID, client.SessionState, nil)).(client.SessionMsg)
	if st.State == nil || st.State.Status != solifyn.StatusPending || st.State.CustomerEmail != "ada@example.com" {
		t.Fatalf("state: %+v", st)
	}
	paid := tuitest.Msg(t, s.Client.Session(made.ID, client.SessionPay, solifyn.PayRequest{Card: "4242424242424242"})).(client.SessionMsg)
	if paid.State == nil || paid.State.Status != solifyn.StatusPaid || paid.State.Order == nil {
		t.Fatalf("pay: %+v", paid)
	}
	again := tuitest.Msg(t, s.Client.Session(made.ID, client.SessionPay, solifyn.PayRequest{Card: "4242424242424242"})).(client.SessionMsg)
	if again.State != nil || again.Status != 409 || again.Err != "409 checkout session is not pending: it is paid" {
		t.Errorf("pay twice: %+v", again)
	}
	hooks := tuitest.Msg(t, s.Client.Webhooks(vendor.Solifyn, url.Values{"session_id": {paid.State.SessionID}})).(client.WebhooksMsg)
	if hooks.Err != nil || len(hooks.Deliveries) != 2 || hooks.Deliveries[1].Event != solifyn.EventPaymentSucceeded {
		t.Errorf("webhooks: %+v", hooks)
	}
}
