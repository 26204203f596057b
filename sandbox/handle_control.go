package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
)

// handleHealth is GET /_sandbox/health.
func (s *Sandbox) handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
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
		writeJSON(w, http.StatusOK, s.clockState())
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
			writeControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		switch {
		case c.Advance != "" && c.Set == "":
			d, err := time.ParseDuration(c.Advance)
			if err != nil {
				writeControlError(w, http.StatusBadRequest, `advance must be a Go duration such as "25h" or "-90m"`)
				return
			}
			s.clock.Advance(d)
		case c.Set != "" && c.Advance == "":
			t, err := time.Parse(time.RFC3339, c.Set)
			if err != nil {
				writeControlError(w, http.StatusBadRequest, `set must be an RFC 3339 time such as "2026-01-01T00:00:00Z"`)
				return
			}
			s.clock.Set(t)
		default:
			writeControlError(w, http.StatusBadRequest, `send exactly one of {"advance":"25h"} or {"set":"2026-01-01T00:00:00Z"}`)
			return
		}
		s.renewDue()
		writeJSON(w, http.StatusOK, s.clockState())
	})
}

// decodeControl strictly decodes a control API body; an empty body leaves
// v as it is.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := readBody(w, r)
	if err != nil || len(bytes.TrimSpace(raw)) == 0 {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

type journalPage struct {
	Entries []journal.Entry `json:"entries"`
	Dropped uint64          `json:"dropped"`
}

// handleJournal is GET /_sandbox/journal, optionally filtered by path,
// status and code.
func (s *Sandbox) handleJournal() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		path := q.Get("path")
		status, _ := strconv.Atoi(q.Get("status"))
		code, _ := strconv.Atoi(q.Get("code"))
		entries, dropped := s.journal.Snapshot(func(e *journal.Entry) bool {
			if path != "" && e.Path != path || status != 0 && e.Status != status {
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
		writeJSON(w, http.StatusOK, journalPage{Entries: entries, Dropped: dropped})
	})
}
