package noventiq

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/flashcart/flashcart/fixtures"
)

// CustomerInput is the customer form of step two, with the auto-renewal
// consents of the cart.
type CustomerInput struct {
	Customer
	AutoRenewal map[int64]bool `json:"auto_renewal,omitempty"`
}

// customerRule is one field of the customer form.
type customerRule struct {
	name     string
	value    func(*Customer) string
	max      int
	required func(*Customer) bool
}

func always(*Customer) bool      { return true }
func never(*Customer) bool       { return false }
func juridical(c *Customer) bool { return c.Type == "juridical" }

// customerRules are the form's fields, with the seed's length limits.
var customerRules = []customerRule{
	{"type", func(c *Customer) string { return c.Type }, 0, always},
	{"email", func(c *Customer) string { return c.Email }, 72, always},
	{"first_name", func(c *Customer) string { return c.FirstName }, 255, always},
	{"last_name", func(c *Customer) string { return c.LastName }, 255, always},
	{"phone", func(c *Customer) string { return c.Phone }, 64, never},
	{"vat_number", func(c *Customer) string { return c.VatNumber }, 255, never},
	{"company_name", func(c *Customer) string { return c.CompanyName }, 255, juridical},
	{"company_billing_address", func(c *Customer) string { return c.CompanyBillingAddress }, 255, never},
	{"company_delivery_address", func(c *Customer) string { return c.CompanyDeliveryAddress }, 255, never},
	{"country", func(c *Customer) string { return c.Country }, 0, always},
}

// validateCustomer checks the customer form against the checkout page:
// type, email, names and country are required (company_name too for a
// juridical customer), lengths as in the seed, and the country must be one
// the page sells to. It returns an empty map when the form is valid.
func validateCustomer(c *Customer, page *fixtures.CheckoutPage) FieldErrors {
	bad := FieldErrors{}
	for _, r := range customerRules {
		v := r.value(c)
		switch {
		case strings.TrimSpace(v) == "" && r.required(c):
			bad[r.name] = "required"
		case r.max > 0 && utf8.RuneCountInString(v) > r.max:
			bad[r.name] = fmt.Sprintf("must not exceed %d characters", r.max)
		}
	}
	if c.Type != "" && c.Type != "physical" && c.Type != "juridical" {
		bad["type"] = `must be "physical" or "juridical"`
	}
	if _, ok := bad["email"]; !ok && !ValidEmail(c.Email) {
		bad["email"] = "expected format: [name]@[domain].[zone]"
	}
	if _, ok := page.Countries[c.Country]; !ok && c.Country != "" {
		bad["country"] = "this checkout page does not sell to " + c.Country + "; it sells to " + strings.Join(slices.Sorted(maps.Keys(page.Countries)), ", ")
	}
	return bad
}

// SetCustomer replaces the customer data with the form's and records the
// auto-renewal consents. The country has priority over the currency: the
// cart switches to the currency the page sells in that country (prices
// keep their figures: the sandbox has no exchange rates). On a refusal the
// link is unchanged.
func (l *storedLink) SetCustomer(in CustomerInput, page *fixtures.CheckoutPage, products Products) error {
	if k := l.PendingOffer(); k != "" {
		return fmt.Errorf("%w: the %s offer is pending: accept or decline it first", errConflict, k)
	}
	bad := validateCustomer(&in.Customer, page)
	maps.Copy(bad, l.consentErrors(in.AutoRenewal))
	if len(bad) > 0 {
		return bad
	}
	l.setConsents(in.AutoRenewal)
	l.Cart.Customer = in.Customer
	l.Cart.Step = StepCustomer
	if cur := page.Countries[in.Country]; cur != l.Currency {
		l.Currency = cur
		return l.relines(products)
	}
	return nil
}
