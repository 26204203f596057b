package noventiq

import (
	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/iso"
	"github.com/shopspring/decimal"
)

// Request is a valid generate_buy_link request. Optional fields are nil or
// empty when they were not sent.
type Request struct {
	Currency string `json:"currency"`
	// MarketID is the checkout page the link is for, resolved from
	// market_id or, when the currency is sold by one page only, from the
	// currency.
	MarketID       int64     `json:"market_id"`
	Products       []Product `json:"products"`
	Customer       *Customer `json:"customer,omitempty"`
	AdditionalData Referers  `json:"additional_data,omitempty"`
	Upsell         *Upsell   `json:"upsell,omitempty"`
	UpsellExit     *Upsell   `json:"upsell_exit,omitempty"`
}

// Product is one dynamic product of the request.
type Product struct {
	ID                        int64            `json:"id"`
	SKU                       *string          `json:"sku,omitempty"`
	VendorCode                *string          `json:"vendor_code,omitempty"`
	Name                      string           `json:"name"`
	NameForInvoice            *string          `json:"name_for_invoice,omitempty"`
	Price                     decimal.Decimal  `json:"price"`
	DiscountPercent           *decimal.Decimal `json:"discount_percent,omitempty"`
	Quantity                  int              `json:"quantity"`
	IsDeliveryNeeded          *bool            `json:"is_delivery_needed,omitempty"`
	IsInstallmentsUnavailable *bool            `json:"is_installments_unavailable,omitempty"`
	IsService                 *bool            `json:"is_service,omitempty"`
	Subscription              *Subscription    `json:"subscription,omitempty"`
}

// Subscription is a product's auto-renewal settings.
type Subscription struct {
	// Period is the term of the parent order.
	Period iso.Period `json:"period"`
	// Name and Price are for renewal (child) orders; nil means the
	// original product's.
	Name  *string          `json:"name,omitempty"`
	Price *decimal.Decimal `json:"price,omitempty"`
}

// Customer is the customer data that pre-fills the checkout's second step.
type Customer struct {
	Type                   string `json:"type,omitempty"`
	Email                  string `json:"email,omitempty"`
	FirstName              string `json:"first_name,omitempty"`
	LastName               string `json:"last_name,omitempty"`
	Phone                  string `json:"phone,omitempty"`
	VatNumber              string `json:"vat_number,omitempty"`
	CompanyName            string `json:"company_name,omitempty"`
	CompanyBillingAddress  string `json:"company_billing_address,omitempty"`
	CompanyDeliveryAddress string `json:"company_delivery_address,omitempty"`
	Country                string `json:"country,omitempty"`
}

// Referers is additional_data: referer7 … referer12.
type Referers map[string]string

// RefererKeys are the additional_data keys the API accepts, in order.
var RefererKeys = []string{"referer7", "referer8", "referer9", "referer10", "referer11", "referer12"}

// Upsell is an up-sell offer: on entry (upsell) or on exit intent (upsell_exit).
type Upsell struct {
	// ProductID is the cart product the offer proposes to replace.
	ProductID   int64           `json:"product_id"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	PictureURL  string          `json:"picture_url,omitempty"`
	Products    []UpsellProduct `json:"products"`
}

// UpsellProduct is one replacement offered; its Product part holds id, sku,
// vendor_code, name, name_for_invoice, price, quantity and subscription.
type UpsellProduct struct {
	Product
	NameForUpsell  string           `json:"name_for_upsell"`
	Benefit        *decimal.Decimal `json:"benefit,omitempty"`
	AdditionalData Referers         `json:"additional_data,omitempty"`
}

// Merge applies the seed's rule for a chosen up-sell product: a referer in
// both takes the up-sell product's value, one only in the up-sell product is
// added, one only in the request stays. The receiver is not changed.
func (r Referers) Merge(upsell Referers) Referers {
	if len(r) == 0 && len(upsell) == 0 {
		return nil
	}
	out := make(Referers, len(r)+len(upsell))
	for k, v := range r {
		out[k] = v
	}
	for k, v := range upsell {
		out[k] = v
	}
	return out
}

// Catalogue is what validation needs to know of the account.
type Catalogue interface {
	Page(id int64) (*fixtures.CheckoutPage, bool)
	PagesSelling(currency string) []*fixtures.CheckoutPage
	Product(id int64) (*fixtures.Product, bool)
}
