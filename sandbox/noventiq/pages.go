package noventiq

import (
	"embed"
	"html/template"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/pagekit"

	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

var pages = pagekit.Must(pagekit.Parse(templateFS, template.FuncMap{
	"field":     newField,
	"hasPrefix": strings.HasPrefix,
}, "templates/*.html"))

// field is one text input of the customer form.
type field struct {
	Name, Label, Value, Problem string
}

func newField(name, label, value string, errs FieldErrors) field {
	return field{Name: name, Label: label, Value: value, Problem: errs[name]}
}

// contentSecurityPolicy keeps the pages to their own scripts and styles;
// up-sell offer pictures live on the integrator's side and are loaded by
// the browser, never by the sandbox.
const contentSecurityPolicy = pagekit.ContentSecurityPolicy

// assets serves the embedded files under /assets/, the stylesheet after
// the shared one.
func assets() http.Handler { return pagekit.Assets("/assets/", assetFS, "assets", "checkout.css") }

// checkoutPage is what the checkout page shows.
type checkoutPage struct {
	CheckoutState
	// Countries are the countries the checkout page sells to, in order.
	Countries []string
	// Form is the customer form's values: the link's, or what was just
	// submitted when it was refused.
	Form orders.Customer
	// Errors are the problems of the submitted form, by field.
	Errors FieldErrors
	// Card is the card number just submitted.
	Card string
}

// Offer returns the pending offer, or nil.
func (c *checkoutPage) Offer() *OfferView {
	if c.PendingOffer == "" {
		return nil
	}
	o := c.Offers[c.PendingOffer]
	return &o
}

// HasExitOffer reports whether the link has an exit offer: the page then
// reports the exit intent, and the server decides whether the offer shows.
func (c *checkoutPage) HasExitOffer() bool {
	_, ok := c.Offers[ExitOffer]
	return ok
}

// Cards lists the test cards, as a reminder on the payment form.
func (c *checkoutPage) Cards() []kit.TestCard { return kit.TestCards }

// gonePage is the page of a link that cannot be used any more.
type gonePage struct {
	ExternalID string
	// Used is true when the link already made an order, false when it expired.
	Used bool
}

// orderPage is the customer's order page.
type orderPage struct {
	orders.Order
}

// StatusClass is the CSS class of the order's status.
func (o orderPage) StatusClass() string {
	if o.Status == orders.Paid {
		return "paid"
	}
	return "unpaid"
}

// render writes the named page with its status and headers.
func render(w http.ResponseWriter, status int, name string, data any) error {
	return pages.Render(w, status, name, data)
}
