package solifyn

import (
	"net/http"

	"github.com/flashcart/flashcart/sandbox/schema"
)

// The field tables of the request bodies. Fields are in the order the
// spec's DTOs declare them, which is the order the validator reports them
// in. Doc holds the seed guide's words where it describes the field, the
// reference's otherwise. The validator (validate.go) reads every rule from
// here: Required, Type, Format "email", MaxLength and Minimum.

// quantityField is the quantity of a checkout: an integer of at least 1.
// The spec types it "number" (and "object" in the link DTOs); DESIGN
// decision 4 makes it an integer.
func quantityField(doc string) *schema.Field {
	return &schema.Field{Name: "quantity", Type: schema.Integer, Minimum: schema.Bound(1), Default: "1", Doc: doc}
}

// CreateBody is the body of POST /v1/checkout/create (CreateCheckoutDto).
var CreateBody = &schema.Body{
	Name: "CreateCheckoutDto", Method: http.MethodPost, Path: PathCreate,
	Doc: "Create a checkout session for a single product.",
	Fields: []*schema.Field{
		{Name: "productId", Type: schema.String, Required: true, Doc: "The product identifier."},
		{Name: "currency", Type: schema.String, Format: "iso4217",
			Doc: "Three-letter ISO currency code, lower case; the product's currency when absent."},
		quantityField("The quantity of items to buy (defaults to 1)."),
		{Name: "discountCode", Type: schema.String, Doc: "A discount code to apply to the checkout session."},
		{Name: "customPrice", Type: schema.Number,
			Doc: "The custom price paid by the customer (for Pay What You Want products)."},
		{Name: "customerEmail", Type: schema.String, Format: "email", Doc: "The email address of the customer to prefill."},
		{Name: "checkoutData", Type: schema.Object, Doc: "Custom JSON metadata or details associated with this session."},
		{Name: "customFields", Type: schema.Object, Doc: "Custom form field questions required for the purchase."},
		{Name: "aff", Type: schema.String, Doc: "Affiliate partner tracking code."},
		{Name: "checkoutId", Type: schema.String, Doc: "An existing checkout id to validate and update."},
	},
}

// CollectionCreateBody is the body of POST /v1/checkout/collection/create
// (CreateCollectionCheckoutDto).
var CollectionCreateBody = &schema.Body{
	Name: "CreateCollectionCheckoutDto", Method: http.MethodPost, Path: PathCollectionCreate,
	Doc: "Create a checkout session for a product bundle/collection.",
	Fields: []*schema.Field{
		{Name: "collectionId", Type: schema.String, Required: true, Doc: "The database ID of the collection to bundle."},
		quantityField("Quantity of collections to buy (defaults to 1)."),
		{Name: "discountCode", Type: schema.String, Doc: "Discount code to apply."},
		{Name: "aff", Type: schema.String, Doc: "Affiliate tracking code."},
		{Name: "customFields", Type: schema.Object, Doc: "Custom text fields / selected addons."},
	},
}

// linkFields are the fields of both checkout-link bodies; productRequired says
// whether productId is required.
func linkFields(productRequired bool) []*schema.Field {
	str := func(name string, max int, doc string) *schema.Field {
		return &schema.Field{Name: name, Type: schema.String, MaxLength: max, Doc: doc}
	}
	product := str("productId", 50, "The product to sell.")
	product.Required = productRequired
	return []*schema.Field{
		str("title", 100, "The display title of the checkout link."),
		product,
		str("collectionId", 50, "A collection to sell."),
		str("customerName", 100, "Customer name pre-filled on the checkout."),
		str("customerEmail", 255, "Customer email pre-filled on the checkout."),
		str("addressLine1", 255, "Billing address line 1 pre-filled on the checkout."),
		str("city", 100, "Billing city pre-filled on the checkout."),
		str("state", 100, "Billing state pre-filled on the checkout."),
		str("postalCode", 20, "Billing postal code pre-filled on the checkout."),
		str("country", 10, "Billing country (2-letter ISO) pre-filled on the checkout."),
		quantityField("Quantity for the checkout session (typed \"object\" in the spec, example 1)."),
		str("redirectUrl", 2048, "Absolute URL to redirect to after a successful payment."),
		str("cancelUrl", 2048, "Absolute URL to redirect to when the customer cancels."),
		{Name: "showDiscounts", Type: schema.Boolean, Default: "true", Doc: "Whether the checkout shows the discount code input."},
	}
}

// LinkCreateBody is the body of POST /v1/checkout-links
// (CreateCheckoutLinkDto).
var LinkCreateBody = &schema.Body{
	Name: "CreateCheckoutLinkDto", Method: http.MethodPost, Path: PathCheckoutLinks,
	Doc: "Create a checkout link.", Fields: linkFields(true),
}

// LinkUpdateBody is the body of PATCH /v1/checkout-links/{id}
// (UpdateCheckoutLinkDto).
var LinkUpdateBody = &schema.Body{
	Name: "UpdateCheckoutLinkDto", Method: http.MethodPatch, Path: PathCheckoutLink,
	Doc: "Update a checkout link; absent fields keep their value.", Fields: linkFields(false),
}

// Bodies lists every request body's table.
var Bodies = []*schema.Body{CreateBody, CollectionCreateBody, LinkCreateBody, LinkUpdateBody}
