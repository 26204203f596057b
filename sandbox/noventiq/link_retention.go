package noventiq

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// DefaultMaxLinks is the retention bound of links when none is set.
const DefaultMaxLinks = 1_000_000

// retention bounds the links a sandbox keeps: once a new link takes the
// store past max links, the oldest links no one has opened are evicted,
// max/100 more than needed so that evictions come in batches, each
// reported to the request that caused it and counted. A link opened — its
// page, its checkout JSON or any change of it — is never evicted. A nil
// retention keeps every link.
type retention struct {
	max int
	// fifo holds, from head on, the links that may still be evicted,
	// oldest first; only store write transactions touch it, one at a time.
	fifo []string
	head int
	// open holds the links of fifo opened since; it is written in read
	// transactions, so that an eviction, which runs in a write
	// transaction, never misses an opening.
	mu      sync.Mutex
	open    map[string]bool
	evicted atomic.Uint64
}

// eviction is what one new link evicted: how many links, the first and the
// last evicted.
type eviction struct {
	n           int
	first, last string
}

// newRetention keeps at most max links, beginning with those a durable
// store holds: oldest first by their creation, those the customer changed
// never evicted (which were only opened, before the sandbox restarted, it
// cannot tell).
func newRetention(st store.Store, max int) (*retention, error) {
	r := &retention{max: max, open: map[string]bool{}}
	type dated struct {
		id string
		at time.Time
	}
	var links []dated
	err := st.View(func(tx store.Tx) error {
		return tx.ForEach(linksBucket, func(id string, raw []byte) error {
			var l struct {
				CreatedAt time.Time `json:"created_at"`
				Cart      linkCart  `json:"cart"`
			}
			if err := json.Unmarshal(raw, &l); err != nil {
				return err
			}
			if !l.Cart.changed() {
				links = append(links, dated{id, l.CreatedAt})
			}
			return nil
		})
	})
	slices.SortFunc(links, func(a, b dated) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	for _, l := range links {
		r.fifo = append(r.fifo, l.id)
	}
	return r, err
}

// added records the link just stored in tx and evicts what the bound
// needs evicted, never that link.
func (r *retention) added(tx store.Tx, id string) (eviction, error) {
	var ev eviction
	if r == nil {
		return ev, nil
	}
	r.fifo = append(r.fifo, id)
	n := store.Count(tx, linksBucket)
	if n <= r.max {
		if len(r.fifo)-r.head > 2*n+1024 {
			r.compact(tx) // resets left ids of links that are gone
		}
		return ev, nil
	}
	for want := n - r.max + r.max/100; ev.n < want && r.head < len(r.fifo)-1; {
		victim := r.fifo[r.head]
		r.fifo[r.head] = ""
		r.head++
		opened := r.wasOpened(victim)
		if _, ok := store.Value(tx, linksBucket, victim); !ok || opened {
			continue
		}
		if err := tx.Delete(linksBucket, victim); err != nil {
			return ev, err
		}
		if ev.n++; ev.n == 1 {
			ev.first = victim
		}
		ev.last = victim
	}
	if r.head > len(r.fifo)/2 {
		r.fifo, r.head = slices.Clone(r.fifo[r.head:]), 0
	}
	return ev, nil
}

// compact drops the ids of links gone or opened.
func (r *retention) compact(tx store.Tx) {
	kept := make([]string, 0, store.Count(tx, linksBucket))
	for _, id := range r.fifo[r.head:] {
		opened := r.wasOpened(id)
		if _, ok := store.Value(tx, linksBucket, id); ok && !opened {
			kept = append(kept, id)
		}
	}
	r.fifo, r.head = kept, 0
}

// wasOpened reports whether the link was opened, and forgets it: the
// caller drops it from fifo.
func (r *retention) wasOpened(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.open[id] {
		delete(r.open, id)
		return true
	}
	return false
}

// opened counts the link opened; the caller holds a transaction.
func (r *retention) opened(id string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.open[id] = true
	r.mu.Unlock()
}

// count adds a committed eviction to the count.
func (r *retention) count(ev eviction) {
	if r != nil {
		r.evicted.Add(uint64(ev.n))
	}
}

// Evicted counts the records evicted by a retention bound since the
// sandbox started, by bucket.
func (v *Vendor) Evicted() map[string]uint64 {
	return map[string]uint64{linksBucket: v.links.evicted.Load()}
}
