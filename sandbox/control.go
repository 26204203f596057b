package sandbox

import (
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// decodeControl strictly decodes a control API body into v: unknown keys
// and data after the value are refused; an empty body leaves v as it is.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := kit.ReadBody(w, r)
	if err != nil {
		return err
	}
	return kit.DecodeStrict(raw, v)
}

// fail answers a control request the sandbox could not serve — a store
// error — with 500, and logs why.
func (s *Sandbox) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("control request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	kit.Hint(r, "internal fault: "+err.Error())
	kit.WriteControlError(w, http.StatusInternalServerError, "internal error: "+err.Error())
}

// handleHealth is GET /_sandbox/health.
func (s *Sandbox) handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

type clockState struct {
	Now    time.Time `json:"now"`
	Frozen bool      `json:"frozen"`
}

func (s *Sandbox) clockState() clockState {
	return clockState{Now: s.clock.Now(), Frozen: s.clock.Frozen()}
}

// handleClockGet is GET /_sandbox/clock.
func (s *Sandbox) handleClockGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.WriteJSON(w, http.StatusOK, s.clockState())
	})
}

// clockChange is the body of POST /_sandbox/clock: one of advance (a Go
// duration such as "25h") or set (RFC 3339).
type clockChange struct {
	Advance string `json:"advance"`
	Set     string `json:"set"`
}

// handleClockSet is POST /_sandbox/clock.
func (s *Sandbox) handleClockSet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var c clockChange
		if err := decodeControl(w, r, &c); err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		switch {
		case c.Advance != "" && c.Set == "":
			d, err := time.ParseDuration(c.Advance)
			if err != nil {
				kit.WriteControlError(w, http.StatusBadRequest, `advance must be a Go duration such as "25h" or "-90m"`)
				return
			}
			s.clock.Advance(d)
		case c.Set != "" && c.Advance == "":
			t, err := time.Parse(time.RFC3339, c.Set)
			if err != nil {
				kit.WriteControlError(w, http.StatusBadRequest, `set must be an RFC 3339 time such as "2026-01-01T00:00:00Z"`)
				return
			}
			s.clock.Set(t)
		default:
			kit.WriteControlError(w, http.StatusBadRequest, `send exactly one of {"advance":"25h"} or {"set":"2026-01-01T00:00:00Z"}`)
			return
		}
		s.clockMoved()
		kit.WriteJSON(w, http.StatusOK, s.clockState())
	})
}

type journalPage struct {
	Entries []journal.Entry `json:"entries"`
	Dropped uint64          `json:"dropped"`
}

// handleJournal is GET /_sandbox/journal, optionally filtered by vendor,
// path, status and code.
func (s *Sandbox) handleJournal() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		vendor, path := q.Get("vendor"), q.Get("path")
		status, _ := strconv.Atoi(q.Get("status"))
		code, _ := strconv.Atoi(q.Get("code"))
		entries, dropped := s.journal.Snapshot(func(e *journal.Entry) bool {
			if vendor != "" && e.Vendor != vendor || path != "" && e.Path != path || status != 0 && e.Status != status {
				return false
			}
			if code == 0 {
				return true
			}
			for _, c := range e.Codes {
				if c == code {
					return true
				}
			}
			return false
		})
		if entries == nil {
			entries = []journal.Entry{}
		}
		kit.WriteJSON(w, http.StatusOK, journalPage{Entries: entries, Dropped: dropped})
	})
}

// Stats is the sandbox process's health in numbers, for load and soak runs.
type Stats struct {
	Uptime         string         `json:"uptime"`
	Goroutines     int            `json:"goroutines"`
	HeapAllocBytes uint64         `json:"heap_alloc_bytes"`
	HeapInuseBytes uint64         `json:"heap_inuse_bytes"`
	SysBytes       uint64         `json:"sys_bytes"`
	NumGC          uint32         `json:"num_gc"`
	JournalKept    int            `json:"journal_kept"`
	JournalDropped uint64         `json:"journal_dropped"`
	Records        map[string]int `json:"records"`
}

// handleStats is GET /_sandbox/stats; ?gc=1 collects garbage first, so
// that the heap figures count live memory only.
func (s *Sandbox) handleStats() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("gc") == "1" {
			runtime.GC()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		st := Stats{
			Uptime:         time.Since(s.started).Round(time.Millisecond).String(),
			Goroutines:     runtime.NumGoroutine(),
			HeapAllocBytes: ms.HeapAlloc,
			HeapInuseBytes: ms.HeapInuse,
			SysBytes:       ms.Sys,
			NumGC:          ms.NumGC,
			Records:        map[string]int{},
		}
		st.JournalKept, st.JournalDropped = s.journal.Len()
		err := s.store.View(func(tx store.Tx) error {
			for _, b := range tx.Buckets() {
				n := 0
				if err := tx.ForEach(b, func(string, []byte) error { n++; return nil }); err != nil {
					return err
				}
				st.Records[b] = n
			}
			return nil
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		kit.WriteJSON(w, http.StatusOK, st)
	})
}
