package sandbox

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// journalBodyBytes is how much of each body the journal keeps.
const journalBodyBytes = 64 << 10

// capture is a capped copy of what passes through.
type capture struct {
	buf       bytes.Buffer
	truncated bool
}

func (c *capture) Write(p []byte) (int, error) {
	room := journalBodyBytes - c.buf.Len()
	if len(p) > room {
		c.truncated = true
		p = p[:max(room, 0)]
	}
	c.buf.Write(p)
	return len(p), nil
}

type teeBody struct {
	io.Reader
	io.Closer
}

// recordingWriter remembers the status and a capped copy of the body.
type recordingWriter struct {
	http.ResponseWriter
	status int
	body   capture
}

func (rw *recordingWriter) WriteHeader(status int) {
	if rw.status == 0 {
		rw.status = status
	}
	rw.ResponseWriter.WriteHeader(status)
}

func (rw *recordingWriter) Write(p []byte) (int, error) {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
	rw.body.Write(p)
	return rw.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (rw *recordingWriter) Unwrap() http.ResponseWriter { return rw.ResponseWriter }

// recordJournal adds every request and its response to the journal and sets
// the X-Sandbox-Hint header from the handlers' hints.
func (s *Sandbox) recordJournal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		n := &kit.Note{}
		var reqBody capture
		if r.Body == nil { // requests made in-process, not read from a connection
			r.Body = http.NoBody
		}
		r.Body = teeBody{io.TeeReader(r.Body, &reqBody), r.Body}
		rw := &recordingWriter{ResponseWriter: hintWriter{w, n}}
		next.ServeHTTP(rw, kit.WithNote(r, n))
		// A request refused before its body was read (a 401, a 111) still
		// shows its body in the journal: read what is left, up to the cap.
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, int64(journalBodyBytes-reqBody.buf.Len()+1)))
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
			RequestBody:     reqBody.buf.String(),
			ResponseHeaders: respHeader,
			ResponseBody:    responseBody(n, &rw.body),
			Truncated:       reqBody.truncated || rw.body.truncated,
			Hints:           n.Hints,
		})
	})
}

// hintWriter sets X-Sandbox-Hint just before the header is written.
type hintWriter struct {
	http.ResponseWriter
	n *kit.Note
}

func (h hintWriter) WriteHeader(status int) {
	boundDiagnostics(h.Header(), h.n.Hints)
	h.ResponseWriter.WriteHeader(status)
}

// boundDiagnostics sets the hints in X-Sandbox-Hint and keeps the
// diagnostic headers within kit.MaxDiagnosticBytes together: the error
// fields get half of it, the hints the rest; a cut list ends in "… and N
// more".
func boundDiagnostics(h http.Header, hints []string) {
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

func (h hintWriter) Unwrap() http.ResponseWriter { return h.ResponseWriter }

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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", s.clock.Now().Format(http.TimeFormat))
		next.ServeHTTP(w, r)
	})
}

// responseBody is what the journal keeps of an answer's body.
func responseBody(n *kit.Note, c *capture) string {
	if n.QuietBody {
		return ""
	}
	return c.buf.String()
}
