package sampleclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

func newClient(t *testing.T) (*Client, *sandboxtest.Sandbox) {
	t.Helper()
	httpClient := &http.Client{}
	sb := sandboxtest.New(t, httpClient)
	return &Client{HTTP: httpClient, BaseURL: sandboxtest.TestAPI, Username: sb.Username(), Password: sb.Password()}, sb
}

func TestBuyLink(t *testing.T) {
	t.Parallel()
	c, sb := newClient(t)
	link, err := c.BuyLink(context.Background(), "EUR", []Product{{ID: 111111, Name: "Base version for 3 year", Price: "30.00", Quantity: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, "https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/") {
		t.Errorf("link %q", link)
	}
	sb.ExpectCalls(t, "POST", "/v1/login_check", 1)
	sb.ExpectBody(t, "POST", "/v1/generate_buy_link", 0,
		`{"currency":"EUR","products":[{"id":111111,"name":"Base version for 3 year","price":"30.00","quantity":10}]}`)
}

func TestBuyLinkReportsTheAPIErrors(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t)
	_, err := c.BuyLink(context.Background(), "EUR", []Product{{ID: 999999, Name: "", Price: "1", Quantity: 1}})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || !apiErr.Has(3050) || !apiErr.Has(3010) {
		t.Fatalf("err = %v", err)
	}
	if got := err.Error(); got != "checkout API 400: 3050 Purchase of this original product is impossible. Change original product (id).; 3010 Invalid field value: name." {
		t.Errorf("message %q", got)
	}
}

func TestBuyLinkRenewsAnExpiredToken(t *testing.T) {
	t.Parallel()
	c, sb := newClient(t)
	ctx := context.Background()
	products := []Product{{ID: 222222, Name: "Perpetual", Price: "99.00", Quantity: 1}}
	if _, err := c.BuyLink(ctx, "EUR", products); err != nil {
		t.Fatal(err)
	}
	sb.Advance(t, 25*time.Hour)
	if _, err := c.BuyLink(ctx, "EUR", products); err != nil {
		t.Fatalf("after the token expired: %v", err)
	}
	sb.ExpectCalls(t, "POST", "/v1/login_check", 2)
	sb.ExpectCalls(t, "POST", "/v1/generate_buy_link", 3)
	if got := sb.Calls("POST", "/v1/generate_buy_link")[1].Status; got != 401 {
		t.Errorf("the second call answered %d, want 401 (expired)", got)
	}
}

func TestWrongPassword(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t)
	c.Password = "nope"
	_, err := c.BuyLink(context.Background(), "EUR", nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 401 || !strings.HasPrefix(err.Error(), "login: ") {
		t.Errorf("err = %v", err)
	}
}
