package solifyn

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// The vendor's hosts.
const (
	// APIHost is the live API (reference section 2).
	APIHost = "api.solifyn.com"
	// SandboxAPIHost is the test API, the environment the sandbox is.
	SandboxAPIHost = "sandbox-api.solifyn.com"
	// CheckoutHost serves the hosted checkout pages of checkout_url.
	CheckoutHost = "solifyn.com"
)

// Hosts lists every host of the vendor, so a request to any of them is
// answered as Solifyn answers.
var Hosts = []string{SandboxAPIHost, APIHost, CheckoutHost}

// The vendor's paths; {id} stands for a path parameter (see Path).
const (
	PathCreate           = "/v1/checkout/create"
	PathCollectionCreate = "/v1/checkout/collection/create"
	// PathGuideCreate and PathGuideCollectionCreate are the seed guide's
	// unversioned paths, the same routes (DESIGN decision 1).
	PathGuideCreate           = "/checkout/create"
	PathGuideCollectionCreate = "/checkout/collection/create"
	// PathSession takes a session's id or its session_id.
	PathSession             = "/v1/checkout/session/{id}"
	PathSupportedCurrencies = "/v1/checkout/supported-currencies"
	PathProducts            = "/v1/products"
	PathProduct             = "/v1/products/{id}"
	PathCollections         = "/v1/collections"
	PathCollection          = "/v1/collections/{id}"
	PathDiscounts           = "/v1/discounts"
	PathDiscountValidate    = "/v1/discounts/validate"
	PathDiscount            = "/v1/discounts/{id}"
	PathCheckoutLinks       = "/v1/checkout-links"
	PathCheckoutLink        = "/v1/checkout-links/{id}"
	// PathHostedCheckout is the checkout page of checkout_url, on the
	// checkout host; {id} is the product's or collection's id.
	PathHostedCheckout = "/checkout/test/{id}"
)

// Path fills the {id} of a path template.
func Path(template, id string) string { return strings.Replace(template, "{id}", id, 1) }

// CheckoutIDOf returns the session id a checkout_url names (its
// checkout_id), or ref itself when it is an id or session_id.
func CheckoutIDOf(ref string) string {
	if u, err := url.Parse(ref); err == nil && u.Query().Has("checkout_id") {
		return u.Query().Get("checkout_id")
	}
	return ref
}

// The request and webhook header names.
const (
	// HeaderAuthorization carries "Bearer <API key>".
	HeaderAuthorization = "Authorization"
	// The Standard Webhooks headers of every delivery.
	HeaderWebhookID        = "webhook-id"
	HeaderWebhookTimestamp = "webhook-timestamp"
	HeaderWebhookSignature = "webhook-signature"
	// The same values under Svix's own names, sent as well.
	HeaderSvixID        = "svix-id"
	HeaderSvixTimestamp = "svix-timestamp"
	HeaderSvixSignature = "svix-signature"
)

// The session statuses.
const (
	StatusPending = "pending"
	StatusPaid    = "paid"
	StatusFailed  = "failed"
	StatusExpired = "expired"
)

// The webhook events the sandbox sends.
const (
	EventPaymentCreated   = "payment.created"
	EventPaymentSucceeded = "payment.succeeded"
	EventPaymentFailed    = "payment.failed"
)

// Time is an instant written as JavaScript's toISOString writes it:
// "2026-05-18T12:00:00.000Z".
type Time struct{ time.Time }

// TimeFormat is the layout of Time.
const TimeFormat = "2006-01-02T15:04:05.000Z"

// At wraps an instant as a Time.
func At(t time.Time) Time { return Time{t.UTC()} }

// MarshalJSON writes the instant in UTC with milliseconds.
func (t Time) MarshalJSON() ([]byte, error) { return json.Marshal(t.UTC().Format(TimeFormat)) }

// UnmarshalJSON reads an RFC 3339 instant.
func (t *Time) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("solifyn: time: %w", err)
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("solifyn: time: %w", err)
	}
	t.Time = v.UTC()
	return nil
}

