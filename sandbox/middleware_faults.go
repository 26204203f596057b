package sandbox

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/apierr"
	"github.com/flashcart/flashcart/sandbox/internal/faults"
)

// controlPrefix starts every path of the sandbox-only control API.
const controlPrefix = "/_sandbox/"

func isControl(path string) bool { return strings.HasPrefix(path, controlPrefix) }

// ControlTokenHeader carries the control token.
const ControlTokenHeader = "X-Sandbox-Control-Token"

// ControlAccess says who may use the control API.
type ControlAccess struct {
	// LoopbackOnly refuses control requests from peers that are not on
	// loopback, unless they carry Token.
	LoopbackOnly bool
	// Token, when set, lets a peer anywhere use the control API by sending
	// it in X-Sandbox-Control-Token.
	Token string
}

// allows reports whether a control request may go on, and why not.
func (c ControlAccess) allows(r *http.Request) (bool, string) {
	if !c.LoopbackOnly {
		return true, ""
	}
	if c.Token != "" {
		if got := r.Header.Get(ControlTokenHeader); got != "" {
			if subtle.ConstantTimeCompare([]byte(got), []byte(c.Token)) == 1 {
				return true, ""
			}
			return false, "the " + ControlTokenHeader + " header does not hold the sandbox's control token"
		}
	}
	if isLoopback(r.RemoteAddr) {
		return true, ""
	}
	if c.Token == "" {
		return false, "the control API answers loopback clients only; start the sandbox with --control-token and send it in " + ControlTokenHeader
	}
	return false, "the control API answers loopback clients, or requests with the control token in " + ControlTokenHeader
}

func isLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// guardControl refuses control API requests that ControlAccess does not
// allow, with 403.
func (s *Sandbox) guardControl(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isControl(r.URL.Path) {
			if ok, why := s.control.allows(r); !ok {
				noteOf(r).hint(why)
				writeControlError(w, http.StatusForbidden, why)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// injectFaults applies the first matching injected fault to requests
// outside the control API: a delay, then a forced answer or a dropped
// connection.
func (s *Sandbox) injectFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isControl(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		d, ok := s.faults.Decide(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		n := noteOf(r)
		if d.Delay > 0 {
			n.hint("fault " + d.Rule + ": delayed " + d.Delay.String())
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
			n.hint("fault " + d.Rule + ": connection dropped without an answer")
			n.noResponse = true
			dropConnection(w)
		case d.Error != nil:
			n.hint("fault " + d.Rule + ": forced error")
			writeErrors(w, r, []apierr.Error{*d.Error})
		case d.Status != 0:
			n.hint("fault " + d.Rule + ": forced status")
			writeFramework(w, d.Status, http.StatusText(d.Status))
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

// forceError answers a vendor call (/v1/…) carrying X-Sandbox-Force-Error
// with that documented error; a header naming no documented error is a 400
// control error.
func (s *Sandbox) forceError(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, sent := r.Header[http.CanonicalHeaderKey(faults.ForceHeader)]
		if !sent || !strings.HasPrefix(r.URL.Path, "/v1/") {
			next.ServeHTTP(w, r)
			return
		}
		forced, err := faults.ParseForceHeader(strings.Join(v, " "))
		if err != nil {
			noteOf(r).hint(err.Error())
			writeControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		noteOf(r).hint(faults.ForceHeader + " forced this error")
		writeErrors(w, r, []apierr.Error{forced})
	})
}
