package runner

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// curl writes the request as a curl command. The token, the 2Checkout
// session and the password are written as ${token},
// ${twocheckout.session} and ${password}, so reports hold no secret.
func (x *exec) curl(req *http.Request, body []byte) string {
	var b strings.Builder
	b.WriteString("curl -sS -i")
	if req.Method != http.MethodGet || body != nil {
		b.WriteString(" -X " + req.Method)
	}
	b.WriteString(" " + shellQuote(req.URL.String()))
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range req.Header[k] {
			if k == http.CanonicalHeaderKey("AuthorizationJWT") {
				k = "AuthorizationJWT"
			}
			b.WriteString(" -H " + shellQuote(k+": "+v))
		}
	}
	if body != nil {
		b.WriteString(" --data-raw " + shellQuote(string(body)))
	}
	return x.redact(b.String())
}

// redact replaces the token and the 2Checkout session wherever they are,
// and the password where a login body holds it, by their names.
func (x *exec) redact(s string) string {
	for _, name := range []string{vars.Token, vars.TwoCheckoutSession} {
		if secret, ok := x.scope.Get(name); ok && secret != "" {
			s = strings.ReplaceAll(s, secret, "${"+name+"}")
		}
	}
	if pw, ok := x.scope.Get(vars.Password); ok {
		quoted, _ := json.Marshal(pw)
		s = strings.ReplaceAll(s, `"password":`+string(quoted), `"password":"${`+vars.Password+`}"`)
	}
	return s
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
