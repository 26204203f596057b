package noventiq

import (
	"fmt"
	"net/http"
	"slices"
)

// Code is a documented vendor error code, such as 3010.
type Code int

// The documented error codes of the token APIs and of generate_buy_link.
const (
	InvalidJSON          Code = 110
	InvalidContentType   Code = 111
	TokenInvalid         Code = 1007
	TokenMissing         Code = 1008
	TokenExpired         Code = 1009
	InvalidField         Code = 3010
	ZeroOrderPrice       Code = 3020
	InvalidDiscount      Code = 3030
	SubscriptionNotSold  Code = 3040
	ProductNotSold       Code = 3050
	InvalidEmail         Code = 3060
	DuplicateProduct     Code = 3070
	NoCartForCurrency    Code = 3120
	CurrencyNotInCart    Code = 3125
	UpsellUnknownProduct Code = 3210
	UpsellProductInCart  Code = 3220
	UpsellZeroPrice      Code = 3230
	UpsellProductCount   Code = 3240
	ExitUnknownProduct   Code = 3310
	ExitProductInCart    Code = 3320
	ExitZeroPrice        Code = 3330
	ExitProductCount     Code = 3340
)

// ErrorEntry is one row of the catalogue.
type ErrorEntry struct {
	Code Code
	// Status is the HTTP status the code is answered with.
	Status int
	// Message is the documented message. For 3010 it is a format with one %s:
	// the leaf name of the offending field.
	Message string
	// Fatal codes stop the checking: they are answered alone.
	Fatal bool
	// Meaning is the documented description, for people (README, TUI).
	Meaning string
}

// ErrorCatalogue lists every documented code in ascending order.
var ErrorCatalogue = []ErrorEntry{
	{InvalidJSON, http.StatusBadRequest, "JSON is not valid. The request cannot be processed.", true,
		"Request field structure is not valid: empty body, invalid JSON or UTF-8, or a top-level value that is not an object."},
	{InvalidContentType, http.StatusBadRequest, "Invalid data format (Content-type). The request cannot be processed.", true,
		"Invalid request header. Content-type must be equal to application/json."},
	{TokenInvalid, http.StatusUnauthorized, "Your token is invalid.", true,
		"The AuthorizationJWT token is malformed, tampered with, or not signed by this sandbox."},
	{TokenMissing, http.StatusUnauthorized, "Missing token.", true,
		"No AuthorizationJWT header, or it holds no token."},
	{TokenExpired, http.StatusUnauthorized, "Your token is expired.", true,
		"The token is older than 24 hours by the sandbox clock."},
	{InvalidField, http.StatusBadRequest, "Invalid field value: %s.", false,
		"A required field is missing, a field name is unknown, or a value is null, of the wrong type, or out of its format or length."},
	{ZeroOrderPrice, http.StatusBadRequest, "Order price cannot be equal to zero. Change product price (price, discount_percent) or add product having non-zero price.", false,
		"Every product costs zero (price 0 or discount_percent 100) and no product has a value greater than zero."},
	{InvalidDiscount, http.StatusBadRequest, "Incorrect discount value. Discount_percent value must be strictly greater than zero and less than or equal to 100.", false,
		"products.discount_percent is outside 0 < discount_percent <= 100."},
	{SubscriptionNotSold, http.StatusBadRequest, "Purchase of this original product subscription is impossible. Change original product (id) or delete subscription data (subscription).", false,
		"subscription was sent but the original product has no auto-renewal configured."},
	{ProductNotSold, http.StatusBadRequest, "Purchase of this original product is impossible. Change original product (id).", false,
		"The original product (products.id) does not exist in the account's catalogue."},
	{InvalidEmail, http.StatusBadRequest, "Email field is filled out incorrectly. Expected format: [name]@[domain].[zone]", false,
		"customer.email is not of the form name@domain.zone."},
	{DuplicateProduct, http.StatusBadRequest, "Single request must contain products with different products.id values.", false,
		"More than one product is sent with the same products.id."},
	{NoCartForCurrency, http.StatusBadRequest, "Unable to define cart settings for this currency. Please contact technical support.", true,
		"No checkout page of the account sells the currency."},
	{CurrencyNotInCart, http.StatusBadRequest, "Sales through this cart are impossible with this currency. Please contact technical support.", true,
		"The checkout page market_id does not exist or does not sell the currency."},
	{UpsellUnknownProduct, http.StatusBadRequest, "Unable to show up-sell offer. The product id upsell.product_id must match at least one product in the cart (products.id).", false,
		"upsell.product_id is not among products.id."},
	{UpsellProductInCart, http.StatusBadRequest, "Unable to show up-sell offer. The replacement product id (upsell.products.id) must not match the id of the product in the cart which is not upsell.product_id.", false,
		"An upsell.products.id is another cart product than upsell.product_id."},
	{UpsellZeroPrice, http.StatusBadRequest, "Unable to show up-sell offer. The cost of a replacement product cannot be zero.", false,
		"An upsell.products.price is zero."},
	{UpsellProductCount, http.StatusBadRequest, "Unable to show up-sell offer. The number of replacement products must be 3 or less.", false,
		"upsell.products holds no product or more than 3."},
	{ExitUnknownProduct, http.StatusBadRequest, "Unable to show up-sell offer. The product id upsell_exit.product_id must match at least one product in the cart (products.id).", false,
		"upsell_exit.product_id is not among products.id."},
	{ExitProductInCart, http.StatusBadRequest, "Unable to show up-sell offer. The replacement product id (upsell_exit.products.id) must not match the id of the product in the cart which is not upsell.product_id.", false,
		"An upsell_exit.products.id is another cart product than upsell_exit.product_id."},
	{ExitZeroPrice, http.StatusBadRequest, "Unable to show up-sell offer. The cost of a replacement product cannot be zero (upsell_exit.products.price).", false,
		"An upsell_exit.products.price is zero."},
	{ExitProductCount, http.StatusBadRequest, "Unable to show up-sell offer. The number of replacement products must be 3 or less (upsell_exit.products).", false,
		"upsell_exit.products holds no product or more than 3."},
}

