// Package client is how the workbench talks to the sandbox: over HTTP, to
// the address the sandbox listens on, like any other client, so that the
// journal shows the workbench's requests next to everybody else's. It also
// turns a request into a curl command line.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// MaxBody is the largest response body the workbench reads.
const MaxBody = 32 << 20

// The vendor's paths and header the workbench uses.
const (
	LoginPath   = noventiq.LoginPath
	BuyLinkPath = noventiq.BuyLinkPath
	TokenHeader = noventiq.TokenHeader
	// ErrorFieldsHeader lists the field path of each error, in order ("-"
	// for none).
	ErrorFieldsHeader = sandbox.ErrorFieldsHeader
)

// Client sends requests to one sandbox.
type Client struct {
	// Base is the sandbox's base URL, such as http://127.0.0.1:8080.
	Base string
	HTTP *http.Client
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
	x := Exchange{Request: r, URL: c.URL(r), Sent: time.Now()}
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
		x.Err, x.Latency = err, time.Since(x.Sent)
		return x
	}
	defer resp.Body.Close()
	x.Body, err = io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	x.Latency = time.Since(x.Sent)
	x.Status, x.Header, x.Err = resp.StatusCode, resp.Header, err
	return x
}

// BuyLink returns the generate_buy_link request for body, authorized with
// token.
func BuyLink(token string, body []byte) Request {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	if token != "" {
		h[TokenHeader] = []string{"Bearer " + token} // the vendor's spelling, not canonicalized
	}
	return Request{Method: http.MethodPost, Path: BuyLinkPath, Header: h, Body: body}
}

// ExchangeMsg carries an exchange of generate_buy_link sent from the
// workbench.
type ExchangeMsg struct{ Exchange Exchange }

// Send returns a command that sends r and reports it as an ExchangeMsg.
func (c *Client) Send(r Request) tea.Cmd {
	return func() tea.Msg { return ExchangeMsg{Exchange: c.Do(context.Background(), r)} }
}

// LoggedInMsg reports a successful login.
type LoggedInMsg struct {
	Account string
	Token   string
}

// LoginFailedMsg reports a failed login.
type LoginFailedMsg struct {
	Account string
	Err     error
}

// Login returns a command that logs in with login_check.
func (c *Client) Login(username, password string) tea.Cmd {
	return func() tea.Msg {
		body, _ := json.Marshal(map[string]string{"username": username, "password": password})
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		x := c.Do(context.Background(), Request{Method: http.MethodPost, Path: LoginPath, Header: h, Body: body})
		tok, err := token(x)
		if err != nil {
			return LoginFailedMsg{Account: username, Err: err}
		}
		return LoggedInMsg{Account: username, Token: tok}
	}
}

func token(x Exchange) (string, error) {
	if x.Err != nil {
		return "", x.Err
	}
	if x.Status != http.StatusOK {
		return "", fmt.Errorf("login_check answered %d: %s", x.Status, bytes.TrimSpace(x.Body))
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(x.Body, &out); err != nil || out.Token == "" {
		return "", errors.New("login_check answered without a token")
	}
	return out.Token, nil
}

// Session is who the workbench is logged in as. The root model changes it
// when a login ends; panes read it when they build a request. Both happen
// in Update, on one goroutine.
type Session struct {
	Client *Client
	// Account is the username logged in as, or being logged in as.
	Account string
	// Token is empty until the login succeeds.
	Token string
	// Err is the last login failure.
	Err error
}
