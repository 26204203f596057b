package requests

import (
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
)

func TestEveryMethodPlaceOrderFirstWithoutTheSession(t *testing.T) {
	rs := TwoCheckout()
	if len(rs) != len(twocheckout.Methods()) || rs[0].Name != twocheckout.MethodPlaceOrder || rs[0].Initial == nil {
		t.Fatalf("%d requests, first %s", len(rs), rs[0].Name)
	}
	for _, r := range rs {
		if !r.Schema.Positional || r.Validate != nil || r.Schema.Lookup(sessionParam) != nil {
			t.Errorf("%s: positional %v, validated %v, a session param", r.Name, r.Schema.Positional, r.Validate != nil)
		}
		if c := r.Call([]byte(`[]`)); c.Name != r.Name || c.Path != twocheckout.PathRPC {
			t.Errorf("%s: call %+v", r.Name, c)
		}
	}
}

func TestNoventiqIsValidatedAgainstTheAccount(t *testing.T) {
	acct, _ := fixtures.Default().Account("demo")
	r := Noventiq(func() noventiq.Catalogue { return acct })[0]
	if errs := r.Validate(r.Initial); len(errs) != 0 {
		t.Errorf("the seed example: %+v", errs)
	}
	errs := r.Validate([]byte(`{"currency":"EUR","products":[{"id":111111,"price":"1.00","quantity":1}]}`))
	if len(errs) != 1 || errs[0].Code != "3010" || errs[0].Path != "products[0].name" {
		t.Errorf("a product without its name: %+v", errs)
	}
	if errs := Noventiq(nil)[0].Validate([]byte(`{`)); len(errs) != 1 || errs[0].Code != "110" {
		t.Errorf("without an account, the syntax: %+v", errs)
	}
}
