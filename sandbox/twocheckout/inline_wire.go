package twocheckout

// The InLine cart's wire contract: the paths the sandbox serves it on, the
// cart a merchant's page sends (what the client gathers from the
// TwoCoInlineCart calls), and the JSON twin's bodies.

// The InLine cart's paths. The client is served where the vendor serves its
// own; the overlay and its assets beside it, under /checkout/client/; the
// JSON twin, the signature helper and the demo page under the control API.
const (
	// InlineClientPrefix holds every path the InLine client and its
	// overlay use.
	InlineClientPrefix = "/checkout/client/"
	// InlineClientPath is the client, twoCoInlineCart.js.
	InlineClientPath = InlineClientPrefix + "twoCoInlineCart.js"
	// InlineCartsPath is where the client posts a cart (a form whose
	// field "cart" holds an InlineCart as JSON) into the overlay's iframe;
	// InlineCartsPath + "/{id}" is the overlay of that cart (GET), and
	// where its form posts (POST).
	InlineCartsPath = InlineClientPrefix + "carts"
	// InlineOverlayScript and InlineOverlayStyle are the overlay's script
	// and stylesheet.
	InlineOverlayScript = InlineClientPrefix + "overlay.js"
	InlineOverlayStyle  = InlineClientPrefix + "overlay.css"

	// InlineTwinPath is the JSON twin of the overlay: POST an InlineCart
	// (201, the InlineCartView); GET …/{id} the view; POST …/{id} an
	// InlineUpdate; POST …/{id}/pay an InlinePayment (the placed Order).
	InlineTwinPath = "/_sandbox/twocheckout/inline/carts"
	// InlineSignaturePath answers the signature of a cart, as the vendor's
	// signature generation endpoint does: POST an InlineCart, answered
	// {"signature": "…"}.
	InlineSignaturePath = "/_sandbox/twocheckout/inline/signature"
	// InlineDemoPath is the demo merchant page (the seed's example), and
	// InlineDemoScript its script.
	InlineDemoPath   = "/_sandbox/twocheckout/inline-demo"
	InlineDemoScript = InlineDemoPath + ".js"
)

// The InLine cart's modes (TwoCoInlineCart.setup.setMode).
const (
	// InlineCatalog carts sell catalogue products by code (the default).
	InlineCatalog = "CATALOG"
	// InlineDynamic carts sell products named and priced by the page.
	InlineDynamic = "DYNAMIC"
)

// InlineCart is a cart as the InLine client sends it: what the merchant's
// page set with the TwoCoInlineCart calls before cart.checkout().
type InlineCart struct {
	// Merchant is the merchant code (setup.setMerchant, or the loader's
	// {"app":{"merchant":…}}).
	Merchant string `json:"merchant"`
	// Mode is CATALOG (the default) or DYNAMIC (setup.setMode).
	Mode string `json:"mode,omitempty"`
	// Currency is an ISO 4217 code (cart.setCurrency); absent, the first
	// product's default currency.
	Currency string `json:"currency,omitempty"`
	// Language is an ISO 639-1 code (cart.setLanguage); absent, "en".
	Language string `json:"language,omitempty"`
	// Test places a TEST order (cart.setTest(true)); else the order's
	// payment type is CC. Either way only the sandbox's test cards pay.
	Test bool `json:"test,omitempty"`
	// Signature is cart.setSignature's; Expiration cart.setExpiration's,
	// a Unix time in seconds.
	Signature  string `json:"signature,omitempty"`
	Expiration *int64 `json:"expiration,omitempty"`
	// Products are products.add's and products.addMany's, in order.
	Products []InlineProduct `json:"products"`
	// AdditionalFields are cart.setAdditionalFields' order fields.
	AdditionalFields []InlineFieldValue `json:"additional_fields,omitempty"`
	// Coupons are cart.addCoupon's codes.
	Coupons []string `json:"coupons,omitempty"`
	// Billing prefills the overlay's billing details (billing.setData,
	// billing.setName, billing.setEmail, billing.setCompanyName).
	Billing *InlineBilling `json:"billing,omitempty"`
	// ExternalReference, CustomerReference and Source go on the order
	// (cart.setOrderExternalRef, cart.setExternalCustomerReference,
	// cart.setSource).
	ExternalReference string `json:"external_reference,omitempty"`
	CustomerReference string `json:"customer_reference,omitempty"`
	Source            string `json:"source,omitempty"`
	// Origin is the merchant page's origin, where the overlay posts its
	// messages (the client sets it; absent, they go to any origin).
	Origin string `json:"origin,omitempty"`
}

// InlineProduct is one product of a cart.
type InlineProduct struct {
	// Code is a catalogue product's code (CATALOG carts).
	Code string `json:"code,omitempty"`
	// Quantity is 1 to 99999; absent, 1.
	Quantity *int `json:"quantity,omitempty"`
	// Price is a DYNAMIC product's price, or a custom price of a
	// catalogue product, in the cart's currency.
	Price *Amount `json:"price,omitempty"`
	// Name, Type (PRODUCT, SHIPPING, TAX or COUPON; absent, PRODUCT) and
	// Tangible describe a DYNAMIC product.
	Name     string `json:"name,omitempty"`
	Type     string `json:"type,omitempty"`
	Tangible bool   `json:"tangible,omitempty"`
}

