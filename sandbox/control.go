package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
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

// The sandbox clock stays between ClockMin and ClockMax: far enough for any
// scenario, near enough that no time arithmetic overflows.
var (
	ClockMin = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	ClockMax = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// clockRange says where the clock may go.
var clockRange = "the sandbox clock stays between " + ClockMin.Format(time.RFC3339) + " and " + ClockMax.Format(time.RFC3339)

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
			now := s.clock.Now()
			if to := now.Add(d); (d > 0) != to.After(now) && d != 0 || to.Before(ClockMin) || to.After(ClockMax) {
				kit.WriteControlError(w, http.StatusBadRequest, "advance "+c.Advance+" would take the clock out of range: "+clockRange)
				return
			}
			s.clock.Advance(d)
		case c.Set != "" && c.Advance == "":
			t, err := time.Parse(time.RFC3339, c.Set)
			if err != nil {
				kit.WriteControlError(w, http.StatusBadRequest, `set must be an RFC 3339 time such as "2026-01-01T00:00:00Z"`)
				return
			}
			if t.Before(ClockMin) || t.After(ClockMax) {
				kit.WriteControlError(w, http.StatusBadRequest, "set "+c.Set+" is out of range: "+clockRange)
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

// The pages of the control API's lists: DefaultPage items unless ?limit=
// says otherwise, at most MaxPage, and for the journal about PageBytes.
const (
	DefaultPage = 100
	MaxPage     = 1000
	PageBytes   = 4 << 20
)

// pageParams reads ?limit= (1 to MaxPage, default DefaultPage).
func pageParams(q url.Values) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return DefaultPage, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxPage {
		return 0, fmt.Errorf("limit must be a number from 1 to %d", MaxPage)
	}
	return n, nil
}

type journalPage struct {
	Entries []journal.Entry `json:"entries"`
	Dropped uint64          `json:"dropped"`
	// More is true when entries after these were left out; read them with
	// ?after=<NextAfter>.
	More      bool   `json:"more,omitempty"`
	NextAfter uint64 `json:"next_after,omitempty"`
}

// handleJournal is GET /_sandbox/journal: the kept entries oldest first,
// after ?after=<seq>, a page of ?limit= of them (and at most about
// PageBytes), optionally filtered by vendor, path, status and code. Its
// own answers are journaled without their body, so that reading the
// journal does not grow it.
func (s *Sandbox) handleJournal() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.NoteOf(r).QuietBody = true
		q := r.URL.Query()
		vendor, path := q.Get("vendor"), q.Get("path")
		status, _ := strconv.Atoi(q.Get("status"))
		code, _ := strconv.Atoi(q.Get("code"))
		limit, err := pageParams(q)
		var after uint64
		if v := q.Get("after"); err == nil && v != "" {
			if after, err = strconv.ParseUint(v, 10, 64); err != nil {
				err = errors.New("after must be the seq of an entry")
			}
		}
		if err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		entries, more, dropped := s.journal.Page(func(e *journal.Entry) bool {
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
		}, after, limit, PageBytes)
		page := journalPage{Entries: entries, Dropped: dropped, More: more}
		if entries == nil {
			page.Entries = []journal.Entry{}
		}
		if more {
			page.NextAfter = entries[len(entries)-1].Seq
		}
		kit.WriteJSON(w, http.StatusOK, page)
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
	JournalBytes   int            `json:"journal_bytes"`
	JournalBudget  int            `json:"journal_budget_bytes"`
	Records        map[string]int `json:"records"`
	// Evicted counts the records each vendor evicted to keep a retention
	// bound (--max-links), since the start, by "<vendor>/<bucket>".
	Evicted map[string]uint64 `json:"evicted"`
}

// evictor is a vendor that bounds some of its records: it counts what it
// evicted, by bucket.
type evictor interface {
	Evicted() map[string]uint64
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
			Evicted:        map[string]uint64{},
		}
		for _, m := range s.vendors.list {
			if e, ok := m.v.(evictor); ok {
				for bucket, n := range e.Evicted() {
					st.Evicted[m.name+"/"+bucket] = n
				}
			}
		}
		st.JournalKept, st.JournalDropped = s.journal.Len()
		st.JournalBytes, st.JournalBudget = s.journal.Bytes()
		err := s.store.View(func(tx store.Tx) error {
			for _, b := range tx.Buckets() {
				st.Records[b] = store.Count(tx, b)
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
