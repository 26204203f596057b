package solifyn

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/ids"
	"github.com/flashcart/flashcart/sandbox/store"
)

// Deps is what the vendor takes from the engine. Store, IDs, Now and World
// are required; the others may be left zero.
type Deps struct {
	// Store holds the vendor's records, in buckets named solifyn_….
	Store store.Store
	// IDs draws every id, so a run is repeatable with the same seed.
	IDs *ids.Generator
	// Now is the sandbox clock.
	Now func() time.Time
	// World returns the current world; a world without a Solifyn section
	// gets the embedded default one.
	World func() *fixtures.World
	// Log receives the vendor's logs; nil discards them.
	Log *slog.Logger
	// LocalLinks makes checkout_url point at the sandbox's own address (the
	// request's host) instead of the world's checkout base.
	LocalLinks bool
	// Hint receives sandbox diagnostics about a request, which never go
	// into a vendor body; nil drops them.
	Hint func(r *http.Request, msg string)
	// Enqueue puts a webhook into the engine's outbox, inside the
	// transaction that made it; nil sends no webhooks.
	Enqueue func(tx store.Tx, m Message) error
}

// Vendor is Solifyn: its REST routes (Routes) and the JSON twin of its
// hosted checkout (State, SetCustomer, Pay).
type Vendor struct {
	d Deps
}

// New returns the vendor.
func New(d Deps) *Vendor {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Hint == nil {
		d.Hint = func(*http.Request, string) {}
	}
	return &Vendor{d: d}
}

// Name is the vendor's name in the engine, the journal and the control API.
func (v *Vendor) Name() string { return "solifyn" }

// section returns the world's Solifyn section.
func (v *Vendor) section() *fixtures.Solifyn { return v.d.World().SolifynSection() }
