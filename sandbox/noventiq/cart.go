package noventiq

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

// Step is where the customer is in the checkout.
type Step string

// The checkout steps: the cart, the customer form, and done (ordered).
const (
	StepCart     Step = "cart"
	StepCustomer Step = "customer"
	StepDone     Step = "done"
)

// OfferKind names an up-sell offer: entry (upsell) or exit (upsell_exit).
type OfferKind string

// The two up-sell offers.
const (
	EntryOffer OfferKind = "entry"
	ExitOffer  OfferKind = "exit"
)

// OfferState is where an up-sell offer is in its life.
type OfferState string

// An offer waits for its trigger (exit intent), is pending while it is
// shown, and ends accepted, declined, or suppressed (never shown because a
// product was replaced or the order was placed).
const (
	Waiting    OfferState = "waiting"
	Pending    OfferState = "pending"
	Accepted   OfferState = "accepted"
	Declined   OfferState = "declined"
	Suppressed OfferState = "suppressed"
)

// offerRecord is the state of one up-sell offer; Choice is the accepted index.
type offerRecord struct {
	State  OfferState `json:"state"`
	Choice *int       `json:"choice"`
}

// linkCart is what the customer has done with a link.
type linkCart struct {
	Step  Step         `json:"step"`
	Entry *offerRecord `json:"entry,omitempty"`
	Exit  *offerRecord `json:"exit,omitempty"`
	// Products are the cart's dynamic products: the request's, with an
	// accepted up-sell product in place of the one it replaced.
	Products []Product `json:"products"`
	Customer Customer  `json:"customer"`
	// AutoRenewal is the customer's consent per product id, for the
	// products sent with subscription.
	AutoRenewal    map[int64]bool `json:"auto_renewal,omitempty"`
	AdditionalData Referers       `json:"additional_data,omitempty"`
	Order          *OrderRef      `json:"order,omitempty"`
}

// OrderRef is the order placed with a link.
type OrderRef struct {
	ID     int64  `json:"order_id"`
	Name   string `json:"order_name"`
	Status string `json:"status"`
	URL    string `json:"order_url"`
}

// The errors of the state machine. errUsed and every refusal because of
// the link's state wrap errConflict.
var (
	errNotFound   = errors.New("no link has that external id")
	errExpired    = errors.New("the link has expired")
	errConflict   = errors.New("not possible in this state")
	errUsed       = fmt.Errorf("%w: the link was already used for an order", errConflict)
	errBadRequest = errors.New("bad request")
)

// FieldErrors are the problems of a submitted form, by field name.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	keys := slices.Sorted(maps.Keys(f))
	return fmt.Sprintf("invalid fields: %v", keys)
}

// Status is "ordered" once an order was placed, "expired" when the link's
// time to live has passed, else "open".
func (l *storedLink) Status(now time.Time) string {
	switch {
	case l.Cart.Order != nil:
		return "ordered"
	case l.ExpiresAt != nil && !now.Before(*l.ExpiresAt):
		return "expired"
	}
	return "open"
}

// newCart is the cart a link opens with: the entry offer pending, the exit
// offer waiting, auto-renewal consented for every product sent with
// subscription, and the customer's country selected when the page sells to it.
func (l *storedLink) newCart(page *fixtures.CheckoutPage) {
	req := &l.Request
	c := linkCart{Step: StepCart, Products: slices.Clone(req.Products), AdditionalData: req.AdditionalData}
	if req.Upsell != nil {
		c.Entry = &offerRecord{State: Pending}
	}
	if req.UpsellExit != nil {
		c.Exit = &offerRecord{State: Waiting}
	}
	if req.Customer != nil {
		c.Customer = *req.Customer
	}
	l.Cart = c
	for _, p := range c.Products {
		l.consentDefault(p)
	}
	if cur, ok := page.Countries[c.Customer.Country]; ok {
		l.Currency = cur
	} else {
		l.Cart.Customer.Country = ""
	}
}

// changed reports whether the customer did anything with the cart: left
// it for the customer step, or answered or triggered an offer.
func (c *linkCart) changed() bool {
	return c.Step != StepCart || c.Order != nil || c.Entry != nil && c.Entry.State != Pending || c.Exit != nil && c.Exit.State != Waiting
}

func (l *storedLink) consentDefault(p Product) {
	if p.Subscription == nil {
		return
	}
	if l.Cart.AutoRenewal == nil {
		l.Cart.AutoRenewal = map[int64]bool{}
	}
	l.Cart.AutoRenewal[p.ID] = true
}