// InlineFieldValue is an additional field's value, as
// cart.setAdditionalFields takes it: a string, or a boolean for a
// CHECKBOX.
type InlineFieldValue struct {
	Code  string `json:"code"`
	Value any    `json:"value"`
}

// InlineBilling are the shopper's billing details, under the keys of the
// vendor's billing.setData. Name is the whole name: the order's FirstName
// is what comes before its last space, LastName what follows.
type InlineBilling struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Company  string `json:"company"`
	Country  string `json:"country"`
	State    string `json:"state"`
	City     string `json:"city"`
	Zip      string `json:"zip"`
	Address  string `json:"address"`
	Address2 string `json:"address2"`
}

// InlineUpdate is what the shopper changes in an open cart: the values of
// the fields shown (the order's, and each item's by its index), the coupon
// (an empty one removes it) and the billing details. Absent members leave
// the cart as it is.
type InlineUpdate struct {
	AdditionalFields []InlineFieldValue `json:"additional_fields,omitempty"`
	Items            []InlineItemUpdate `json:"items,omitempty"`
	Coupon           *string            `json:"coupon,omitempty"`
	Billing          *InlineBilling     `json:"billing,omitempty"`
}

// InlineItemUpdate sets the additional field values of the item at Index.
type InlineItemUpdate struct {
	Index            int                `json:"index"`
	AdditionalFields []InlineFieldValue `json:"additional_fields"`
}

// InlinePayment pays a cart: its last changes, then the card.
type InlinePayment struct {
	InlineUpdate
	Card InlineCard `json:"card"`
}

// InlineCard is the card the shopper pays with: one of the sandbox's test
// cards, with an expiry month (1 to 12), a year (YY or YYYY) and a CVV.
type InlineCard struct {
	Number     string `json:"number"`
	HolderName string `json:"holder_name"`
	Month      string `json:"month"`
	Year       string `json:"year"`
	CVV        string `json:"cvv"`
}

// The statuses of a cart.
const (
	InlineOpen = "open"
	InlinePaid = "paid"
)

// InlineCartView is a cart as the overlay shows it and the twin answers it.
type InlineCartView struct {
	ID       string `json:"id"`
	Merchant string `json:"merchant"`
	// Status is open, or paid once its order is placed (RefNo).
	Status   string           `json:"status"`
	Mode     string           `json:"mode"`
	Currency string           `json:"currency"`
	Language string           `json:"language"`
	Test     bool             `json:"test"`
	Items    []InlineItemView `json:"items"`
	// AdditionalFields are the order fields the merchant set, with their
	// values now.
	AdditionalFields []InlineFieldView `json:"additional_fields"`
	Coupon           string            `json:"coupon"`
	Totals           InlineTotals      `json:"totals"`
	Billing          InlineBilling     `json:"billing"`
	RefNo            string            `json:"ref_no,omitempty"`
}

// InlineItemView is one item of a cart, priced in its currency. Amounts
// are decimal strings with two decimals.
type InlineItemView struct {
	Index    int    `json:"index"`
	Code     string `json:"code,omitempty"`
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	// UnitPrice is before discounts and VAT as the catalogue states it;
	// Total is the line's gross amount after its discount.
	UnitPrice string `json:"unit_price"`
	Discount  string `json:"discount"`
	Total     string `json:"total"`
	// Promotion names the promotion that discounts the item.
	Promotion string `json:"promotion,omitempty"`
	// AdditionalFields are the fields assigned to the item's product.
	AdditionalFields []InlineFieldView `json:"additional_fields"`
}

// InlineFieldView is an additional field as the overlay shows it: its
// definition, whether the product requires it, and its value (null when
// none).
type InlineFieldView struct {
	Code     string   `json:"code"`
	Label    string   `json:"label"`
	Type     string   `json:"type"`
	Values   []string `json:"values"`
	Required bool     `json:"required"`
	Value    any      `json:"value"`
}

// InlineTotals are a cart's totals: net, VAT, discount and the gross total
// to pay.
type InlineTotals struct {
	Net      string `json:"net"`
	VAT      string `json:"vat"`
	Discount string `json:"discount"`
	Total    string `json:"total"`
}

// InlineErrors is the twin's answer to a refused cart, change or payment:
// every problem found, each with the vendor's string code where the order
// API has one, else the InLine cart's own (INLINE_…).
type InlineErrors struct {
	Errors []InlineError `json:"errors"`
}

// InlineError is one problem. Hint is the sandbox's explanation.
type InlineError struct {
	ErrorCode string `json:"error_code"`
	Message   string `json:"message"`
	Hint      string `json:"hint,omitempty"`
}

// InlinePaidCart is the twin's answer to a paid cart: the cart, and the
// order placed, as getOrder answers it.
type InlinePaidCart struct {
	Cart  InlineCartView `json:"cart"`
	Order Order          `json:"order"`
}
