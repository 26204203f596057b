package noventiq

import (
	"errors"
	"fmt"

	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
)

// errNoSubscription is returned for a subscription that does not exist or
// belongs to another account.
var errNoSubscription = errors.New("sales: no such subscription")

// RenewIfDue is RenewDue when a subscription may be due; it costs nothing
// when the Desk knows that none is (see kit.DueHint). The sandbox calls it
// before the requests whose answers renewals change.
func (d *backOffice) RenewIfDue() ([]int64, error) {
	if d.due.Skip(nil, d.Clock()) {
		return nil, nil
	}
	return d.RenewDue()
}

// RenewDue bills every active subscription whose term has ended by the
// sandbox clock: a paid renewal (child) order per term that ended, with
// the subscription's next product name and billing price, and its
// webhooks. It returns the child order ids.
func (d *backOffice) RenewDue() ([]int64, error) {
	now := d.Clock()
	gen := d.due.Generation()
	var due bool
	err := d.Store.View(func(tx store.Tx) error {
		found, next, err := subscriptions.Scan(tx, now)
		due = len(found) > 0
		if err == nil && !due {
			d.due.Learn(gen, nil, next, next.IsZero())
		}
		return err
	})
	if err != nil || !due {
		return nil, err
	}
	var made []int64
	err = d.Store.Update(func(tx store.Tx) error {
		due, err := subscriptions.Due(tx, now)
		if err != nil {
			return err
		}
		for _, rec := range due {
			parent, found, err := orders.Get(tx, rec.Subscription.InitialOrder.OrderID)
			if err != nil || !found {
				return fmt.Errorf("sales: parent order of subscription %s: found %v: %w", rec.Subscription.ID, found, err)
			}
			for range maxRenewals {
				if !rec.Subscription.DueAt(now) {
					break
				}
				id, err := d.renew(tx, rec, parent)
				if err != nil {
					return err
				}
				made = append(made, id)
			}
			if err := subscriptions.Put(tx, rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(made) > 0 {
		d.kick()
	}
	return made, nil
}

// lowerDue tells the due hint about a subscription just written.
func (d *backOffice) lowerDue(s *subscriptions.Subscription) {
	if s.Status == subscriptions.Active {
		d.due.Lower(s.ExpirationDate.Time)
	}
}

// renew bills one term of a due subscription.
func (d *backOffice) renew(tx store.Tx, rec *subscriptions.Record, parent *orders.Record) (int64, error) {
	id, hash, err := orders.NextID(tx, d.IDs)
	if err != nil {
		return 0, err
	}
	s := &rec.Subscription
	billedAt, _ := s.Renew(d.Clock(), id)
	line := rec.Product
	line.Name, line.Price, line.Quantity = s.NextProductName, s.NextBillingPrice, 1
	line.DiscountPercent, line.DiscountAmount, line.Amount = orders.Percent{}, line.VatAmount, s.NextBillingPrice
	child := orders.Order{Header: parent.Order.Header, Products: []orders.Product{line}}
	child.OrderID, child.OrderName, child.ExternalID, child.ParentOrderID = id, orders.Name(id), "", parent.Order.OrderID
	child.CreateDate = orders.Time{Time: billedAt}
	child.OrderDetailURL = orderURL(parent.Order.OrderDetailURL, id, hash)
	child.Pay(billedAt, parent.Order.Payment)
	child.SumTotal()
	if err := orders.Put(tx, &orders.Record{Account: rec.Account, Hash: hash, Order: child}); err != nil {
		return 0, err
	}
	subs := map[int]*subscriptions.Subscription{0: s}
	hook := d.hook(rec.Account)
	for _, event := range []string{OrderCreated, PaymentSucceeded, ProductDelivered} {
		if err := d.notify(tx, rec.Account, hook, event, billedAt, &child, subs); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// Subscription returns one of the account's subscriptions.
func (d *backOffice) Subscription(account, id string) (*subscriptions.Subscription, error) {
	var rec *subscriptions.Record
	err := d.Store.View(func(tx store.Tx) error {
		var err error
		rec, err = own(tx, account, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &rec.Subscription, nil
}

func own(tx store.Tx, account, id string) (*subscriptions.Record, error) {
	rec, found, err := subscriptions.Get(tx, id)
	switch {
	case err != nil:
		return nil, err
	case !found || rec.Account != account:
		return nil, errNoSubscription
	}
	return rec, nil
}

// Modify changes one of the account's subscriptions with fn, which holds
// the documented rule of the call.
func (d *backOffice) Modify(account, id string, fn func(*subscriptions.Subscription) error) (*subscriptions.Subscription, error) {
	return d.change(account, id, func(_ store.Tx, rec *subscriptions.Record) error { return fn(&rec.Subscription) })
}

// SetActivity cancels (false) or restores (true) a subscription and sends
// subscription.cancelled or subscription.restored for the parent order's
// product when the status changed.
func (d *backOffice) SetActivity(account, id string, active bool) (*subscriptions.Subscription, error) {
	s, err := d.change(account, id, func(tx store.Tx, rec *subscriptions.Record) error {
		if !rec.Subscription.SetActivity(active) {
			return nil
		}
		parent, found, err := orders.Get(tx, rec.Subscription.InitialOrder.OrderID)
		if err != nil || !found {
			return fmt.Errorf("sales: parent order of subscription %s: found %v: %w", id, found, err)
		}
		event := SubscriptionCancelled
		if active {
			event = SubscriptionRestored
		}
		body := NewWebhookBody(event, d.Clock(), &parent.Order, rec.ProductIndex, block(&rec.Subscription))
		return enqueueWebhook(tx, rec.Account, d.hook(rec.Account), body)
	})
	if err == nil {
		d.kick()
	}
	return s, err
}

func (d *backOffice) change(account, id string, fn func(store.Tx, *subscriptions.Record) error) (*subscriptions.Subscription, error) {
	var rec *subscriptions.Record
	err := d.Store.Update(func(tx store.Tx) error {
		var err error
		if rec, err = own(tx, account, id); err != nil {
			return err
		}
		if err := fn(tx, rec); err != nil {
			return err
		}
		return subscriptions.Put(tx, rec)
	})
	if err != nil {
		return nil, err
	}
	d.lowerDue(&rec.Subscription)
	return &rec.Subscription, nil
}
