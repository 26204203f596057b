package twocheckout

import (
	"fmt"
	"strings"
)

// ErrID names one entry of the catalogue.
type ErrID int

// The catalogue's entries. Two entries may share a string code when the
// vendor documents two texts for it (ORDER_PRODUCT_CODE_INVALID).
const (
	ErrParse ErrID = iota
	ErrInvalidRequest
	ErrMethodNotFound
	ErrInvalidParams
	ErrInternal
	ErrAuthenticationFailed
	ErrForbidden
	ErrPaymentTypeInvalid
	ErrPaymentCardInvalid
	ErrPayment3DSURLInvalid
	ErrPaymentDeclined
	ErrPaymentInsufficientFunds
	ErrProductsEmpty
	ErrRenewalReferenceEmpty
	ErrRenewalReferenceInvalid
	ErrRenewalReferenceNotFound
	ErrRenewalPeriodInvalid
	ErrRenewalNotAllowed
	ErrProductCodeInvalid
	ErrProductNotFoundInOrder
	ErrProductError
	ErrPriceStructureInvalid
	ErrPriceAmountInvalid
	ErrPriceTypeInvalid
	ErrPriceTypeBaseInvalid
	ErrPriceTypeDefaultInvalid
	ErrPriceTypeCustomInvalid
	ErrOrderProductInvalid
	ErrProductNameInvalid
	ErrItemsInvalid
	ErrIsDynamicInvalid
	ErrPurchaseTypeInvalid
	ErrTangibleInvalid
	ErrQuantityInvalid
	ErrOrderCurrencyInvalid
	ErrOrderCurrencyMismatch
	ErrOrderProductCurrencyInvalid
	ErrBillingDetailsInvalid
	ErrOrderPromotionInvalid
	ErrOrderCrossSellInvalid
	ErrOrderAdditionalFieldInvalid
	ErrInstallmentsNotAvailable
	ErrInstallmentsInvalid
	ErrOrderNotFound
	ErrAdditionalFieldNotFound
	ErrAdditionalFieldCodeInvalid
	ErrAdditionalFieldExists
	ErrAdditionalFieldInvalid
	ErrProductNotFound
	ErrProductCodeExists
	ErrProductInvalid
	ErrPromotionNotFound
	ErrPromotionInvalid
	ErrCampaignNotFound
	ErrCampaignInvalid
	ErrSubscriptionNotFound
	ErrRenewalPriceInvalid
	numErrIDs
)

// The numeric error codes.
const (
	codeParse          = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternal       = -32603
	// codeAuth is the login and session code (FORBIDDEN=10000 in the
	// vendor's client constants).
	codeAuth = 10000
	// codePayment and codeOrder are the vendor's PAYMENT_ERROR and
	// ORDER_ERROR constants.
	codePayment = 55200
	codeOrder   = 55201
	// codeRequest is invented: the reference documents no code for the
	// errors of the catalogue methods (unknown field, product, promotion,
	// campaign, subscription; an invalid object).
	codeRequest = 10400
)

// Entry is one row of the catalogue.
type Entry struct {
	ID ErrID
	// Code is the numeric error.code.
	Code int
	// ErrorCode is the string code, sent in error.data.error_code.
	ErrorCode string
	// Message is the text, verbatim where documented. A %s stands for the
	// product code, field name or reference the error is about.
	Message string
	// Invented entries are the sandbox's own where the vendor is silent.
	Invented bool
	// Meaning says when the entry is answered, for people (docs, TUI).
	Meaning string
}