// relines resolves the cart's products into lines in the cart's currency.
func (l *storedLink) relines(products Products) error {
	lines := make([]cartLine, 0, len(l.Cart.Products))
	for _, p := range l.Cart.Products {
		orig, ok := products.Product(p.ID)
		if !ok {
			return fmt.Errorf("checkout: product %d is no longer in account %s", p.ID, l.Account)
		}
		lines = append(lines, newCartLine(p, orig, l.Currency))
	}
	l.Lines = lines
	return nil
}

// Products finds original products.
type Products interface {
	Product(id int64) (*fixtures.Product, bool)
}

func (l *storedLink) offer(kind OfferKind) (*offerRecord, *Upsell) {
	switch kind {
	case EntryOffer:
		return l.Cart.Entry, l.Request.Upsell
	case ExitOffer:
		return l.Cart.Exit, l.Request.UpsellExit
	}
	return nil, nil
}

// PendingOffer returns the offer being shown, or "".
func (l *storedLink) PendingOffer() OfferKind {
	for _, k := range []OfferKind{EntryOffer, ExitOffer} {
		if o, _ := l.offer(k); o != nil && o.State == Pending {
			return k
		}
	}
	return ""
}

// Replaced reports whether an up-sell product replaced a cart product.
func (l *storedLink) Replaced() bool {
	for _, k := range []OfferKind{EntryOffer, ExitOffer} {
		if o, _ := l.offer(k); o != nil && o.State == Accepted {
			return true
		}
	}
	return false
}

// Choose answers the pending offer of that kind: a nil choice declines it,
// an index accepts that up-sell product, which replaces the offer's
// product_id in the cart and merges its additional_data onto the cart's.
func (l *storedLink) Choose(kind OfferKind, choice *int, products Products) error {
	o, up := l.offer(kind)
	switch {
	case kind != EntryOffer && kind != ExitOffer:
		return fmt.Errorf("%w: offer must be \"entry\" or \"exit\"", errBadRequest)
	case o == nil:
		return fmt.Errorf("%w: the link has no %s offer", errConflict, kind)
	case o.State != Pending:
		return fmt.Errorf("%w: the %s offer is %s, not pending", errConflict, kind, o.State)
	case choice == nil:
		o.State = Declined
		return nil
	case *choice < 0 || *choice >= len(up.Products):
		return fmt.Errorf("%w: choice must be null or an index from 0 to %d", errBadRequest, len(up.Products)-1)
	}
	i := slices.IndexFunc(l.Cart.Products, func(p Product) bool { return p.ID == up.ProductID })
	if i < 0 {
		return fmt.Errorf("%w: product %d is no longer in the cart", errConflict, up.ProductID)
	}
	chosen := up.Products[*choice]
	delete(l.Cart.AutoRenewal, up.ProductID)
	l.Cart.Products[i] = chosen.Product
	l.consentDefault(chosen.Product)
	l.Cart.AdditionalData = l.Cart.AdditionalData.Merge(chosen.AdditionalData)
	o.State, o.Choice = Accepted, choice
	if ex := l.Cart.Exit; ex != nil && ex.State == Waiting {
		ex.State = Suppressed
	}
	return l.relines(products)
}

// ExitIntent is the mouse leaving the window: the exit offer becomes
// pending when it was sent, never shown, no product was replaced, no order
// exists and no other offer is being shown.
func (l *storedLink) ExitIntent() {
	ex := l.Cart.Exit
	if ex == nil || ex.State != Waiting || l.Replaced() || l.Cart.Order != nil || l.PendingOffer() != "" {
		return
	}
	ex.State = Pending
}

// consentErrors lists the consents given for products that take none:
// only products sent with subscription do.
func (l *storedLink) consentErrors(consent map[int64]bool) FieldErrors {
	bad := FieldErrors{}
	for id := range consent {
		if _, ok := l.Cart.AutoRenewal[id]; !ok {
			bad[fmt.Sprintf("auto_renewal.%d", id)] = "the cart offers no auto-renewal for this product"
		}
	}
	return bad
}

func (l *storedLink) setConsents(consent map[int64]bool) {
	for id, v := range consent {
		l.Cart.AutoRenewal[id] = v
	}
}

// Continue leaves the cart for the customer form.
func (l *storedLink) Continue(consent map[int64]bool) error {
	if k := l.PendingOffer(); k != "" {
		return fmt.Errorf("%w: the %s offer is pending: accept or decline it first", errConflict, k)
	}
	if bad := l.consentErrors(consent); len(bad) > 0 {
		return bad
	}
	l.setConsents(consent)
	l.Cart.Step = StepCustomer
	return nil
}
