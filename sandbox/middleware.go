package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
)

// journalBodyBytes is how much of each body the journal keeps.
const journalBodyBytes = 64 << 10

// note is what the middleware and handlers of one request tell each other
// and the journal.
type note struct {
	codes   []int
	hints   []string
	account string
	// noResponse is set when the connection was dropped unanswered: the
	// journal then records status 0.
	noResponse bool
	// acct is the account requireToken authenticated.
	acct *fixtures.Account
}

func (n *note) hint(h string) { n.hints = append(n.hints, h) }

type noteKey struct{}

// noteOf returns the request's note; requests that bypass the journal get
// a throwaway one.
func noteOf(r *http.Request) *note {
	if n, ok := r.Context().Value(noteKey{}).(*note); ok {
		return n
	}
	return &note{}
}

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
		n := &note{}
		if r.Header.Get("Authorization") != "" && r.Header.Get("AuthorizationJWT") == "" {
			n.hint("the token was sent in Authorization; the vendor reads it from AuthorizationJWT: Bearer <token>")
		}
		var reqBody capture
		if r.Body == nil { // requests made in-process, not read from a connection
			r.Body = http.NoBody
		}
		r.Body = teeBody{io.TeeReader(r.Body, &reqBody), r.Body}
		rw := &recordingWriter{ResponseWriter: hintWriter{w, n}}
		next.ServeHTTP(rw, r.WithContext(context.WithValue(r.Context(), noteKey{}, n)))
		// A request refused before its body was read (a 401, a 111) still
		// shows its body in the journal: read what is left, up to the cap.
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, int64(journalBodyBytes-reqBody.buf.Len()+1)))
		respHeader := w.Header()
		if rw.status == 0 && !n.noResponse {
			// Nothing was written: the server may still add headers to the
			// map, so the journal keeps a copy.
			rw.status = http.StatusOK
			respHeader = respHeader.Clone()
		}
		s.journal.Add(journal.Entry{
			Time:            s.clock.Now(),
			Method:          r.Method,
			Path:            r.URL.Path,
			Query:           r.URL.RawQuery,
			Status:          rw.status,
			Codes:           n.codes,
			Latency:         time.Since(start),
			Account:         n.account,
			RequestHeaders:  r.Header,
			RequestBody:     reqBody.buf.String(),
			ResponseHeaders: respHeader,
			ResponseBody:    rw.body.buf.String(),
			Truncated:       reqBody.truncated || rw.body.truncated,
			Hints:           n.hints,
		})
	})
}

// hintWriter sets X-Sandbox-Hint just before the header is written.
type hintWriter struct {
	http.ResponseWriter
	n *note
}

func (h hintWriter) WriteHeader(status int) {
	for _, hint := range h.n.hints {
		h.Header().Add("X-Sandbox-Hint", hint)
	}
	h.ResponseWriter.WriteHeader(status)
}

func (h hintWriter) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// redactEntry hides credentials, passwords and tokens in a journal entry
// being read.
func redactEntry(e journal.Entry) journal.Entry {
	e.RequestHeaders = redactHeaders(e.RequestHeaders)
	e.RequestBody = redactLogin(e.Path, e.RequestBody, "password")
	e.ResponseBody = redactLogin(e.Path, e.ResponseBody, "token", "refresh_token")
	return e
}

// redactHeaders returns a copy of h with credentials hidden.
func redactHeaders(h http.Header) http.Header {
	out := h.Clone()
	for _, k := range []string{"Authorizationjwt", "Authorization", "X-Sandbox-Control-Token"} {
		if v := out.Get(k); v != "" {
			scheme, _, found := strings.Cut(v, " ")
			if found {
				out.Set(k, scheme+" [redacted]")
			} else {
				out.Set(k, "[redacted]")
			}
		}
	}
	return out
}

// redactLogin hides the given string fields of a login_check body: the
// password of the request, the tokens of the response.
func redactLogin(path, body string, fields ...string) string {
	if path != "/v1/login_check" {
		return body
	}
	var m map[string]any
	if json.Unmarshal([]byte(body), &m) != nil {
		return body
	}
	for _, f := range fields {
		if _, ok := m[f].(string); ok {
			m[f] = "[redacted]"
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return string(out)
}

// recoverPanics turns a panic into a 500 and keeps the server alive.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", v)
				noteOf(r).hint("internal fault; see the sandbox log")
				writeFramework(w, http.StatusInternalServerError, "Internal Server Error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// dateHeader sets the Date header from the sandbox clock, as the vendor's
// login_check documents (when the token was made).
func (s *Sandbox) dateHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", s.clock.Now().Format(http.TimeFormat))
		next.ServeHTTP(w, r)
	})
}