// catalogue holds every entry, indexed by its ErrID.
var catalogue = [numErrIDs]Entry{
	{ErrParse, codeParse, "PARSE_ERROR", "Parse error", true,
		"The body is not JSON (JSON-RPC 2.0's text; the string code is invented)."},
	{ErrInvalidRequest, codeInvalidRequest, "INVALID_REQUEST", "Invalid Request", true,
		"Not a JSON-RPC request object: a batch, a missing or non-integer id, a jsonrpc other than \"2.0\" or \"6.0\", a method that is not a string, a body over 1 MiB, or an HTTP method other than POST."},
	{ErrMethodNotFound, codeMethodNotFound, "METHOD_NOT_FOUND", "Method not found", true,
		"The method is not one of the API's."},
	{ErrInvalidParams, codeInvalidParams, "INVALID_PARAMS", "Invalid params: %s", true,
		"params is not an array, has the wrong number of parameters, or a parameter (or a field inside one, where no vendor code exists) has the wrong JSON type or is out of its range."},
	{ErrInternal, codeInternal, "INTERNAL_ERROR", "Internal error", true,
		"The sandbox's store failed."},
	{ErrAuthenticationFailed, codeAuth, "AUTHENTICATION_FAILED", "Authentication failed", false,
		"login: unknown merchant, malformed or stale date, wrong hash, unknown algo, or MD5 refused by the merchant's setting."},
	{ErrForbidden, codeAuth, "FORBIDDEN", "Invalid hash provided or session expired", false,
		"The sessionID is unknown or expired (10 minutes after login)."},
	{ErrPaymentTypeInvalid, codePayment, "PAYMENT_TYPE_INVALID", "Invalid payment type. Accepted values: TEST and CC.", true,
		"PaymentDetails or its Type is missing, or Type is not TEST or CC."},
	{ErrPaymentCardInvalid, codePayment, "PAYMENT_CARD_INVALID", "Invalid card details.", true,
		"PaymentMethod is missing, or its card number (digits, Luhn), expiration, holder name or CCID is missing or malformed."},
	{ErrPayment3DSURLInvalid, codePayment, "PAYMENT_3DS_URL_INVALID", "Vendor3DSReturnURL and Vendor3DSCancelURL must be set to valid URLs for card payments.", true,
		"A card order on /rpc/6.0 lacks an absolute http(s) Vendor3DSReturnURL or Vendor3DSCancelURL."},
	{ErrPaymentDeclined, codePayment, "PAYMENT_DECLINED", "The payment was declined.", true,
		"The card is 4000 0000 0000 0002, or not one of the sandbox's test cards."},
	{ErrPaymentInsufficientFunds, codePayment, "PAYMENT_INSUFFICIENT_FUNDS", "The payment was declined: insufficient funds.", true,
		"The card is 4000 0000 0000 9995."},
	{ErrProductsEmpty, codeOrder, "ORDER_PRODUCTS_EMPTY", "No products have been provided.", false,
		"Items is missing or empty."},
	{ErrRenewalReferenceEmpty, codeOrder, "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_EMPTY", "Subscription reference cannot be empty.", false,
		"An item's RenewalInformation has an empty SubscriptionReference."},
	{ErrRenewalReferenceInvalid, codeOrder, "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_INVALID", "Subscription reference is invalid.", false,
		"The SubscriptionReference is not 10 upper-case letters or digits, or the subscription is of another product than the item's Code."},
	{ErrRenewalReferenceNotFound, codeOrder, "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_NOT_FOUND", "Subscription reference is invalid.", false,
		"No subscription of the merchant has that reference."},
	{ErrRenewalPeriodInvalid, codeOrder, "ORDER_PRODUCT_RENEWAL_PERIOD_INVALID", "The renewal period is invalid.", false,
		"Documented; the sandbox takes no renewal period, so it never answers it."},
	{ErrRenewalNotAllowed, codeOrder, "ORDER_PRODUCTS_RENEWAL_NOT_ALLOWED", "Renewal is not allowed with multiple products.", false,
		"A renewal item is sent with other items."},
	{ErrProductCodeInvalid, codeOrder, "ORDER_PRODUCT_CODE_INVALID", "Invalid product code.", false,
		"A catalogue item (IsDynamic false) has no Code, or an empty one."},
	{ErrProductNotFoundInOrder, codeOrder, "ORDER_PRODUCT_CODE_INVALID", "Requested product [%s] was not found.", false,
		"A catalogue item's Code is not a product of the merchant."},
	{ErrProductError, codeOrder, "PRODUCT_ERROR", "Invalid product id.", false,
		"Documented; the sandbox addresses products by code only, so it never answers it."},
	{ErrPriceStructureInvalid, codeOrder, "ORDER_PRODUCT_PRICE_STRUCTURE_INVALID", "The price structure is not valid.", false,
		"An item's Price is not an object, or a dynamic item has no Price."},
	{ErrPriceAmountInvalid, codeOrder, "ORDER_PRODUCT_PRICE_AMOUNT_INVALID", "The price amount is not valid.", false,
		"Price.Amount is not a number, is negative or has more than 2 decimals, or COUPON items exceed the order."},
	{ErrPriceTypeInvalid, codeOrder, "ORDER_PRODUCT_PRICE_TYPE_INVALID", "The price type is not valid", false,
		"Price.Type is not BASE, DEFAULT or CUSTOM, a dynamic item's is not CUSTOM, or PriceType is not NET or GROSS."},
	{ErrPriceTypeBaseInvalid, codeOrder, "ORDER_PRODUCT_PRICE_TYPE_BASE_INVALID", "The price amount does not need to be set on the base price flow.", false,
		"Price.Type BASE with an Amount."},
	{ErrPriceTypeDefaultInvalid, codeOrder, "ORDER_PRODUCT_PRICE_TYPE_DEFAULT_INVALID", "The price amount does not need to be set on the default price flow.", false,
		"Price.Type DEFAULT with an Amount."},
	{ErrPriceTypeCustomInvalid, codeOrder, "ORDER_PRODUCT_PRICE_TYPE_CUSTOM_INVALID", "The price amount is mandatory to be set on the custom price flow.", false,
		"Price.Type CUSTOM without an Amount."},
	{ErrOrderProductInvalid, codeOrder, "ORDER_PRODUCT_INVALID", "Internal product validation error.", false,
		"A catalogue item's product is disabled."},
	{ErrProductNameInvalid, codeOrder, "ORDER_PRODUCT_NAME_INVALID", "Name is mandatory when you set IsDynamic to TRUE.", false,
		"A dynamic item has no Name."},
	{ErrItemsInvalid, codeOrder, "ORDER_ITEMS_INVALID", "Invalid items. You cannot mix dynamic and catalog products.", false,
		"Dynamic and catalogue items in one order."},
	{ErrIsDynamicInvalid, codeOrder, "ORDER_PRODUCT_IS_DYNAMIC_INVALID", "Invalid IsDynamic value. Use: TRUE or FALSE.", false,
		"IsDynamic is not a boolean."},
	{ErrPurchaseTypeInvalid, codeOrder, "ORDER_PRODUCT_PURCHASE_TYPE_INVALID", "Invalid product purchase type. Accepted values: PRODUCT, SHIPPING, COUPON and TAX.", false,
		"PurchaseType is not a string among PRODUCT, SHIPPING, COUPON and TAX."},
	{ErrTangibleInvalid, codeOrder, "ORDER_PRODUCT_TANGIBLE_INVALID", "Invalid Tangible value. Use: TRUE or FALSE.", false,
		"Tangible is not a boolean."},
	{ErrQuantityInvalid, codeOrder, "ORDER_ITEMS_QUANTITY_INVALID", "Item quantity must be between 1 and 99999.", false,
		"Quantity is missing, not an integer, outside 1…99999, or above 1 for a product that does not sell multiple units."},
	{ErrOrderCurrencyInvalid, codeOrder, "ORDER_CURRENCY_INVALID", "Invalid currency.", true,
		"Currency is missing or not an ISO 4217 code."},
	{ErrOrderCurrencyMismatch, codeOrder, "ORDER_CURRENCY_MISMATCH", "The order currency must be the same as the payment currency.", true,
		"PaymentDetails.Currency differs from Currency."},
	{ErrOrderProductCurrencyInvalid, codeOrder, "ORDER_PRODUCT_CURRENCY_INVALID", "Product [%s] has no price in the order currency.", true,
		"A catalogue item's product has no regular (or, for a renewal, renewal) price in the currency for its quantity."},
	{ErrBillingDetailsInvalid, codeOrder, "ORDER_BILLING_DETAILS_INVALID", "Invalid billing details: %s.", true,
		"BillingDetails is missing, a required field (FirstName, LastName, Email, CountryCode, Address1, City, Zip; Phone and FiscalCode with installments) is empty, Email is not an address or CountryCode not ISO 3166-1."},
	{ErrOrderPromotionInvalid, codeOrder, "ORDER_PROMOTION_INVALID", "Invalid promotion code [%s].", true,
		"A coupon in Promotions belongs to no enabled, current, unexhausted promotion, or a single-use code was used."},
	{ErrOrderCrossSellInvalid, codeOrder, "ORDER_CROSS_SELL_INVALID", "Invalid cross-sell campaign [%s].", true,
		"An item's CrossSell names an unknown or inactive campaign, a product it does not recommend, or a ParentCode that is not a master product in the cart."},
	{ErrOrderAdditionalFieldInvalid, codeOrder, "ORDER_ADDITIONAL_FIELD_INVALID", "Invalid additional field [%s].", true,
		"An additional field value names an unknown field or one of the wrong kind (ORDER for the order, assigned to the product for an item), has a value outside the field's values or rule, or a required product field is missing."},
	{ErrInstallmentsNotAvailable, codeOrder, "ORDER_INSTALLMENTS_NOT_AVAILABLE", "Installments are available only for Brazilian shoppers paying in BRL with local Visa, MasterCard or AMEX cards, for non-recurring purchases.", true,
		"getInstallments, or placeOrder with InstallmentsNumber, on a cart that is not BR/BRL, renews a subscription, or pays with another card type."},
	{ErrInstallmentsInvalid, codeOrder, "ORDER_INSTALLMENTS_INVALID", "Invalid number of installments.", true,
		"InstallmentsNumber is not among getInstallments' options."},
	{ErrOrderNotFound, codeRequest, "ORDER_NOT_FOUND", "Order [%s] was not found.", true,
		"getOrder: no order of the merchant has that reference."},
	{ErrAdditionalFieldNotFound, codeRequest, "ADDITIONAL_FIELD_NOT_FOUND", "Additional field [%s] was not found.", true,
		"No additional field of the account has that code, or it is not assigned to the product."},
	{ErrAdditionalFieldCodeInvalid, codeRequest, "ADDITIONAL_FIELD_CODE_INVALID", "The additional field code may hold only letters, digits, _ and -.", true,
		"The Code is empty or holds other characters."},
	{ErrAdditionalFieldExists, codeRequest, "ADDITIONAL_FIELD_EXISTS", "An additional field with the code [%s] already exists.", true,
		"addAdditionalField with a code in use."},
	{ErrAdditionalFieldInvalid, codeRequest, "ADDITIONAL_FIELD_INVALID", "Invalid additional field: %s.", true,
		"A field of the AdditionalField object is missing, of the wrong type or out of its values; or an ORDER field is assigned to a product."},
	{ErrProductNotFound, codeRequest, "PRODUCT_NOT_FOUND", "Product [%s] was not found.", true,
		"No product of the account has that code."},
	{ErrProductCodeExists, codeRequest, "PRODUCT_CODE_EXISTS", "A product with the code [%s] already exists.", true,
		"addProduct with a code in use."},
	{ErrProductInvalid, codeRequest, "PRODUCT_INVALID", "Invalid product: %s.", true,
		"A field of the Product object is missing, of the wrong type or out of its values."},
	{ErrPromotionNotFound, codeRequest, "PROMOTION_NOT_FOUND", "Promotion [%s] was not found.", true,
		"No promotion of the account has that code."},
	{ErrPromotionInvalid, codeRequest, "PROMOTION_INVALID", "Invalid promotion: %s.", true,
		"A field of the Promotion, coupon or discount object is missing, of the wrong type or out of its values; or a coupon code is used by another promotion."},
	{ErrCampaignNotFound, codeRequest, "CROSS_SELL_CAMPAIGN_NOT_FOUND", "Cross-sell campaign [%s] was not found.", true,
		"No cross-sell campaign of the account has that code."},
	{ErrCampaignInvalid, codeRequest, "CROSS_SELL_CAMPAIGN_INVALID", "Invalid cross-sell campaign: %s.", true,
		"A field of the CrossSellCampaign object is missing, of the wrong type or out of its values."},
	{ErrSubscriptionNotFound, codeRequest, "SUBSCRIPTION_NOT_FOUND", "Subscription [%s] was not found.", true,
		"No subscription of the account has that reference."},
	{ErrRenewalPriceInvalid, codeRequest, "RENEWAL_PRICE_INVALID", "Invalid renewal price: %s.", true,
		"setCustomRenewalPrice or getNextRenewalPrice: Price negative or with more than 2 decimals, Cycles below 1, or a currency that is not ISO 4217 or that the product does not renew in."},
}