// CreateCheckoutRequest is the body of POST /v1/checkout/create
// (CreateCheckoutDto); only ProductID is required.
type CreateCheckoutRequest struct {
	ProductID     string         `json:"productId"`
	Currency      string         `json:"currency,omitempty"`
	Quantity      *int64         `json:"quantity,omitempty"`
	DiscountCode  string         `json:"discountCode,omitempty"`
	CustomPrice   *Major         `json:"customPrice,omitempty"`
	CustomerEmail string         `json:"customerEmail,omitempty"`
	CheckoutData  map[string]any `json:"checkoutData,omitempty"`
	CustomFields  map[string]any `json:"customFields,omitempty"`
	Aff           string         `json:"aff,omitempty"`
	CheckoutID    string         `json:"checkoutId,omitempty"`
}

// CreateCollectionCheckoutRequest is the body of POST
// /v1/checkout/collection/create (CreateCollectionCheckoutDto).
type CreateCollectionCheckoutRequest struct {
	CollectionID string         `json:"collectionId"`
	Quantity     *int64         `json:"quantity,omitempty"`
	DiscountCode string         `json:"discountCode,omitempty"`
	Aff          string         `json:"aff,omitempty"`
	CustomFields map[string]any `json:"customFields,omitempty"`
}

// CheckoutResponse is the 201 body of both checkout creations
// (CheckoutResponseDto).
type CheckoutResponse struct {
	ID          string `json:"id"`
	SessionID   string `json:"session_id"`
	CheckoutURL string `json:"checkout_url"`
}

// CheckoutSessionDetails is the body of GET /v1/checkout/session/{id}
// (CheckoutSessionDetailsDto).
type CheckoutSessionDetails struct {
	ID string `json:"id"`
	// Price is the session's total in major units.
	Price Major `json:"price"`
	// Currency is upper case ("USD").
	Currency          string            `json:"currency"`
	StoreName         string            `json:"storeName"`
	Status            string            `json:"status"`
	BillingAddress    Address           `json:"billingAddress"`
	CustomFields      json.RawMessage   `json:"customFields"`
	SessionID         string            `json:"session_id,omitempty"`
	PaymentID         string            `json:"paymentId,omitempty"`
	CheckoutURL       string            `json:"checkoutUrl,omitempty"`
	Product           *Product          `json:"product"`
	EntitlementGrants []json.RawMessage `json:"entitlementGrants"`
}

