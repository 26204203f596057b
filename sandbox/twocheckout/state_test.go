package twocheckout

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// TestRecordsCarryTheAccount: every record is a JSON object whose top-level
// "account" is the merchant code, so a reset by account finds it (the
// outbox's index buckets aside); every bucket of the vendor is named by
// Buckets, so a reset of the vendor finds it; after
// the reset the world's catalogue comes back on the next login, and the
// other merchant keeps its records.
func TestRecordsCarryTheAccount(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	e.call(MethodAddAdditionalField, sid, seedAdditionalField())
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, With(SampleOrder(), "Items.0.Code", "my_subscription_1")), &o)
	other := e.loginAs("AVANGATE", AlgoSHA256)
	err := e.st.View(func(tx store.Tx) error {
		for _, b := range tx.Buckets() {
			switch {
			case b == outbox.PendingBucket || b == outbox.SeqBucket:
				continue
			case b != outbox.Bucket && (!strings.HasPrefix(b, "twocheckout_") || !slices.Contains(e.v.Buckets(), b)):
				t.Errorf("bucket %q lacks the twocheckout_ prefix, or Buckets does not name it", b)
			}
			err := tx.ForEach(b, func(k string, v []byte) error {
				var rec map[string]any
				if json.Unmarshal(v, &rec) != nil || (rec["account"] != "MERCHANT_CODE" && rec["account"] != "AVANGATE") {
					t.Errorf("%s/%s has no account: %s", b, k, v)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	removed, err := store.Reset(e.st, store.Scope{Account: "MERCHANT_CODE"})
	if err != nil || removed[bucketOrders] != 1 || removed[bucketSubscriptions] != 1 || removed[bucketSessions] != 1 ||
		removed[bucketWaiting] != 1 || removed[outbox.Bucket] != 1 {
		t.Fatalf("Reset = %v, %v", removed, err)
	}
	forbidden := errBody(e.nextID+1, 10000, "Invalid hash provided or session expired", "FORBIDDEN")
	if got := e.call(MethodGetOrder, sid, o.RefNo); got != forbidden {
		t.Fatalf("a session survived the reset: %s", got)
	}
	sid = e.login()
	if got := e.call(MethodGetAdditionalField, sid, "NewsletterPolicy1234576"); !strings.Contains(got, "ADDITIONAL_FIELD_NOT_FOUND") {
		t.Errorf("the added field survived the reset: %s", got)
	}
	if got := e.call(MethodGetAdditionalField, sid, "SourceOrder"); strings.Contains(got, "error") {
		t.Errorf("the world's field did not come back: %s", got)
	}
	if got := e.call(MethodGetProductByCode, other, "FLASH_OFFICE"); !strings.Contains(got, `"ProductName":"Flash Office Suite (EU)"`) {
		t.Errorf("the other merchant lost its catalogue: %s", got)
	}
}

// TestUnknownKeysIgnored: keys the tables do not know are dropped, as the
// vendor ignores them (clients send back whole objects they were given).
func TestUnknownKeysIgnored(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	order := With(With(SampleOrder(), "Colour", "red"), "Items.0.Size", "XL")
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, order), &o)
	var p Promotion
	e.result(e.call(MethodGetPromotion, sid, "AB3WMME0UA"), &p)
	roundTrip := jsonMap(t, p)
	roundTrip["Unknown"] = 1
	if got := e.call(MethodUpdatePromotion, sid, roundTrip); !strings.Contains(got, `"result":{"Code":"AB3WMME0UA"`) {
		t.Errorf("updatePromotion with the object getPromotion answered: %s", got)
	}
}

func jsonMap(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCanceledContext: a call whose context is done runs no transaction
// and answers -32603.
func TestCanceledContext(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := string(e.v.Call(ctx, nil, []byte(`{"jsonrpc":"2.0","method":"getAdditionalFields","params":["x"],"id":4}`)))
	if want := errBody(4, -32603, "Internal error", "INTERNAL_ERROR"); got != want {
		t.Fatalf("got %s", got)
	}
	if err := e.v.Complete(ctx, "1"); err == nil {
		t.Error("Complete ran with a done context")
	}
	if _, err := e.v.CompleteDue(ctx); err == nil {
		t.Error("CompleteDue ran with a done context")
	}
}
