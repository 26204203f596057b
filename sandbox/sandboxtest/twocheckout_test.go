package sandboxtest_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

// TestTwoCheckoutHosts: both of 2Checkout's API hosts are intercepted, as
// the engine takes them from the vendor.
func TestTwoCheckoutHosts(t *testing.T) {
	client := &http.Client{}
	sb := sandboxtest.New(t, client)
	for _, h := range []string{"api.2checkout.com", "api.avangate.com"} {
		if !slices.Contains(sb.Hosts(), h) {
			t.Errorf("Hosts() lacks %s: %v", h, sb.Hosts())
		}
	}
	const unknown = `{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"Method not found","data":{"error_code":"METHOD_NOT_FOUND"}}}`
	for _, url := range []string{sandboxtest.TwoCheckoutAPI, "https://api.avangate.com/rpc/3.1/", "http://api.2checkout.com/rpc/6.0"} {
		resp, err := client.Post(url, "application/json", strings.NewReader(`{"jsonrpc":"2.0","method":"nope","params":[],"id":4}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != unknown {
			t.Errorf("%s: %d %s", url, resp.StatusCode, body)
		}
	}
	sb.ExpectCalls(t, "POST", "", 3)
	if code, secret := sb.TwoCheckoutMerchant(); code != "MERCHANT_CODE" || secret != "SECRET_KEY" {
		t.Errorf("TwoCheckoutMerchant() = %q, %q", code, secret)
	}
	w := fixtures.Default()
	w.TwoCheckout = nil
	if code, secret := sandboxtest.New(t, &http.Client{}, sandboxtest.WithWorld(w)).TwoCheckoutMerchant(); code != "" || secret != "" {
		t.Errorf("without merchants: %q, %q", code, secret)
	}
}
