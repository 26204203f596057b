// Package journal keeps a bounded record of the requests that reached the
// sandbox, with the sandbox's hints about them, and lets watchers follow it.
package journal

import (
	"net/http"
	"sync"
	"time"
)

// Entry is one request and its response.
type Entry struct {
	Seq             uint64        `json:"seq"`
	Time            time.Time     `json:"time"`
	Vendor          string        `json:"vendor,omitempty"`
	Method          string        `json:"method"`
	Path            string        `json:"path"`
	Query           string        `json:"query,omitempty"`
	Status          int           `json:"status"`
	Codes           []int         `json:"codes,omitempty"`
	Latency         time.Duration `json:"latency_ns"`
	Account         string        `json:"account,omitempty"`
	RequestHeaders  http.Header   `json:"request_headers,omitempty"`
	RequestBody     string        `json:"request_body,omitempty"`
	ResponseHeaders http.Header   `json:"response_headers,omitempty"`
	ResponseBody    string        `json:"response_body,omitempty"`
	// Truncated is true when a body was longer than the journal keeps.
	Truncated bool `json:"truncated,omitempty"`
	// Hints explain what the sandbox noticed, such as a token sent in
	// Authorization instead of AuthorizationJWT.
	Hints []string `json:"hints,omitempty"`
}

// Journal is a ring of the most recent entries. It is safe for concurrent use.
// Entries are stored as recorded and passed through the journal's redaction
// when they are read, so that recording stays cheap.
type Journal struct {
	redact   func(Entry) Entry
	mu       sync.Mutex
	ring     []Entry
	next     int // index of the next write
	full     bool
	seq      uint64
	dropped  uint64
	watchers map[chan Entry]struct{}
}

// New returns a journal keeping at most size entries; redact, when not nil,
// hides secrets in every entry read from it.
func New(size int, redact func(Entry) Entry) *Journal {
	if size < 1 {
		size = 1
	}
	if redact == nil {
		redact = func(e Entry) Entry { return e }
	}
	return &Journal{redact: redact, ring: make([]Entry, size), watchers: map[chan Entry]struct{}{}}
}

// Add records an entry, numbering it; the oldest entry is dropped when the
// journal is full. The entry's header maps and slices are kept, not copied:
// the caller must not change them afterwards. Watchers that are not keeping up miss the entry rather
// than slow the sandbox down.
func (j *Journal) Add(e Entry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	if j.full {
		j.dropped++
	}
	j.ring[j.next] = e
	j.next = (j.next + 1) % len(j.ring)
	if j.next == 0 {
		j.full = true
	}
	if len(j.watchers) == 0 {
		return
	}
	e = j.redact(e)
	for w := range j.watchers {
		select {
		case w <- e:
		default:
		}
	}
}

// Snapshot returns the kept entries, oldest first, that match keep (all
// when keep is nil), and how many entries were dropped since the start.
func (j *Journal) Snapshot(keep func(*Entry) bool) ([]Entry, uint64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []Entry
	add := func(es []Entry) {
		for i := range es {
			if keep == nil || keep(&es[i]) {
				out = append(out, j.redact(es[i]))
			}
		}
	}
	if j.full {
		add(j.ring[j.next:])
	}
	add(j.ring[:j.next])
	return out, j.dropped
}

// Len returns how many entries are kept and how many were dropped.
func (j *Journal) Len() (kept int, dropped uint64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.full {
		return len(j.ring), j.dropped
	}
	return j.next, j.dropped
}

// Clear forgets every entry; numbering and the dropped count go on.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	j.next, j.full = 0, false
}

// Watch returns a channel receiving every new entry and a function that
// stops the watch.
func (j *Journal) Watch(buffer int) (<-chan Entry, func()) {
	ch := make(chan Entry, buffer)
	j.mu.Lock()
	j.watchers[ch] = struct{}{}
	j.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			j.mu.Lock()
			delete(j.watchers, ch)
			j.mu.Unlock()
			close(ch)
		})
	}
}
