// Package client is how the workbench talks to the sandbox: over HTTP, to
// the address the sandbox listens on, like any other client, so that the
// journal shows the workbench's requests next to everybody else's. A
// Session is the workbench's login to one vendor; it authorizes what the
// Compose pane builds (a Call) as that vendor's clients do, and logs in
// again when 2Checkout says the session expired. The package also reads
// each vendor's answers (their errors, what they made) and turns a
// request into a curl command line.
//
// The files hold: client.go the transport, the session and its messages;
// noventiq.go, solifyn.go, twocheckout.go each vendor's login, requests and
// answers (solifyn.go with the hosted checkout's twin); answers.go what the
// panes read in any vendor's answer; checkout.go and orders.go the
// sandbox's checkout and order views of Noventiq and 2Checkout;
// webhooks.go the webhook list; curl.go the curl command and its layout.
package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// MaxBody is the largest response body the workbench reads.
const MaxBody = 32 << 20

// ErrorFieldsHeader lists the field path of each error, in order ("-" for
// none).
const ErrorFieldsHeader = sandbox.ErrorFieldsHeader

// Client sends requests to one sandbox.
type Client struct {
	// Base is the sandbox's base URL, such as http://127.0.0.1:8080.
	Base string
	HTTP *http.Client
	// Now is the clock an exchange is timed by; nil is the real one.
	Now func() time.Time
}

func (c *Client) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// New returns a client of the sandbox at base.
func New(base string) *Client {
	return &Client{Base: strings.TrimRight(base, "/"), HTTP: &http.Client{Timeout: 30 * time.Second}}
}

// Request is what the workbench sends.
type Request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// URL is the request's absolute URL at the client's sandbox.
func (c *Client) URL(r Request) string { return c.Base + r.Path }

// Exchange is a request and its response, or the error that stopped it.
type Exchange struct {
	// Vendor is whose API was called; Call what was composed, which a
	// resend authorizes again.
	Vendor  vendor.ID
	Call    Call
	Request Request
	URL     string
	Sent    time.Time
	Latency time.Duration
	// Status is 0 when Err is set.
	Status int
	Header http.Header
	Body   []byte
	Err    error
}

// Do sends a request and reads the response.
func (c *Client) Do(ctx context.Context, r Request) Exchange {
	x := Exchange{Request: r, URL: c.URL(r), Sent: c.now()}
	req, err := http.NewRequestWithContext(ctx, r.Method, x.URL, bytes.NewReader(r.Body))
	if err != nil {
		x.Err = err
		return x
	}
	req.Header = r.Header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		x.Err, x.Latency = err, c.now().Sub(x.Sent)
		return x
	}
	defer resp.Body.Close()
	x.Body, err = io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	x.Latency = c.now().Sub(x.Sent)
	x.Status, x.Header, x.Err = resp.StatusCode, resp.Header, err
	return x
}

// get sends a GET of path.
func (c *Client) get(path string) Exchange {
	return c.Do(context.Background(), Request{Method: http.MethodGet, Path: path})
}

// jsonRequest is a request with a JSON body.
func jsonRequest(method, path string, body []byte) Request {
	return Request{Method: method, Path: path, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}
}

// Call is a request as the Compose pane builds it, before a session
// authorizes it.
type Call struct {
	// Name is what it calls: "generate_buy_link", or a JSON-RPC method.
	Name string
	// Method and Path are the route; a JSON-RPC call's are the vendor's
	// endpoint.
	Method, Path string
	// Body is the body as composed; a JSON-RPC call's is its params
	// without the session, which the session puts first when it sends.
	Body []byte
}

// Session is the workbench's login to one vendor. The root model changes
// it when a login ends; panes read it when they build a request. Both
// happen in Update, on one goroutine.
type Session struct {
	Client *Client
	Vendor vendor.ID
	// Account is who the workbench logs in as (a username, a merchant
	// code); Secret what it logs in with (a password, a secret key).
	Account, Secret string
	// Token is what the login answered (a JWT, a session id); empty until
	// the login succeeds.
	Token string
	// Err is the last login failure.
	Err error
	// calls numbers the session's JSON-RPC calls, their ids.
	calls int64
}

// Authorize returns the request that sends c as the session now: with the
// token in its header, or the session first in its params.
func (s *Session) Authorize(c Call) Request {
	r := s.Preview(c)
	if s.Vendor == vendor.TwoCheckout {
		s.calls++
	}
	return r
}

// Preview returns the request Authorize would return now, without
// counting it: what a view of the request shows.
func (s *Session) Preview(c Call) Request {
	switch s.Vendor {
	case vendor.TwoCheckout:
		return RPC(c, s.Token, s.calls+1)
	case vendor.Solifyn:
		return withBearer(jsonRequest(c.Method, c.Path, c.Body), s.Token)
	}
	return withToken(jsonRequest(c.Method, c.Path, c.Body), s.Token)
}

// Send returns a command that sends c as the session and reports it as an
// ExchangeMsg. A 2Checkout call answered FORBIDDEN (the session expired)
// logs in again and is sent once more with the new session, as real
// clients do; the message carries that login.
func (s *Session) Send(c Call) tea.Cmd {
	r, cl, v := s.Authorize(c), s.Client, s.Vendor
	send := func(r Request) Exchange {
		x := cl.Do(context.Background(), r)
		x.Vendor, x.Call = v, c
		return x
	}
	if v != vendor.TwoCheckout {
		return func() tea.Msg { return ExchangeMsg{Exchange: send(r)} }
	}
	account, secret, id := s.Account, s.Secret, s.calls
	return func() tea.Msg {
		x := send(r)
		if !sessionExpired(x) || c.Name == MethodLogin {
			return ExchangeMsg{Exchange: x}
		}
		login := cl.loginRPC(account, secret)
		in, ok := login.(LoggedInMsg)
		if !ok {
			return ExchangeMsg{Exchange: x, Login: login}
		}
		return ExchangeMsg{Exchange: send(RPC(c, in.Token, id)), Login: login}
	}
}

// Login returns a command that logs in as the session's account, as the
// vendor's clients do; a Solifyn business has nothing to log in to, its
// API key is the token.
func (s *Session) Login() tea.Cmd {
	c, account, secret := s.Client, s.Account, s.Secret
	switch s.Vendor {
	case vendor.TwoCheckout:
		return func() tea.Msg { return c.loginRPC(account, secret) }
	case vendor.Solifyn:
		return func() tea.Msg { return LoggedInMsg{Vendor: vendor.Solifyn, Account: account, Token: secret} }
	}
	return c.Login(account, secret)
}

// ExchangeMsg carries an exchange sent from the workbench; Login is the
// LoggedInMsg or LoginFailedMsg of a login made on the way, nil for none.
type ExchangeMsg struct {
	Exchange Exchange
	Login    tea.Msg
}

// ForVendor names the vendor the exchange is for.
func (m ExchangeMsg) ForVendor() vendor.ID { return m.Exchange.Vendor }

// LoggedInMsg reports a successful login.
type LoggedInMsg struct {
	Vendor  vendor.ID
	Account string
	Token   string
}

// LoginFailedMsg reports a failed login.
type LoginFailedMsg struct {
	Vendor  vendor.ID
	Account string
	Err     error
}
