package sandboxtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"testing"
)

// Call is one request the sandbox answered for the client.
type Call struct {
	Method       string
	URL          string
	Path         string
	Header       http.Header
	Body         string
	Status       int
	ResponseBody string
}

func newCall(req *http.Request) (Call, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return Call{}, fmt.Errorf("sandboxtest: read request body: %w", err)
		}
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	return Call{Method: req.Method, URL: req.URL.String(), Path: req.URL.Path, Header: req.Header.Clone(), Body: string(body)}, nil
}

// Calls returns the calls made to method and path, oldest first; an empty
// method or path matches any.
func (s *Sandbox) Calls(method, path string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if (method == "" || c.Method == method) && (path == "" || c.Path == path) {
			out = append(out, c)
		}
	}
	return out
}

// ExpectCalls fails the test unless the client called method and path
// exactly n times.
func (s *Sandbox) ExpectCalls(t testing.TB, method, path string, n int) {
	t.Helper()
	calls := s.Calls(method, path)
	if len(calls) == n {
		return
	}
	t.Errorf("expected %d call(s) to %s %s, got %d%s", n, method, path, len(calls), s.summary())
}

// ExpectBody fails the test unless the i-th call (0 = first, -1 = last) to
// method and path sent a JSON body equal to want.
func (s *Sandbox) ExpectBody(t testing.TB, method, path string, i int, want string) {
	t.Helper()
	calls := s.Calls(method, path)
	if i < 0 {
		i += len(calls)
	}
	if i < 0 || i >= len(calls) {
		t.Errorf("expected a call #%d to %s %s with body %s, but there were %d such calls%s", i, method, path, want, len(calls), s.summary())
		return
	}
	var wantV, gotV any
	if err := json.Unmarshal([]byte(want), &wantV); err != nil {
		t.Fatalf("ExpectBody: the expected body is not JSON: %v", err)
	}
	got := calls[i].Body
	if json.Unmarshal([]byte(got), &gotV) != nil || !reflect.DeepEqual(wantV, gotV) {
		t.Errorf("call #%d to %s %s:\nexpected body %s\n     got body %s", i, method, path, indent(want), indent(got))
	}
}

// summary lists every call made, for failure messages.
func (s *Sandbox) summary() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.calls) == 0 {
		return "; the client made no call to the sandbox"
	}
	var b bytes.Buffer
	b.WriteString("; calls made:")
	for _, c := range s.calls {
		fmt.Fprintf(&b, "\n  %s %s → %d", c.Method, c.Path, c.Status)
	}
	return b.String()
}

func indent(s string) string {
	var b bytes.Buffer
	if json.Indent(&b, []byte(s), "", "  ") != nil {
		return s
	}
	return b.String()
}
