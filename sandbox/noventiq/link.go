package noventiq

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/internal/jsontree"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/schema"
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

// linkRecord is a new link on its way to the store.
type linkRecord interface {
	// put gives the link its external id and buy link and stores it.
	put(tx store.Tx, id, buyLink string) error
}

// put stores a resolved link encoded, as a link is once it changed.
func (l *storedLink) put(tx store.Tx, id, buyLink string) error {
	l.ExternalID, l.BuyLink = id, buyLink
	return store.PutJSON(tx, linksBucket, id, l)
}

// saveLink stores a new link under an external id drawn by draw that no
// link has used; url makes the buy link from the id. The links it evicted
// to keep the retention bound, if any, are reported.
func saveLink(st store.Store, r *retention, rec linkRecord, draw func() string, url func(id string) string) (eviction, error) {
	var ev eviction
	err := st.Update(func(tx store.Tx) error {
		for range 100 {
			id := draw()
			if _, taken := store.Value(tx, linksBucket, id); taken {
				continue
			}
			if err := rec.put(tx, id, url(id)); err != nil {
				return err
			}
			var err error
			ev, err = r.added(tx, id)
			return err
		}
		return errIDsExhausted
	})
	if err == nil {
		r.count(ev)
	}
	return ev, err
}

// getLink returns the link with that external id, and counts it opened.
func getLink(st store.Store, r *retention, id string) (*storedLink, bool, error) {
	var link *storedLink
	var found bool
	err := st.View(func(tx store.Tx) error {
		var err error
		if link, found, err = loadLink(tx, id); found {
			r.opened(id)
		}
		return err
	})
	if err != nil || !found {
		return nil, false, err
	}
	return link, true, nil
}

// loadLink reads the link with that external id as a link of its own,
// which the caller may change.
func loadLink(tx store.Tx, id string) (*storedLink, bool, error) {
	v, found := store.Value(tx, linksBucket, id)
	if !found {
		return nil, false, nil
	}
	if f, ok := v.(*freshLink); ok {
		l, err := f.link()
		return l, true, err
	}
	var l storedLink
	_, err := store.GetJSON(tx, linksBucket, id, &l)
	return &l, true, err
}

// freshLink is a link made by generate_buy_link that no one has changed,
// as the store keeps it: the request body it was made from, packed, and
// what resolving the request needs — the world and the account it was
// validated against. Reading it resolves the request again against them,
// so it reads as the storedLink made at once would, in a fraction of the
// memory; a durable store writes that storedLink. It never changes: a
// change of the link stores the storedLink.
type freshLink struct {
	packed  string
	world   *fixtures.World
	account *fixtures.Account
	created time.Time
	// host is the Host the request came to, for a local link; "" for a
	// faithful one.
	host string
	id   string
}

// linkKeys pack the link requests' keys: every name of the field table.
var linkKeys = func() *jsontree.Dict {
	var names []string
	BuyLinkFields.Walk(func(path string, _ *schema.Field) {
		names = append(names, path[strings.LastIndex(path, ".")+1:])
	})
	return jsontree.NewDict(names)
}()

func (f *freshLink) put(tx store.Tx, id, _ string) error {
	f.id = id
	return store.PutValue(tx, linksBucket, id, f)
}

// buyLink is the link's address: on the sandbox's own address for a local
// link, else on the checkout page's test domain.
func buyLink(world *fixtures.World, host, domain, id string) string {
	if host != "" {
		return "http://" + host + CheckoutPagePath(id)
	}
	return "https://" + domain + world.Noventiq.TestSuffix + CheckoutPagePath(id)
}

// link resolves the link.
func (f *freshLink) link() (*storedLink, error) {
	req, errs := ParseBuyLink(f.account, string(linkKeys.Unpack(f.packed)))
	if errs != nil {
		return nil, fmt.Errorf("checkout: link %s no longer validates: %v", f.id, errs)
	}
	l, err := newStoredLink(req, f.account, f.created, time.Duration(f.world.Noventiq.LinkTTL))
	if err != nil {
		return nil, err
	}
	l.ExternalID, l.BuyLink = f.id, buyLink(f.world, f.host, l.Domain, f.id)
	return l, nil
}

// MarshalJSON writes the link as a storedLink, for a durable store.
func (f *freshLink) MarshalJSON() ([]byte, error) { return f.EncodeRecord() }

// EncodeRecord is MarshalJSON, for a durable store (store.Encoder): the
// encoding is json.Marshal's, compact already.
func (f *freshLink) EncodeRecord() ([]byte, error) {
	l, err := f.link()
	if err != nil {
		return nil, err
	}
	return json.Marshal(l)
}

// Owner is the link's account, for resets.
func (f *freshLink) Owner() (account, vendor string) { return f.account.Username, "" }
