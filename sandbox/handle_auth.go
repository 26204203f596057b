package sandbox

import (
	"encoding/json"
	"net/http"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/apierr"
	"github.com/flashcart/flashcart/sandbox/auth"
)

type loginResponse struct {
	Token        string `json:"token"`
	RefreshToken string `json:"refresh_token"`
}

// handleLogin is POST /v1/login_check.
func (s *Sandbox) handleLogin() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := readBody(w, r)
		if err != nil {
			noteOf(r).hint(err.Error())
			writeFramework(w, http.StatusBadRequest, "Invalid JSON.")
			return
		}
		var body map[string]json.RawMessage
		if json.Unmarshal(raw, &body) != nil || body == nil {
			noteOf(r).hint(`the body must be a JSON object: {"username":"…","password":"…"}`)
			writeFramework(w, http.StatusBadRequest, "Invalid JSON.")
			return
		}
		creds := map[string]string{}
		for _, key := range []string{"username", "password"} {
			v, ok := body[key]
			if !ok {
				writeFramework(w, http.StatusBadRequest, `The key "`+key+`" must be provided.`)
				return
			}
			var str string
			if json.Unmarshal(v, &str) != nil {
				writeFramework(w, http.StatusBadRequest, `The key "`+key+`" must be a string.`)
				return
			}
			creds[key] = str
		}
		acct, ok := s.World().Account(creds["username"])
		if !ok || acct.Password != creds["password"] {
			noteOf(r).hint("no account has that username and password")
			writeFramework(w, http.StatusUnauthorized, "Invalid credentials.")
			return
		}
		tok, _, err := s.tokens.Issue(acct.Username, s.ids.Hex("jti", 16))
		if err != nil {
			panic(err)
		}
		noteOf(r).account = acct.Username
		writeJSON(w, http.StatusOK, loginResponse{Token: tok, RefreshToken: s.ids.Hex("refresh", 128)})
	})
}

// requireToken answers 401 with 1008, 1007 or 1009 unless the request
// carries a valid AuthorizationJWT token of an account of the world.
func (s *Sandbox) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		username, problem := s.tokens.Verify(r.Header.Get(auth.Header))
		if problem != nil {
			noteOf(r).hint(problem.Hint)
			writeErrors(w, r, []apierr.Error{problem.Err})
			return
		}
		acct, ok := s.World().Account(username)
		if !ok {
			noteOf(r).hint("the token's account " + username + " is not in the world")
			writeErrors(w, r, []apierr.Error{apierr.New(apierr.TokenInvalid)})
			return
		}
		n := noteOf(r)
		n.account, n.acct = username, acct
		next.ServeHTTP(w, r)
	})
}

// accountOf returns the account requireToken authenticated.
func accountOf(r *http.Request) *fixtures.Account { return noteOf(r).acct }
