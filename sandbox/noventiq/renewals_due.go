package noventiq

import (
	"sync"
	"time"
)

// dueHint remembers an instant before which no active subscription is due,
// so that the renewal check made before many requests scans the
// subscriptions only when one may be due. Writes of active subscriptions
// lower it; a scan raises it only if no write happened since the scan
// began. It is a hint: the forced checks (the clock control and the
// once-a-second ticker) always scan.
type dueHint struct {
	mu       sync.Mutex
	gen      uint64 // counts lowerings, so a scan that raced one is not learnt
	known    bool
	none     bool // no active subscription at all
	earliest time.Time
}

// skip reports whether no subscription can be due at now.
func (h *dueHint) skip(now time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.known && (h.none || now.Before(h.earliest))
}

// generation is taken before a scan and handed to learn.
func (h *dueHint) generation() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

// learn records what a scan begun at generation gen found: the earliest
// expiration among active subscriptions, or none.
func (h *dueHint) learn(gen uint64, earliest time.Time, none bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen == gen {
		h.known, h.none, h.earliest = true, none, earliest
	}
}

// lower records that an active subscription expires at t.
func (h *dueHint) lower(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	if h.known && (h.none || t.Before(h.earliest)) {
		h.none, h.earliest = false, t
	}
}
