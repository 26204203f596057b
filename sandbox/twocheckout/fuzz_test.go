package twocheckout

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// fuzzVendor is a vendor on a memory store with a fixed clock, and a
// session of the default merchant.
func fuzzVendor(f *testing.F) (*Vendor, string) {
	w := fixtures.Default()
	st, now, log := store.NewMemory(), func() time.Time { return start }, slog.New(slog.DiscardHandler)
	v := New(kit.Env{Store: st, IDs: kit.NewIDs(7), Now: now, Log: log, Outbox: outbox.New(st, now, log),
		World: func() *fixtures.World { return w }})
	hash, _ := LoginHash(AlgoMD5, "SECRET_KEY", "MERCHANT_CODE", start.Format(LoginDateLayout))
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "login",
		"params": []any{"MERCHANT_CODE", start.Format(LoginDateLayout), hash}})
	var resp struct{ Result string }
	if err := json.Unmarshal(v.Call(context.Background(), nil, body), &resp); err != nil || resp.Result == "" {
		f.Fatalf("login failed: %v", err)
	}
	return v, resp.Result
}

// checkAnswer fails unless raw is one well-formed JSON-RPC answer: jsonrpc
// "2.0", an id, exactly one of result and error, and an error from the
// catalogue.
func checkAnswer(t *testing.T, raw []byte) Response {
	t.Helper()
	var resp Response
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&resp); err != nil || dec.More() {
		t.Fatalf("not one JSON-RPC answer: %v\n%s", err, raw)
	}
	if resp.JSONRPC != "2.0" || (resp.Result == nil) == (resp.Error == nil) || !strings.Contains(string(raw), `"id":`) {
		t.Fatalf("malformed answer: %s", raw)
	}
	if e := resp.Error; e != nil {
		found := false
		for _, entry := range Catalogue() {
			prefix, _, _ := strings.Cut(entry.Message, "%s")
			if entry.Code == e.Code && entry.ErrorCode == e.Data.ErrorCode && strings.HasPrefix(e.Message, prefix) {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("an error outside the catalogue: %s", raw)
		}
	}
	return resp
}

// FuzzEnvelope feeds any body to the dispatcher: no panic, and always a
// well-formed JSON-RPC answer.
func FuzzEnvelope(f *testing.F) {
	v, sid := fuzzVendor(f)
	for _, seed := range []string{
		`{"jsonrpc":"2.0","method":"getAdditionalFields","params":["` + sid + `"],"id":1}`,
		`{"jsonrpc":"2.0","method":"login","params":["MERCHANT_CODE","2026-03-02 10:00:00","x","sha256"],"id":2}`,
		`[{"jsonrpc":"2.0","method":"login","params":[],"id":1}]`,
		`{"jsonrpc":6.0,"method":"getProductByCode","params":{"ProductCode":"x"},"id":-9}`,
		`{"jsonrpc":"2.0","method":"searchProducts","params":["` + sid + `",{"Limit":0}],"id":3}`,
		`{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkAnswer(t, v.Call(context.Background(), nil, body))
	})
}

// FuzzPlaceOrder feeds any Order to placeOrder: no panic, always a
// well-formed answer, and an accepted order is AUTHRECEIVED with a
// non-negative total.
func FuzzPlaceOrder(f *testing.F) {
	v, sid := fuzzVendor(f)
	for _, o := range []map[string]any{SampleOrder(), seedOrder(true), With(SampleOrder(), "Items", []any{dynamicItem("x", 1.5)}),
		With(SampleOrder(), "Items.0.Quantity", "2"), With(SampleOrder(), "Promotions", []any{"SPRING10"})} {
		raw, _ := json.Marshal(o)
		f.Add(raw)
	}
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, order []byte) {
		body := `{"jsonrpc":"2.0","method":"placeOrder","id":5,"params":["` + sid + `",` + string(order) + `]}`
		resp := checkAnswer(t, v.Call(context.Background(), nil, []byte(body)))
		if resp.Result == nil {
			return
		}
		var o Order
		if err := json.Unmarshal(resp.Result, &o); err != nil || o.Status != StatusAuthReceived || o.GrossDiscountedPrice.IsNegative() || len(o.Items) == 0 {
			t.Fatalf("an accepted order: %v %s", err, resp.Result)
		}
	})
}