// Address is a billing address, as the payment webhook writes it.
type Address struct {
	Name       string `json:"name,omitempty"`
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	Country    string `json:"country,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
}

// IsZero reports whether no part of the address is set.
func (a Address) IsZero() bool { return a == Address{} }

// SupportedCurrency is one element of GET /v1/checkout/supported-currencies.
type SupportedCurrency struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Product is the vendor's product object, every field of the spec's
// Product with its nullability.
type Product struct {
	ID                   string               `json:"id"`
	Name                 string               `json:"name"`
	Price                Major                `json:"price"`
	Currency             string               `json:"currency"`
	Description          *string              `json:"description"`
	Status               string               `json:"status"`
	ImageURL             *string              `json:"imageUrl"`
	TaxCategory          string               `json:"taxCategory"`
	PricingType          string               `json:"pricingType"`
	Discount             *Major               `json:"discount"`
	HasLicenseKey        bool                 `json:"hasLicenseKey"`
	HasDigitalDelivery   bool                 `json:"hasDigitalDelivery"`
	HasGithubAccess      bool                 `json:"hasGithubAccess"`
	GithubRepo           *string              `json:"githubRepo"`
	GithubPermission     *string              `json:"githubPermission"`
	HasDiscordAccess     bool                 `json:"hasDiscordAccess"`
	DiscordGuildID       *string              `json:"discordGuildId"`
	DiscordRoleID        *string              `json:"discordRoleId"`
	IsTaxInclusive       bool                 `json:"isTaxInclusive"`
	BillingPeriod        *int64               `json:"billingPeriod"`
	TrialPeriodDays      *int64               `json:"trialPeriodDays"`
	ExpirationDays       *int64               `json:"expirationDays"`
	StatementDescriptor  *string              `json:"statementDescriptor"`
	PayWhatYouWant       bool                 `json:"payWhatYouWant"`
	Metadata             map[string]string    `json:"metadata"`
	CustomFields         []ProductCustomField `json:"customFields"`
	Stock                *int64               `json:"stock"`
	ActivationLimit      int64                `json:"activationLimit"`
	IsListed             bool                 `json:"isListed"`
	IsFree               bool                 `json:"isFree"`
	CreatedAt            Time                 `json:"createdAt"`
	UpdatedAt            Time                 `json:"updatedAt"`
	IsPermanentlyDeleted bool                 `json:"isPermanentlyDeleted"`
	BrandID              *string              `json:"brandId"`
	DigitalLink          *string              `json:"digitalLink"`
	Instructions         *string              `json:"instructions"`
	ActivationMessage    *string              `json:"activationMessage"`
	ExpiryHours          *int64               `json:"expiryHours"`
	BusinessID           string               `json:"businessId"`
}

// ProductCustomField is a question of a product's checkout.
type ProductCustomField struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Order       int    `json:"order"`
	Required    bool   `json:"required"`
	FieldType   string `json:"field_type"`
	Placeholder string `json:"placeholder"`
}

// ProductList is the body of GET /v1/products.
type ProductList struct {
	Items      []Product  `json:"items"`
	Pagination Pagination `json:"pagination"`
}

// Pagination is the page information of the products list.
type Pagination struct {
	TotalCount int `json:"total_count"`
	MaxPage    int `json:"max_page"`
}

// CollectionHeader is what a collection's bodies hold besides its
// products.
type CollectionHeader struct {
	ID                   string  `json:"id"`
	Name                 string  `json:"name"`
	Description          *string `json:"description"`
	ImageURL             *string `json:"imageUrl"`
	Status               string  `json:"status"`
	BusinessID           string  `json:"businessId"`
	IsPermanentlyDeleted bool    `json:"isPermanentlyDeleted"`
	CreatedAt            Time    `json:"createdAt"`
	UpdatedAt            Time    `json:"updatedAt"`
}

// Collection is an element of GET /v1/collections (CollectionResponseDto).
type Collection struct {
	CollectionHeader
	Products []CollectionProductRef `json:"products"`
}

// CollectionProductRef is a product of a collection by id.
type CollectionProductRef struct {
	ID       string `json:"id"`
	Quantity int64  `json:"quantity"`
}

// CollectionDetail is the body of GET /v1/collections/{id}
// (CollectionDetailResponseDto), with every product in full.
type CollectionDetail struct {
	CollectionHeader
	Products []CollectionProduct `json:"products"`
}

// CollectionProduct is a product of a collection with its quantity.
type CollectionProduct struct {
	Product
	Quantity int64 `json:"quantity"`
}

// Discount is the vendor's discount object.
type Discount struct {
	ID         string `json:"id"`
	DiscountID string `json:"discount_id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	// Amount is in basis points for a percentage (1000 = 10.00 %) and in
	// cents for a fixed amount.
	Amount     int64  `json:"amount"`
	UsageLimit *int64 `json:"usageLimit"`
	TimesUsed  int64  `json:"timesUsed"`
	ExpiresAt  *Time  `json:"expiresAt"`
	// Status is active or expired.
	Status     string `json:"status"`
	BusinessID string `json:"businessId"`
	CreatedAt  Time   `json:"createdAt"`
	UpdatedAt  Time   `json:"updatedAt"`
}

// DiscountList is the body of GET /v1/discounts.
type DiscountList struct {
	Items      []Discount         `json:"items"`
	Total      int                `json:"total"`
	TotalCount int                `json:"total_count"`
	Pagination DiscountPagination `json:"pagination"`
}

// DiscountPagination is the page information of the discounts list.
type DiscountPagination struct {
	Total      int `json:"total"`
	TotalCount int `json:"total_count"`
	MaxPage    int `json:"max_page"`
}

