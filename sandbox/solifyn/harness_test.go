package solifyn

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/ids"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/gorilla/mux"
)

// The default section's test key and the harness's second business's.
const (
	demoKey   = "fyn_test_demo_key"
	otherKey  = "fyn_test_other_key"
	hookURL   = "https://hooks.example.test/solifyn"
	demoBiz   = "biz_4r5t6y7u8i9o"
	starterID = "prod_z2o92kEl6cYYX"
)

// start is the harness clock's first reading.
var start = time.Date(2026, 5, 23, 10, 0, 0, 0, time.UTC)

// harness is a vendor on a memory store with a movable clock, a world of
// the default section plus a second business and an archived collection,
// and the webhooks and hints it produced.
type harness struct {
	t      *testing.T
	v      *Vendor
	router *mux.Router
	store  store.Store
	sec    *fixtures.Solifyn

	mu    sync.Mutex
	now   time.Time
	msgs  []Message
	hints []string
}

func newHarness(t testing.TB, edit ...func(*Deps, *fixtures.Solifyn)) *harness {
	sec := fixtures.DefaultSolifyn()
	demo := &sec.Businesses[0]
	demo.Webhook.URL = hookURL
	demo.Collections = append(demo.Collections, fixtures.SolifynCollection{
		ID: "col_retired", Name: "Retired Bundle", Status: fixtures.SolifynArchived,
		Products: []fixtures.SolifynCollectionProduct{{ID: starterID}},
	})
	sec.Businesses = append(sec.Businesses, fixtures.SolifynBusiness{
		ID: "biz_other", Name: "Other Shop", APIKeys: []string{otherKey}, Currencies: []string{"usd"},
		Products: []fixtures.SolifynProduct{{ID: "prod_OtherShopItem", Name: "Other Item", Price: "3.00",
			Currency: "USD", PricingType: fixtures.SolifynOneTime}},
		Collections: []fixtures.SolifynCollection{{ID: "col_otherShop", Name: "Other Bundle",
			Products: []fixtures.SolifynCollectionProduct{{ID: "prod_OtherShopItem"}}}},
		Discounts: []fixtures.SolifynDiscount{{ID: "disc_other", Code: "OTHER", Type: fixtures.SolifynFixed, Amount: "1"}},
	})
	h := &harness{store: store.NewMemory(), sec: sec, now: start}
	if tt, ok := t.(*testing.T); ok {
		h.t = tt
	}
	world := &fixtures.World{Solifyn: sec}
	d := Deps{
		Store: h.store, IDs: ids.New(7), Now: h.clock, World: func() *fixtures.World { return world },
		Hint: func(_ *http.Request, msg string) { h.mu.Lock(); h.hints = append(h.hints, msg); h.mu.Unlock() },
		Enqueue: func(_ store.Tx, m Message) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.msgs = append(h.msgs, m)
			return nil
		},
	}
	for _, e := range edit {
		e(&d, sec)
	}
	h.v = New(d)
	h.router = mux.NewRouter()
	h.v.Routes(h.router)
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

// messages returns the webhooks enqueued so far.
func (h *harness) messages() []Message {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Message(nil), h.msgs...)
}

// call sends a request with a JSON body (none when body is "") and the
// bearer key (none when key is ""), and returns the status and body.
func (h *harness) call(method, target, body, key string) (int, string) {
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, target, nil)
	} else {
		r = httptest.NewRequest(method, target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		r.Header.Set("Authorization", "Bearer "+key)
	}
	return h.serve(r)
}

func (h *harness) serve(r *http.Request) (int, string) {
	w := httptest.NewRecorder()
	h.router.ServeHTTP(w, r)
	res := w.Result()
	raw, _ := io.ReadAll(res.Body)
	if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		h.t.Errorf("%s %s: Content-Type %q", r.Method, r.URL, ct)
	}
	return res.StatusCode, string(raw)
}

// must sends a request that must answer want, and decodes the body into out.
func (h *harness) must(method, target, body, key string, want int, out any) {
	h.t.Helper()
	status, got := h.call(method, target, body, key)
	if status != want {
		h.t.Fatalf("%s %s %s: status %d, want %d: %s", method, target, body, status, want, got)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(got), out); err != nil {
			h.t.Fatalf("%s %s: decode %s: %v", method, target, got, err)
		}
	}
}

// checkout creates a product checkout that must succeed.
func (h *harness) checkout(body string) CheckoutResponse {
	h.t.Helper()
	var out CheckoutResponse
	h.must(http.MethodPost, PathCreate, body, demoKey, http.StatusCreated, &out)
	return out
}

// expect compares a response with the whole body it must have.
func expect(t *testing.T, what string, status int, body string, wantStatus int, wantBody string) {
	t.Helper()
	if status != wantStatus || body != wantBody {
		t.Errorf("%s:\n got %d %s\nwant %d %s", what, status, body, wantStatus, wantBody)
	}
}

// failingStore fails every transaction, as a broken disk would.
type failingStore struct{}

var errDisk = errors.New("disk on fire")

func (failingStore) View(func(store.Tx) error) error   { return errDisk }
func (failingStore) Update(func(store.Tx) error) error { return errDisk }
func (failingStore) Close() error                      { return nil }