// LookupError returns the catalogue entry of a code.
func LookupError(c Code) (ErrorEntry, bool) {
	i, ok := slices.BinarySearchFunc(ErrorCatalogue, c, func(e ErrorEntry, c Code) int { return int(e.Code) - int(c) })
	if !ok {
		return ErrorEntry{}, false
	}
	return ErrorCatalogue[i], true
}

// Error is one entry of an error response body, with the sandbox-only path
// of the field it concerns (never serialized into a vendor body).
type Error struct {
	Code    Code   `json:"error"`
	Message string `json:"message"`
	// Path locates the field, such as "products[1].name"; empty when the
	// error concerns the whole request.
	Path string `json:"-"`
}

// NewError returns the error for a code that takes no field name.
// It panics on a code that is not in the catalogue: that is a programming error.
func NewError(c Code) Error {
	e := mustLookup(c)
	return Error{Code: c, Message: e.Message}
}

// FieldError returns the 3010 error for the field at path, whose leaf name is leaf.
func FieldError(leaf, path string) Error {
	e := mustLookup(InvalidField)
	return Error{Code: InvalidField, Message: fmt.Sprintf(e.Message, leaf), Path: path}
}

// errorAt returns the error for a code that takes no field name, located at path.
func errorAt(c Code, path string) Error {
	err := NewError(c)
	err.Path = path
	return err
}

func mustLookup(c Code) ErrorEntry {
	e, ok := LookupError(c)
	if !ok {
		panic(fmt.Sprintf("noventiq: code %d is not in the catalogue", c))
	}
	return e
}

// ErrorBody is the documented error response body of the token APIs.
type ErrorBody struct {
	Errors []Error `json:"errors"`
}

// Status is the HTTP status for a list of errors: the status of the first.
func ErrorStatus(errs []Error) int {
	if len(errs) == 0 {
		return http.StatusInternalServerError
	}
	return mustLookup(errs[0].Code).Status
}
