package traffic

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// OrderableLinkBody is a valid link with the customer data an order needs.
const OrderableLinkBody = `{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1},{"id":555555,"name":"Box","price":"20.00","quantity":1}],` +
	`"customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"}}`

// TestCard is the test card that pays.
const TestCard = "4242424242424242"

// Purchase walks a link to its order: the link, its page, its checkout
// state, the order, the order through the Orders API, a second order that
// must be refused (409) and the used page (410).
func Purchase() Step {
	return Step{Name: "purchase", Weight: 4, Do: func(ctx context.Context, c *Client) error {
		resp, link, err := c.GenerateBuyLink(ctx, []byte(OrderableLinkBody))
		if err != nil || link == nil {
			return errors.Join(err, expect(resp, nil, http.StatusOK))
		}
		for _, path := range []string{noventiq.FlashPath + link.ExternalID, noventiq.CheckoutStatePath + link.ExternalID} {
			resp, err := c.Do(ctx, http.MethodGet, path, nil, nil)
			if err := expect(resp, err, http.StatusOK); err != nil {
				return fmt.Errorf("GET %s: %w", path, err)
			}
		}
		resp, order, err := c.PlaceOrder(ctx, link.ExternalID, TestCard)
		if err != nil || order == 0 {
			return errors.Join(err, fmt.Errorf("order: status %d", resp.Status))
		}
		resp, err = c.Do(ctx, http.MethodGet, fmt.Sprintf("/v1/order/%d", order), c.Authed(), nil)
		if err := expect(resp, err, http.StatusOK); err != nil {
			return fmt.Errorf("GET order: %w", err)
		}
		resp, _, err = c.PlaceOrder(ctx, link.ExternalID, TestCard)
		if err := expect(resp, err, http.StatusConflict); err != nil {
			return fmt.Errorf("second order: %w", err)
		}
		resp, err = c.Do(ctx, http.MethodGet, noventiq.FlashPath+link.ExternalID, nil, nil)
		if err := expect(resp, err, http.StatusGone); err != nil {
			return fmt.Errorf("used page: %w", err)
		}
		return nil
	}}
}

// OrderSearch searches the paid orders.
func OrderSearch() Step {
	return Step{Name: "order search", Weight: 2, Do: func(ctx context.Context, c *Client) error {
		resp, err := c.Do(ctx, http.MethodPost, "/v1/order/search", c.Authed(), []byte(`{"status":"paid"}`))
		return expect(resp, err, http.StatusOK)
	}}
}
