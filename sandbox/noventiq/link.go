package noventiq

import (
	"errors"
	"fmt"
	"time"

	"github.com/flashcart/flashcart/internal/iso"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// linksBucket is the store bucket of links, keyed by external id.
const linksBucket = "links"

// storedLink is a one-time checkout link and the cart it opens.
type storedLink struct {
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
	Request Request `json:"request"`
	// Lines is the cart: its products merged onto their original
	// products' defaults, in the cart's currency.
	Lines []cartLine `json:"lines"`
	// Cart is what the customer has done with the link.
	Cart linkCart `json:"cart"`
}

// cartLine is one cart product.
type cartLine struct {
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
	Subscription *lineSubscription `json:"subscription,omitempty"`
}

// lineSubscription is what auto-renewal of a line will do.
type lineSubscription struct {
	// Period is the term of the parent order, from the request.
	Period iso.Period `json:"period"`
	// RenewalName and RenewalPrice are for child orders: from the request,
	// else from the original product.
	RenewalName  string          `json:"renewal_name"`
	RenewalPrice decimal.Decimal `json:"renewal_price"`
	// RenewalTerm is the term of child orders, from the original product.
	RenewalTerm iso.Period `json:"renewal_term"`
}

// Subtotal is price × quantity.
func (l cartLine) Subtotal() decimal.Decimal {
	return l.Price.Mul(decimal.NewFromInt(int64(l.Quantity)))
}

// Discount is the discount amount, rounded to cents.
func (l cartLine) Discount() decimal.Decimal {
	return l.Subtotal().Mul(l.DiscountPercent).Div(hundred).Round(2)
}

// Total is the amount the line costs.
func (l cartLine) Total() decimal.Decimal { return l.Subtotal().Sub(l.Discount()) }

// newCartLine merges a request product onto its original product's defaults.
func newCartLine(p Product, orig *fixtures.Product, currency string) cartLine {
	l := cartLine{
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
		term, _ := iso.ParsePeriod(ar.Term)
		price, ok := ar.Price(currency)
		if !ok {
			price = p.Price
		}
		if s.Price != nil {
			price = *s.Price
		}
		l.Subscription = &lineSubscription{
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

// newStoredLink resolves a valid request into a link for the account; the caller
// sets ExternalID and BuyLink.
func newStoredLink(req *Request, account *fixtures.Account, now time.Time, ttl time.Duration) (*storedLink, error) {
	page, ok := account.Page(req.MarketID)
	if !ok {
		return nil, fmt.Errorf("checkout: market %d is not in account %s", req.MarketID, account.Username)
	}
	link := &storedLink{
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

// errIDsExhausted is returned when no unused external id could be drawn.
var errIDsExhausted = errors.New("checkout: no unused external id found")

// saveLink stores a new link under an external id drawn by draw that no link
// has used; url makes the buy link from the id.
func saveLink(st store.Store, link *storedLink, draw func() string, url func(id string) string) error {
	return st.Update(func(tx store.Tx) error {
		for range 100 {
			id := draw()
			if _, taken := tx.Get(linksBucket, id); taken {
				continue
			}
			link.ExternalID, link.BuyLink = id, url(id)
			return store.PutJSON(tx, linksBucket, id, link)
		}
		return errIDsExhausted
	})
}

// getLink returns the link with that external id.
func getLink(st store.Store, id string) (*storedLink, bool, error) {
	var link storedLink
	var found bool
	err := st.View(func(tx store.Tx) error {
		var err error
		found, err = store.GetJSON(tx, linksBucket, id, &link)
		return err
	})
	if err != nil || !found {
		return nil, false, err
	}
	return &link, true, nil
}
