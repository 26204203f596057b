package twocheckout

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/ids"
	"github.com/flashcart/flashcart/sandbox/store"
	"github.com/gorilla/mux"
)

// Deps are what the vendor needs from the engine.
type Deps struct {
	// Store keeps the vendor's records, in buckets named twocheckout_*;
	// every record is a JSON object whose "account" is the merchant code.
	Store store.Store
	// IDs draws session ids, order numbers and references.
	IDs *ids.Generator
	// Now is the sandbox clock.
	Now func() time.Time
	// World returns the current world; its TwoCheckout section holds the
	// merchants.
	World func() *fixtures.World
	// Log receives the vendor's logs; nil discards them.
	Log *slog.Logger
	// Hint receives sandbox diagnostics about a request (why a login
	// failed, which field was wrong); they never go into a vendor body.
	// r is nil for calls made without an HTTP request. Nil drops them.
	Hint func(r *http.Request, msg string)
	// Enqueue puts an IPN into the durable outbox inside the transaction
	// that changed the order. Nil sends none.
	Enqueue func(tx store.Tx, m IPN) error
}

// Vendor is the 2Checkout JSON-RPC API on a store.
type Vendor struct {
	deps Deps
}

// New returns the vendor. Store, IDs, Now and World are required.
func New(d Deps) *Vendor {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Hint == nil {
		d.Hint = func(*http.Request, string) {}
	}
	if d.Enqueue == nil {
		d.Enqueue = func(store.Tx, IPN) error { return nil }
	}
	return &Vendor{deps: d}
}

// Routes registers the JSON-RPC paths on r; every HTTP method reaches the
// dispatcher, which answers all but POST with -32600.
func (v *Vendor) Routes(r *mux.Router) {
	h := v.Handler()
	for _, p := range Paths {
		r.Handle(p, h)
	}
}

// merchant returns the world's merchant with that code.
func (v *Vendor) merchant(code string) (*fixtures.TwoCheckoutMerchant, bool) {
	w := v.deps.World()
	if w == nil {
		return nil, false
	}
	return w.TwoCheckout.Merchant(code)
}
