package sandboxtest

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"testing"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// Checkout drives one link's checkout as its customer would, through the
// sandbox's checkout JSON API; every method fails the test on an error and
// returns the link's state afterwards.
type Checkout struct {
	s  *Sandbox
	t  testing.TB
	id string
}

// Checkout opens the checkout of a link, given its buy link or external id.
func (s *Sandbox) Checkout(t testing.TB, link string) *Checkout {
	t.Helper()
	id := link
	if u, err := url.Parse(link); err == nil && u.Path != "" && u.Host != "" {
		id = path.Base(u.Path)
	}
	return &Checkout{s: s, t: t, id: id}
}

// ID returns the link's external id.
func (c *Checkout) ID() string { return c.id }

func (c *Checkout) call(method, action string, body any) noventiq.CheckoutState {
	c.t.Helper()
	var st noventiq.CheckoutState
	p := noventiq.CheckoutStatePath + url.PathEscape(c.id)
	if action != "" {
		p += "/" + action
	}
	if err := c.s.do(method, p, body, nil, &st); err != nil {
		c.t.Fatal(err)
	}
	return st
}

// State returns the link's state.
func (c *Checkout) State() noventiq.CheckoutState {
	c.t.Helper()
	return c.call(http.MethodGet, "", nil)
}

// Accept chooses the up-sell product at index in the pending offer
// (noventiq.EntryOffer or noventiq.ExitOffer).
func (c *Checkout) Accept(offer noventiq.OfferKind, index int) noventiq.CheckoutState {
	c.t.Helper()
	return c.call(http.MethodPost, "upsell", map[string]any{"offer": offer, "choice": index})
}

// Decline closes the pending offer without a replacement.
func (c *Checkout) Decline(offer noventiq.OfferKind) noventiq.CheckoutState {
	c.t.Helper()
	return c.call(http.MethodPost, "upsell", map[string]any{"offer": offer, "choice": nil})
}

// ExitIntent is the mouse leaving the window: it shows the exit offer when
// it applies.
func (c *Checkout) ExitIntent() noventiq.CheckoutState {
	c.t.Helper()
	return c.call(http.MethodPost, "exit-intent", struct{}{})
}

// Customer submits step two with the given customer data.
func (c *Checkout) Customer(in noventiq.CustomerInput) noventiq.CheckoutState {
	c.t.Helper()
	return c.call(http.MethodPost, "customer", in)
}

// Pay places the order, paying with a test card (4242424242424242 pays,
// 4000000000000002 is declined).
func (c *Checkout) Pay(card string) noventiq.CheckoutState {
	c.t.Helper()
	return c.call(http.MethodPost, "order", map[string]string{"card": card})
}

// Test customer values PlaceOrder uses for required fields the request
// left empty.
const (
	testEmail     = "customer@example.com"
	testFirstName = "Test"
	testLastName  = "Customer"
	testCompany   = "Test company"
)

// PlaceOrder buys a link as a hurried customer: it declines a pending
// offer, keeps the pre-filled customer data (filling required fields the
// request left empty with test values and the page's first country), and
// pays with card. It returns the order.
func (s *Sandbox) PlaceOrder(t testing.TB, link, card string) noventiq.OrderRef {
	t.Helper()
	c := s.Checkout(t, link)
	st := c.State()
	if st.PendingOffer != "" {
		st = c.Decline(st.PendingOffer)
	}
	in := noventiq.CustomerInput{Customer: noventiq.Customer(st.Customer)}
	fill := func(v *string, def string) {
		if *v == "" {
			*v = def
		}
	}
	fill(&in.Type, "physical")
	fill(&in.Email, testEmail)
	fill(&in.FirstName, testFirstName)
	fill(&in.LastName, testLastName)
	if in.Type == "juridical" {
		fill(&in.CompanyName, testCompany)
	}
	fill(&in.Country, st.Country)
	if in.Country == "" {
		in.Country = s.firstCountry(t, st.MarketID)
	}
	c.Customer(in)
	st = c.Pay(card)
	if st.Order == nil {
		t.Fatalf("sandboxtest: paying link %s made no order: %+v", c.id, st)
	}
	return *st.Order
}

func (s *Sandbox) firstCountry(t testing.TB, market int64) string {
	t.Helper()
	for _, a := range s.world.Noventiq.Accounts {
		if p, ok := a.Page(market); ok {
			if countries := slices.Sorted(maps.Keys(p.Countries)); len(countries) > 0 {
				return countries[0]
			}
		}
	}
	t.Fatalf("sandboxtest: checkout page %d sells to no country", market)
	return ""
}

// Webhooks returns the webhooks the sandbox recorded for an order (every
// order when orderID is 0), whether or not a receiver was configured: what
// would have been sent, with each delivery attempt.
func (s *Sandbox) Webhooks(t testing.TB, orderID int64) []sandbox.WebhookDelivery {
	t.Helper()
	p := "/_sandbox/webhooks"
	if orderID != 0 {
		p += fmt.Sprintf("?order_id=%d", orderID)
	}
	var out struct {
		Deliveries []sandbox.WebhookDelivery `json:"deliveries"`
	}
	if err := s.do(http.MethodGet, p, nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	return out.Deliveries
}
