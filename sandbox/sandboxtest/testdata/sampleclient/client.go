// Package sampleclient is a small integrator's client of the Dynamic Product
// Checkout API, written the way an application would; its tests show how to
// test such a client with sandboxtest.
package sampleclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// Client creates checkout links for an account, logging in when needed.
type Client struct {
	HTTP     *http.Client
	BaseURL  string
	Username string
	Password string

	mu    sync.Mutex
	token string
}

// Product is one product to sell through a link.
type Product struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Price    string `json:"price"`
	Quantity int    `json:"quantity"`
}

// APIError is an error answer of the API.
type APIError struct {
	Status int
	Errors []struct {
		Code    int    `json:"error"`
		Message string `json:"message"`
	} `json:"errors"`
}

func (e *APIError) Error() string {
	var parts []string
	for _, x := range e.Errors {
		parts = append(parts, fmt.Sprintf("%d %s", x.Code, x.Message))
	}
	return fmt.Sprintf("checkout API %d: %s", e.Status, strings.Join(parts, "; "))
}

// Has reports whether the error holds the code.
func (e *APIError) Has(code int) bool {
	for _, x := range e.Errors {
		if x.Code == code {
			return true
		}
	}
	return false
}

// BuyLink returns a checkout link for the products in the currency; an
// expired token is renewed once.
func (c *Client) BuyLink(ctx context.Context, currency string, products []Product) (string, error) {
	body, err := json.Marshal(map[string]any{"currency": currency, "products": products})
	if err != nil {
		return "", err
	}
	for attempt := 0; ; attempt++ {
		tok, err := c.login(ctx, attempt > 0)
		if err != nil {
			return "", err
		}
		var out struct {
			BuyLink string `json:"buy_link"`
		}
		err = c.post(ctx, "/v1/generate_buy_link", tok, body, &out)
		var apiErr *APIError
		if attempt == 0 && errors.As(err, &apiErr) && apiErr.Has(1009) {
			continue
		}
		return out.BuyLink, err
	}
}

func (c *Client) login(ctx context.Context, renew bool) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && !renew {
		return c.token, nil
	}
	creds, _ := json.Marshal(map[string]string{"username": c.Username, "password": c.Password})
	var out struct {
		Token string `json:"token"`
	}
	if err := c.post(ctx, "/v1/login_check", "", creds, &out); err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	c.token = out.Token
	return c.token, nil
}

func (c *Client) post(ctx context.Context, path, token string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("AuthorizationJWT", "Bearer "+token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		apiErr := &APIError{Status: resp.StatusCode}
		_ = json.NewDecoder(resp.Body).Decode(apiErr)
		return apiErr
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
