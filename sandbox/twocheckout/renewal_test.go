package twocheckout

import (
	"strconv"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
)

func TestRenewalPriceMethods(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, With(SampleOrder(), "Items.0.Code", "my_subscription_1")), &o)
	ref := o.Items[0].ProductDetails.Subscriptions[0].SubscriptionReference
	other := e.loginAs("AVANGATE", AlgoSHA256)
	ok := func() string { return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":true}` }
	invalid := func(field string) func() string {
		return func() string {
			return errBody(e.nextID, 10400, "Invalid renewal price: "+field+".", "RENEWAL_PRICE_INVALID")
		}
	}
	next := func(net, final, cur string) func() string {
		return func() string {
			return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":{"NetPrice":` + net + `,"NetCurrency":"` + cur + `","FinalPrice":` + final + `,"FinalCurrency":"` + cur + `"}}`
		}
	}
	for _, s := range []struct {
		name   string
		method string
		params []any
		want   func() string
	}{
		{"next, product price", MethodGetNextRenewalPrice, []any{sid, ref, nil}, next("7.99", "7.99", "USD")},
		{"next in EUR", MethodGetNextRenewalPrice, []any{sid, ref, "eur"}, next("6.99", "6.99", "EUR")},
		{"next in JPY", MethodGetNextRenewalPrice, []any{sid, ref, "JPY"}, invalid("Currency")},
		{"next in no currency", MethodGetNextRenewalPrice, []any{sid, ref, "EURO"}, invalid("Currency")},
		{"unknown subscription", MethodGetNextRenewalPrice, []any{sid, "0000000000"}, func() string {
			return errBody(e.nextID, 10400, "Subscription [0000000000] was not found.", "SUBSCRIPTION_NOT_FOUND")
		}},
		{"another merchant's", MethodSetCustomRenewalPrice, []any{other, ref, 1, "USD", 1, nil}, func() string {
			return errBody(e.nextID, 10400, "Subscription ["+ref+"] was not found.", "SUBSCRIPTION_NOT_FOUND")
		}},
		{"negative price", MethodSetCustomRenewalPrice, []any{sid, ref, -1, "USD", 1, nil}, invalid("Price")},
		{"three decimals", MethodSetCustomRenewalPrice, []any{sid, ref, 1.001, "USD", 1, nil}, invalid("Price")},
		{"zero cycles", MethodSetCustomRenewalPrice, []any{sid, ref, 1, "USD", 0, nil}, invalid("Cycles")},
		{"bad currency", MethodSetCustomRenewalPrice, []any{sid, ref, 1, "US", 1, nil}, invalid("Currency")},
		{"price as a string", MethodSetCustomRenewalPrice, []any{sid, ref, "25", "GBP", 7, nil}, func() string {
			return errBody(e.nextID, -32602, "Invalid params: Price must be a number", "INVALID_PARAMS")
		}},
		{"currency and cycles null, no reason", MethodSetCustomRenewalPrice, []any{sid, ref, 0, nil, nil}, ok},
		{"free renewal", MethodGetNextRenewalPrice, []any{sid, ref}, next("0", "0", "USD")},
	} {
		got := e.call(s.method, s.params...)
		if want := s.want(); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", s.name, got, want)
		}
	}
	// The AVANGATE merchant's 19% VAT makes FinalPrice gross.
	e.edit(func(tc *fixtures.TwoCheckout) { tc.Merchants[0].VATRate = "19" })
	if got, want := e.call(MethodSetCustomRenewalPrice, sid, ref, 10, "usd", 1, "VAT"), ok(); got != want {
		t.Fatal(got)
	}
	if got, want := e.call(MethodGetNextRenewalPrice, sid, ref), next("10", "11.9", "USD")(); got != want {
		t.Errorf("with VAT: %s", got)
	}
}
