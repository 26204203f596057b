// Package checkout is the life of a checkout link: the link and its
// resolved cart, stored when generate_buy_link succeeds.
package checkout

import (
	"errors"
	"fmt"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/period"
	"github.com/flashcart/flashcart/sandbox/buylink"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// LinksBucket is the store bucket of links, keyed by external id.
const LinksBucket = "links"

// Link is a one-time checkout link and the cart it opens.
type Link struct {
	ExternalID string `json:"external_id"`
	Account    string `json:"account"`
	BuyLink    string `json:"buy_link"`
	MarketID   int64  `json:"market_id"`
	Domain     string `json:"domain"`
	Locale     string `json:"locale"`
	// Currency is the cart's currency: the request's, or the currency of
	// the customer's country when the checkout page sells to it.
	Currency  string     `json:"currency"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	// Request is the validated request the link was made from.
	Request buylink.Request `json:"request"`
	// Lines is the cart: its products merged onto their original
	// products' defaults, in the cart's currency.
	Lines []Line `json:"lines"`
	// Cart is what the customer has done with the link.
	Cart Cart `json:"cart"`
}

// Line is one cart product.
type Line struct {
	ProductID                 int64           `json:"product_id"`
	Name                      string          `json:"name"`
	NameForInvoice            string          `json:"name_for_invoice"`
	SKU                       string          `json:"sku"`
	VendorCode                string          `json:"vendor_code"`
	BusinessSegment           string          `json:"business_segment,omitempty"`
	Description               string          `json:"description"`
	PictureURL                string          `json:"picture_url,omitempty"`
	Price                     decimal.Decimal `json:"price"`
	DiscountPercent           decimal.Decimal `json:"discount_percent"`
	Quantity                  int             `json:"quantity"`
	IsDeliveryNeeded          bool            `json:"is_delivery_needed"`
	IsInstallmentsUnavailable bool            `json:"is_installments_unavailable"`
	IsService                 bool            `json:"is_service"`
	// Subscription is set when the request sent subscription for the
	// product: the cart then offers auto-renewal.
	Subscription *LineSubscription `json:"subscription,omitempty"`
}

// LineSubscription is what auto-renewal of a line will do.
type LineSubscription struct {
	// Period is the term of the parent order, from the request.
	Period period.Period `json:"period"`
	// RenewalName and RenewalPrice are for child orders: from the request,
	// else from the original product.
	RenewalName  string          `json:"renewal_name"`
	RenewalPrice decimal.Decimal `json:"renewal_price"`
	// RenewalTerm is the term of child orders, from the original product.
	RenewalTerm period.Period `json:"renewal_term"`
}

var hundred = decimal.NewFromInt(100)

// Subtotal is price × quantity.
func (l Line) Subtotal() decimal.Decimal { return l.Price.Mul(decimal.NewFromInt(int64(l.Quantity))) }

// Discount is the discount amount, rounded to cents.
func (l Line) Discount() decimal.Decimal {
	return l.Subtotal().Mul(l.DiscountPercent).Div(hundred).Round(2)
}

// Total is the amount the line costs.
func (l Line) Total() decimal.Decimal { return l.Subtotal().Sub(l.Discount()) }

// NewLine merges a request product onto its original product's defaults.
func NewLine(p buylink.Product, orig *fixtures.Product, currency string) Line {
	l := Line{
		ProductID:        p.ID,
		Name:             p.Name,
		NameForInvoice:   or(p.NameForInvoice, p.Name),
		SKU:              or(p.SKU, orig.SKU),
		VendorCode:       or(p.VendorCode, orig.VendorCode),
		BusinessSegment:  orig.BusinessSegment,
		Description:      orig.Description,
		PictureURL:       orig.PictureURL,
		Price:            p.Price,
		Quantity:         p.Quantity,
		IsDeliveryNeeded: orig.IsDeliveryNeeded,
	}
	if p.DiscountPercent != nil {
		l.DiscountPercent = *p.DiscountPercent
	}
	if p.IsDeliveryNeeded != nil {
		l.IsDeliveryNeeded = *p.IsDeliveryNeeded
	}
	if p.IsInstallmentsUnavailable != nil {
		l.IsInstallmentsUnavailable = *p.IsInstallmentsUnavailable
	}
	if p.IsService != nil {
		l.IsService = *p.IsService
	}
	if s, ar := p.Subscription, orig.AutoRenewal; s != nil && ar != nil {
		term, _ := period.Parse(ar.Term)
		price, ok := ar.Price(currency)
		if !ok {
			price = p.Price
		}
		if s.Price != nil {
			price = *s.Price
		}
		l.Subscription = &LineSubscription{
			Period:       s.Period,
			RenewalName:  or(s.Name, ar.Name),
			RenewalPrice: price,
			RenewalTerm:  term,
		}
	}
	return l
}

func or(p *string, def string) string {
	if p != nil {
		return *p
	}
	return def
}

// NewLink resolves a valid request into a link for the account; the caller
// sets ExternalID and BuyLink.
func NewLink(req *buylink.Request, account *fixtures.Account, now time.Time, ttl time.Duration) (*Link, error) {
	page, ok := account.Page(req.MarketID)
	if !ok {
		return nil, fmt.Errorf("checkout: market %d is not in account %s", req.MarketID, account.Username)
	}
	link := &Link{
		Account:   account.Username,
		MarketID:  page.ID,
		Domain:    page.Domain,
		Locale:    page.Locale,
		Currency:  req.Currency,
		CreatedAt: now,
		Request:   *req,
	}
	if ttl > 0 {
		exp := now.Add(ttl)
		link.ExpiresAt = &exp
	}
	link.newCart(page)
	if err := link.relines(account); err != nil {
		return nil, err
	}
	return link, nil
}

// ErrIDsExhausted is returned when no unused external id could be drawn.
var ErrIDsExhausted = errors.New("checkout: no unused external id found")

// Save stores a new link under an external id drawn by draw that no link
// has used; url makes the buy link from the id.
func Save(st store.Store, link *Link, draw func() string, url func(id string) string) error {
	return st.Update(func(tx store.Tx) error {
		for range 100 {
			id := draw()
			if _, taken := tx.Get(LinksBucket, id); taken {
				continue
			}
			link.ExternalID, link.BuyLink = id, url(id)
			return store.PutJSON(tx, LinksBucket, id, link)
		}
		return ErrIDsExhausted
	})
}

// Get returns the link with that external id.
func Get(st store.Store, id string) (*Link, bool, error) {
	var link Link
	var found bool
	err := st.View(func(tx store.Tx) error {
		var err error
		found, err = store.GetJSON(tx, LinksBucket, id, &link)
		return err
	})
	if err != nil || !found {
		return nil, false, err
	}
	return &link, true, nil
}
