package runner

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// curl writes the request as a curl command. The token, the password and
// the Solifyn key are written as ${token}, ${password} and
// ${solifyn_key}, so reports hold no secret.
func (x *exec) curl(req *http.Request, body []byte) string {
	return x.redact(schema.Curl(req.Method, req.URL.String(), req.Header, body, true, noventiq.TokenHeader))
}

// redact replaces the token and the Solifyn key wherever they are, and the
// password where a login body holds it, by their names.
func (x *exec) redact(s string) string {
	for _, name := range []string{vars.Token, vars.SolifynKey} {
		if v, ok := x.scope.Get(name); ok && v != "" {
			s = strings.ReplaceAll(s, v, "${"+name+"}")
		}
	}
	if pw, ok := x.scope.Get(vars.Password); ok {
		quoted, _ := json.Marshal(pw)
		s = strings.ReplaceAll(s, `"password":`+string(quoted), `"password":"${`+vars.Password+`}"`)
	}
	return s
}
