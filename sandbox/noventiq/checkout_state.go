package noventiq

import (
	"net/url"
	"strings"
	"time"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/shopspring/decimal"
)

// CheckoutState is a link as GET /_sandbox/checkout/{external_id} answers it and
// as the checkout page shows it.
type CheckoutState struct {
	ExternalID     string                  `json:"external_id"`
	BuyLink        string                  `json:"buy_link"`
	URL            string                  `json:"url"`
	Status         string                  `json:"status"`
	Step           Step                    `json:"step"`
	Currency       string                  `json:"currency"`
	MarketID       int64                   `json:"market_id"`
	Country        string                  `json:"country"`
	Lines          []LineState             `json:"lines"`
	Total          money.Amount            `json:"total"`
	PendingOffer   OfferKind               `json:"pending_offer"`
	Offers         map[OfferKind]OfferView `json:"offers"`
	Customer       orders.Customer         `json:"customer"`
	AdditionalData Referers                `json:"additional_data"`
	Order          *OrderRef               `json:"order"`
}

// LineState is one cart line with its amounts.
type LineState struct {
	ProductID       int64             `json:"product_id"`
	Name            string            `json:"name"`
	Description     string            `json:"description"`
	PictureURL      string            `json:"picture_url"`
	SKU             string            `json:"sku"`
	VendorCode      string            `json:"vendor_code"`
	Price           money.Amount      `json:"price"`
	Quantity        int               `json:"quantity"`
	DiscountPercent orders.Percent    `json:"discount_percent"`
	Subtotal        money.Amount      `json:"subtotal"`
	Discount        money.Amount      `json:"discount"`
	Total           money.Amount      `json:"total"`
	Subscription    *SubscriptionView `json:"subscription,omitempty"`
	AutoRenewal     bool              `json:"auto_renewal"`
}

// SubscriptionView is what auto-renewal of a line will do: after the first
// term (Period), renew every RenewalTerm. Both are written as ISO 8601
// periods ("P1Y").
type SubscriptionView struct {
	Period       iso.Period   `json:"period"`
	RenewalName  string       `json:"renewal_name"`
	RenewalPrice money.Amount `json:"renewal_price"`
	RenewalTerm  iso.Period   `json:"renewal_term"`
}

// OfferView is an up-sell offer with what it shows.
type OfferView struct {
	State       OfferState     `json:"state"`
	ProductID   int64          `json:"product_id"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	PictureURL  string         `json:"picture_url"`
	Choice      *int           `json:"choice"`
	Products    []OfferProduct `json:"products"`
}

// OfferProduct is one replacement an offer proposes.
type OfferProduct struct {
	Index         int           `json:"index"`
	ID            int64         `json:"id"`
	Name          string        `json:"name"`
	NameForUpsell string        `json:"name_for_upsell"`
	Price         money.Amount  `json:"price"`
	Benefit       *money.Amount `json:"benefit"`
	Quantity      int           `json:"quantity"`
}

// CheckoutPagePath is the checkout page's path of a link.
func CheckoutPagePath(externalID string) string { return "/basket/flash/" + url.PathEscape(externalID) }

// State returns the link's state at now.
func (l *storedLink) State(now time.Time) CheckoutState {
	st := CheckoutState{
		ExternalID:     l.ExternalID,
		BuyLink:        l.BuyLink,
		URL:            CheckoutPagePath(l.ExternalID),
		Status:         l.Status(now),
		Step:           l.Cart.Step,
		Currency:       l.Currency,
		MarketID:       l.MarketID,
		Country:        l.Cart.Customer.Country,
		Lines:          make([]LineState, len(l.Lines)),
		Total:          money.A(l.Total()),
		PendingOffer:   l.PendingOffer(),
		Offers:         map[OfferKind]OfferView{},
		Customer:       orders.Customer(l.Cart.Customer),
		AdditionalData: l.Cart.AdditionalData,
		Order:          l.Cart.Order,
	}
	if st.AdditionalData == nil {
		st.AdditionalData = Referers{}
	}
	for i, ln := range l.Lines {
		st.Lines[i] = LineState{
			ProductID: ln.ProductID, Name: ln.Name, Description: ln.Description, PictureURL: ln.PictureURL,
			SKU: ln.SKU, VendorCode: ln.VendorCode, Price: money.A(ln.Price), Quantity: ln.Quantity,
			DiscountPercent: orders.Percent{Decimal: ln.DiscountPercent},
			Subtotal:        money.A(ln.Subtotal()), Discount: money.A(ln.Discount()), Total: money.A(ln.Total()),
			AutoRenewal: l.Cart.AutoRenewal[ln.ProductID],
		}
		if s := ln.Subscription; s != nil {
			st.Lines[i].Subscription = &SubscriptionView{s.Period, s.RenewalName, money.A(s.RenewalPrice), s.RenewalTerm}
		}
	}
	for _, k := range []OfferKind{EntryOffer, ExitOffer} {
		if o, up := l.offer(k); o != nil {
			st.Offers[k] = offerView(o, up)
		}
	}
	return st
}

func offerView(o *offerRecord, up *Upsell) OfferView {
	v := OfferView{State: o.State, ProductID: up.ProductID, Title: up.Name, Description: up.Description,
		PictureURL: up.PictureURL, Choice: o.Choice, Products: make([]OfferProduct, len(up.Products))}
	for i, p := range up.Products {
		v.Products[i] = OfferProduct{Index: i, ID: p.ID, Name: p.Name, NameForUpsell: p.NameForUpsell,
			Price: money.A(p.Price), Quantity: p.Quantity}
		if p.Benefit != nil {
			b := money.A(*p.Benefit)
			v.Products[i].Benefit = &b
		}
	}
	return v
}

// Total is what the cart costs: the sum of its lines' totals.
func (l *storedLink) Total() decimal.Decimal {
	total := decimal.Zero
	for _, ln := range l.Lines {
		total = total.Add(ln.Total())
	}
	return total
}

// LinkID returns the external id of a buy link
// (https://…/basket/flash/<id>), or the value itself when it is an id.
func LinkID(link string) string {
	if i := strings.LastIndex(link, FlashPath); i >= 0 {
		id, _, _ := strings.Cut(link[i+len(FlashPath):], "?")
		return strings.TrimSuffix(id, "/")
	}
	return link
}
