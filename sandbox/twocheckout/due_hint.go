package twocheckout

import (
	"sync"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

// dueHint remembers an instant before which no waiting order completes in
// a given world, so that the check made before every request scans the
// waiting orders only when one may be due (as Noventiq's renewals do).
// placeOrder lowers it; a scan raises it only if no order was placed since
// the scan began; a world other than the one it was learnt in (a reload
// may change the merchants' delays) makes it unknown. It is a hint: the
// forced checks (the clock control and the once-a-second ticker) always
// scan.
type dueHint struct {
	mu       sync.Mutex
	gen      uint64          // counts lowerings, so a scan that raced one is not learnt
	world    *fixtures.World // the world it was learnt in; nil: unknown
	none     bool            // no waiting order completes in that world
	earliest time.Time
}

// skip reports whether no waiting order can complete at now in w.
func (h *dueHint) skip(w *fixtures.World, now time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.world != nil && h.world == w && (h.none || now.Before(h.earliest))
}

// generation is taken before a scan and handed to learn.
func (h *dueHint) generation() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

// learn records what a scan begun at generation gen in world w found: the
// earliest instant a waiting order completes, or none.
func (h *dueHint) learn(gen uint64, w *fixtures.World, earliest time.Time, none bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen == gen {
		h.world, h.none, h.earliest = w, none, earliest
	}
}

// lower records that a waiting order completes at t; the caller holds
// the write transaction that stores it.
func (h *dueHint) lower(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	if h.none || t.Before(h.earliest) {
		h.none, h.earliest = false, t
	}
}
