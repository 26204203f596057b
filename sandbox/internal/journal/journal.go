// Package journal keeps a bounded record of the requests that reached the
// sandbox, with the sandbox's hints about them, and lets watchers follow it.
// It is bounded twice: in entries and in bytes. An entry's headers are cut
// to MaxHeaderBytes each way and its bodies, by the recorder, to a cap of
// its own; when the kept entries weigh more than the journal's byte budget,
// the oldest are dropped, and counted.
package journal

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// MaxHeaderBytes bounds the headers an entry keeps, each way; MaxHints
// bounds its hints and their bytes.
const (
	MaxHeaderBytes = 8 << 10
	MaxHints       = 32
	maxHintBytes   = 8 << 10
)

// DefaultMaxBytes is the journal's default byte budget.
const DefaultMaxBytes = 64 << 20

// Entry is one request and its response.
type Entry struct {
	Seq    uint64    `json:"seq"`
	Time   time.Time `json:"time"`
	Vendor string    `json:"vendor,omitempty"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Query  string    `json:"query,omitempty"`
	Status int       `json:"status"`
	Codes  []int     `json:"codes,omitempty"`
	// ErrorFields are the field paths of the errors answered, whole.
	ErrorFields     []string      `json:"error_fields,omitempty"`
	Latency         time.Duration `json:"latency_ns"`
	Account         string        `json:"account,omitempty"`
	RequestHeaders  http.Header   `json:"request_headers,omitempty"`
	RequestBody     string        `json:"request_body,omitempty"`
	ResponseHeaders http.Header   `json:"response_headers,omitempty"`
	ResponseBody    string        `json:"response_body,omitempty"`
	// Truncated is true when a body or the headers were longer than the
	// journal keeps.
	Truncated bool `json:"truncated,omitempty"`
	// Hints explain what the sandbox noticed, such as a token sent in
	// Authorization instead of AuthorizationJWT.
	Hints []string `json:"hints,omitempty"`
}

// size is about how many bytes the entry holds.
func (e *Entry) size() int {
	n := 256 + len(e.Path) + len(e.Query) + len(e.RequestBody) + len(e.ResponseBody) + 8*len(e.Codes) + len(e.Account) + len(e.Vendor)
	for _, h := range e.Hints {
		n += len(h)
	}
	for _, f := range e.ErrorFields {
		n += len(f) + 4
	}
	return n + headerBytes(e.RequestHeaders) + headerBytes(e.ResponseHeaders)
}

func headerBytes(h http.Header) int {
	n := 0
	for k, vs := range h {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// bound cuts the entry's headers and hints to what the journal keeps; it
// copies what it cuts, so that the caller's maps and slices are not changed.
func (e *Entry) bound() {
	var cut bool
	e.RequestHeaders, cut = boundHeaders(e.RequestHeaders)
	e.Truncated = e.Truncated || cut
	e.ResponseHeaders, cut = boundHeaders(e.ResponseHeaders)
	e.Truncated = e.Truncated || cut
	total, kept := 0, 0
	for kept < len(e.Hints) && kept < MaxHints && total+len(e.Hints[kept]) <= maxHintBytes {
		total += len(e.Hints[kept])
		kept++
	}
	if kept < len(e.Hints) {
		e.Hints = append(e.Hints[:kept:kept], fmt.Sprintf("… and %d more hints", len(e.Hints)-kept))
	}
}

// boundHeaders returns h, or a copy of it cut to MaxHeaderBytes: a value
// over the budget ends in a marker that says how much was cut.
func boundHeaders(h http.Header) (http.Header, bool) {
	if headerBytes(h) <= MaxHeaderBytes {
		return h, false
	}
	out := make(http.Header, len(h))
	left := MaxHeaderBytes
	for k, vs := range h {
		for _, v := range vs {
			room := left - len(k) - 4
			switch {
			case room >= len(v):
				out[k] = append(out[k], v)
				left -= len(k) + len(v) + 4
			case room > 0:
				out[k] = append(out[k], fmt.Sprintf("%s… [%d bytes more; the journal keeps %d KiB of headers]", v[:room], len(v)-room, MaxHeaderBytes>>10))
				left = 0
			default:
				left = 0
			}
		}
	}
	return out, true
}

// Journal is a ring of the most recent entries, bounded in entries and in
// bytes. It is safe for concurrent use. Entries are stored as recorded and
// passed through the journal's redaction when they are read, so that
// recording stays cheap.
type Journal struct {
	redact   func(Entry) Entry
	maxBytes int
	mu       sync.Mutex
	ring     []Entry
	sizes    []int
	start    int // index of the oldest kept entry
	count    int // entries kept
	bytes    int // bytes kept
	seq      uint64
	dropped  uint64
	watchers map[chan Entry]struct{}
}

// New returns a journal keeping at most size entries and DefaultMaxBytes;
// redact, when not nil, hides secrets in every entry read from it.
func New(size int, redact func(Entry) Entry) *Journal {
	return NewBounded(size, DefaultMaxBytes, redact)
}

// NewBounded returns a journal keeping at most size entries weighing at
// most maxBytes.
func NewBounded(size, maxBytes int, redact func(Entry) Entry) *Journal {
	if size < 1 {
		size = 1
	}
	if redact == nil {
		redact = func(e Entry) Entry { return e }
	}
	return &Journal{redact: redact, maxBytes: maxBytes, ring: make([]Entry, size), sizes: make([]int, size), watchers: map[chan Entry]struct{}{}}
}

// Add records an entry, numbering it, its headers cut to what the journal
// keeps; the oldest entries are dropped when the journal is full, in
// entries or in bytes. The entry's maps and slices are kept, not copied
// (unless cut): the caller must not change them afterwards. Watchers that
// are not keeping up miss the entry rather than slow the sandbox down.
func (j *Journal) Add(e Entry) {
	e.bound()
	size := e.size()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	for j.count > 0 && (j.count == len(j.ring) || j.bytes+size > j.maxBytes) {
		j.dropOldest()
	}
	i := (j.start + j.count) % len(j.ring)
	j.ring[i], j.sizes[i] = e, size
	j.count++
	j.bytes += size
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

func (j *Journal) dropOldest() {
	j.bytes -= j.sizes[j.start]
	j.ring[j.start], j.sizes[j.start] = Entry{}, 0
	j.start = (j.start + 1) % len(j.ring)
	j.count--
	j.dropped++
}

// Snapshot returns the kept entries, oldest first, that match keep (all
// when keep is nil), and how many entries were dropped since the start.
func (j *Journal) Snapshot(keep func(*Entry) bool) ([]Entry, uint64) {
	out, _, dropped := j.Page(keep, 0, 0, 0)
	return out, dropped
}

// Page returns, oldest first, the kept entries numbered after after that
// match keep, at most limit of them (0: no limit) and about maxBytes of
// them (0: no limit; at least one entry is always given); more says
// whether matching entries were left out.
func (j *Journal) Page(keep func(*Entry) bool, after uint64, limit, maxBytes int) (out []Entry, more bool, dropped uint64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	used := 0
	for k := range j.count {
		i := (j.start + k) % len(j.ring)
		e := &j.ring[i]
		if e.Seq <= after || keep != nil && !keep(e) {
			continue
		}
		if limit > 0 && len(out) == limit || maxBytes > 0 && len(out) > 0 && used+j.sizes[i] > maxBytes {
			return out, true, j.dropped
		}
		out = append(out, j.redact(*e))
		used += j.sizes[i]
	}
	return out, false, j.dropped
}

// Len returns how many entries are kept and how many were dropped.
func (j *Journal) Len() (kept int, dropped uint64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.count, j.dropped
}

// Bytes returns about how many bytes the kept entries weigh, and the
// journal's budget.
func (j *Journal) Bytes() (kept, budget int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.bytes, j.maxBytes
}

// Clear forgets every entry; numbering and the dropped count go on.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	clear(j.sizes)
	j.start, j.count, j.bytes = 0, 0, 0
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
