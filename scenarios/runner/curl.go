package runner

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// curl writes the request as a curl command. The token, the 2Checkout
// session, the Solifyn key and the password are written as ${token},
// ${twocheckout.session}, ${solifyn.api_key} and ${password}, so reports
// hold no secret.
func (x *exec) curl(req *http.Request, body []byte) string {
	return x.redact(schema.Curl(req.Method, req.URL.String(), req.Header, body, true, noventiq.TokenHeader))
}

// redact replaces the token, the 2Checkout session and the Solifyn key
// wherever they are, and the password where a login body holds it, by
// their names.
func (x *exec) redact(s string) string {
	for _, name := range []string{vars.Token, vars.TwoCheckoutSession, vars.SolifynKey} {
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
