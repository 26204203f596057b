package kit

import (
	"sync"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

// DueHint remembers an instant before which nothing a vendor keeps for the
// clock (a subscription to renew, an order to complete) is due, so that
// the check a vendor makes before many requests scans its records only
// when one may be due. A write of such a record lowers it; a scan raises
// it only if no write happened since the scan began; a world other than
// the one it was learnt in (a reload may change what the records wait
// for) makes it unknown, for a vendor whose due times depend on the world
// (others pass nil). It is a hint: the forced checks (the clock control
// and the engine's ticker) always scan.
type DueHint struct {
	mu       sync.Mutex
	gen      uint64 // counts lowerings, so a scan that raced one is not learnt
	known    bool
	world    *fixtures.World // the world it was learnt in
	none     bool            // nothing is waiting at all
	earliest time.Time
}

// Skip reports whether nothing can be due at now in world w.
func (h *DueHint) Skip(w *fixtures.World, now time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.known && h.world == w && (h.none || now.Before(h.earliest))
}

// Generation is taken before a scan and handed to Learn.
func (h *DueHint) Generation() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

// Learn records what a scan begun at generation gen in world w found: the
// earliest instant something is due, or none.
func (h *DueHint) Learn(gen uint64, w *fixtures.World, earliest time.Time, none bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen == gen {
		h.known, h.world, h.none, h.earliest = true, w, none, earliest
	}
}

// Lower records that something becomes due at t; the caller holds the
// write transaction that stores it.
func (h *DueHint) Lower(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	if h.known && (h.none || t.Before(h.earliest)) {
		h.none, h.earliest = false, t
	}
}
