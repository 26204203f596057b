package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// WorldStatus tells which world the sandbox serves and how its last reload
// went.
type WorldStatus struct {
	// File is the world file, or the embedded default's name.
	File       string `json:"file"`
	Reloadable bool   `json:"reloadable"`
	// LoadedAt is when the serving world was loaded (wall clock).
	LoadedAt time.Time `json:"loaded_at"`
	Reloads  int       `json:"reloads"`
	// Accounts are the Noventiq accounts' usernames.
	Accounts []string `json:"accounts"`
	// Notice says how the world file was upgraded from an older format.
	Notice string `json:"notice,omitempty"`
	// Error is why the last reload failed; the world loaded at LoadedAt
	// keeps serving. It is empty once a reload succeeds.
	Error    string     `json:"error,omitempty"`
	FailedAt *time.Time `json:"failed_at,omitempty"`
}

// worldSource is where the world comes from and how reloading it went:
// reloading serializes reloads, mu guards the status, so that readers of
// the status never wait for a reload reading its file.
type worldSource struct {
	reloading sync.Mutex
	mu        sync.Mutex
	file      string
	prepare   func(*fixtures.World) error
	status    WorldStatus
}

func newWorldStatus(file string, w *fixtures.World, at time.Time) WorldStatus {
	st := WorldStatus{File: file, Reloadable: file != "", LoadedAt: at, Notice: w.Notice}
	if file == "" {
		st.File = fixtures.DefaultFile + " (embedded)"
	}
	for _, a := range w.Noventiq.Accounts {
		st.Accounts = append(st.Accounts, a.Username)
	}
	return st
}

// ErrNotReloadable is returned by ReloadWorld when the sandbox serves a
// world that did not come from a file.
var ErrNotReloadable = errors.New("the sandbox serves the embedded default world; start it with --world PATH to reload a file")

// WorldStatus returns the serving world's status.
func (s *Sandbox) WorldStatus() WorldStatus {
	s.worlds.mu.Lock()
	defer s.worlds.mu.Unlock()
	return s.worlds.status
}

// ReloadWorld reads the world file again and serves it. When the file is
// invalid, the error is logged, journaled and kept in the status, and the
// last good world keeps serving. trigger says who asked, for the log.
func (s *Sandbox) ReloadWorld(trigger string) (WorldStatus, error) {
	src := &s.worlds
	if src.file == "" {
		return s.WorldStatus(), ErrNotReloadable
	}
	src.reloading.Lock()
	defer src.reloading.Unlock()
	now := time.Now()
	w, err := fixtures.Load(src.file) // bounded in size and time
	if err == nil && src.prepare != nil {
		err = src.prepare(w)
	}
	src.mu.Lock()
	defer src.mu.Unlock()
	entry := journal.Entry{Time: s.clock.Now(), Method: "RELOAD", Path: src.file}
	if err != nil {
		src.status.Error, src.status.FailedAt = err.Error(), &now
		s.log.Error("world reload failed; the last good world keeps serving", "file", src.file, "trigger", trigger, "err", err)
		entry.Status = http.StatusUnprocessableEntity
		entry.Hints = []string{trigger + ": the world file is invalid; the last good world keeps serving: " + err.Error()}
		s.journal.Add(entry)
		return src.status, fmt.Errorf("reload world: %w", err)
	}
	s.world.Store(w)
	reloads := src.status.Reloads + 1
	src.status = newWorldStatus(src.file, w, now)
	src.status.Reloads = reloads
	s.log.Info("world reloaded", "file", src.file, "trigger", trigger, "accounts", len(w.Noventiq.Accounts))
	if w.Notice != "" {
		s.log.Warn(w.Notice, "file", src.file)
	}
	entry.Status = http.StatusOK
	entry.Hints = []string{trigger + ": world reloaded"}
	s.journal.Add(entry)
	return src.status, nil
}

// handleWorld is GET /_sandbox/world.
func (s *Sandbox) handleWorld() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.WriteJSON(w, http.StatusOK, s.WorldStatus())
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
			kit.WriteControlError(w, http.StatusConflict, err.Error())
		case err != nil:
			kit.WriteJSON(w, http.StatusUnprocessableEntity, status)
		default:
			kit.WriteJSON(w, http.StatusOK, status)
		}
	})
}
