package solifyn

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
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
// routed as the engine routes it, and the hints its requests left.
type harness struct {
	t      *testing.T
	v      *Vendor
	router *mux.Router
	store  store.Store
	sec    *fixtures.Solifyn

	mu    sync.Mutex
	now   time.Time
	hints []string
}

func newHarness(t testing.TB, edit ...func(*kit.Env, *fixtures.Solifyn)) *harness {
	world := fixtures.Default()
	sec := world.Solifyn
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
	log := slog.New(slog.DiscardHandler)
	env := kit.Env{
		World: func() *fixtures.World { return world }, Now: h.clock, IDs: kit.NewIDs(7), Store: h.store,
		Outbox: outbox.New(h.store, h.clock, log), Log: log,
	}
	for _, e := range edit {
		e(&env, sec)
	}
	h.v = New(env)
	h.router = mux.NewRouter()
	h.v.Routes(h.router)
	h.v.Control(h.router)
	h.router.NotFoundHandler = h.v.NotFound()
	h.router.MethodNotAllowedHandler = h.v.NotFound()
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

// messages returns the webhooks in the outbox, oldest first.
func (h *harness) messages() []outbox.Delivery {
	h.t.Helper()
	var ds []outbox.Delivery
	err := h.store.View(func(tx store.Tx) (err error) {
		ds, err = outbox.List(tx, outbox.Filter{Vendor: Name})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return ds
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

// serve answers r as the engine does, keeping the hints it left.
func (h *harness) serve(r *http.Request) (int, string) {
	w := httptest.NewRecorder()
	n := &kit.Note{}
	h.router.ServeHTTP(w, kit.WithNote(r, n))
	h.mu.Lock()
	h.hints = append(h.hints, n.Hints...)
	h.mu.Unlock()
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
func (failingStore) AddIndex(string, store.Index)      {}
func (failingStore) Close() error                      { return nil }
