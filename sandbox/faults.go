package sandbox

import (
	"net/http"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// injectFaults applies the first matching injected fault to a vendor
// request: a delay, then a forced answer or a dropped connection.
func (s *Sandbox) injectFaults(m *mounted, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, ok := s.faults.Decide(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if d.Delay > 0 {
			kit.Hint(r, "fault "+d.Rule+": delayed "+d.Delay.String())
			t := time.NewTimer(d.Delay)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		switch {
		case d.Drop:
			kit.Hint(r, "fault "+d.Rule+": connection dropped without an answer")
			kit.NoteOf(r).NoResponse = true
			dropConnection(w)
		case d.Forced != nil:
			kit.Hint(r, "fault "+d.Rule+": forced error")
			d.Forced.ServeHTTP(w, r)
		case d.Status != 0:
			kit.Hint(r, "fault "+d.Rule+": forced status")
			m.v.Status(d.Status).ServeHTTP(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // the server aborts the stream instead
	}
	_ = conn.Close()
}
