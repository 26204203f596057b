package sandbox

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

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
		if ok, why := s.control.allows(r); !ok {
			kit.Hint(r, why)
			kit.WriteControlError(w, http.StatusForbidden, why)
			return
		}
		next.ServeHTTP(w, r)
	})
}
