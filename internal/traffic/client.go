// Package traffic drives a running sandbox over HTTP the way an
// integrator's application does: a small vendor API client, a weighted mix
// of steps, and the statistics a load or soak run reports; and it runs
// `flashcart serve` as a child process for the load tools and the tests
// that kill and restart it.
package traffic

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// Client calls one sandbox's vendor and control APIs.
type Client struct {
	// Base is the server's base URL, such as http://127.0.0.1:8080.
	Base               string
	Username, Password string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client

	mu    sync.Mutex
	token string
}

// Response is a status and a fully read body.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends one request and reads the whole response.
func (c *Client) Do(ctx context.Context, method, path string, header http.Header, body []byte) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, bytes.NewReader(body))
	if err != nil {
		return Response{}, fmt.Errorf("traffic: %w", err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("traffic: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, fmt.Errorf("traffic: %s %s: read: %w", method, path, err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}, nil
}

// JSON is the header of a JSON body.
func JSON() http.Header { return http.Header{"Content-Type": {"application/json"}} }

// Login calls /v1/login_check and keeps the token for later calls.
func (c *Client) Login(ctx context.Context) (Response, error) {
	body, _ := json.Marshal(map[string]string{"username": c.Username, "password": c.Password})
	resp, err := c.Do(ctx, http.MethodPost, noventiq.LoginPath, JSON(), body)
	if err != nil || resp.Status != http.StatusOK {
		return resp, err
	}
	var tok struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(resp.Body, &tok); err != nil {
		return resp, fmt.Errorf("traffic: login response: %w", err)
	}
	c.SetToken(tok.Token)
	return resp, nil
}

// Token returns the token of the last successful login.
func (c *Client) Token() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

// SetToken makes later calls send tok.
func (c *Client) SetToken(tok string) {
	c.mu.Lock()
	c.token = tok
	c.mu.Unlock()
}

// Authed returns a JSON header carrying the client's token, plus extra
// header lines given as name, value pairs.
func (c *Client) Authed(extra ...string) http.Header {
	h := JSON()
	h.Set(noventiq.TokenHeader, "Bearer "+c.Token())
	for i := 0; i+1 < len(extra); i += 2 {
		h.Set(extra[i], extra[i+1])
	}
	return h
}

// BuyLink is a successful generate_buy_link answer.
type BuyLink struct {
	BuyLink    string `json:"buy_link"`
	ExternalID string `json:"external_id"`
}

// GenerateBuyLink posts body to /v1/generate_buy_link with the client's
// token; link is set when the sandbox answered 200.
func (c *Client) GenerateBuyLink(ctx context.Context, body []byte, extra ...string) (resp Response, link *BuyLink, err error) {
	resp, err = c.Do(ctx, http.MethodPost, noventiq.BuyLinkPath, c.Authed(extra...), body)
	if err != nil || resp.Status != http.StatusOK {
		return resp, nil, err
	}
	link = new(BuyLink)
	if err := json.Unmarshal(resp.Body, link); err != nil {
		return resp, nil, fmt.Errorf("traffic: buy link response: %w", err)
	}
	return resp, link, nil
}

// PlaceOrder pays a link's checkout with a test card through the checkout
// JSON API; orderID is set when an order was placed.
func (c *Client) PlaceOrder(ctx context.Context, externalID, card string) (resp Response, orderID int64, err error) {
	body, _ := json.Marshal(map[string]string{"card": card})
	resp, err = c.Do(ctx, http.MethodPost, noventiq.CheckoutStatePath+externalID+"/order", JSON(), body)
	if err != nil || resp.Status != http.StatusOK {
		return resp, 0, err
	}
	var st struct {
		Order *struct {
			OrderID int64 `json:"order_id"`
		} `json:"order"`
	}
	if err := json.Unmarshal(resp.Body, &st); err != nil || st.Order == nil {
		return resp, 0, fmt.Errorf("traffic: order response %s: %v", resp.Body, err)
	}
	return resp, st.Order.OrderID, nil
}