// CheckoutLink is the vendor's checkout link (CheckoutLinkResponseDto).
type CheckoutLink struct {
	ID            string  `json:"id"`
	Title         *string `json:"title"`
	ProductID     *string `json:"productId"`
	CollectionID  *string `json:"collectionId"`
	CustomerName  *string `json:"customerName"`
	CustomerEmail *string `json:"customerEmail"`
	AddressLine1  *string `json:"addressLine1"`
	City          *string `json:"city"`
	State         *string `json:"state"`
	PostalCode    *string `json:"postalCode"`
	Country       *string `json:"country"`
	Quantity      int64   `json:"quantity"`
	RedirectURL   *string `json:"redirectUrl"`
	CancelURL     *string `json:"cancelUrl"`
	ShowDiscounts bool    `json:"showDiscounts"`
	CreatedAt     Time    `json:"createdAt"`
	UpdatedAt     Time    `json:"updatedAt"`
}

// CheckoutLinkRequest is the body of POST /v1/checkout-links
// (CreateCheckoutLinkDto, ProductID required) and of PATCH
// /v1/checkout-links/{id} (UpdateCheckoutLinkDto, every field optional).
type CheckoutLinkRequest struct {
	Title         string `json:"title,omitempty"`
	ProductID     string `json:"productId,omitempty"`
	CollectionID  string `json:"collectionId,omitempty"`
	CustomerName  string `json:"customerName,omitempty"`
	CustomerEmail string `json:"customerEmail,omitempty"`
	AddressLine1  string `json:"addressLine1,omitempty"`
	City          string `json:"city,omitempty"`
	State         string `json:"state,omitempty"`
	PostalCode    string `json:"postalCode,omitempty"`
	Country       string `json:"country,omitempty"`
	Quantity      *int64 `json:"quantity,omitempty"`
	RedirectURL   string `json:"redirectUrl,omitempty"`
	CancelURL     string `json:"cancelUrl,omitempty"`
	ShowDiscounts *bool  `json:"showDiscounts,omitempty"`
}

// CheckoutLinkMessage is the body of a checkout link's update and delete
// (CheckoutLinkMessageResponseDto).
type CheckoutLinkMessage struct {
	Message string `json:"message"`
}

// Order is a payment (the spec's Order), the body of payment.succeeded
// and payment.failed. Amounts are integer cents.
type Order struct {
	ID              string             `json:"id"`
	InvoiceURL      string             `json:"invoice_url"`
	Customer        OrderCustomer      `json:"customer"`
	TotalAmount     int64              `json:"total_amount"`
	Subtotal        int64              `json:"subtotal"`
	USDTotal        *Major             `json:"usdTotal,omitempty"`
	TaxAmount       int64              `json:"tax_amount"`
	ApplicationFee  int64              `json:"application_fee"`
	AmountAfterFees int64              `json:"amount_after_fees"`
	Currency        string             `json:"currency"`
	Status          string             `json:"status"`
	CreatedAt       Time               `json:"created_at"`
	PaidAt          *Time              `json:"paidAt,omitempty"`
	PaymentMethod   string             `json:"payment_method"`
	CardLastFour    string             `json:"card_last_four,omitempty"`
	CardNetwork     string             `json:"card_network,omitempty"`
	CardType        string             `json:"card_type,omitempty"`
	Billing         *OrderBilling      `json:"billing,omitempty"`
	ProductCart     []OrderProductCart `json:"product_cart"`
	Metadata        json.RawMessage    `json:"metadata,omitempty"`
	Refundable      bool               `json:"refundable"`
	Refunds         []json.RawMessage  `json:"refunds"`
	BusinessID      string             `json:"businessId"`
	BusinessName    string             `json:"businessName"`
	BillingReason   string             `json:"billing_reason,omitempty"`
}

