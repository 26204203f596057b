package tuitest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// UpsellBody is a generate_buy_link body with an entry offer (replace
// 111111 by one of two products), an exit offer (replace 222222) and a
// valid customer, so that a link made from it can be paid at once.
const UpsellBody = `{
  "currency": "EUR",
  "products": [
    {"id": 111111, "name": "Flash Office Base", "price": "30.00", "quantity": 1},
    {"id": 222222, "name": "Flash Office Perpetual", "price": "90.00", "discount_percent": 10, "quantity": 1}
  ],
  "customer": {"type": "physical", "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "country": "FR"},
  "upsell": {
    "product_id": 111111,
    "name": "Upgrade your office",
    "description": "Cloud storage and priority support.",
    "products": [
      {"id": 333333, "name": "Flash Office Pro", "name_for_upsell": "Go Pro", "price": "60.00", "benefit": "15.00", "quantity": 1},
      {"id": 444444, "name": "Flash Office Teams", "name_for_upsell": "Teams, 5 seats", "price": "8.00", "quantity": 5}
    ]
  },
  "upsell_exit": {
    "product_id": 222222,
    "name": "Before you go",
    "products": [{"id": 333333, "name": "Flash Office Pro", "name_for_upsell": "Pro instead", "price": "70.00", "quantity": 1}]
  }
}`

// Start serves a fresh sandbox (seed 7, so ids repeat) until the
// test ends, and returns it with a session logged in to Noventiq as demo.
func Start(t testing.TB) (*sandbox.Sandbox, *client.Session) {
	t.Helper()
	return StartVendor(t, vendor.Noventiq)
}

// StartVendor serves a fresh sandbox as Start does, and returns it with a
// session logged in as the world's first account of v.
func StartVendor(t testing.TB, v vendor.ID) (*sandbox.Sandbox, *client.Session) {
	t.Helper()
	seed := uint64(7)
	sb, err := sandbox.New(sandbox.Options{Seed: &seed})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(func() { srv.Close(); sb.Close() })
	return sb, LogIn(t, client.New(srv.URL), sb, v)
}

// LogIn returns a session of c logged in as the first account of v in
// the world of sb.
func LogIn(t testing.TB, c *client.Client, sb *sandbox.Sandbox, v vendor.ID) *client.Session {
	t.Helper()
	s := &client.Session{Client: c, Vendor: v}
	s.Account, s.Secret, _ = vendor.Credentials(sb.World(), v)
	msg, ok := s.Login()().(client.LoggedInMsg)
	if !ok {
		t.Fatalf("login to %s failed: %v", v, s.Login()())
	}
	s.Token = msg.Token
	return s
}

// Link makes a buy link from body and returns its external id.
func Link(t testing.TB, s *client.Session, body string) string {
	t.Helper()
	x := s.Client.Do(context.Background(), client.BuyLink(s.Token, []byte(body)))
	_, id, ok := client.Link(x)
	if !ok {
		t.Fatalf("generate_buy_link: %d %s %v", x.Status, x.Body, x.Err)
	}
	return id
}

// Msg runs a command and returns its message.
func Msg(t testing.TB, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	return cmd()
}

// InProcess is a transport that serves every request with h, in process:
// a client the workbench's tests build for an address such as
// http://127.0.0.1:8080 reaches the test's own sandbox, never a port.
func InProcess(h http.Handler) http.RoundTripper { return handlerTransport{h} }

type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}
