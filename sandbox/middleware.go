package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// journalBodyBytes is how much of each body the journal keeps.
const journalBodyBytes = 64 << 10

// exchange is one request on its way through the engine, in one
// allocation: the note its handlers leave, its body as read, its answer as
// written.
type exchange struct {
	note kit.Note
	body *kit.Body
	rw   recordingWriter
}

// recordingWriter remembers the status and a capped copy of the body, and
// sets X-Sandbox-Hint from the note when the header is written.
type recordingWriter struct {
	http.ResponseWriter
	note      *kit.Note
	status    int
	body      strings.Builder
	truncated bool
}

func (rw *recordingWriter) WriteHeader(status int) {
	if rw.status == 0 {
		rw.status = status
	}
	boundDiagnostics(rw.Header(), rw.note.Hints)
	rw.ResponseWriter.WriteHeader(status)
}

// Write keeps the first journalBodyBytes of the answer. An answer written
// without WriteHeader is sent without the hint header, as net/http writes
// its header itself.
func (rw *recordingWriter) Write(p []byte) (int, error) {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
	keep := p
	if room := journalBodyBytes - rw.body.Len(); len(keep) > room {
		rw.truncated = true
		keep = keep[:max(room, 0)]
	}
	if rw.body.Len() == 0 {
		rw.body.Grow(len(keep))
	}
	rw.body.Write(keep)
	return rw.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (rw *recordingWriter) Unwrap() http.ResponseWriter { return rw.ResponseWriter }

// recordJournal adds every request and its response to the journal and sets
// the X-Sandbox-Hint header from the handlers' hints.
func (s *Sandbox) recordJournal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		x := &exchange{}
		x.body = kit.NewBody(r, journalBodyBytes)
		x.rw = recordingWriter{ResponseWriter: w, note: &x.note}
		r = kit.WithNote(r, &x.note)
		r.Body = x.body
		next.ServeHTTP(&x.rw, r)
		n, rw := &x.note, &x.rw
		// A request refused before its body was read (a 401, a 111) still
		// shows its body in the journal: Kept reads what is left, up to
		// the cap.
		reqBody, reqCut := x.body.Kept()
		respHeader := w.Header()
		if rw.status == 0 && !n.NoResponse {
			// Nothing was written: the server may still add headers to the
			// map, so the journal keeps a copy.
			rw.status = http.StatusOK
			respHeader = respHeader.Clone()
		}
		s.journal.Add(journal.Entry{
			Time:            s.clock.Now(),
			Vendor:          n.Vendor,
			Method:          r.Method,
			Path:            r.URL.Path,
			Query:           r.URL.RawQuery,
			Status:          rw.status,
			Codes:           n.Codes,
			ErrorFields:     n.ErrorFields,
			Latency:         time.Since(start),
			Account:         n.Account,
			RequestHeaders:  r.Header,
			RequestBody:     reqBody,
			ResponseHeaders: respHeader,
			ResponseBody:    responseBody(n, &rw.body),
			Truncated:       reqCut || rw.truncated,
			Hints:           n.Hints,
		})
	})
}

// boundDiagnostics sets the hints in X-Sandbox-Hint and keeps the
// diagnostic headers within kit.MaxDiagnosticBytes together: the error
// fields get half of it, the hints the rest; a cut list ends in "… and N
// more".
func boundDiagnostics(h http.Header, hints []string) {
	if len(hints) == 0 && len(h[kit.ErrorFieldsHeader]) == 0 {
		return // nothing to bound: most answers
	}
	left := kit.MaxDiagnosticBytes
	if fields := h.Get(kit.ErrorFieldsHeader); len(fields) > left/2 {
		paths := strings.Split(fields, ",")
		kept, size := 0, 0
		for kept < len(paths) && size+len(paths[kept])+1 <= left/2-32 {
			size += len(paths[kept]) + 1
			kept++
		}
		h.Set(kit.ErrorFieldsHeader, strings.Join(paths[:kept], ",")+fmt.Sprintf(",… and %d more", len(paths)-kept))
	}
	left -= len(h.Get(kit.ErrorFieldsHeader))
	for i, hint := range hints {
		if len(hint) > left-40 {
			h.Add(kit.HintHeader, fmt.Sprintf("… and %d more", len(hints)-i))
			return
		}
		h.Add(kit.HintHeader, hint)
		left -= len(hint)
	}
}

// recoverPanics is the last guard: a panic is answered 500, in the
// request's vendor's framework body, and the server stays alive.
func (s *Sandbox) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", v)
				kit.Hint(r, "internal fault; see the sandbox log")
				m, ok := s.vendors.byName[kit.NoteOf(r).Vendor]
				if !ok {
					m = s.vendors.list[0]
				}
				m.v.Status(http.StatusInternalServerError).ServeHTTP(w, r)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// dateHeader sets the Date header from the sandbox clock, as the vendors'
// APIs date their answers by their own clocks (Noventiq's login_check
// documents it as when the token was made).
func (s *Sandbox) dateHeader(next http.Handler) http.Handler {
	var last atomic.Pointer[dated]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := s.clock.Now()
		d := last.Load()
		if d == nil || d.unix != now.Unix() || d.loc != now.Location() {
			d = &dated{now.Unix(), now.Location(), []string{now.Format(http.TimeFormat)}}
			last.Store(d)
		}
		w.Header()["Date"] = d.header // never changed: a second's answers share it
		next.ServeHTTP(w, r)
	})
}

// dated is the Date header of one second.
type dated struct {
	unix   int64
	loc    *time.Location
	header []string
}

// responseBody is what the journal keeps of an answer's body.
func responseBody(n *kit.Note, b *strings.Builder) string {
	if n.QuietBody {
		return ""
	}
	return b.String()
}
