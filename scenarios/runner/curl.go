package runner

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// curl writes the request as a curl command. The token and the password
// are written as ${token} and ${password}, so reports hold no secret.
func (x *exec) curl(req *http.Request, body []byte) string {
	return x.redact(schema.Curl(req.Method, req.URL.String(), req.Header, body, true, noventiq.TokenHeader))
}

// redact replaces the token wherever it is, and the password where a
// login body holds it, by their names.
func (x *exec) redact(s string) string {
	if tok, ok := x.scope.Get(vars.Token); ok && tok != "" {
		s = strings.ReplaceAll(s, tok, "${"+vars.Token+"}")
	}
	if pw, ok := x.scope.Get(vars.Password); ok {
		quoted, _ := json.Marshal(pw)
		s = strings.ReplaceAll(s, `"password":`+string(quoted), `"password":"${`+vars.Password+`}"`)
	}
	return s
}
