package noventiq

import (
	"errors"
	"fmt"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// placer turns a link into an order inside the transaction that marks the
// link used, so that a link makes exactly one order.
type placer interface {
	Place(tx store.Tx, link *storedLink, paid kit.PaymentResult) (OrderRef, error)
}

// checkoutService runs the checkout state machine over the stored links; the HTML
// pages and the JSON control API both drive it.
type checkoutService struct {
	Store store.Store
	// Now is the sandbox clock.
	Now func() time.Time
	// World returns the world the sandbox serves now.
	World  func() *fixtures.World
	Placer placer
	// Retention learns which links are opened; nil keeps every link.
	Retention *retention
}

// Get returns the link with that external id, in any state.
func (s *checkoutService) Get(id string) (*storedLink, error) {
	link, found, err := getLink(s.Store, s.Retention, id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errNotFound
	}
	return link, nil
}

// account is what a change of a link needs of its account.
type account struct {
	*fixtures.Account
	page *fixtures.CheckoutPage
}

// mutate changes an open link in one store transaction; fn's error leaves
// the link unchanged.
func (s *checkoutService) mutate(id string, fn func(tx store.Tx, l *storedLink, acct account) error) (*storedLink, error) {
	var link *storedLink
	err := s.Store.Update(func(tx store.Tx) error {
		var found bool
		var err error
		link, found, err = loadLink(tx, id)
		switch {
		case err != nil:
			return err
		case !found:
			return errNotFound
		}
		s.Retention.opened(id)
		switch link.Status(s.Now()) {
		case "ordered":
			return errUsed
		case "expired":
			return errExpired
		}
		a, ok := s.World().Account(link.Account)
		if !ok {
			return fmt.Errorf("checkout: account %s of link %s is no longer in the world", link.Account, id)
		}
		page, ok := a.Page(link.MarketID)
		if !ok {
			return fmt.Errorf("checkout: checkout page %d of link %s is no longer in the world", link.MarketID, id)
		}
		if err := fn(tx, link, account{a, page}); err != nil {
			return err
		}
		return store.PutJSON(tx, linksBucket, id, link)
	})
	if err != nil {
		return nil, err
	}
	return link, nil
}

// Choose accepts (an index) or declines (nil) the pending offer of a kind.
func (s *checkoutService) Choose(id string, kind OfferKind, choice *int) (*storedLink, error) {
	return s.mutate(id, func(_ store.Tx, l *storedLink, a account) error { return l.Choose(kind, choice, a) })
}

// ExitIntent reports that the mouse left the window.
func (s *checkoutService) ExitIntent(id string) (*storedLink, error) {
	return s.mutate(id, func(_ store.Tx, l *storedLink, _ account) error {
		l.ExitIntent()
		return nil
	})
}

// Continue moves from the cart to the customer form with the cart's
// auto-renewal consents.
func (s *checkoutService) Continue(id string, consent map[int64]bool) (*storedLink, error) {
	return s.mutate(id, func(_ store.Tx, l *storedLink, _ account) error { return l.Continue(consent) })
}

// SetCustomer submits the customer form.
func (s *checkoutService) SetCustomer(id string, in CustomerInput) (*storedLink, error) {
	return s.mutate(id, func(_ store.Tx, l *storedLink, a account) error { return l.SetCustomer(in, a.page, a) })
}

// Order places the link's one order, paying with the card; in, when not
// nil, is the customer form submitted with the payment. The customer data
// must be valid and no offer pending. A declined card still makes an order
// (not paid) and uses the link.
func (s *checkoutService) Order(id string, in *CustomerInput, card string) (*storedLink, error) {
	return s.mutate(id, func(tx store.Tx, l *storedLink, a account) error {
		if in != nil {
			if err := l.SetCustomer(*in, a.page, a); err != nil {
				return err
			}
		}
		if k := l.PendingOffer(); k != "" {
			return fmt.Errorf("%w: the %s offer is pending: accept or decline it first", errConflict, k)
		}
		if bad := validateCustomer(&l.Cart.Customer, a.page); len(bad) > 0 {
			return bad
		}
		paid, err := kit.Charge(card)
		if errors.Is(err, kit.ErrUnknownCard) {
			return FieldErrors{"card": err.Error()}
		}
		ref, err := s.Placer.Place(tx, l, paid)
		if err != nil {
			return fmt.Errorf("checkout: place the order of link %s: %w", id, err)
		}
		l.Cart.Order, l.Cart.Step = &ref, StepDone
		if ex := l.Cart.Exit; ex != nil && ex.State == Waiting {
			ex.State = Suppressed
		}
		return nil
	})
}
