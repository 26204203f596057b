package noventiq

import (
	"encoding/json"
	"net/http"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// The framework's messages of a refused login_check.
const (
	loginBadJSON     = "Invalid JSON."
	loginBadPassword = "Invalid credentials."
)

// loginKeyMissing and loginKeyNotString are the framework's messages for
// a key of the login body.
func loginKeyMissing(key string) string   { return `The key "` + key + `" must be provided.` }
func loginKeyNotString(key string) string { return `The key "` + key + `" must be a string.` }

type loginResponse struct {
	Token        string `json:"token"`
	RefreshToken string `json:"refresh_token"`
}

// handleLogin is POST /v1/login_check.
func (v *Vendor) handleLogin() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := kit.ReadBody(w, r)
		if err != nil {
			kit.Hint(r, err.Error())
			writeFramework(w, http.StatusBadRequest, loginBadJSON)
			return
		}
		var body map[string]json.RawMessage
		if json.Unmarshal(raw, &body) != nil || body == nil {
			kit.Hint(r, `the body must be a JSON object: {"username":"…","password":"…"}`)
			writeFramework(w, http.StatusBadRequest, loginBadJSON)
			return
		}
		creds := map[string]string{}
		for _, key := range LoginFields.Names() {
			raw, ok := body[key]
			if !ok {
				writeFramework(w, http.StatusBadRequest, loginKeyMissing(key))
				return
			}
			var str string
			if json.Unmarshal(raw, &str) != nil {
				writeFramework(w, http.StatusBadRequest, loginKeyNotString(key))
				return
			}
			creds[key] = str
		}
		acct, ok := v.env.World().Account(creds["username"])
		if !ok || acct.Password != creds["password"] {
			kit.Hint(r, "no account has that username and password")
			writeFramework(w, http.StatusUnauthorized, loginBadPassword)
			return
		}
		tok, _, err := v.tokens.Issue(acct.Username, v.env.IDs.Hex("jti", 16))
		if err != nil {
			v.fail(w, r, err)
			return
		}
		kit.NoteOf(r).Account = acct.Username
		kit.WriteJSON(w, http.StatusOK, loginResponse{Token: tok, RefreshToken: v.env.IDs.Hex("refresh", 128)})
	})
}

// requireToken answers 401 with 1008, 1007 or 1009 unless the request
// carries a valid AuthorizationJWT token of an account of the world.
func (v *Vendor) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := headerValue(r.Header, tokenKey)
		if token == "" && headerValue(r.Header, "Authorization") != "" {
			kit.Hint(r, "the token was sent in Authorization; the vendor reads it from AuthorizationJWT: Bearer <token>")
		}
		username, problem := v.tokens.Verify(token)
		if problem != nil {
			kit.Hint(r, problem.Hint)
			writeErrors(w, r, []Error{problem.Err})
			return
		}
		acct, ok := v.env.World().Account(username)
		if !ok {
			kit.Hint(r, "the token's account "+username+" is not in the world")
			writeErrors(w, r, []Error{NewError(TokenInvalid)})
			return
		}
		r, n := kit.Noted(r)
		n.Account, n.Subject = username, acct
		next.ServeHTTP(w, r)
	})
}

// tokenKey is TokenHeader as the request's header map holds it.
var tokenKey = http.CanonicalHeaderKey(TokenHeader)

// headerValue is Header.Get of a canonical key, without canonicalizing it
// again.
func headerValue(h http.Header, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// accountOf returns the account requireToken authenticated.
func accountOf(r *http.Request) *fixtures.Account {
	a, _ := kit.NoteOf(r).Subject.(*fixtures.Account)
	return a
}
