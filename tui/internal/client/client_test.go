package client

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/tui/internal/vendor"
)

func TestCurlQuotesAndCompacts(t *testing.T) {
	c := New("http://127.0.0.1:8080/")
	got := c.Curl(BuyLink("t'k", []byte("{\n  \"name\": \"it's\"\n}\n")))
	want := `curl -sS -X POST 'http://127.0.0.1:8080/v1/generate_buy_link' -H 'AuthorizationJWT: Bearer t'\''k' -H 'Content-Type: application/json' --data-raw '{"name":"it'\''s"}'`
	if got != want {
		t.Errorf("curl:\n%s\nwant:\n%s", got, want)
	}
	if got := c.Curl(BuyLink("", []byte("not json"))); !strings.HasSuffix(got, `--data-raw 'not json'`) || strings.Contains(got, "AuthorizationJWT") {
		t.Errorf("raw body without token: %s", got)
	}
}

func TestLoginAndSend(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == LoginPath && strings.Contains(r.Header.Get("Content-Type"), "json"):
			fmt.Fprint(w, `{"token":"abc","refresh_token":"r"}`)
		case r.URL.Path == BuyLinkPath && r.Header.Get(TokenHeader) == "Bearer abc":
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"errors":[]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := New(srv.URL)
	if msg, ok := c.Login("demo", "demo")().(LoggedInMsg); !ok || msg.Token != "abc" || msg.Account != "demo" {
		t.Fatalf("login: %#v", c.Login("demo", "demo")())
	}
	s := &Session{Client: c, Vendor: vendor.Noventiq, Token: "abc"}
	x := s.Send(BuyLinkCall([]byte(`{}`)))().(ExchangeMsg).Exchange
	if x.Err != nil || x.Status != http.StatusBadRequest || string(x.Body) != `{"errors":[]}` || x.Latency <= 0 {
		t.Errorf("exchange %+v", x)
	}
	bad := New(srv.URL + "/nowhere")
	if msg, ok := bad.Login("demo", "demo")().(LoginFailedMsg); !ok || !strings.Contains(msg.Err.Error(), "answered 404") {
		t.Errorf("failed login: %#v", msg)
	}
	srv.Close()
	if x := s.Send(BuyLinkCall(nil))().(ExchangeMsg).Exchange; x.Err == nil || x.Status != 0 {
		t.Errorf("closed server: %+v", x)
	}
}

func TestCurlLinesAreTheSameCommandWithinTheWidth(t *testing.T) {
	c := New("http://127.0.0.1:8080")
	token := strings.Repeat("eyJhbGciOiJIUzI1NiJ9", 8)
	cmd := c.Curl(BuyLink(token, []byte(`{"currency":"EUR","products":[{"id":111111,"name":"it's a long name, as long as they come","price":"30.00","quantity":10}]}`)))
	lines := CurlLines(cmd, 64)
	for _, l := range lines {
		if w := len(l); w > 64 {
			t.Errorf("a line of %d columns: %s", w, l)
		}
	}
	joined := strings.Join(lines, "\n")
	if got, want := Words(joined), Words(cmd); strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("the lines are another command:\n%s\nwords %q\nwant %q", joined, got, want)
	}
	if !strings.HasPrefix(lines[0], "curl -sS -X POST http://127.0.0.1:8080/v1/generate_buy_link \\") || !strings.HasPrefix(lines[1], "  -H 'AuthorizationJWT: Bearer eyJ") {
		t.Errorf("layout:\n%s", joined)
	}
}