// Unanswered are the documented entries the sandbox never answers: the
// cases they name are not modelled (a renewal period, products by id).
var Unanswered = map[ErrID]bool{ErrRenewalPeriodInvalid: true, ErrProductError: true}

// Catalogue returns every entry, in ErrID order.
func Catalogue() []Entry { return catalogue[:] }

// Lookup returns the entry of an ErrID.
func Lookup(id ErrID) Entry { return catalogue[id] }

// Error is an error answer: a catalogue entry, its formatted message, and a
// diagnostic for the sandbox's hint (never sent in the body).
type Error struct {
	ID      ErrID
	Message string
	// Hint explains the error to the integrator through Deps.Hint.
	Hint string
}

// Error returns the string code and the message.
func (e *Error) Error() string { return catalogue[e.ID].ErrorCode + ": " + e.Message }

// fail returns the error of an entry; args fill the message's %s.
func fail(id ErrID, args ...any) *Error {
	msg := catalogue[id].Message
	if strings.Contains(msg, "%") {
		msg = fmt.Sprintf(msg, args...)
	}
	return &Error{ID: id, Message: msg}
}

// hint adds a sandbox diagnostic to the error.
func (e *Error) hint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// object is the error member of the answer.
func (e *Error) object() *ErrorObject {
	entry := catalogue[e.ID]
	return &ErrorObject{Code: entry.Code, Message: e.Message, Data: ErrorData{ErrorCode: entry.ErrorCode}}
}
