package sandboxtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// do sends a request straight to the sandbox's handler (not recorded as a
// client call) and decodes a 200 answer into out.
func (s *Sandbox) do(method, path string, body any, header http.Header, out any) error {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return err
		}
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	s.sb.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return fmt.Errorf("sandboxtest: %s %s answered %d %s", method, path, rec.Code, rec.Body.String())
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(rec.Body.Bytes(), out)
}

// Token logs in as the world's first account and returns a token for the
// AuthorizationJWT header; it fails the test on error.
func (s *Sandbox) Token(t testing.TB) string {
	t.Helper()
	tok, err := s.Login(s.Username(), s.Password())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Login calls login_check with the credentials and returns the token.
func (s *Sandbox) Login(username, password string) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	err := s.do(http.MethodPost, noventiq.LoginPath, map[string]string{"username": username, "password": password}, nil, &out)
	return out.Token, err
}

// Advance moves the sandbox's clock forward by d (for example 25 hours to
// expire tokens), through the control API so that everything the clock
// drives happens, and returns the new time.
func (s *Sandbox) Advance(t testing.TB, d time.Duration) time.Time {
	t.Helper()
	return s.clock(t, map[string]string{"advance": d.String()})
}

// SetTime moves the sandbox's clock to at, through the control API.
func (s *Sandbox) SetTime(t testing.TB, at time.Time) time.Time {
	t.Helper()
	return s.clock(t, map[string]string{"set": at.Format(time.RFC3339)})
}

func (s *Sandbox) clock(t testing.TB, change map[string]string) time.Time {
	t.Helper()
	var out struct {
		Now time.Time `json:"now"`
	}
	if err := s.do(http.MethodPost, "/_sandbox/clock", change, nil, &out); err != nil {
		t.Fatal(err)
	}
	return out.Now
}
