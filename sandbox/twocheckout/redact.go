package twocheckout

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// redactKeep is how many characters of a hidden secret the journal still
// shows, so that entries of one session can be told apart.
const redactKeep = 6

// minSecret is the shortest value hidden: shorter ones cannot be a session
// or a hash, and hiding them would garble the bodies.
const minSecret = 12

// Redact hides, in a journal entry being read, the login hash and the
// session ids (login's answer, and params[0] of the other calls): each
// keeps its first 6 characters and an ellipsis, in the bodies, the hints
// and the X-Sandbox-Hint headers. The entry's maps and slices are shared
// with the journal, so what changes is copied.
func (v *Vendor) Redact(e *journal.Entry) {
	if !slices.Contains(Paths, e.Path) {
		return
	}
	secrets := secretsOf(e.RequestBody, e.ResponseBody)
	if len(secrets) == 0 {
		return
	}
	hide := func(s string) string {
		for _, secret := range secrets {
			s = strings.ReplaceAll(s, secret, shown(secret)+"…")
		}
		return s
	}
	e.RequestBody, e.ResponseBody = hide(e.RequestBody), hide(e.ResponseBody)
	e.Hints = slices.Clone(e.Hints)
	for i, h := range e.Hints {
		e.Hints[i] = hide(h)
	}
	if hints := e.ResponseHeaders.Values(kit.HintHeader); len(hints) > 0 {
		e.ResponseHeaders = e.ResponseHeaders.Clone()
		e.ResponseHeaders.Del(kit.HintHeader)
		for _, h := range hints {
			e.ResponseHeaders.Add(kit.HintHeader, hide(h))
		}
	}
}

// secretsOf finds the secrets of a call: login's hash and the session it
// answered, or the sessionID another method was sent.
func secretsOf(request, response string) []string {
	var req struct {
		Method string `json:"method"`
		Params []any  `json:"params"`
	}
	if json.Unmarshal([]byte(request), &req) != nil {
		return nil
	}
	var found []string
	add := func(v any) {
		if s, ok := v.(string); ok && len(s) >= minSecret {
			found = append(found, s)
		}
	}
	switch {
	case req.Method == MethodLogin:
		if len(req.Params) > 2 {
			add(req.Params[2])
		}
		var resp struct {
			Result any `json:"result"`
		}
		if json.Unmarshal([]byte(response), &resp) == nil {
			add(resp.Result)
		}
	case len(req.Params) > 0:
		add(req.Params[0])
	}
	return found
}

// shown is the start of a secret the journal shows: its first 6
// characters.
func shown(secret string) string {
	r := []rune(secret)
	return string(r[:min(redactKeep, len(r))])
}
