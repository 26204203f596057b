// Package sales is the back office of the sandbox: what follows a
// purchase. It turns a checkout link into an order, opens the
// subscriptions of the products bought with auto-renewal, bills their
// renewals when the clock passes their expiry, and queues the webhooks of
// every step — each change and its webhooks in one store transaction.
package sales

import (
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/checkout"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/orders"
	"github.com/flashcart/flashcart/sandbox/payment"
	"github.com/flashcart/flashcart/sandbox/subscriptions"
	"github.com/flashcart/flashcart/sandbox/webhooks"
	"github.com/shopspring/decimal"
)

// Desk does the back office's work.
type Desk struct {
	Store store.Store
	IDs   orders.IDs
	// Clock is the sandbox clock.
	Clock func() time.Time
	World func() *fixtures.World
	// Kick wakes the webhook worker; nil does nothing.
	Kick func()
	Log  *slog.Logger

	due dueHint
}

// maxRenewals bounds the renewals one subscription gets in one run, so
// that a clock moved by centuries cannot stall the sandbox.
const maxRenewals = 1000

// OrderPath is the path of the customer's order page.
func OrderPath(id int64, hash string) string {
	return "/order/status/" + strconv.FormatInt(id, 10) + "/" + hash
}

// orderURL puts the order page on the host of the link's buy link.
func orderURL(buyLink string, id int64, hash string) string {
	u, err := url.Parse(buyLink)
	if err != nil || u.Host == "" {
		return OrderPath(id, hash)
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: OrderPath(id, hash)}).String()
}

func (d *Desk) hook(account string) fixtures.Webhook {
	if a, ok := d.World().Account(account); ok {
		return a.Webhook
	}
	return fixtures.Webhook{}
}

func (d *Desk) kick() {
	if d.Kick != nil {
		d.Kick()
	}
}

// Place makes the order of a checkout link inside the link's transaction:
// order.created, then order.payment.succeeded and product.delivered (with
// the subscriptions opened) or order.payment.failed, one webhook per product.
func (d *Desk) Place(tx store.Tx, link *checkout.Link, paid payment.Result) (checkout.OrderRef, error) {
	now := d.Clock()
	id, hash, err := orders.NextID(tx, d.IDs)
	if err != nil {
		return checkout.OrderRef{}, err
	}
	o := &orders.Order{Header: orders.Header{
		OrderID: id, OrderName: orders.Name(id), Status: orders.NotPaid, ExternalID: link.ExternalID,
		CreateDate: orders.Time{Time: now}, Currency: link.Currency, Locale: link.Locale,
		OrderDetailURL: orderURL(link.BuyLink, id, hash), Customer: orders.Customer(link.Cart.Customer),
		AdditionalData: link.Cart.AdditionalData,
	}}
	for _, l := range link.Lines {
		o.Products = append(o.Products, orderProduct(l))
	}
	o.SumTotal()
	hook := d.hook(link.Account)
	if err := d.notify(tx, link.Account, hook, webhooks.OrderCreated, now, o, nil); err != nil {
		return checkout.OrderRef{}, err
	}
	pay := orders.Payment{PaymentMethod: payment.Method, PaymentSystemName: payment.SystemName,
		CardType: paid.CardType, CardLast4: paid.CardLast4, CardExpirationDate: paid.CardExpireAt}
	if !paid.Paid {
		o.Payment = pay
		err = d.notify(tx, link.Account, hook, webhooks.PaymentFailed, now, o, nil)
	} else {
		o.Pay(now, pay)
		var subs map[int]*subscriptions.Subscription
		subs, err = d.openSubscriptions(tx, link, o)
		if err == nil {
			err = d.notify(tx, link.Account, hook, webhooks.PaymentSucceeded, now, o, subs)
		}
		if err == nil {
			err = d.notify(tx, link.Account, hook, webhooks.ProductDelivered, now, o, subs)
		}
	}
	if err != nil {
		return checkout.OrderRef{}, err
	}
	if err := orders.Put(tx, &orders.Record{Account: link.Account, Hash: hash, Order: *o}); err != nil {
		return checkout.OrderRef{}, err
	}
	d.kick()
	return checkout.OrderRef{ID: id, Name: o.OrderName, Status: string(o.Status), URL: o.OrderDetailURL}, nil
}

func orderProduct(l checkout.Line) orders.Product {
	zero := money.A(decimal.Zero)
	return orders.Product{
		ID: strconv.FormatInt(l.ProductID, 10), VendorCode: l.VendorCode, SKU: l.SKU, BusinessSegment: l.BusinessSegment,
		Name: l.Name, Price: money.A(l.Price), Quantity: l.Quantity, DiscountPercent: orders.Percent{Decimal: l.DiscountPercent},
		DiscountAmount: money.A(l.Discount()), VatAmount: zero, Amount: money.A(l.Total()), Margin: zero,
	}
}

// openSubscriptions opens an AR subscription for every paid line sent with
// subscription whose auto-renewal the customer kept; it returns them by
// product index.
func (d *Desk) openSubscriptions(tx store.Tx, link *checkout.Link, o *orders.Order) (map[int]*subscriptions.Subscription, error) {
	subs := map[int]*subscriptions.Subscription{}
	for i, l := range link.Lines {
		if l.Subscription == nil || !link.Cart.AutoRenewal[l.ProductID] {
			continue
		}
		rec := &subscriptions.Record{Account: link.Account, Product: o.Products[i], ProductIndex: i,
			Subscription: subscriptions.Subscription{
				ID: subscriptions.ID(o.OrderID, len(subs)+1), Type: subscriptions.TypeAR, Status: subscriptions.Active,
				InitialOrder: subscriptions.InitialOrder{OrderID: o.OrderID, CreateDate: o.CreateDate},
				URL:          o.OrderDetailURL, ProductID: o.Products[i].ID, Currency: o.Currency,
				ExpirationDate:   orders.Time{Time: l.Subscription.Period.AddTo(o.PayDate.Time)},
				NextProductName:  l.Subscription.RenewalName,
				NextBillingPrice: money.A(l.Subscription.RenewalPrice.Mul(decimal.NewFromInt(int64(l.Quantity)))),
				RenewalTerm:      l.Subscription.RenewalTerm,
				RenewalOrders:    []int64{},
			}}
		if err := subscriptions.Put(tx, rec); err != nil {
			return nil, err
		}
		d.lowerDue(&rec.Subscription)
		subs[i] = &rec.Subscription
	}
	return subs, nil
}

// notify queues the event's webhook for every product of the order; subs
// adds the subscription block to the products that have one.
func (d *Desk) notify(tx store.Tx, account string, hook fixtures.Webhook, event string, at time.Time, o *orders.Order, subs map[int]*subscriptions.Subscription) error {
	for i := range o.Products {
		if err := webhooks.Enqueue(tx, account, hook, webhooks.NewBody(event, at, o, i, block(subs[i]))); err != nil {
			return fmt.Errorf("sales: queue %s of order %d: %w", event, o.OrderID, err)
		}
	}
	return nil
}

// block is the webhook's subscription block, or nil.
func block(s *subscriptions.Subscription) *webhooks.Subscription {
	if s == nil {
		return nil
	}
	return &webhooks.Subscription{ID: s.ID, Type: s.Type, Status: string(s.Status), ExpirationDate: s.ExpirationDate}
}
