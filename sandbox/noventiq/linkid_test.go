package noventiq

import "testing"

func TestLinkID(t *testing.T) {
	for in, want := range map[string]string{
		"12345678": "12345678",
		"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678": "12345678",
		"http://127.0.0.1:8080/basket/flash/42/?x=1":                            "42",
		"/basket/flash/7?utm=a":                                                 "7",
	} {
		if got := LinkID(in); got != want {
			t.Errorf("LinkID(%q) = %q, want %q", in, got, want)
		}
	}
}
