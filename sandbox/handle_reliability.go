package sandbox

import (
	"errors"
	"net/http"
	"runtime"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/faults"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/gorilla/mux"
)

// resetRequest is the body of POST /_sandbox/reset; no account means
// everything.
type resetRequest struct {
	Account *string `json:"account"`
}

type resetResult struct {
	Account string         `json:"account,omitempty"`
	Removed map[string]int `json:"removed"`
	// JournalCleared and FaultsCleared are true for a reset of everything.
	JournalCleared bool `json:"journal_cleared"`
	FaultsCleared  bool `json:"faults_cleared"`
}

// Reset removes the records of one account, or of every account when
// account is empty; resetting everything also clears the journal and the
// injected faults. The token secret and id streams are kept, so issued
// tokens stay valid and ids never repeat.
func (s *Sandbox) Reset(account string) (map[string]int, error) {
	removed, err := store.Reset(s.store, store.Scope{Account: account, Keep: []string{store.MetaBucket}})
	if err != nil {
		return nil, err
	}
	if account == "" {
		s.journal.Clear()
		s.faults.Clear()
	}
	s.log.Info("sandbox reset", "account", account, "removed", removed)
	return removed, nil
}

// handleReset is POST /_sandbox/reset.
func (s *Sandbox) handleReset() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req resetRequest
		if err := decodeControl(w, r, &req); err != nil {
			writeControlError(w, http.StatusBadRequest, `the body must be empty, {} or {"account":"<username>"}: `+err.Error())
			return
		}
		if req.Account != nil && *req.Account == "" {
			writeControlError(w, http.StatusBadRequest, `"account" must name an account; send no account to reset everything`)
			return
		}
		var account string
		if req.Account != nil {
			account = *req.Account
		}
		removed, err := s.Reset(account)
		if err != nil {
			panic(err)
		}
		writeJSON(w, http.StatusOK, resetResult{Account: account, Removed: removed, JournalCleared: account == "", FaultsCleared: account == ""})
	})
}

type faultList struct {
	Faults []faults.Rule `json:"faults"`
}

// handleFaultsList is GET /_sandbox/faults.
func (s *Sandbox) handleFaultsList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, faultList{Faults: s.faults.List()})
	})
}

// handleFaultsAdd is POST /_sandbox/faults.
func (s *Sandbox) handleFaultsAdd() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var spec faults.Spec
		if err := decodeControl(w, r, &spec); err != nil {
			writeControlError(w, http.StatusBadRequest, "the body must be a fault: "+err.Error())
			return
		}
		rule, err := s.faults.Add(spec)
		if err != nil {
			writeControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		writeJSON(w, http.StatusCreated, rule)
	})
}

// handleFaultsClear is DELETE /_sandbox/faults.
func (s *Sandbox) handleFaultsClear() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.faults.Clear()
		writeJSON(w, http.StatusOK, faultList{Faults: []faults.Rule{}})
	})
}

// handleFaultsRemove is DELETE /_sandbox/faults/{id}.
func (s *Sandbox) handleFaultsRemove() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		if !s.faults.Remove(id) {
			writeControlError(w, http.StatusNotFound, "no active fault "+id)
			return
		}
		writeJSON(w, http.StatusOK, faultList{Faults: s.faults.List()})
	})
}

// handleWorld is GET /_sandbox/world.
func (s *Sandbox) handleWorld() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.WorldStatus())
	})
}

// handleWorldReload is POST /_sandbox/world/reload: 200 with the new
// status, 409 when the world is not from a file, 422 when the file is
// invalid (the last good world keeps serving).
func (s *Sandbox) handleWorldReload() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, err := s.ReloadWorld("POST /_sandbox/world/reload")
		switch {
		case errors.Is(err, ErrNotReloadable):
			writeControlError(w, http.StatusConflict, err.Error())
		case err != nil:
			writeJSON(w, http.StatusUnprocessableEntity, status)
		default:
			writeJSON(w, http.StatusOK, status)
		}
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
				_ = tx.ForEach(b, func(string, []byte) error { n++; return nil })
				st.Records[b] = n
			}
			return nil
		})
		if err != nil {
			panic(err)
		}
		writeJSON(w, http.StatusOK, st)
	})
}