// OrderCustomer is the customer of an order.
type OrderCustomer struct {
	CustomerID string `json:"customer_id"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Username   string `json:"username,omitempty"`
}

// OrderBilling is an order's billing address.
type OrderBilling struct {
	Street  string `json:"street,omitempty"`
	City    string `json:"city,omitempty"`
	State   string `json:"state,omitempty"`
	Zipcode string `json:"zipcode,omitempty"`
	Country string `json:"country,omitempty"`
}

// OrderProductCart is one line of an order; Price is per unit, in cents.
type OrderProductCart struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Quantity    int64  `json:"quantity"`
	Price       int64  `json:"price"`
	PricingType string `json:"pricingType,omitempty"`
}

// WebhookPaymentPayload is the body of payment.created. Money is written
// as strings with two decimals ("29.00"); nullable fields the sandbox has
// no value for are null.
type WebhookPaymentPayload struct {
	ID                     string            `json:"id"`
	Status                 string            `json:"status"`
	Substatus              *string           `json:"substatus"`
	CustomerID             *string           `json:"customerId"`
	CustomerEmail          *string           `json:"customerEmail"`
	CustomerName           *string           `json:"customerName"`
	CustomerUsername       *string           `json:"customerUsername"`
	ProductTitle           *string           `json:"productTitle"`
	ProductRoute           *string           `json:"productRoute"`
	PlanID                 *string           `json:"planId"`
	MembershipID           *string           `json:"membershipId"`
	MembershipStatus       *string           `json:"membershipStatus"`
	BillingReason          *string           `json:"billingReason"`
	Amount                 *string           `json:"amount"`
	Subtotal               *string           `json:"subtotal"`
	USDTotal               *string           `json:"usdTotal"`
	FeeAmount              *string           `json:"feeAmount"`
	AmountAfterFees        *string           `json:"amountAfterFees"`
	TaxAmount              *string           `json:"taxAmount"`
	TaxBehavior            *string           `json:"taxBehavior"`
	TaxRefundedAmount      *string           `json:"taxRefundedAmount"`
	RefundedAmount         string            `json:"refundedAmount"`
	SettlementAmount       *string           `json:"settlementAmount"`
	SettlementCurrency     *string           `json:"settlementCurrency"`
	SettlementExchangeRate *string           `json:"settlementExchangeRate"`
	Currency               string            `json:"currency"`
	Refundable             bool              `json:"refundable"`
	Retryable              bool              `json:"retryable"`
	AutoRefunded           bool              `json:"autoRefunded"`
	PaymentMethod          *string           `json:"paymentMethod"`
	CardBrand              *string           `json:"cardBrand"`
	CardLast4              *string           `json:"cardLast4"`
	CardExpMonth           *int              `json:"cardExpMonth"`
	CardExpYear            *int              `json:"cardExpYear"`
	BillingAddress         *Address          `json:"billingAddress"`
	LicenseKey             *string           `json:"licenseKey"`
	FilesSnapshot          []json.RawMessage `json:"filesSnapshot"`
	CheckoutID             *string           `json:"checkoutId"`
	DiscountCode           *string           `json:"discountCode"`
	FailureMessage         *string           `json:"failureMessage"`
	PaidAt                 *Time             `json:"paidAt"`
	RefundedAt             *Time             `json:"refundedAt"`
	DisputeAlertedAt       *Time             `json:"disputeAlertedAt"`
	LastPaymentAttempt     *Time             `json:"lastPaymentAttempt"`
	NextPaymentAttempt     *Time             `json:"nextPaymentAttempt"`
	CreatedAt              Time              `json:"createdAt"`
	UpdatedAt              Time              `json:"updatedAt"`
	PaymentEventType       *string           `json:"paymentEventType"`
	LastEventType          *string           `json:"lastEventType"`
	BusinessID             string            `json:"businessId"`
}

// ErrorBody is NestJS's body of an HttpException with one message.
type ErrorBody struct {
	Message    string `json:"message"`
	Error      string `json:"error,omitempty"`
	StatusCode int    `json:"statusCode"`
}

// ValidationErrorBody is NestJS's ValidationPipe body: every message.
type ValidationErrorBody struct {
	Message    []string `json:"message"`
	Error      string   `json:"error"`
	StatusCode int      `json:"statusCode"`
}

// InternalErrorBody is NestJS's body of an unexpected failure, which puts
// statusCode first.
type InternalErrorBody struct {
	StatusCode int    `json:"statusCode"`
	Message    string `json:"message"`
}
