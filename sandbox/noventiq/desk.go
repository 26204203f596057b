package noventiq

import (
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
	"github.com/shopspring/decimal"
)

// backOffice does the back office's work.
type backOffice struct {
	Store store.Store
	// Orders finds the orders a search asks for.
	Orders *orders.Index
	IDs    orders.IDs
	// Clock is the sandbox clock.
	Clock func() time.Time
	World func() *fixtures.World
	// Kick wakes the webhook worker; nil does nothing.
	Kick func()
	Log  *slog.Logger

	due kit.DueHint
}

// maxRenewals bounds the renewals one subscription gets in one run, so
// that a clock moved by centuries cannot stall the sandbox.
const maxRenewals = 1000

// orderPagePath is the path of the customer's order page.
func orderPagePath(id int64, hash string) string {
	return OrderPagePath + strconv.FormatInt(id, 10) + "/" + hash
}

// orderURL puts the order page on the host of the link's buy link.
func orderURL(buyLink string, id int64, hash string) string {
	u, err := url.Parse(buyLink)
	if err != nil || u.Host == "" {
		return orderPagePath(id, hash)
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: orderPagePath(id, hash)}).String()
}

func (d *backOffice) hook(account string) fixtures.Webhook {
	if a, ok := d.World().Account(account); ok {
		return a.Webhook
	}
	return fixtures.Webhook{}
}

func (d *backOffice) kick() {
	if d.Kick != nil {
		d.Kick()
	}
}

// Place makes the order of a checkout link inside the link's transaction:
// order.created, then order.payment.succeeded and product.delivered (with
// the subscriptions opened) or order.payment.failed, one webhook per product.
func (d *backOffice) Place(tx store.Tx, link *storedLink, paid kit.PaymentResult) (OrderRef, error) {
	now := d.Clock()
	id, hash, err := orders.NextID(tx, d.IDs)
	if err != nil {
		return OrderRef{}, err
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
	if err := d.notify(tx, link.Account, hook, OrderCreated, now, o, nil); err != nil {
		return OrderRef{}, err
	}
	pay := orders.Payment{PaymentMethod: kit.PaymentMethod, PaymentSystemName: kit.PaymentSystem,
		CardType: paid.CardType, CardLast4: paid.CardLast4, CardExpirationDate: paid.CardExpireAt}
	if !paid.Paid {
		o.Payment = pay
		err = d.notify(tx, link.Account, hook, PaymentFailed, now, o, nil)
	} else {
		o.Pay(now, pay)
		var subs map[int]*subscriptions.Subscription
		subs, err = d.openSubscriptions(tx, link, o)
		if err == nil {
			err = d.notify(tx, link.Account, hook, PaymentSucceeded, now, o, subs)
		}
		if err == nil {
			err = d.notify(tx, link.Account, hook, ProductDelivered, now, o, subs)
		}
	}
	if err != nil {
		return OrderRef{}, err
	}
	if err := orders.Put(tx, &orders.Record{Account: link.Account, Hash: hash, Order: *o}); err != nil {
		return OrderRef{}, err
	}
	d.kick()
	return OrderRef{ID: id, Name: o.OrderName, Status: string(o.Status), URL: o.OrderDetailURL}, nil
}

func orderProduct(l cartLine) orders.Product {
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
func (d *backOffice) openSubscriptions(tx store.Tx, link *storedLink, o *orders.Order) (map[int]*subscriptions.Subscription, error) {
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
func (d *backOffice) notify(tx store.Tx, account string, hook fixtures.Webhook, event string, at time.Time, o *orders.Order, subs map[int]*subscriptions.Subscription) error {
	for i := range o.Products {
		if err := enqueueWebhook(tx, account, hook, NewWebhookBody(event, at, o, i, block(subs[i]))); err != nil {
			return fmt.Errorf("sales: queue %s of order %d: %w", event, o.OrderID, err)
		}
	}
	return nil
}

// block is the webhook's subscription block, or nil.
func block(s *subscriptions.Subscription) *WebhookSubscription {
	if s == nil {
		return nil
	}
	return &WebhookSubscription{ID: s.ID, Type: s.Type, Status: string(s.Status), ExpirationDate: s.ExpirationDate}
}
