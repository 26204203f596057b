package twocheckout_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox"
	tc "github.com/flashcart/flashcart/sandbox/twocheckout"
)

// TestEngineInline: through the whole sandbox, the client and the overlay
// answer any browser while the twin is the control API's; a forced error
// forces only the JSON-RPC API; a reset of the merchant removes its carts.
func TestEngineInline(t *testing.T) {
	e := newEngine(t, func(o *sandbox.Options) { o.Control = sandbox.ControlAccess{LoopbackOnly: true} })
	// httptest.NewRequest comes from 192.0.2.1, off loopback.
	if r := e.do(http.MethodGet, "", tc.InlineClientPath, ""); r.status != 200 || r.header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("the client off loopback: %d %v", r.status, r.header)
	}
	if r := e.do(http.MethodGet, tc.Host, tc.InlineClientPath, "", "X-Sandbox-Force-Error: ORDER_PRODUCTS_EMPTY"); r.status != 200 || !strings.Contains(r.body, "TwoCoInlineCart") {
		t.Errorf("a forced error on the client: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodPost, "", tc.InlineTwinPath, `{}`); r.status != http.StatusForbidden {
		t.Errorf("the twin off loopback: %d %s", r.status, r.body)
	}

	e = newEngine(t)
	r := e.do(http.MethodPost, "", tc.InlineTwinPath, `{"merchant":"MERCHANT_CODE","products":[{"code":"2CO3MONTHS"}]}`)
	var view tc.InlineCartView
	if r.status != http.StatusCreated || json.Unmarshal([]byte(r.body), &view) != nil || view.Currency != "USD" {
		t.Fatalf("open: %d %s", r.status, r.body)
	}
	entries, _ := e.sb.Journal().Snapshot(func(en *sandbox.JournalEntry) bool { return en.Path == tc.InlineTwinPath })
	if len(entries) != 1 || entries[0].Vendor != "" || entries[0].Account != "MERCHANT_CODE" {
		t.Errorf("the journal: %+v", entries)
	}
	r = e.do(http.MethodPost, "", tc.InlineTwinPath+"/"+view.ID+"/pay", `{"billing":{"name":"Ann Lee","email":"ann@example.com","address":"1 Rue","city":"Paris","zip":"75001","country":"FR"},"card":{"number":"4242424242424242","month":"1","year":"30","cvv":"123"}}`)
	var paid tc.InlinePaidCart
	if r.status != 200 || json.Unmarshal([]byte(r.body), &paid) != nil || r.header.Get("X-Sandbox-Hint") != "InLine cart: placeOrder placed the order "+paid.Order.RefNo {
		t.Errorf("pay: %d %q %s", r.status, r.header.Get("X-Sandbox-Hint"), r.body)
	}
	if r := e.do(http.MethodGet, "", tc.OrdersControlPath+paid.Order.RefNo, ""); r.status != 200 || !strings.Contains(r.body, `"merchant":"MERCHANT_CODE","test":false`) {
		t.Errorf("the control API's view of the order: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodPost, "", "/_sandbox/reset", `{"vendor":"twocheckout","account":"MERCHANT_CODE"}`); r.status != 200 {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodGet, "", tc.InlineTwinPath+"/"+view.ID, ""); r.status != 404 {
		t.Errorf("a cart survived the reset: %d %s", r.status, r.body)
	}
	if r := e.do(http.MethodGet, "", tc.InlineCartsPath+"/"+view.ID, ""); r.status != 404 || !strings.Contains(r.body, "INLINE_CART_NOT_FOUND") {
		t.Errorf("the overlay of a removed cart: %d", r.status)
	}
}
